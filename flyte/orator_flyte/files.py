"""Content hashes for the files and folders that pass between tasks.

Flyte keys a `File`/`Dir` input by its path unless it carries a hash, so a script edited in
place would give a stale cache hit. Every file here travels with the SHA-256 of its content,
and every folder with the SHA-256 of its files' names and contents.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Optional

import flyte
from flyte.io import Dir, File


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def dir_sha256(path: str | Path) -> str:
    """SHA-256 over every file's relative path and content hash, in sorted order."""
    root = Path(path)
    digest = hashlib.sha256()
    for item in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(item.relative_to(root).as_posix().encode() + b"\0" + file_sha256(item).encode() + b"\n")
    return digest.hexdigest()


def local_file(path: str | Path) -> File:
    """A local file as a task input, keyed by its content."""
    resolved = Path(path).resolve()
    return File(path=str(resolved), name=resolved.name, hash=file_sha256(resolved))


def local_dir(path: str | Path) -> Dir:
    """A local folder as a task input, keyed by its content."""
    resolved = Path(path).resolve()
    return Dir(path=str(resolved), name=resolved.name, hash=dir_sha256(resolved))


async def keyed_file(file: File) -> File:
    """`file` with the hash of its current content (downloads it when remote)."""
    local = await file.download()
    return File(path=file.path, name=file.name or Path(local).name, hash=file_sha256(local))


async def keyed_dir(folder: Dir) -> Dir:
    local = await folder.download()
    return Dir(path=folder.path, name=folder.name, hash=dir_sha256(local))


def scratch(prefix: str) -> Path:
    """A fresh folder for a stage's outputs: inside the run's raw-data folder when that is
    local (so cached results stay readable by later runs), else a temporary folder that
    `output_file`/`output_dir` upload from."""
    base = None
    try:
        raw = flyte.ctx().raw_data_path.path  # type: ignore[union-attr]
        if raw and ("://" not in raw or raw.startswith("file://")):
            base = Path(raw.removeprefix("file://"))
            base.mkdir(parents=True, exist_ok=True)
    except Exception:  # outside a task context
        base = None
    return Path(tempfile.mkdtemp(prefix=f"{prefix}-", dir=base))


async def output_file(path: Path) -> File:
    """A stage's output file, uploaded when the run's storage is remote, keyed by content."""
    return await File.from_local(str(path), hash_method=file_sha256(path))


async def output_dir(path: Path) -> Dir:
    return await Dir.from_local(str(path), dir_cache_key=dir_sha256(path))


def with_suffix_of(local: str, name: str | None, folder: Path) -> str:
    """`local`, or a link to it named like `name`, so Orator sees the file's real extension
    (a downloaded photo may lose its `.jpg`)."""
    if not name or Path(local).suffix.lower() == Path(name).suffix.lower():
        return local
    link = folder / Path(name).name
    if not link.exists():
        os.symlink(local, link)
    return str(link)


async def script_among_assets(script: File, assets: Optional[Dir], work: Path) -> str:
    """A local path of `script` inside its assets folder (music, avatars), so that the paths
    the script names, relative to its own folder, resolve as they do for `orator create`."""
    local_script = Path(await script.download())
    if assets is None:
        return str(local_script)
    folder = Path(await assets.download()).resolve()
    if local_script.resolve().parent == folder:
        return str(local_script)
    farm = work / "assets"
    farm.mkdir()
    for entry in folder.iterdir():
        (farm / entry.name).symlink_to(entry)
    target = farm / (script.name or local_script.name)
    if target.is_symlink():
        target.unlink()
    shutil.copyfile(local_script, target)
    return str(target)
