"""Running `orator stage ...` commands: one owner for the subprocess, its error line and its usage."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import flyte.errors

from orator_flyte.binary import find_orator

#: Each Orator stage's version (`public static let version` in Sources/OratorPipeline/Stages/
#: and Episode/; "scene-render" is SceneRenderStage's); a test keeps them equal to the Swift sources. They go into every task's
#: cache version, so bumping a stage in Swift invalidates exactly that task's cached results.
STAGE_VERSIONS: dict[str, int] = {
    "speak": 3,
    "lipsync": 2,
    "motion": 4,
    "face": 1,
    "render": 2,
    "audio": 2,
    "encode": 1,
    "mix": 1,
    "scene": 3,
    "scene-render": 3,
}

#: Version of this package's task interfaces; bump when a task's inputs or outputs change meaning.
INTERFACE_VERSION = 2


def cache_version(stage: str) -> str:
    """The Flyte cache version of the task that runs `stage`."""
    return f"orator-{stage}-v{STAGE_VERSIONS[stage]}-tasks-v{INTERFACE_VERSION}"


class OratorStageError(flyte.errors.NonRecoverableError):
    """A stage command failed with Orator's own `error:` line (bad input or settings): the
    same inputs fail the same way, so Flyte does not retry it."""


class OratorStageCrash(RuntimeError):
    """A stage command died without an `error:` line (killed, out of memory): retried."""


@dataclass
class StageUsage:
    """What one stage command used, from `wait4` (CPU of the command and its FFmpeg children)."""

    stage: str
    started: float
    ended: float
    cpu_seconds: float
    peak_kb: int

    @property
    def wall_seconds(self) -> float:
        return self.ended - self.started


def stage_failure(stage: str, stderr: str, returncode: int) -> Exception:
    """The exception for a failed command: Orator's `error: ...` line (its last one) when it
    printed one, else a short summary of how it died."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error:")]
    if errors and returncode > 0:
        return OratorStageError(errors[-1])
    how = f"was killed by signal {-returncode}" if returncode < 0 else f"exited with status {returncode}"
    tail = f": {lines[-1]}" if lines else ""
    return OratorStageCrash(f"error: orator stage {stage} {how}{tail}")


async def run_stage(stage: str, arguments: list[str]) -> StageUsage:
    """Runs `orator stage STAGE ARGUMENTS...` as an async subprocess (so fanned-out tasks run
    at once) and returns its usage; raises `OratorStageError` with Orator's error line."""
    orator = find_orator()
    with tempfile.TemporaryDirectory(prefix="orator-usage-") as scratch:
        usage_file = os.path.join(scratch, "usage.json")
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "orator_flyte.measure", usage_file, "--", orator, "stage", stage, *arguments,
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": _package_root()})
        _, stderr = await process.communicate()
        if process.returncode != 0:
            raise stage_failure(stage, stderr.decode("utf-8", "replace"), process.returncode or 1)
        with open(usage_file, encoding="utf-8") as handle:
            measured = json.load(handle)
    return StageUsage(stage=stage, started=measured["started"], ended=measured["ended"],
                      cpu_seconds=measured["cpu_seconds"], peak_kb=measured["peak_kb"])


def _package_root() -> str:
    """The folder that holds `orator_flyte`, for the measuring child's PYTHONPATH."""
    root = str(Path(__file__).resolve().parents[1])
    existing = os.environ.get("PYTHONPATH")
    return root if not existing else f"{root}{os.pathsep}{existing}"


def motion_header(motion_bin: Path) -> tuple[float, int]:
    """(fps, frame count) from the header of `motion.bin` (documented in
    Sources/OratorPipeline/Stages/MotionTrackFile.swift: "ORMT", UInt32 version,
    Float64 fps, UInt32 frame count, little-endian)."""
    import struct

    with open(motion_bin, "rb") as handle:
        header = handle.read(20)
    if len(header) != 20 or header[:4] != b"ORMT":
        raise OratorStageError(f"error: {motion_bin} is not a motion file (motion.bin)")
    fps, count = struct.unpack_from("<dI", header, 8)
    return fps, count
