"""`python -m orator_flyte run WORKFLOW ...`: run a workflow locally (default) or on a cluster
(`--remote`, with the usual Flyte config) and copy its video to `--out`.

Options carry the names `orator create` and `orator animate` use.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any, Optional

import yaml  # type: ignore[import-untyped]

from orator_flyte.binary import OratorNotFound, find_orator
from orator_flyte.files import file_sha256, dir_sha256

MANIFEST_KEYS = {"script", "output", "avatar", "voice", "rate", "pitch", "size", "fps", "seed", "still", "expression-scale"}


class UsageError(Exception):
    """A mistake in the command line or the manifest; printed as one `error:` line."""


def _music(value: str) -> str:
    """`none`, or `generate:MOOD[,tempo=BPM,key=KEY,seed=N]` (a bed the mix task composes); files come from --assets."""
    if value == "none" or value.lower().startswith("generate"):
        return value
    raise argparse.ArgumentTypeError(f"invalid music {value!r}: use none or generate:MOOD (a file bed is named in the script)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m orator_flyte", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="Run a workflow.")
    workflows = run.add_subparsers(dest="workflow", required=True)

    def common(sub: argparse.ArgumentParser, output: bool = True) -> None:
        if output:
            sub.add_argument("-o", "--out", "--output", dest="out", required=True, help="The MP4 to write.")
        sub.add_argument("--size", default="512", help="Frame size: 512 or WIDTHxHEIGHT (default 512).")
        sub.add_argument("--fps", type=float, help="Frames per second (default 25).")
        sub.add_argument("--seed", type=int, help="Seed for blinks and head motion (default 0).")
        sub.add_argument("--still", action="store_true", help="Keep the head still.")
        sub.add_argument("--expression-scale", type=float, help="Scale mouth and brow movement (1 = natural).")
        sub.add_argument("--chunk-seconds", type=float, default=30.0,
                         help="Video seconds per render task (default 30, the CLI's 750-frame chunks at 25 fps).")
        sub.add_argument("--remote", action="store_true", help="Run on the cluster of the Flyte config instead of locally.")
        sub.add_argument("--config", help="Flyte config file for --remote (default: Flyte's own lookup).")
        sub.add_argument("--work-dir", help="Local runs: where task outputs live (default ~/.cache/orator-flyte).")
        sub.add_argument("--report", help="Write the run's stage records (times, CPU seconds, memory) as JSON here.")

    def photo(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--preprocess", choices=["crop", "extcrop", "resize", "full"],
                         help="Photo framing: crop (face, default), extcrop (with hair and shoulders), resize (whole photo), "
                              "full (animate inside the full photo, at its own size).")
        sub.add_argument("--face", type=int, help="Which face of a photo speaks, 0-based left to right (default: the largest).")

    talking = workflows.add_parser("talking_head", help="Script -> video, like `orator create`.")
    talking.add_argument("--script", required=True, help="The script: UTF-8 text.")
    talking.add_argument("--avatar", default="builtin", help="builtin (default), an avatar pack folder, or a portrait photo.")
    talking.add_argument("--voice", help="Voice (an espeak-ng voice, joe, ...).")
    talking.add_argument("--rate", type=int, help="Speaking rate in words per minute.")
    talking.add_argument("--pitch", type=int, help="Voice pitch (0-100).")
    photo(talking)
    common(talking)

    animate = workflows.add_parser("animate", help="Portrait + recording -> video, like `orator animate`.")
    animate.add_argument("--image", required=True, help="The portrait photo, an avatar pack folder, or builtin.")
    animate.add_argument("--audio", required=True, help="The recording.")
    animate.add_argument("--transcript", help="What the recording says (UTF-8 text), for exact lip sync.")
    animate.add_argument("--language", default="en-us", help="Language of the recording (espeak-ng voice).")
    animate.add_argument("--pose-seed", type=int, help="Same as --seed.")
    photo(animate)
    common(animate)

    episode = workflows.add_parser("episode", help="Podcast script (speakers, music) -> episode video, like `orator create`.")
    episode.add_argument("--script", required=True, help="The episode script (front matter, SPEAKER: lines, [music] cues).")
    episode.add_argument("--assets", help="Folder with the files the script names (default: the script's folder).")
    episode.add_argument("--avatar", default="builtin", help="Avatar of speakers without their own (builtin, pack, photo).")
    episode.add_argument("--loudness", type=float, help="Integrated loudness target in LUFS (default -16).")
    episode.add_argument("--music", type=_music, help="none: no music bed; generate:MOOD: a composed one, e.g. generate:lofi,seed=3 "
                                                      "(default: the script's music).")
    episode.add_argument("--visualization", choices=["none", "waveform", "bars", "dots", "filled", "spectrum", "circular",
                                                     "particles"], help="Audio visualization (orator create --visualization).")
    photo(episode)
    common(episode)

    batch = workflows.add_parser("batch", help="Many scripts from a manifest, like `orator batch --manifest`.")
    batch.add_argument("--manifest", required=True, help="YAML: defaults + jobs (script, output, avatar, size, ...).")
    batch.add_argument("--workers", type=int, default=0, help="Jobs at once (default: all; a cluster runs them all).")
    batch.add_argument("--chunk-seconds", type=float, default=30.0, help="Video seconds per render task.")
    batch.add_argument("--remote", action="store_true", help="Run on the cluster of the Flyte config.")
    batch.add_argument("--config", help="Flyte config file for --remote.")
    batch.add_argument("--work-dir", help="Local runs: where task outputs live.")
    batch.add_argument("--report", help="Write every job's stage records as JSON here.")
    context = commands.add_parser("image-context", help="Put the checkout's sources into flyte/.context/ for the image build.")
    context.set_defaults(workflow="image-context")
    return parser


def image_context() -> int:
    """Writes flyte/.context/orator-src.tar.gz: the files git tracks or would track (committed
    or not), which flyte/Dockerfile's build stage compiles. The build context is flyte/, the
    folder flyte.Image.from_dockerfile uses."""
    import subprocess
    import tarfile

    from orator_flyte.binary import REPOSITORY

    listed = subprocess.run(["git", "-C", str(REPOSITORY), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            check=True, capture_output=True).stdout.decode().split("\0")
    target = REPOSITORY / "flyte" / ".context" / "orator-src.tar.gz"
    target.parent.mkdir(exist_ok=True)
    partial = target.with_suffix(".partial")
    with tarfile.open(partial, "w:gz") as archive:
        for name in sorted(filter(None, listed)):
            path = REPOSITORY / name
            if path.is_file() and not name.startswith("flyte/.context/"):
                archive.add(path, arcname=name, recursive=False)
    os.replace(partial, target)
    print(f"wrote {target}", file=sys.stderr)
    return 0


class Runner:
    """Starts workflows locally or remotely and fetches their files."""

    def __init__(self, remote: bool, config: Optional[str], work_dir: Optional[str]) -> None:
        # Task failures are reported once, as Orator's error line, not as Flyte's log of
        # tracebacks (LOG_LEVEL=info shows Flyte's log again).
        os.environ.setdefault("LOG_LEVEL", "critical")
        import flyte

        self.flyte = flyte
        self.remote = remote
        if remote:
            from flyte._initialize import get_init_config

            from orator_flyte.binary import REPOSITORY

            # root_dir: the code bundle holds orator_flyte/ as the image installs it.
            flyte.init_from_config(str(Path(config).resolve()) if config else None, root_dir=REPOSITORY / "flyte")
            if get_init_config().client is None:
                raise UsageError("--remote needs a Flyte config with an endpoint: pass --config FILE, or create one "
                                 "with `flyte create config --endpoint ...` (see docs/flyte.md)")
        else:
            find_orator()  # fail before starting anything when the binary is missing
            flyte.init(local_persistence=True)
            cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "orator-flyte"
            self.work = Path(work_dir).resolve() if work_dir else cache
            self.work.mkdir(parents=True, exist_ok=True)

    def file(self, path: str) -> Any:
        from flyte.io import File

        resolved = Path(path).resolve()
        if not resolved.is_file():
            raise UsageError(f"file not found: {path}")
        if self.remote:
            uploaded = File.from_local_sync(str(resolved), hash_method=file_sha256(resolved))
            uploaded.hash = uploaded.hash or file_sha256(resolved)
            return uploaded
        return File(path=str(resolved), name=resolved.name, hash=file_sha256(resolved))

    def folder(self, path: str) -> Any:
        from flyte.io import Dir

        resolved = Path(path).resolve()
        if not resolved.is_dir():
            raise UsageError(f"folder not found: {path}")
        if self.remote:
            return Dir.from_local_sync(str(resolved), dir_cache_key=dir_sha256(resolved))
        return Dir(path=str(resolved), name=resolved.name, hash=dir_sha256(resolved))

    def avatar(self, value: str) -> dict[str, Any]:
        if value == "builtin":
            return {}
        path = Path(value)
        if path.is_dir():
            return {"pack": self.folder(value)}
        if path.is_file():
            return {"photo": self.file(value)}
        raise UsageError(f"avatar not found: {value} (use builtin, an avatar pack folder or a photo)")

    def run(self, task: Any, **inputs: Any) -> tuple[Any, str]:
        if self.remote:
            run = self.flyte.run(task, **inputs)
            print(f"run: {run.url}", file=sys.stderr)
            run.wait()
            return run.outputs()[0], run.name
        name = f"orator-{int(time.time() * 1000)}"
        context = self.flyte.with_runcontext(mode="local", name=name, raw_data_path=str(self.work / "raw"),
                                             log_level=logging.CRITICAL)
        return context.run(task, **inputs).outputs()[0], name

    def fetch(self, file: Any, destination: str) -> None:
        target = Path(destination)
        target.parent.mkdir(parents=True, exist_ok=True)
        if self.remote:
            file.download_sync(str(target))
        else:
            partial = target.with_name(f".{target.name}.partial")
            shutil.copyfile(file.path, partial)
            os.replace(partial, target)


def _records(result: Any) -> list[dict[str, Any]]:
    return [asdict(usage) for usage in result.usages]


def _motion_options(args: argparse.Namespace, seed: Optional[int]) -> dict[str, Any]:
    return {"size": args.size, "fps": args.fps, "seed": seed, "still": args.still,
            "expression_scale": args.expression_scale, "chunk_seconds": args.chunk_seconds}


def _photo_options(args: argparse.Namespace) -> dict[str, Any]:
    return {"preprocess": args.preprocess, "face_index": args.face}


def _talking_head(args: argparse.Namespace) -> int:
    from orator_flyte.workflows import talking_head

    runner = Runner(args.remote, args.config, args.work_dir)
    started = time.time()
    result, name = runner.run(talking_head, script=runner.file(args.script), **runner.avatar(args.avatar), voice=args.voice,
                              rate=args.rate, pitch=args.pitch, **_motion_options(args, args.seed), **_photo_options(args))
    runner.fetch(result.video, args.out)
    _report(args.report, name, started, {"frames": result.frames, "chunks": result.chunks, "usages": _records(result)})
    print(f"wrote {args.out} ({result.frames} frames, {result.chunks} render task(s), run {name})", file=sys.stderr)
    return 0


def _animate(args: argparse.Namespace) -> int:
    from orator_flyte.workflows import animate

    runner = Runner(args.remote, args.config, args.work_dir)
    started = time.time()
    transcript = runner.file(args.transcript) if args.transcript else None
    seed = args.pose_seed if args.pose_seed is not None else args.seed
    result, name = runner.run(animate, audio_file=runner.file(args.audio), **runner.avatar(args.image), transcript=transcript,
                              language=args.language, **_motion_options(args, seed), **_photo_options(args))
    runner.fetch(result.video, args.out)
    _report(args.report, name, started, {"frames": result.frames, "chunks": result.chunks, "usages": _records(result)})
    print(f"wrote {args.out} ({result.frames} frames, {result.chunks} render task(s), run {name})", file=sys.stderr)
    return 0


def _episode(args: argparse.Namespace) -> int:
    from orator_flyte.workflows import episode

    runner = Runner(args.remote, args.config, args.work_dir)
    started = time.time()
    assets = args.assets or str(Path(args.script).resolve().parent)
    result, name = runner.run(episode, script=runner.file(args.script), assets=runner.folder(assets), **runner.avatar(args.avatar),
                              loudness=args.loudness, music=args.music, visualization=args.visualization,
                              **_motion_options(args, args.seed), **_photo_options(args))
    runner.fetch(result.video, args.out)
    _report(args.report, name, started, {"frames": result.frames, "chunks": result.chunks, "usages": _records(result)})
    print(f"wrote {args.out} ({result.frames} frames, {result.chunks} render task(s), run {name})", file=sys.stderr)
    return 0


def load_manifest(path: str) -> list[dict[str, Any]]:
    """Jobs of an `orator batch` manifest, defaults merged, paths made absolute (relative to the
    manifest's folder), each with its output (default: the script's name with .mp4)."""
    source = Path(path)
    try:
        root = yaml.safe_load(source.read_text(encoding="utf-8"))
    except OSError as failure:
        raise UsageError(f"batch manifest not found or unreadable: {path}") from failure
    except yaml.YAMLError as failure:
        raise UsageError(f"{source.name} is not valid YAML") from failure
    if not isinstance(root, dict) or not isinstance(root.get("jobs"), list):
        raise UsageError(f"{source.name} needs a 'jobs' list")
    for key in root:
        if key not in ("defaults", "jobs"):
            raise UsageError(f"{source.name}: unknown key '{key}' (known: defaults, jobs)")
    defaults = root.get("defaults") or {}
    jobs = []
    for index, entry in enumerate(root["jobs"]):
        for label, fields in (("defaults", defaults), (f"jobs[{index}]", entry)):
            if not isinstance(fields, dict):
                raise UsageError(f"{source.name}: {label} must be a mapping")
            unknown = sorted(set(fields) - MANIFEST_KEYS)
            if unknown:
                raise UsageError(f"{source.name}: unknown key '{unknown[0]}' in {label}")
        job = {**defaults, **entry}
        if "script" not in job:
            raise UsageError(f"{source.name}: jobs[{index}] has no script")
        base = source.resolve().parent
        job["script"] = str(base / job["script"])
        job["output"] = str(base / job["output"]) if "output" in job else str(Path(job["script"]).with_suffix(".mp4"))
        if "avatar" in job and job["avatar"] != "builtin":
            job["avatar"] = str(base / job["avatar"])
        jobs.append(job)
    return jobs


def _batch(args: argparse.Namespace) -> int:
    from orator_flyte.workflows import BatchJob, batch

    entries = load_manifest(args.manifest)
    runner = Runner(args.remote, args.config, args.work_dir)
    jobs = []
    for entry in entries:
        avatar = runner.avatar(str(entry.get("avatar", "builtin")))
        jobs.append(BatchJob(name=Path(entry["output"]).name, script=runner.file(entry["script"]), photo=avatar.get("photo"),
                             pack=avatar.get("pack"), size=str(entry.get("size", "512")), fps=entry.get("fps"),
                             seed=entry.get("seed"), still=bool(entry.get("still", False)), voice=entry.get("voice"),
                             rate=entry.get("rate"), pitch=entry.get("pitch"), expression_scale=entry.get("expression-scale"),
                             chunk_seconds=args.chunk_seconds))
    started = time.time()
    outcomes, name = runner.run(batch, jobs=jobs, workers=args.workers)
    failed = 0
    records = []
    for entry, outcome in zip(entries, outcomes):
        if outcome.video is None:
            failed += 1
            print(f"failed {outcome.name}: {outcome.error}", file=sys.stderr)
            records.append({"name": outcome.name, "error": outcome.error})
        else:
            runner.fetch(outcome.video.video, entry["output"])
            print(f"wrote {entry['output']}", file=sys.stderr)
            records.append({"name": outcome.name, "usages": _records(outcome.video)})
    _report(args.report, name, started, {"jobs": records})
    print(f"{len(entries) - failed} of {len(entries)} job(s) succeeded (run {name})", file=sys.stderr)
    return min(failed, 125)


def _report(path: Optional[str], run: str, started: float, body: dict[str, Any]) -> None:
    if path:
        Path(path).write_text(json.dumps({"run": run, "wall_seconds": time.time() - started, **body}, indent=1))


def main(argv: Optional[list[str]] = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "image-context":
            return image_context()
        return {"talking_head": _talking_head, "animate": _animate, "episode": _episode, "batch": _batch}[args.workflow](args)
    except (UsageError, OratorNotFound) as failure:
        print(f"error: {failure}", file=sys.stderr)
        return 1
    except Exception as failure:  # a failed run: Orator's own error line, not a traceback
        from orator_flyte.workflows import error_of

        print(error_of(failure) if "error: " in str(failure) else f"error: {str(failure).strip().splitlines()[0]}",
              file=sys.stderr)
        return 1
