"""Fixtures for the `orator serve` tests (Tests/Server; run them with scripts/test-server).

- `server`: a factory, `server(keyed=False, args=(), keys=None, data=None) -> Server`; each
  server it starts is stopped at the end of the test. A `Server` has `.url`, `.data`, `.auth`
  (`("alice", "s3cret-alice")` for a keyed server, None otherwise), `.proc`, `.kill9()`, `.stop()`
  (SIGTERM), `.restart()` (same data folder, a new port), `.get/.post/.delete(path, ...)` that
  send its own key, and `.log` (what it printed).
- `open_server` / `keyed_server`: one shared key-less and one shared keyed server for the
  whole session (`--workers 2`); use them for anything that does not need its own flags.
- `portrait` (astronaut.png bytes), `portrait_path`, `portrait_jpeg` (the same as JPEG bytes),
  `speech_path`, `speech` (WAV bytes), `gradient` (a face-less PNG).

ORATOR_BIN names the binary (default .build/debug/orator).
"""
from __future__ import annotations

from pathlib import Path

import subprocess

import pytest

import serverlib
from serverlib import Server, ServerPool


@pytest.fixture(scope="session")
def orator_bin() -> str:
    return serverlib.orator_binary()


@pytest.fixture(scope="session")
def _session_pool(tmp_path_factory, orator_bin):
    pool = ServerPool(lambda: tmp_path_factory.mktemp("shared") / "data")
    yield pool
    pool.close()


@pytest.fixture(autouse=True)
def _shared_servers_survive(_session_pool):
    """After each test: a shared server that died fails that test, with the end of its log, so the
    test that killed it is named (the tests after it would only see "connection refused")."""
    yield
    dead = [server for server in _session_pool.servers if server.proc is not None and not server.alive()
            and not getattr(server, "reported_dead", False)]
    for server in dead:
        server.reported_dead = True
    if dead:
        pytest.fail("\n".join(f"shared server {server.url} exited with {server.proc.returncode}; its log ends:\n"
                              + server.log[-6000:] for server in dead), pytrace=False)


@pytest.fixture
def server(tmp_path_factory, orator_bin):
    """Factory: `server(keyed=False, args=(), keys=None, data=None)` -> a started Server."""
    counter = iter(range(1000))
    pool = ServerPool(lambda: tmp_path_factory.mktemp("server") / f"data{next(counter)}")
    yield pool.start
    pool.close()


@pytest.fixture(scope="session")
def open_server(_session_pool) -> Server:
    """A key-less server shared by the session."""
    return _session_pool.start(keyed=False, args=["--workers", "2"])


@pytest.fixture(scope="session")
def keyed_server(_session_pool) -> Server:
    """A server with the keys alice:s3cret-alice and bob:s3cret-bob, shared by the session."""
    return _session_pool.start(keyed=True, args=["--workers", "2"])


@pytest.fixture(scope="session")
def portrait_path() -> Path:
    return serverlib.fetch_portrait()


@pytest.fixture(scope="session")
def portrait(portrait_path) -> bytes:
    return portrait_path.read_bytes()


@pytest.fixture(scope="session")
def portrait_jpeg(portrait_path, tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("jpeg") / "astronaut.jpg"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(portrait_path), "-q:v", "3", str(out)], check=True)
    return out.read_bytes()


@pytest.fixture(scope="session")
def speech_path() -> Path:
    return serverlib.speech_clip()


@pytest.fixture(scope="session")
def speech(speech_path) -> bytes:
    return speech_path.read_bytes()


@pytest.fixture(scope="session")
def gradient() -> bytes:
    return serverlib.gradient_png()
