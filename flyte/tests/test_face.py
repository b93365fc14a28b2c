"""`orator stage face` (a portrait's face and landmarks, once) and `render --face-analysis`:
the same frames as a render that detects the face itself, and refused for another photo."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from conftest import SHORT_SCRIPT, framemd5


def stage(orator: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([orator, "stage", *args], capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"orator stage {args[0]} failed: {done.stderr}")
    return done


@pytest.fixture(scope="module")
def motion(orator: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("face-motion")
    (work / "hello.txt").write_text(SHORT_SCRIPT)
    stage(orator, "speak", "--in", str(work / "hello.txt"), "--out", str(work / "speech"))
    stage(orator, "motion", "--in", str(work / "speech"), "--out", str(work / "motion"), "--seed", "4")
    return work / "motion"


def test_face_json_holds_the_photo_hash_size_box_and_68_landmarks(tmp_path: Path, orator: str, astronaut: Path) -> None:
    stage(orator, "face", "--in", str(astronaut), "--out", str(tmp_path / "face"))
    analysis = json.loads((tmp_path / "face" / "face.json").read_text())
    assert analysis["photoSHA256"] == hashlib.sha256(astronaut.read_bytes()).hexdigest()
    assert (analysis["width"], analysis["height"]) == (512, 512)
    assert len(analysis["face"]["points"]) == 68
    box = analysis["face"]["box"]
    # The astronaut's face sits in the upper middle of the portrait, and every landmark near its box.
    assert 100 < box["left"] < box["right"] < 400 and 30 < box["top"] < box["bottom"] < 300
    for x, y in analysis["face"]["points"]:
        assert box["left"] - 30 < x < box["right"] + 30 and box["top"] - 30 < y < box["bottom"] + 30


@pytest.mark.parametrize("preprocess", ["crop", "full"])
def test_render_with_the_analysis_draws_the_same_frames(tmp_path: Path, orator: str, astronaut: Path, motion: Path,
                                                        preprocess: str) -> None:
    stage(orator, "face", "--in", str(astronaut), "--out", str(tmp_path / "face"))
    common = ["--in", str(motion), "--avatar", str(astronaut), "--size", "128", "--preprocess", preprocess, "--chunk", "1/2"]
    stage(orator, "render", *common, "--out", str(tmp_path / "detected"))
    stage(orator, "render", *common, "--face-analysis", str(tmp_path / "face"), "--out", str(tmp_path / "analyzed"))
    detected = framemd5(tmp_path / "detected" / "chunk.mp4", "v")
    assert len(detected) > 20
    assert framemd5(tmp_path / "analyzed" / "chunk.mp4", "v") == detected


def test_moved_landmarks_move_the_face(tmp_path: Path, orator: str, astronaut: Path, motion: Path) -> None:
    # The renderer really reads the file: shifted landmarks give other frames.
    stage(orator, "face", "--in", str(astronaut), "--out", str(tmp_path / "face"))
    face_json = tmp_path / "face" / "face.json"
    analysis = json.loads(face_json.read_text())
    analysis["face"]["points"] = [[x + 6, y] for x, y in analysis["face"]["points"]]
    face_json.write_text(json.dumps(analysis))
    common = ["--in", str(motion), "--avatar", str(astronaut), "--size", "128", "--chunk", "0/4"]
    stage(orator, "render", *common, "--out", str(tmp_path / "detected"))
    stage(orator, "render", *common, "--face-analysis", str(tmp_path / "face"), "--out", str(tmp_path / "shifted"))
    assert framemd5(tmp_path / "shifted" / "chunk.mp4", "v") != framemd5(tmp_path / "detected" / "chunk.mp4", "v")


def test_analysis_of_another_photo_or_face_is_refused(tmp_path: Path, orator: str, astronaut: Path, motion: Path) -> None:
    other = tmp_path / "mirrored.png"
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(astronaut), "-vf", "hflip", str(other)], check=True)
    stage(orator, "face", "--in", str(other), "--out", str(tmp_path / "face"))
    common = ["--in", str(motion), "--avatar", str(astronaut), "--size", "128", "--out", str(tmp_path / "chunk")]
    refused = stage(orator, "render", *common, "--face-analysis", str(tmp_path / "face"), check=False)
    assert refused.returncode != 0
    assert refused.stderr.strip().splitlines()[-1] == (f"error: face analysis {tmp_path / 'face'} is of another photo than "
                                                       f"astronaut.png: run `orator stage face --in {astronaut}` again")
    stage(orator, "face", "--in", str(astronaut), "--out", str(tmp_path / "face0"), "--face", "0")
    refused = stage(orator, "render", *common, "--face-analysis", str(tmp_path / "face0"), check=False)
    assert refused.returncode != 0 and "was made for --face 0, this render asks for the largest face" in refused.stderr
    assert not (tmp_path / "chunk").exists()


def test_scene_render_with_the_analysis_draws_the_same_frames(tmp_path: Path, orator: str, astronaut: Path) -> None:
    script = tmp_path / "episode.txt"
    script.write_text("---\ntitle: Face test\nspeakers:\n  ALEX: { name: Alex, voice: en-us }\n"
                      "  SAM: { name: Sam, voice: en-gb }\n---\nALEX: Welcome.\nSAM: Thanks.\n")
    stage(orator, "speak", "--in", str(script), "--out", str(tmp_path / "speech"))
    stage(orator, "mix", "--in", str(tmp_path / "speech"), "--script", str(script), "--out", str(tmp_path / "mix"))
    stage(orator, "scene", "--in", str(tmp_path / "speech"), "--mix", str(tmp_path / "mix"), "--script", str(script),
          "--out", str(tmp_path / "scene"))
    stage(orator, "face", "--in", str(astronaut), "--out", str(tmp_path / "face"))
    common = ["--in", str(tmp_path / "scene"), "--mix", str(tmp_path / "mix"), "--script", str(script),
              "--avatar", str(astronaut), "--size", "320x180"]
    stage(orator, "scene-render", *common, "--out", str(tmp_path / "detected"))
    stage(orator, "scene-render", *common, "--face-analysis", str(tmp_path / "face"), "--out", str(tmp_path / "analyzed"))
    detected = framemd5(tmp_path / "detected" / "chunk.mp4", "v")
    assert len(detected) > 20
    assert framemd5(tmp_path / "analyzed" / "chunk.mp4", "v") == detected
