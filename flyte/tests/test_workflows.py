"""Each workflow run locally on short inputs, checked against the CLI's own output."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import FIVE_SECOND_SCRIPT, SHORT_SCRIPT, framemd5

FRONT_CENTER = Path("/usr/share/sounds/alsa/Front_Center.wav")


def test_talking_head_matches_orator_create(tmp_path: Path, flyte_run, orator: str) -> None:
    script = tmp_path / "hello.txt"
    script.write_text(SHORT_SCRIPT)
    cli = tmp_path / "cli.mp4"
    subprocess.run([orator, "create", str(script), "-o", str(cli), "--size", "256", "--seed", "3", "--no-cache", "--quiet"],
                   check=True)
    flyte = tmp_path / "flyte.mp4"
    run = flyte_run("talking_head", "--script", str(script), "--out", str(flyte), "--size", "256", "--seed", "3")
    video, audio = framemd5(flyte, "v"), framemd5(flyte, "a")
    assert len(video) == run.report["frames"] > 50
    assert video == framemd5(cli, "v")
    assert audio == framemd5(cli, "a") and len(audio) > 50
    assert {action.task for action in run.stage_actions()} == {"speak", "motion", "render", "audio", "encode"}


def test_renders_of_one_video_overlap_in_time(tmp_path: Path, flyte_run) -> None:
    script = tmp_path / "chunks.txt"
    script.write_text(FIVE_SECOND_SCRIPT)
    out = tmp_path / "chunks.mp4"
    run = flyte_run("talking_head", "--script", str(script), "--out", str(out), "--size", "128", "--chunk-seconds", "1")
    renders = run.actions("render")
    assert len(renders) == run.report["chunks"] >= 4
    assert all(render.status == "succeeded" and not render.cache_hit for render in renders)
    # Each render started before some other render ended: they ran at the same time.
    first_end = min(render.end for render in renders)
    assert sum(render.start < first_end for render in renders) >= 2
    audio, = run.actions("audio")
    assert audio.start < max(render.end for render in renders) and audio.end > min(render.start for render in renders)
    encode, = run.actions("encode")
    assert encode.start >= max(render.end for render in renders)
    assert len(framemd5(out, "v")) == run.report["frames"]


def test_animate_matches_orator_animate(tmp_path: Path, flyte_run, orator: str, astronaut: Path) -> None:
    transcript = tmp_path / "take.txt"
    transcript.write_text("Front center\n")
    cli = tmp_path / "cli.mp4"
    subprocess.run([orator, "animate", "--image", str(astronaut), "--audio", str(FRONT_CENTER), "--transcript", str(transcript),
                    "-o", str(cli), "--size", "256", "--no-cache", "--quiet"], check=True)
    flyte = tmp_path / "flyte.mp4"
    run = flyte_run("animate", "--image", str(astronaut), "--audio", str(FRONT_CENTER), "--transcript", str(transcript),
                    "--out", str(flyte), "--size", "256")
    assert {action.task for action in run.stage_actions()} == {"lipsync", "motion", "face", "render", "audio", "encode"}
    assert framemd5(flyte, "v") == framemd5(cli, "v")
    assert framemd5(flyte, "a") == framemd5(cli, "a")


def frame_size(path: Path) -> str:
    return subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height",
                           "-of", "csv=s=x:p=0", str(path)], check=True, capture_output=True, text=True).stdout.strip()


def test_animate_full_mode_matches_orator_animate(tmp_path: Path, flyte_run, orator: str, astronaut: Path) -> None:
    # `full` animates inside the whole photo at its own size (512x512 here), whatever --size says.
    cli = tmp_path / "cli.mp4"
    subprocess.run([orator, "animate", "--image", str(astronaut), "--audio", str(FRONT_CENTER), "-o", str(cli),
                    "--size", "256", "--preprocess", "full", "--no-cache", "--quiet"], check=True)
    flyte = tmp_path / "flyte.mp4"
    run = flyte_run("animate", "--image", str(astronaut), "--audio", str(FRONT_CENTER), "--out", str(flyte),
                    "--size", "256", "--preprocess", "full")
    assert frame_size(flyte) == frame_size(cli) == "512x512"
    face, = run.actions("face")  # the portrait analyzed once; the render call reads it
    assert face.end <= min(render.start for render in run.actions("render"))
    video = framemd5(flyte, "v")
    assert len(video) == run.report["frames"] > 25
    assert video == framemd5(cli, "v")
    assert framemd5(flyte, "a") == framemd5(cli, "a")



def test_batch_reports_the_bad_job_and_finishes_the_others(tmp_path: Path, flyte_run) -> None:
    (tmp_path / "one.txt").write_text("The first video of the batch.\n")
    (tmp_path / "two.txt").write_text("The second video of the batch.\n")
    (tmp_path / "empty.txt").write_text("\n")
    manifest = tmp_path / "jobs.yaml"
    manifest.write_text("defaults: { size: 128 }\njobs:\n  - { script: one.txt, output: out/one.mp4 }\n"
                        "  - { script: empty.txt, output: out/empty.mp4 }\n  - { script: two.txt, output: out/two.mp4, seed: 5 }\n")
    run = flyte_run("batch", "--manifest", str(manifest), check=False)
    assert run.returncode == 1, run.stderr
    assert (tmp_path / "out" / "one.mp4").stat().st_size > 0 and (tmp_path / "out" / "two.mp4").stat().st_size > 0
    assert not (tmp_path / "out" / "empty.mp4").exists()
    failed = [line for line in run.stderr.splitlines() if line.startswith("failed ")]
    assert failed == [f"failed empty.mp4: error: script {tmp_path / 'empty.txt'} has nothing to say (it is empty or only headings)"]
    assert len(run.actions("encode")) == 2


def test_episode_matches_orator_create(tmp_path: Path, flyte_run, orator: str) -> None:
    show = tmp_path / "show"
    (show / "music").mkdir(parents=True)
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=220:sample_rate=48000:duration=6",
                    "-c:a", "libvorbis", str(show / "music" / "bed.ogg")], check=True)
    script = show / "episode.txt"
    script.write_text("---\ntitle: Test show\nmusic: music/bed.ogg\nspeakers:\n  ALEX: { name: Alex, voice: en-us }\n"
                      "  SAM: { name: Sam, voice: en-gb, pitch: 60 }\n---\nALEX: Welcome to the show.\nSAM: Thanks, glad to be here.\n")
    cli = tmp_path / "cli.mp4"
    subprocess.run([orator, "create", str(script), "-o", str(cli), "--size", "320x180", "--no-cache", "--quiet"], check=True)
    flyte = tmp_path / "flyte.mp4"
    run = flyte_run("episode", "--script", str(script), "--out", str(flyte), "--size", "320x180")
    assert {action.task for action in run.stage_actions()} == {"speak", "mix", "scene", "scene_render", "audio", "encode"}
    assert framemd5(flyte, "v") == framemd5(cli, "v")
    assert framemd5(flyte, "a") == framemd5(cli, "a")

def test_episode_with_a_photo_matches_orator_create(tmp_path: Path, flyte_run, orator: str, astronaut: Path) -> None:
    # The default avatar is a photo: analyzed once by `face`, read by every scene_render call.
    script = tmp_path / "episode.txt"
    script.write_text("---\ntitle: Photo show\nspeakers:\n  ALEX: { name: Alex, voice: en-us }\n---\n"
                      "ALEX: Welcome to the show. Today we talk about portraits.\n")
    cli = tmp_path / "cli.mp4"
    subprocess.run([orator, "create", str(script), "-o", str(cli), "--avatar", str(astronaut), "--size", "320x180",
                    "--no-cache", "--quiet"], check=True)
    flyte = tmp_path / "flyte.mp4"
    run = flyte_run("episode", "--script", str(script), "--avatar", str(astronaut), "--out", str(flyte), "--size", "320x180")
    face, = run.actions("face")
    render, = run.actions("scene_render")
    assert face.end <= render.start
    video = framemd5(flyte, "v")
    assert len(video) == run.report["frames"] > 50
    assert video == framemd5(cli, "v")
    assert framemd5(flyte, "a") == framemd5(cli, "a")
