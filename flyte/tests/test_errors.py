"""Bad inputs fail the run with Orator's one `error:` line, in the task's error and on stderr."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import SHORT_SCRIPT


def test_empty_script_fails_with_orators_error_line(tmp_path: Path, flyte_run) -> None:
    script = tmp_path / "empty.txt"
    script.write_text("\n\n")
    run = flyte_run("talking_head", "--script", str(script), "--out", str(tmp_path / "x.mp4"), check=False)
    line = f"error: script {script} has nothing to say (it is empty or only headings)"
    assert run.returncode == 1
    assert run.stderr.strip() == line
    speak, = run.actions("speak")
    assert speak.status == "failed" and line in speak.error
    assert not (tmp_path / "x.mp4").exists()


def test_photo_without_a_face_fails_once_without_retries(tmp_path: Path, flyte_run) -> None:
    photo = tmp_path / "wall.png"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=0x808080:s=256x256,format=rgb24",
                    "-frames:v", "1", str(photo)], check=True)
    script = tmp_path / "hello.txt"
    script.write_text(SHORT_SCRIPT)
    run = flyte_run("talking_head", "--script", str(script), "--avatar", str(photo), "--size", "256",
                    "--out", str(tmp_path / "x.mp4"), check=False)
    line = f"error: no face found in {photo.name} (use a clear, frontal photo; the face should be at least 80 px wide)"
    assert run.returncode == 1
    assert run.stderr.strip() == line
    face, = run.actions("face")  # found once, by the portrait's face task, before any render call
    assert face.status == "failed" and line in face.error
    assert face.attempts == 1  # Orator's error line is not retried: the same photo fails the same way
    assert run.actions("render") == []


def test_remote_without_a_flyte_config_says_so(tmp_path: Path, flyte_run) -> None:
    script = tmp_path / "hello.txt"
    script.write_text(SHORT_SCRIPT)
    run = flyte_run("talking_head", "--remote", "--script", str(script), "--out", str(tmp_path / "x.mp4"), check=False)
    assert run.returncode == 1
    assert run.stderr.strip().startswith("error: --remote needs a Flyte config with an endpoint")
    assert not (tmp_path / "x.mp4").exists()
