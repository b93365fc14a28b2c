"""One Flyte task per Orator stage. Each runs `orator stage NAME` and nothing else.

Resources come from measurements on a 2-core Debian 12 machine (docs/flyte.md, "Resources").
Every task is cached by Flyte with a version tied to its Orator stage's version, and keyed by
the content hashes of its input files and its options.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Optional

import flyte
from flyte.io import Dir, File

from orator_flyte.files import output_dir, output_file, scratch, script_among_assets, with_suffix_of
from orator_flyte.image import IMAGE
from orator_flyte.stages import StageUsage, cache_version, motion_header, run_stage


def _env(name: str, cpu: int, memory: str) -> flyte.TaskEnvironment:
    return flyte.TaskEnvironment(name=f"orator-{name}", image=IMAGE, resources=flyte.Resources(cpu=cpu, memory=memory))


def _cache(stage: str) -> flyte.Cache:
    return flyte.Cache("auto", version_override=cache_version(stage))


speak_env = _env("speak", cpu=1, memory="1Gi")
lipsync_env = _env("lipsync", cpu=1, memory="1Gi")
motion_env = _env("motion", cpu=1, memory="512Mi")
face_env = _env("face", cpu=1, memory="1Gi")
render_env = _env("render", cpu=2, memory="2Gi")
audio_env = _env("audio", cpu=1, memory="512Mi")
encode_env = _env("encode", cpu=1, memory="1Gi")
mix_env = _env("mix", cpu=1, memory="1Gi")
scene_env = _env("scene", cpu=1, memory="1Gi")

#: Frames each render task draws at once; the FFmpeg encoder of the chunk uses the second core.
RENDER_JOBS = 1


@dataclass
class Usage:
    """One stage command's record: when it ran and what it used (from `wait4`)."""

    stage: str
    started: float
    ended: float
    cpu_seconds: float
    peak_kb: int
    item: int = 0

    @staticmethod
    def of(usage: StageUsage, item: int = 0) -> "Usage":
        return Usage(stage=usage.stage, started=usage.started, ended=usage.ended, cpu_seconds=usage.cpu_seconds,
                     peak_kb=usage.peak_kb, item=item)


@dataclass
class SpeechResult:
    """`speak`/`lipsync` output: the folder (timeline.json, ...) and the soundtrack to encode."""

    folder: Dir
    speech: File
    usage: Usage


@dataclass
class MotionResult:
    folder: Dir
    fps: float
    frames: int
    usage: Usage


@dataclass
class ChunkResult:
    chunk: File
    index: int
    usage: Usage


@dataclass
class FileResult:
    file: File
    usage: Usage


def _optional(flag: str, value: object) -> list[str]:
    return [] if value is None else [flag, str(value)]


@speak_env.task(cache=_cache("speak"), timeout=timedelta(minutes=30))
async def speak(script: File, voice: Optional[str] = None, rate: Optional[int] = None,
                pitch: Optional[int] = None) -> SpeechResult:
    """Script -> speech.wav + timeline.json (`orator stage speak`)."""
    work = scratch("speak")
    source = with_suffix_of(await script.download(), script.name, work)
    out = work / "speech"
    usage = await run_stage("speak", ["--in", source, "--out", str(out), *_optional("--voice", voice),
                                      *_optional("--rate", rate), *_optional("--pitch", pitch)])
    return SpeechResult(folder=await output_dir(out), speech=await output_file(out / "speech.wav"), usage=Usage.of(usage))


@lipsync_env.task(cache=_cache("lipsync"), timeout=timedelta(minutes=30))
async def lipsync(recording: File, transcript: Optional[File] = None, language: str = "en-us") -> SpeechResult:
    """Recording [+ transcript] -> timeline.json (`orator stage lipsync`); the recording is the soundtrack."""
    work = scratch("lipsync")
    audio = with_suffix_of(await recording.download(), recording.name, work)
    text = ["--transcript", await transcript.download()] if transcript is not None else []
    out = work / "lipsync"
    usage = await run_stage("lipsync", ["--in", audio, *text, "--language", language, "--out", str(out)])
    return SpeechResult(folder=await output_dir(out), speech=recording, usage=Usage.of(usage))


@motion_env.task(cache=_cache("motion"), timeout=timedelta(minutes=10))
async def motion(speech: Dir, fps: Optional[float] = None, seed: Optional[int] = None, still: bool = False,
                 expression_scale: Optional[float] = None) -> MotionResult:
    """timeline.json -> motion.bin + cues.json (`orator stage motion`)."""
    work = scratch("motion")
    out = work / "motion"
    usage = await run_stage("motion", ["--in", await speech.download(), "--out", str(out), *_optional("--fps", fps),
                                       *_optional("--seed", seed), *(["--still"] if still else []),
                                       *_optional("--expression-scale", expression_scale)])
    rate, frames = motion_header(out / "motion.bin")
    return MotionResult(folder=await output_dir(out), fps=rate, frames=frames, usage=Usage.of(usage))


@dataclass
class FaceResult:
    """`face` output: the folder with face.json (the portrait's face box and 68 landmarks)."""

    folder: Dir
    usage: Usage


@face_env.task(cache=_cache("face"), timeout=timedelta(minutes=10))
async def face(photo: File, face_index: Optional[int] = None) -> FaceResult:
    """Portrait -> face.json, once per portrait (`orator stage face`); every render call of the
    photo reads it instead of detecting the face again. It does not depend on the framing."""
    work = scratch("face")
    source = with_suffix_of(await photo.download(), photo.name, work)
    out = work / "face"
    usage = await run_stage("face", ["--in", source, "--out", str(out), *_optional("--face", face_index)])
    return FaceResult(folder=await output_dir(out), usage=Usage.of(usage))


async def _avatar_arguments(photo: Optional[File], pack: Optional[Dir], face_analysis: Optional[Dir],
                            work: Path) -> tuple[str, list[str]]:
    """The `--avatar` value (builtin, the photo with its suffix, or the pack folder) and the
    `--face-analysis` arguments the render commands take."""
    avatar = "builtin"
    if photo is not None:
        avatar = with_suffix_of(await photo.download(), photo.name, work)
    elif pack is not None:
        avatar = await pack.download()
    analysis = ["--face-analysis", await face_analysis.download()] if face_analysis is not None else []
    return avatar, analysis


def _photo_options(preprocess: Optional[str], face_index: Optional[int]) -> list[str]:
    return [*_optional("--preprocess", preprocess), *_optional("--face", face_index)]


@render_env.task(cache=_cache("render"), retries=2, timeout=timedelta(hours=1))
async def render(motion_folder: Dir, index: int, count: int, size: str = "512", photo: Optional[File] = None,
                 pack: Optional[Dir] = None, preprocess: Optional[str] = None, face_index: Optional[int] = None,
                 face_analysis: Optional[Dir] = None) -> ChunkResult:
    """Slice `index` of `count` of the frames -> chunk.mp4, video only (`orator stage render --chunk I/N`).
    A photo is framed by `preprocess` (crop, extcrop, resize, full) around face `face_index`
    (None: the largest), whose landmarks come from `face_analysis` (the `face` task) when given."""
    work = scratch(f"render-{index}")
    avatar, analysis = await _avatar_arguments(photo, pack, face_analysis, work)
    out = work / "chunk"
    usage = await run_stage("render", ["--in", await motion_folder.download(), "--out", str(out), "--chunk", f"{index}/{count}",
                                       "--avatar", avatar, "--size", size, "--jobs", str(RENDER_JOBS),
                                       *_photo_options(preprocess, face_index), *analysis])
    return ChunkResult(chunk=await output_file(out / "chunk.mp4"), index=index, usage=Usage.of(usage, item=index))


@audio_env.task(cache=_cache("audio"), timeout=timedelta(minutes=30))
async def audio(soundtrack: File) -> FileResult:
    """Any audio -> audio.m4a, AAC 48 kHz (`orator stage audio`)."""
    work = scratch("audio")
    source = with_suffix_of(await soundtrack.download(), soundtrack.name, work)
    out = work / "audio"
    usage = await run_stage("audio", ["--in", source, "--out", str(out)])
    return FileResult(file=await output_file(out / "audio.m4a"), usage=Usage.of(usage))


@encode_env.task(cache=_cache("encode"), retries=2, timeout=timedelta(minutes=30))
async def encode(chunks: list[File], soundtrack: File) -> FileResult:
    """Chunks in order + soundtrack -> the MP4, joined without re-encoding (`orator stage encode`)."""
    work = scratch("encode")
    inputs: list[str] = []
    for position, chunk in enumerate(chunks):
        local = Path(await chunk.download())
        if local.name != "chunk.mp4":  # `--in` takes the chunk file or its folder
            folder = work / f"chunk{position}"
            folder.mkdir()
            os.symlink(local, folder / "chunk.mp4")
            local = folder / "chunk.mp4"
        inputs += ["--in", str(local)]
    track = with_suffix_of(await soundtrack.download(), soundtrack.name, work)
    out = work / "video.mp4"
    usage = await run_stage("encode", [*inputs, "--audio", track, "--out", str(out)])
    return FileResult(file=await output_file(out), usage=Usage.of(usage))


@dataclass
class MixResult:
    """`mix` output: the folder (mix.wav, mix.json) and mix.wav, the episode's soundtrack."""

    folder: Dir
    mix: File
    usage: Usage


@dataclass
class SceneResult:
    folder: Dir
    fps: float
    frames: int
    usage: Usage


def _episode_options(loudness: Optional[float], music: Optional[str], visualization: Optional[str]) -> list[str]:
    return [*_optional("--loudness", loudness), *_optional("--music", music), *_optional("--visualization", visualization)]


@mix_env.task(cache=_cache("mix"), timeout=timedelta(minutes=30))
async def mix(speech: Dir, script: File, assets: Optional[Dir] = None, loudness: Optional[float] = None,
              music: Optional[str] = None) -> MixResult:
    """Episode speech + the script's music -> mix.wav + mix.json (`orator stage mix`)."""
    work = scratch("mix")
    source = await script_among_assets(script, assets, work)
    out = work / "mix"
    usage = await run_stage("mix", ["--in", await speech.download(), "--script", source, "--out", str(out),
                                    *_episode_options(loudness, music, None)])
    return MixResult(folder=await output_dir(out), mix=await output_file(out / "mix.wav"), usage=Usage.of(usage))


@scene_env.task(cache=_cache("scene"), timeout=timedelta(minutes=10))
async def scene(speech: Dir, mixed: Dir, script: File, fps: Optional[float] = None, seed: Optional[int] = None,
                still: bool = False, expression_scale: Optional[float] = None) -> SceneResult:
    """Narration + mix.json -> scene.json, a motion track per speaker (`orator stage scene`)."""
    work = scratch("scene")
    out = work / "scene"
    usage = await run_stage("scene", ["--in", await speech.download(), "--mix", await mixed.download(),
                                      "--script", await script.download(), "--out", str(out), *_optional("--fps", fps),
                                      *_optional("--seed", seed), *(["--still"] if still else []),
                                      *_optional("--expression-scale", expression_scale)])
    with open(out / "scene.json", encoding="utf-8") as handle:
        body = json.load(handle)
    rate = body["tracks"][0]["fps"] if body["tracks"] else 25.0
    return SceneResult(folder=await output_dir(out), fps=rate, frames=len(body["active"]), usage=Usage.of(usage))


@render_env.task(cache=_cache("scene-render"), retries=2, timeout=timedelta(hours=1))
async def scene_render(scene_folder: Dir, mixed: Dir, script: File, index: int, count: int, assets: Optional[Dir] = None,
                       size: str = "512", photo: Optional[File] = None, pack: Optional[Dir] = None,
                       visualization: Optional[str] = None, preprocess: Optional[str] = None,
                       face_index: Optional[int] = None, face_analysis: Optional[Dir] = None) -> ChunkResult:
    """Slice `index` of `count` of an episode's frames -> chunk.mp4 (`orator stage scene-render`).
    `photo` (the avatar of speakers without their own) takes its landmarks from `face_analysis`."""
    work = scratch(f"scene-render-{index}")
    source = await script_among_assets(script, assets, work)
    avatar, analysis = await _avatar_arguments(photo, pack, face_analysis, work)
    out = work / "chunk"
    usage = await run_stage("scene-render", ["--in", await scene_folder.download(), "--mix", await mixed.download(),
                                             "--script", source, "--out", str(out), "--chunk", f"{index}/{count}",
                                             "--avatar", avatar, "--size", size, "--jobs", str(RENDER_JOBS),
                                             *_episode_options(None, None, visualization),
                                             *_photo_options(preprocess, face_index), *analysis])
    return ChunkResult(chunk=await output_file(out / "chunk.mp4"), index=index, usage=Usage.of(usage, item=index))


STAGE_ENVIRONMENTS: list[flyte.Environment] = [speak_env, lipsync_env, motion_env, face_env, render_env, audio_env,
                                               encode_env, mix_env, scene_env]
