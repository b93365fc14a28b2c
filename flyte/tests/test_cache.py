"""Flyte's cache is keyed by content: proved from the run records' cache_hit flags."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import FIVE_SECOND_SCRIPT, SHORT_SCRIPT


def hits(run) -> dict[str, set[bool]]:
    found: dict[str, set[bool]] = {}
    for action in run.stage_actions():
        assert action.status == "succeeded", action
        found.setdefault(action.task, set()).add(action.cache_hit)
    return found


def test_cache_reruns_only_what_changed(tmp_path: Path, flyte_run) -> None:
    script = tmp_path / "episode.txt"
    script.write_text(SHORT_SCRIPT)
    out = tmp_path / "out.mp4"
    args = ["talking_head", "--script", str(script), "--out", str(out), "--size", "128", "--chunk-seconds", "2"]

    first = flyte_run(*args)
    assert hits(first) == {stage: {False} for stage in ("speak", "motion", "render", "audio", "encode")}
    video = out.read_bytes()

    second = flyte_run(*args)
    assert hits(second) == {stage: {True} for stage in ("speak", "motion", "render", "audio", "encode")}
    assert second.report["usages"] == first.report["usages"]  # the first run's records, not new ones
    assert out.read_bytes() == video

    script.write_text(SHORT_SCRIPT.replace("short test", "quick check"))  # same path, new content
    edited = flyte_run(*args)
    assert hits(edited) == {stage: {False} for stage in ("speak", "motion", "render", "audio", "encode")}

    resized = flyte_run(*args[:-4], "--size", "160", *args[-2:])
    assert hits(resized) == {"speak": {True}, "motion": {True}, "audio": {True}, "render": {False}, "encode": {False}}


def test_interrupted_run_resumes_from_finished_chunks(tmp_path: Path, home: Path, flyte_run, orator: str,
                                                       astronaut: Path) -> None:
    script = tmp_path / "long.txt"
    script.write_text(FIVE_SECOND_SCRIPT)
    args = ["talking_head", "--script", str(script), "--out", str(tmp_path / "out.mp4"), "--avatar", str(astronaut),
            "--size", "256", "--chunk-seconds", "0.5"]
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"), "ORATOR_BIN": orator}
    process = subprocess.Popen([sys.executable, "-m", "orator_flyte", "run", *args], cwd=tmp_path, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    database = home / ".flyte" / "local-cache" / "cache.db"
    deadline = time.time() + 120
    finished = 0
    while time.time() < deadline and process.poll() is None:
        if database.exists():
            try:
                with sqlite3.connect(database) as db:
                    finished = db.execute("SELECT COUNT(*) FROM runs WHERE task_name LIKE '%.render' AND status = 'succeeded'"
                                          ).fetchone()[0]
            except sqlite3.OperationalError:  # the file exists before Flyte has created its table
                finished = 0
            if finished >= 2:
                break
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)  # the run and every stage command it started
    process.wait()
    assert finished >= 2, "no render finished before the deadline"
    with sqlite3.connect(database) as db:
        done_before = db.execute("SELECT COUNT(*) FROM runs WHERE task_name LIKE '%.render' AND status = 'succeeded'").fetchone()[0]

    resumed = flyte_run(*args)
    renders = resumed.actions("render")
    reused = sum(render.cache_hit for render in renders)
    assert len(renders) == resumed.report["chunks"] >= 8
    assert reused >= done_before >= 2, (reused, done_before)
    assert reused < len(renders), "the interrupted run had finished every chunk; nothing was resumed"
