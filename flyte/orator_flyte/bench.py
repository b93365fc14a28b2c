"""`scripts/bench-flyte`: the same script through `orator create` and through the local Flyte
workflow, in one run. Prints the ratio Flyte wall / CLI wall, each task's share of the Flyte
run (from the run's own stage records), and checks that both videos have the same frames.

  scripts/bench-flyte [--minutes 2] [--avatar builtin|photo|PATH] [--size 512] [--chunk-seconds 30]
                      [--preprocess crop|extcrop|resize|full] [--episode SCRIPT] [--json OUT.json]

Each side starts from an empty cache (CLI: --no-cache; Flyte: a fresh HOME and work folder).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from orator_flyte.binary import REPOSITORY, find_orator

SCRIPT = REPOSITORY / "Benchmarks" / "episode-12s.txt"


def long_script(path: Path, minutes: float) -> None:
    """The benchmark episode (16.2 s as spoken, with its pauses) repeated to about `minutes`."""
    body = "\n".join(line for line in SCRIPT.read_text().splitlines() if not line.startswith("#"))
    path.write_text("# Flyte benchmark\n\n" + "\n\n".join([body] * max(1, round(minutes * 60 / 16.2))) + "\n")


def portrait() -> str:
    folder = subprocess.run([str(REPOSITORY / "scripts" / "fetch-fixtures")], check=True, capture_output=True,
                            text=True).stdout.strip()
    return str(Path(folder) / "astronaut.png")


def framemd5(path: Path) -> str:
    return subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-f", "framemd5", "-"], check=True,
                          capture_output=True, text=True).stdout.split("\n", 1)[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=2.0)
    parser.add_argument("--avatar", default="builtin", help="builtin, photo (the NASA astronaut) or a path")
    parser.add_argument("--size", default="512")
    parser.add_argument("--chunk-seconds", type=float, default=30.0)
    parser.add_argument("--preprocess", choices=["crop", "extcrop", "resize", "full"], help="photo framing (default crop)")
    parser.add_argument("--episode", help="an episode script (speakers, music) to run through the episode workflow instead")
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args(argv)
    orator = find_orator()
    avatar = portrait() if args.avatar == "photo" else args.avatar
    framing = ["--preprocess", args.preprocess] if args.preprocess else []
    with tempfile.TemporaryDirectory(prefix="orator-bench-flyte-") as scratch:
        work = Path(scratch)
        script = work / "script.txt"
        if args.episode:
            script = Path(args.episode).resolve()
        else:
            long_script(script, args.minutes)

        cli_out, cli_report = work / "cli.mp4", work / "cli.json"
        started = time.monotonic()
        subprocess.run([orator, "create", str(script), "-o", str(cli_out), "--avatar", avatar, "--size", args.size,
                        *framing, "--no-cache", "--quiet", "--report", str(cli_report)], check=True)
        cli_wall = time.monotonic() - started

        home = work / "home"
        home.mkdir()
        flyte_out, flyte_report = work / "flyte.mp4", work / "flyte.json"
        env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"), "ORATOR_BIN": orator}
        started = time.monotonic()
        subprocess.run([sys.executable, "-m", "orator_flyte", "run", "episode" if args.episode else "talking_head", "--script", str(script),
                        "--out", str(flyte_out), "--avatar", avatar, "--size", args.size, *framing,
                        "--chunk-seconds", str(args.chunk_seconds), "--report", str(flyte_report)], check=True, env=env)
        flyte_wall = time.monotonic() - started
        report = json.loads(flyte_report.read_text())
        # Same frames are expected when the chunks are the CLI's own (x264 restarts at each chunk).
        same = framemd5(cli_out) == framemd5(flyte_out) if args.chunk_seconds == 30.0 else None
        cli = json.loads(cli_report.read_text())

    fps = 25.0
    video_seconds = report["frames"] / fps
    stages: dict[str, dict[str, float]] = defaultdict(lambda: {"calls": 0, "wall": 0.0, "cpu": 0.0, "peak_kb": 0})
    for usage in report["usages"]:
        entry = stages[usage["stage"]]
        entry["calls"] += 1
        entry["wall"] += usage["ended"] - usage["started"]
        entry["cpu"] += usage["cpu_seconds"]
        entry["peak_kb"] = max(entry["peak_kb"], usage["peak_kb"])
    render_stage = "scene-render" if args.episode else "render"
    renders = [u for u in report["usages"] if u["stage"] == render_stage]
    render_span = max(u["ended"] for u in renders) - min(u["started"] for u in renders)
    total_cpu = sum(entry["cpu"] for entry in stages.values())
    figures = {
        "machine": f"{platform.system()} {platform.release()}, {os.cpu_count()} cores", "date": time.strftime("%Y-%m-%d"),
        "avatar": args.avatar, "size": args.size, "preprocess": args.preprocess, "episode": args.episode, "video_seconds": video_seconds, "chunks": report["chunks"],
        "cli_wall": cli_wall, "flyte_wall": flyte_wall, "ratio": flyte_wall / cli_wall, "same_frames": same,
        "render_span": render_span, "stages": stages, "cli_stages": cli.get("stages", []),
    }
    print(f"{video_seconds:.1f} s of video{' (episode ' + Path(args.episode).name + ')' if args.episode else ''}, {args.avatar} avatar at {args.size}, {report['chunks']} render task(s); "
          f"{figures['machine']}")
    print(f"  orator create      {cli_wall:8.2f} s wall")
    print(f"  Flyte workflow     {flyte_wall:8.2f} s wall   ratio Flyte/CLI {flyte_wall / cli_wall:.2f}   "
          f"same frames and audio: {'n/a (not the CLI chunks)' if same is None else 'yes' if same else 'NO'}")
    print(f"  {'task':<13}{'calls':>6}{'wall s':>9}{'cpu s':>9}{'cpu share':>11}{'cpu s/video min':>17}{'peak MB':>9}")
    for name, entry in stages.items():
        print(f"  {name:<13}{entry['calls']:>6}{entry['wall']:>9.2f}{entry['cpu']:>9.2f}{entry['cpu'] / total_cpu:>10.1%}"
              f"{entry['cpu'] / (video_seconds / 60):>17.2f}{entry['peak_kb'] / 1024:>9.0f}")
    audio_wall = stages["audio"]["wall"]
    before = sum(stages[name]["wall"] for name in ("speak", "motion", "mix", "scene") if name in stages)
    critical = before + max(render_span, audio_wall) + stages["encode"]["wall"]
    figures["overhead"] = flyte_wall - critical
    print(f"  renders ran from first start to last end in {render_span:.2f} s (audio beside them {audio_wall:.2f} s); "
          f"Flyte's own time outside the stage commands: {flyte_wall - critical:.2f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))
    return 0 if same is not False else 1


if __name__ == "__main__":
    sys.exit(main())
