"""Workflows over the stage tasks: talking_head, animate, episode, batch.

The workflows themselves are not cached: they always run, re-key their input files by content
(so a file edited in place is seen as new) and call the stage tasks, which are cached.
"""

from __future__ import annotations

import asyncio
import math
import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Awaitable, Callable, Optional

import flyte
from flyte.io import Dir, File

from orator_flyte.files import keyed_dir, keyed_file
from orator_flyte.image import IMAGE
from orator_flyte.tasks import (STAGE_ENVIRONMENTS, ChunkResult, FaceResult, MotionResult, SpeechResult, Usage, audio, encode,
                                face, lipsync, mix, motion, render, scene, scene_render, speak)

#: `orator create` renders 750 frames per chunk: 30 s at the default 25 fps.
CLI_CHUNK_FRAMES = 750
DEFAULT_CHUNK_SECONDS = 30.0

workflow_env = flyte.TaskEnvironment(name="orator-workflows", image=IMAGE, resources=flyte.Resources(cpu=1, memory="512Mi"),
                                     depends_on=STAGE_ENVIRONMENTS, cache="disable")


@dataclass
class VideoResult:
    """A finished video and the record of every stage call that made it."""

    video: File
    frames: int
    chunks: int
    usages: list[Usage] = field(default_factory=list)


@dataclass
class BatchJob:
    """One video of a batch: a script and the options `orator create` takes."""

    name: str
    script: File
    photo: Optional[File] = None
    pack: Optional[Dir] = None
    size: str = "512"
    fps: Optional[float] = None
    seed: Optional[int] = None
    still: bool = False
    voice: Optional[str] = None
    rate: Optional[int] = None
    pitch: Optional[int] = None
    expression_scale: Optional[float] = None
    chunk_seconds: float = DEFAULT_CHUNK_SECONDS


@dataclass
class BatchOutcome:
    """One job's result: the video, or Orator's error line."""

    name: str
    video: Optional[VideoResult] = None
    error: str = ""


def chunk_count(frames: int, fps: float, chunk_seconds: float) -> int:
    """Render calls for a video: one per `chunk_seconds` (the CLI's 750 frames at its default)."""
    per_chunk = CLI_CHUNK_FRAMES if chunk_seconds == DEFAULT_CHUNK_SECONDS else max(1, round(chunk_seconds * fps))
    return max(1, math.ceil(frames / per_chunk))


async def _fan_out(frames: int, fps: float, chunk_seconds: float, soundtrack: File, earlier: list[Usage],
                   render_one: Callable[[int, int], Awaitable[ChunkResult]]) -> VideoResult:
    """Render fanned out over chunks, audio beside them, then the encode join."""
    count = chunk_count(frames, fps, chunk_seconds)
    encoded_audio = asyncio.ensure_future(audio(soundtrack))
    with flyte.group("render"):
        chunks = await asyncio.gather(*[render_one(index, count) for index in range(count)])
    track = await encoded_audio
    joined = await encode([chunk.chunk for chunk in chunks], track.file)
    usages = [*earlier, *[chunk.usage for chunk in chunks], track.usage, joined.usage]
    return VideoResult(video=joined.file, frames=frames, chunks=count, usages=usages)


def _analyze(photo: Optional[File], face_index: Optional[int]) -> Optional[asyncio.Future[FaceResult]]:
    """The portrait's `face` task, started at once so it runs beside speak and motion; None without a photo."""
    return asyncio.ensure_future(face(photo, face_index)) if photo is not None else None


async def _analysis(analyzed: Optional[asyncio.Future[FaceResult]], usages: list[Usage]) -> Optional[Dir]:
    """The face task's folder once it finished (its usage appended to `usages`); None without a photo."""
    if analyzed is None:
        return None
    found = await analyzed
    usages.append(found.usage)
    return found.folder


async def _video(speech: SpeechResult, moved: MotionResult, size: str, photo: Optional[File], pack: Optional[Dir],
                 chunk_seconds: float, preprocess: Optional[str], face_index: Optional[int],
                 analyzed: Optional[asyncio.Future[FaceResult]]) -> VideoResult:
    earlier = [speech.usage, moved.usage]
    analysis = await _analysis(analyzed, earlier)
    return await _fan_out(moved.frames, moved.fps, chunk_seconds, speech.speech, earlier,
                          lambda index, count: render(moved.folder, index, count, size, photo, pack, preprocess, face_index,
                                                      analysis))


async def _keyed_avatar(photo: Optional[File], pack: Optional[Dir]) -> tuple[Optional[File], Optional[Dir]]:
    return (await keyed_file(photo) if photo is not None else None, await keyed_dir(pack) if pack is not None else None)


@workflow_env.task(timeout=timedelta(hours=6))
async def talking_head(script: File, photo: Optional[File] = None, pack: Optional[Dir] = None, size: str = "512",
                       fps: Optional[float] = None, seed: Optional[int] = None, still: bool = False,
                       voice: Optional[str] = None, rate: Optional[int] = None, pitch: Optional[int] = None,
                       expression_scale: Optional[float] = None,
                       chunk_seconds: float = DEFAULT_CHUNK_SECONDS, preprocess: Optional[str] = None,
                       face_index: Optional[int] = None) -> VideoResult:
    """Script (+ portrait photo or avatar pack; the built-in presenter when neither) -> MP4,
    the same video `orator create` makes with the same options. A photo is framed by
    `preprocess` (crop, extcrop, resize, full; `--preprocess`) around face `face_index` (`--face`)."""
    script = await keyed_file(script)
    photo, pack = await _keyed_avatar(photo, pack)
    analyzed = _analyze(photo, face_index)
    speech = await speak(script, voice, rate, pitch)
    moved = await motion(speech.folder, fps, seed, still, expression_scale)
    return await _video(speech, moved, size, photo, pack, chunk_seconds, preprocess, face_index, analyzed)


@workflow_env.task(timeout=timedelta(hours=6))
async def episode(script: File, assets: Optional[Dir] = None, photo: Optional[File] = None, pack: Optional[Dir] = None,
                  size: str = "512", fps: Optional[float] = None, seed: Optional[int] = None, still: bool = False,
                  expression_scale: Optional[float] = None, loudness: Optional[float] = None, music: Optional[str] = None,
                  visualization: Optional[str] = None, chunk_seconds: float = DEFAULT_CHUNK_SECONDS,
                  preprocess: Optional[str] = None, face_index: Optional[int] = None) -> VideoResult:
    """A podcast script (speakers, music cues) and its assets folder (the files it names, relative
    to it) -> the episode MP4, as `orator create` makes it: speak, mix, scene, scene renders
    beside audio, encode. `photo`/`pack` is the avatar of speakers without their own."""
    script = await keyed_file(script)
    assets = await keyed_dir(assets) if assets is not None else None
    photo, pack = await _keyed_avatar(photo, pack)
    analyzed = _analyze(photo, face_index)
    speech = await speak(script)
    mixed = await mix(speech.folder, script, assets, loudness, music)
    staged = await scene(speech.folder, mixed.folder, script, fps, seed, still, expression_scale)
    earlier = [speech.usage, mixed.usage, staged.usage]
    analysis = await _analysis(analyzed, earlier)
    return await _fan_out(staged.frames, staged.fps, chunk_seconds, mixed.mix, earlier,
                          lambda index, count: scene_render(staged.folder, mixed.folder, script, index, count, assets, size,
                                                            photo, pack, visualization, preprocess, face_index, analysis))


@workflow_env.task(timeout=timedelta(hours=6))
async def animate(audio_file: File, photo: Optional[File] = None, pack: Optional[Dir] = None,
                  transcript: Optional[File] = None, language: str = "en-us", size: str = "512",
                  fps: Optional[float] = None, seed: Optional[int] = None, still: bool = False,
                  expression_scale: Optional[float] = None, chunk_seconds: float = DEFAULT_CHUNK_SECONDS,
                  preprocess: Optional[str] = None, face_index: Optional[int] = None) -> VideoResult:
    """A recording (+ its transcript) and a portrait -> MP4, as `orator animate` makes it."""
    audio_file = await keyed_file(audio_file)
    transcript = await keyed_file(transcript) if transcript is not None else None
    photo, pack = await _keyed_avatar(photo, pack)
    analyzed = _analyze(photo, face_index)
    speech = await lipsync(audio_file, transcript, language)
    moved = await motion(speech.folder, fps, seed, still, expression_scale)
    return await _video(speech, moved, size, photo, pack, chunk_seconds, preprocess, face_index, analyzed)


def error_of(failure: BaseException) -> str:
    """Orator's `error:` line out of a failed child's exception, else its first line."""
    text = str(failure)
    found = re.findall(r"error: [^\n\"]*", text)
    return found[-1].strip() if found else (text.strip().splitlines() or [type(failure).__name__])[0]


@workflow_env.task(timeout=timedelta(hours=24))
async def batch(jobs: list[BatchJob], workers: int = 0) -> list[BatchOutcome]:
    """Many videos at once; a failing job is reported with its error and the others finish.
    `workers` > 0 limits how many jobs run at once (0: all)."""
    gate = asyncio.Semaphore(workers if workers > 0 else max(1, len(jobs)))

    async def one(job: BatchJob) -> VideoResult:
        async with gate:
            return await talking_head(job.script, job.photo, job.pack, job.size, job.fps, job.seed, job.still, job.voice,
                                      job.rate, job.pitch, job.expression_scale, job.chunk_seconds)

    results = await asyncio.gather(*[one(job) for job in jobs], return_exceptions=True)
    outcomes: list[BatchOutcome] = []
    for job, result in zip(jobs, results):
        if isinstance(result, BaseException):
            outcomes.append(BatchOutcome(name=job.name, error=error_of(result)))
        else:
            outcomes.append(BatchOutcome(name=job.name, video=result))
    return outcomes
