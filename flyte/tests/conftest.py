"""Fixtures: an isolated HOME (so Flyte's local cache and run records are the test's own),
the `orator` binary, the NASA astronaut portrait (scripts/fetch-fixtures) and helpers that run
`python -m orator_flyte` and read the run's records from Flyte's local database."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from orator_flyte.binary import REPOSITORY, find_orator

SHORT_SCRIPT = "Hello there. This is a short test of the Orator talking head pipeline.\n"
FIVE_SECOND_SCRIPT = "Good morning. Today we look at how one video is split into chunks that render side by side.\n"


@pytest.fixture(scope="session")
def orator() -> str:
    return find_orator()


@pytest.fixture(scope="session")
def astronaut() -> Path:
    folder = subprocess.run([str(REPOSITORY / "scripts" / "fetch-fixtures")], check=True, capture_output=True,
                            text=True).stdout.strip()
    return Path(folder) / "astronaut.png"


@dataclass
class Action:
    task: str
    status: str
    cache_hit: bool
    start: float
    end: float
    error: str
    attempts: int


@dataclass
class FlyteRun:
    returncode: int
    stderr: str
    report: dict
    home: Path

    def actions(self, task: str | None = None) -> list[Action]:
        """This run's actions from Flyte's own run records (~/.flyte/local-cache/cache.db)."""
        with sqlite3.connect(self.home / ".flyte" / "local-cache" / "cache.db") as db:
            rows = db.execute("SELECT task_name, status, cache_hit, start_time, end_time, error, attempt_count FROM runs "
                              "WHERE run_name = ? AND action_name != 'a0' ORDER BY start_time", (self.report["run"],)).fetchall()
        found = [Action(row[0].split(".")[-1], row[1], bool(row[2]), row[3], row[4], row[5] or "", row[6] or 0) for row in rows]
        return [action for action in found if task is None or action.task == task]

    def stage_actions(self) -> list[Action]:
        return [action for action in self.actions() if action.task not in ("talking_head", "animate", "episode", "batch")]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


@pytest.fixture
def flyte_run(home: Path, tmp_path: Path, orator: str):
    """Runs `python -m orator_flyte run ARGS...` with the test's own HOME and returns its
    exit status, stderr, --report JSON and run records."""

    def run(*args: str, check: bool = True, timeout: float = 240) -> FlyteRun:
        report = tmp_path / f"report-{len(list(tmp_path.glob('report-*')))}.json"
        env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"), "ORATOR_BIN": orator}
        env.pop("LOG_LEVEL", None)
        done = subprocess.run([sys.executable, "-m", "orator_flyte", "run", *args, "--report", str(report)], cwd=tmp_path,
                              env=env, capture_output=True, text=True, timeout=timeout)
        if check and done.returncode != 0:
            raise AssertionError(f"orator_flyte failed ({done.returncode}):\n{done.stderr}")
        database = home / ".flyte" / "local-cache" / "cache.db"
        body = json.loads(report.read_text()) if report.exists() else {"run": _last_run(home) if database.exists() else None}
        return FlyteRun(done.returncode, done.stderr, body, home)

    return run


def _last_run(home: Path) -> str:
    with sqlite3.connect(home / ".flyte" / "local-cache" / "cache.db") as db:
        return db.execute("SELECT run_name FROM runs WHERE action_name = 'a0' ORDER BY start_time DESC LIMIT 1").fetchone()[0]


def framemd5(path: Path, stream: str) -> list[str]:
    """FFmpeg's per-frame MD5s of the decoded video (`v`) or audio (`a`) stream, timestamps included."""
    output = subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-map", f"0:{stream}", "-f", "framemd5", "-"],
                            check=True, capture_output=True, text=True).stdout
    return [line for line in output.splitlines() if line and not line.startswith("#")]
