"""Running `orator serve` for the tests: a live server on loopback, its data folder, its keys.

`Server` starts `$ORATOR_BIN serve --host 127.0.0.1 --port 0 --data DIR [--api-key-file F] ...`,
reads the chosen port from the line `listening on http://127.0.0.1:PORT` that the server prints,
and waits until `GET /health` answers. The tests use it through the fixtures in conftest.py.
"""
from __future__ import annotations

import base64
import os
import re
import signal
import subprocess
import time
from pathlib import Path
from typing import Any, Iterable

import requests

ROOT = Path(__file__).resolve().parents[2]

#: The two keys of a keyed server's key file (D-ID's `name:secret` form).
KEYS: dict[str, str] = {"alice": "s3cret-alice", "bob": "s3cret-bob"}

LISTENING = re.compile(r"listening on (https?://[^\s:/]+):(\d+)")

#: A sentinel meaning "use the server's own auth" in `Server.request`.
DEFAULT: Any = object()


def orator_binary() -> str:
    """The binary under test: $ORATOR_BIN, else the debug build."""
    path = os.path.abspath(os.environ.get("ORATOR_BIN") or str(ROOT / ".build" / "debug" / "orator"))
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"ORATOR_BIN {path} is not an executable (build with `swift build` first)")
    return path


def basic_header(name: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{name}:{secret}".encode()).decode()


def bearer_header(name: str, secret: str) -> str:
    return f"Bearer {name}:{secret}"


class ServerStartError(RuntimeError):
    pass


class Server:
    """One `orator serve` process on loopback with its own data folder.

    Attributes: `url` (http://127.0.0.1:PORT, no trailing slash), `data` (the data folder, a
    Path), `auth` (a requests auth tuple `(name, secret)` for a keyed server, else None),
    `proc` (the subprocess.Popen), `keys` (name -> secret; empty without a key file),
    `args` (the extra arguments), `log_path` (its stdout and stderr).
    """

    def __init__(self, data: Path, *, keys: dict[str, str] | None = None,
                 args: Iterable[str] = (), binary: str | None = None,
                 startup_timeout: float = 90.0) -> None:
        self.binary = binary or orator_binary()
        self.data = Path(data)
        self.data.mkdir(parents=True, exist_ok=True)
        self.keys = dict(keys or {})
        self.args = [str(a) for a in args]
        self.startup_timeout = startup_timeout
        self.keys_file: Path | None = None
        if self.keys:
            # Outside the data folder, so "nothing else in DATA" checks are not confused by it.
            self.keys_file = self.data.parent / (self.data.name + "-keys.txt")
            lines = ["# test keys"] + [f"{name}:{secret}" for name, secret in self.keys.items()]
            self.keys_file.write_text("\n".join(lines) + "\n")
        first = next(iter(self.keys.items()), None)
        self.auth: tuple[str, str] | None = first
        self.log_path = self.data.parent / (self.data.name + "-server.log")
        self.proc: subprocess.Popen[bytes] | None = None
        self.url = ""
        self.port = 0
        self.starts = 0
        self._start()

    # -- lifecycle -------------------------------------------------------------------------

    def command(self) -> list[str]:
        cmd = [self.binary, "serve", "--host", "127.0.0.1", "--port", "0", "--data", str(self.data)]
        if self.keys_file is not None:
            cmd += ["--api-key-file", str(self.keys_file)]
        return cmd + self.args

    def _start(self) -> None:
        self.starts += 1
        with open(self.log_path, "ab") as log:
            log.write(f"\n=== start {self.starts}: {' '.join(self.command())}\n".encode())
            offset = log.tell()
            self.proc = subprocess.Popen(self.command(), stdout=log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, cwd=str(self.data.parent))
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            text = self._log_from(offset)
            match = LISTENING.search(text)
            if match:
                self.port = int(match.group(2))
                self.url = f"http://127.0.0.1:{self.port}"
                break
            if self.proc.poll() is not None:
                raise ServerStartError(f"orator serve exited with {self.proc.returncode}:\n{text}")
            time.sleep(0.05)
        else:
            self._terminate(signal.SIGKILL)
            raise ServerStartError(f"orator serve printed no 'listening on' line in "
                                   f"{self.startup_timeout:.0f} s:\n{self._log_from(offset)}")
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/health", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if self.proc.poll() is not None:
                raise ServerStartError(f"orator serve exited with {self.proc.returncode}:\n{self._log_from(offset)}")
            time.sleep(0.05)
        self._terminate(signal.SIGKILL)
        raise ServerStartError(f"GET /health did not answer 200:\n{self._log_from(offset)}")

    def _log_from(self, offset: int) -> str:
        with open(self.log_path, "rb") as log:
            log.seek(offset)
            return log.read().decode("utf-8", "replace")

    @property
    def log(self) -> str:
        """Everything the server printed, over all its starts."""
        return self.log_path.read_text(errors="replace")

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def _terminate(self, sig: int, timeout: float = 30.0) -> int | None:
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        return self.proc.returncode

    def kill9(self) -> int | None:
        """SIGKILL: the server gets no chance to clean up. Returns the exit status."""
        return self._terminate(signal.SIGKILL)

    def stop(self, timeout: float = 30.0) -> int | None:
        """SIGTERM, then wait (SIGKILL after `timeout` s). Returns the exit status."""
        return self._terminate(signal.SIGTERM, timeout)

    def restart(self) -> None:
        """Stop (if running) and start again on the same data folder; the port is new."""
        if self.alive():
            self.stop()
        self._start()

    # -- requests --------------------------------------------------------------------------

    def request(self, method: str, path: str, *, auth: Any = DEFAULT, **kw: Any) -> requests.Response:
        """`method` on `url + path` with the server's own key unless `auth` is given."""
        kw.setdefault("timeout", 30)
        if auth is DEFAULT:
            auth = self.auth
        return requests.request(method, self.url + path, auth=auth, **kw)

    def get(self, path: str, **kw: Any) -> requests.Response:
        return self.request("GET", path, **kw)

    def post(self, path: str, **kw: Any) -> requests.Response:
        return self.request("POST", path, **kw)

    def delete(self, path: str, **kw: Any) -> requests.Response:
        return self.request("DELETE", path, **kw)

    def __repr__(self) -> str:
        return f"Server({self.url}, data={self.data}, keys={list(self.keys)}, args={self.args})"


class ServerPool:
    """Starts servers on demand and stops every one of them at the end."""

    def __init__(self, make_dir) -> None:
        self._make_dir = make_dir
        self.servers: list[Server] = []

    def start(self, *, keyed: bool = False, keys: dict[str, str] | None = None,
              args: Iterable[str] = (), data: Path | None = None) -> Server:
        """A new server. `keyed=True` uses the two test keys (alice, bob); `keys` gives others;
        `args` are extra `orator serve` arguments (e.g. ["--workers", "1"]); `data` reuses a folder."""
        if keys is None and keyed:
            keys = KEYS
        server = Server(data or self._make_dir(), keys=keys, args=args)
        self.servers.append(server)
        return server

    def close(self) -> None:
        for server in self.servers:
            try:
                server.stop(timeout=15)
            except Exception:  # noqa: BLE001 - teardown must reach every server
                server.kill9()


# -- inputs ----------------------------------------------------------------------------------

LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")


def fetch_portrait() -> Path:
    """The 512x512 astronaut portrait (scripts/fetch-fixtures, from the scikit-image wheel)."""
    out = subprocess.run([str(ROOT / "scripts" / "fetch-fixtures")], capture_output=True, text=True, check=True)
    return Path(out.stdout.strip()) / "astronaut.png"


def speech_clip() -> Path:
    """The shortest librivox clip of Debian's pocketsphinx-testdata (real read speech, 16 kHz)."""
    clips = sorted(LIBRIVOX.glob("*.wav"), key=lambda p: p.stat().st_size)
    if not clips:
        raise RuntimeError(f"no speech clips in {LIBRIVOX} (apt-get install pocketsphinx-testdata)")
    return clips[0]


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    import struct
    import zlib
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)


def png_bytes(width: int, height: int, pixel) -> bytes:
    """An RGB PNG whose pixel (x, y) is `pixel(x, y)` -> (r, g, b)."""
    import struct
    import zlib
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            rows.extend(pixel(x, y))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr)
            + png_chunk(b"IDAT", zlib.compress(bytes(rows), 6)) + png_chunk(b"IEND", b""))


def gradient_png(size: int = 256) -> bytes:
    """A plain gradient: a valid image with no face in it."""
    return png_bytes(size, size, lambda x, y: (x * 255 // (size - 1), y * 255 // (size - 1), 128))


def huge_header_png(width: int = 40000, height: int = 40000) -> bytes:
    """A small file whose PNG header declares `width` x `height` pixels (1.6 gigapixels)."""
    import struct
    import zlib
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    # A little compressed data; a decoder would want far more, but the header alone is over the limit.
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr)
            + png_chunk(b"IDAT", zlib.compress(b"\x00" * 4096)) + png_chunk(b"IEND", b""))


# -- API helpers -----------------------------------------------------------------------------

FINAL = ("done", "error", "rejected")

#: A text long enough that its job is still running when a test acts on it.
LONG_TEXT = ("This is a longer talk, so that the job is still running when the test acts on it. "
             "It goes on for a few sentences. Each one takes a couple of seconds to say. "
             "And the renderer has to draw every frame of it before the video is done. ") * 2


def fake_id(prefix: str) -> str:
    """A well-formed id (`img_`, `aud_`, `tlk_` and 20 letters or digits) the server never made."""
    import secrets
    import string
    alphabet = string.ascii_letters + string.digits
    return prefix + "".join(secrets.choice(alphabet) for _ in range(20))


def signature(secret: bytes, body: bytes) -> str:
    """The X-Orator-Signature value of `body`: sha256=HEX of HMAC-SHA256 keyed with `secret`."""
    import hashlib
    import hmac
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


def upload_image(server: Server, content: bytes, content_type: str = "image/png", *,
                 filename: str = "portrait.png", raw: bool = False, auth: Any = DEFAULT) -> requests.Response:
    if raw:
        return server.post("/images", data=content, headers={"Content-Type": content_type}, auth=auth)
    return server.post("/images", files={"image": (filename, content, content_type)}, auth=auth)


def upload_audio(server: Server, content: bytes, content_type: str = "audio/wav", *,
                 filename: str = "speech.wav", raw: bool = False, auth: Any = DEFAULT) -> requests.Response:
    if raw:
        return server.post("/audios", data=content, headers={"Content-Type": content_type}, auth=auth)
    return server.post("/audios", files={"audio": (filename, content, content_type)}, auth=auth)


def talk_body(text: str = "Hello there.", *, source_url: str | None = None, size: Any = "256",
              **extra: Any) -> dict[str, Any]:
    """A short text talk; `size` goes into config (None leaves config out)."""
    body: dict[str, Any] = {"script": {"type": "text", "input": text,
                                       "provider": {"type": "espeak", "voice_id": "en-us"}}}
    if source_url is not None:
        body["source_url"] = source_url
    if size is not None:
        body["config"] = {"size": size}
    body.update(extra)
    return body


def create_talk(server: Server, body: dict[str, Any] | None = None, *, auth: Any = DEFAULT) -> dict[str, Any]:
    response = server.post("/talks", json=body if body is not None else talk_body(), auth=auth)
    assert response.status_code == 201, f"POST /talks: {response.status_code} {response.text}"
    return response.json()


def wait_for_talk(server: Server, talk_id: str, *, statuses: Iterable[str] = FINAL,
                  timeout: float = 180.0, auth: Any = DEFAULT) -> dict[str, Any]:
    """Poll GET /talks/{id} until its status is one of `statuses`; the last talk JSON."""
    wanted = set(statuses)
    deadline = time.monotonic() + timeout
    talk: dict[str, Any] = {}
    while time.monotonic() < deadline:
        response = server.get(f"/talks/{talk_id}", auth=auth)
        assert response.status_code == 200, f"GET /talks/{talk_id}: {response.status_code} {response.text}"
        talk = response.json()
        if talk["status"] in wanted:
            return talk
        if talk["status"] in FINAL:
            raise AssertionError(f"talk {talk_id} ended {talk['status']}, wanted {sorted(wanted)}: {talk}")
        time.sleep(0.2)
    raise AssertionError(f"talk {talk_id} not {sorted(wanted)} within {timeout:.0f} s: {talk}")


def is_error(response: requests.Response, status: int, kind: str) -> None:
    """Assert the documented error shape: `status` and JSON {"kind": kind, "description": str}."""
    assert response.status_code == status, f"wanted {status} {kind}, got {response.status_code}: {response.text[:500]}"
    assert response.headers.get("Content-Type", "").startswith("application/json"), response.headers
    body = response.json()
    assert body.get("kind") == kind, body
    assert isinstance(body.get("description"), str) and body["description"], body


# -- raw HTTP --------------------------------------------------------------------------------

def raw_request(server: Server, method: str, path: str, *, headers: dict[str, str] | None = None,
                body: bytes | None = None, auth: Any = DEFAULT, timeout: float = 30.0):
    """Send `path` byte for byte (no normalization of `..` or `%2f`, which requests/urllib3 do).
    Returns (status, headers as a dict with lower-case names, body bytes)."""
    import http.client
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    all_headers = dict(headers or {})
    if auth is DEFAULT:
        auth = server.auth
    if auth is not None:
        all_headers.setdefault("Authorization", basic_header(*auth))
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        for name, value in all_headers.items():
            conn.putheader(name, value)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def stream_upload(server: Server, path: str, head_lines: list[str], chunk: bytes, *,
                  total: int | None, max_send: int, auth: Any = DEFAULT, timeout: float = 20.0):
    """Start an upload of `total` bytes (None: chunked transfer encoding) made of `chunk`
    repeated, but send at most `max_send` bytes of it, watching for an early answer.

    Returns (status or None, response bytes, bytes of body sent). A server that streams the
    body and refuses it once past its limit answers before `max_send`; one that waits for the
    whole body never answers (status None after `timeout`)."""
    import select
    import socket
    if auth is DEFAULT:
        auth = server.auth
    lines = [f"POST {path} HTTP/1.1", f"Host: 127.0.0.1:{server.port}", *head_lines]
    if auth is not None:
        lines.append("Authorization: " + basic_header(*auth))
    lines.append(f"Content-Length: {total}" if total is not None else "Transfer-Encoding: chunked")
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=timeout)
    sent = 0
    received = b""
    try:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        while sent < max_send:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                break
            piece = chunk if total is None else chunk[: max(0, min(len(chunk), total - sent))]
            if not piece:
                break
            framed = piece if total is not None else f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
            try:
                sock.sendall(framed)
            except OSError:  # the server closed the connection after answering
                break
            sent += len(piece)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            readable, _, _ = select.select([sock], [], [], 0.2)
            if not readable:
                if b"\r\n\r\n" in received:
                    break
                continue
            try:
                data = sock.recv(65536)
            except OSError:
                break
            if not data:
                break
            received += data
            if b"\r\n\r\n" in received:
                head, _, rest = received.partition(b"\r\n\r\n")
                match = re.search(rb"(?i)content-length:\s*(\d+)", head)
                if match and len(rest) >= int(match.group(1)):
                    break
    finally:
        sock.close()
    match = re.match(rb"HTTP/1\.[01] (\d{3})", received)
    return (int(match.group(1)) if match else None), received, sent


# -- server-sent events ----------------------------------------------------------------------

def read_events(response: requests.Response) -> list[tuple[str, str]]:
    """The (event, data) pairs of a text/event-stream response, read until the server ends it."""
    events: list[tuple[str, str]] = []
    event, data = "message", []
    for raw in response.iter_lines(decode_unicode=False):
        line = raw.decode("utf-8")
        if line == "":
            if data:
                events.append((event, "\n".join(data)))
            event, data = "message", []
        elif line.startswith(":"):
            continue
        else:
            name, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if name == "event":
                event = value
            elif name == "data":
                data.append(value)
    if data:
        events.append((event, "\n".join(data)))
    return events


# -- webhooks --------------------------------------------------------------------------------

class WebhookReceiver:
    """A loopback HTTP server that records every POST. `fail_first[path] = N` answers the
    first N requests to that path with 500. `url(path)` is the webhook URL."""

    def __init__(self) -> None:
        import http.server
        import threading
        self.deliveries: list[dict[str, Any]] = []
        self.fail_first: dict[str, int] = {}
        self.lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                with receiver.lock:
                    seen = sum(1 for d in receiver.deliveries if d["path"] == self.path)
                    status = 500 if seen < receiver.fail_first.get(self.path, 0) else 200
                    receiver.deliveries.append({"path": self.path, "headers": dict(self.headers.items()),
                                                "body": body, "time": time.monotonic(), "answered": status})
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def at(self, path: str) -> list[dict[str, Any]]:
        with self.lock:
            return [d for d in self.deliveries if d["path"] == path]

    def wait(self, path: str, count: int, timeout: float = 60.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.at(path)
            if len(got) >= count:
                return got
            time.sleep(0.1)
        raise AssertionError(f"webhook {path}: {len(self.at(path))} deliveries within {timeout:.0f} s, wanted {count}")

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def ffprobe_duration(path: Path) -> float:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
                          "default=nw=1:nk=1", str(path)], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def files_naming(folder: Path, text: str) -> list[Path]:
    """Every file or folder under `folder` whose path (relative to it) contains `text`."""
    return [p for p in folder.rglob("*") if text in str(p.relative_to(folder))]


def tree_snapshot(folder: Path, exclude: Iterable[Path] = ()) -> dict[str, tuple[int, float]]:
    """path -> (size, mtime) of everything under `folder`, except the `exclude` trees."""
    skip = [Path(e) for e in exclude]
    snapshot = {}
    for path in folder.rglob("*"):
        if any(path == s or s in path.parents for s in skip):
            continue
        stat = path.lstat()
        snapshot[str(path.relative_to(folder))] = (stat.st_size, stat.st_mtime)
    return snapshot
