"""Where the tasks find `orator`: $ORATOR_BIN, the repository's release then debug build, PATH."""

from __future__ import annotations

from pathlib import Path

import pytest

from orator_flyte import binary


def executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def test_lookup_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repository = tmp_path / "repo"
    monkeypatch.setattr(binary, "REPOSITORY", repository)
    on_path = executable(tmp_path / "bin" / "orator")
    monkeypatch.setenv("PATH", str(on_path.parent))
    monkeypatch.delenv("ORATOR_BIN", raising=False)
    assert binary.find_orator() == str(on_path)
    debug = executable(repository / ".build" / "debug" / "orator")
    assert binary.find_orator() == str(debug)
    release = executable(repository / ".build" / "release" / "orator")
    assert binary.find_orator() == str(release)
    explicit = executable(tmp_path / "elsewhere" / "orator")
    monkeypatch.setenv("ORATOR_BIN", str(explicit))
    assert binary.find_orator() == str(explicit)


def test_one_clear_message_when_there_is_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(binary, "REPOSITORY", tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("ORATOR_BIN", raising=False)
    with pytest.raises(binary.OratorNotFound, match="cannot find the orator binary: set ORATOR_BIN"):
        binary.find_orator()
    monkeypatch.setenv("ORATOR_BIN", str(tmp_path / "missing"))
    with pytest.raises(binary.OratorNotFound, match="is not an executable file"):
        binary.find_orator()
