"""Talks, episodes, webhooks, events, listing, deleting, limits and keys of docs/server.md,
against a live `orator serve` (uploads: test_uploads.py; ids and paths: test_paths.py)."""
from __future__ import annotations

import json
import re
import subprocess
import time
import urllib.parse

import pytest
import requests
import yaml

import serverlib
from serverlib import (KEYS, LONG_TEXT, basic_header, bearer_header, create_talk, fake_id, files_naming, is_error,
                       raw_request, signature, talk_body, upload_audio, upload_image, wait_for_talk)


STAGES = {"queued", "starting", "speech", "lipsync", "motion", "render", "scene", "encode", "mix", "done"}
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


@pytest.fixture(scope="module")
def receiver():
    hooks = serverlib.WebhookReceiver()
    yield hooks
    hooks.close()


@pytest.fixture(scope="module")
def keyed_image(keyed_server, portrait) -> dict:
    response = upload_image(keyed_server, portrait)
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture(scope="module")
def open_image(open_server, portrait) -> dict:
    response = upload_image(open_server, portrait)
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture(scope="module")
def happy_talk(keyed_server, keyed_image, receiver):
    """One photo talk on the keyed server, with captions and a webhook that fails twice."""
    receiver.fail_first["/happy"] = 2
    body = talk_body("Hello there.", source_url=keyed_image["url"], name="happy path",
                     user_data="user data \u00e9", webhook=receiver.url("/happy"))
    body["config"]["captions"] = ["srt", "vtt"]
    created = create_talk(keyed_server, body)
    final = wait_for_talk(keyed_server, created["id"])
    return created, final

# -- health, document, page ------------------------------------------------------------------

def test_health_needs_no_key(keyed_server, open_server):
    for server, auth in ((keyed_server, True), (open_server, False)):
        response = server.get("/health", auth=None)
        assert response.status_code == 200, response.text
        health = response.json()
        assert health["status"] == "ok"
        assert health["auth"] is auth
        assert health["workers"] == 2
        assert isinstance(health["version"], str) and health["version"]
        assert isinstance(health["queued"], int) and isinstance(health["running"], int)


def test_openapi_is_served_without_key(keyed_server):
    response = keyed_server.get("/openapi.yaml", auth=None)
    assert response.status_code == 200, response.text
    document = yaml.safe_load(response.text)
    assert re.match(r"^3\.1\.\d+$", str(document["openapi"])), document["openapi"]
    from openapi_spec_validator import validate
    validate(document)
    for path in ("/images", "/images/{id}", "/audios", "/audios/{id}", "/talks", "/talks/{id}",
                 "/talks/{id}/events", "/talks/{id}/result.mp4", "/episodes", "/episodes/{id}",
                 "/voices", "/avatars", "/avatars/{id}/preview.png", "/health", "/openapi.yaml"):
        assert path in document["paths"], path
    shipped = (serverlib.ROOT / "Sources/OratorServer/Resources/openapi.yaml").read_text()
    assert yaml.safe_load(shipped) == document, "the served document is not Resources/openapi.yaml"


def test_page_and_static_need_no_key(keyed_server):
    response = keyed_server.get("/", auth=None)
    assert response.status_code == 200
    preview = keyed_server.get("/avatars/builtin/preview.png", auth=None)
    assert preview.status_code == 200 and preview.headers["Content-Type"] == "image/png"
    assert response.headers["Content-Type"].startswith("text/html")
    status, headers, body = raw_request(keyed_server, "GET", "/static/no-such-file.css", auth=None)
    assert status == 404, (status, body)


def test_unknown_route_is_404(keyed_server):
    is_error(keyed_server.get("/no/such/route"), 404, "NotFoundError")


# -- authentication --------------------------------------------------------------------------

PROTECTED = [
    ("GET", "/talks"), ("POST", "/talks"), ("GET", "/voices"), ("GET", "/avatars"),
    ("POST", "/images"), ("POST", "/audios"), ("POST", "/episodes"),
    ("GET", "/talks/" + fake_id("tlk_")), ("DELETE", "/talks/" + fake_id("tlk_")),
    ("GET", "/talks/" + fake_id("tlk_") + "/events"), ("GET", "/episodes/" + fake_id("tlk_")),
    ("GET", "/images/" + fake_id("img_")), ("GET", "/audios/" + fake_id("aud_")),
]

WRONG = {
    "none": None,
    "wrong secret (Basic)": basic_header("alice", "wrong"),
    "wrong name (Basic)": basic_header("carol", "s3cret-alice"),
    "bob's name, alice's secret": basic_header("bob", "s3cret-alice"),
    "wrong secret (Bearer)": bearer_header("alice", "s3cret-bob"),
    "Bearer without a name": "Bearer s3cret-alice",
    "empty Bearer": "Bearer ",
    "secret as a prefix": basic_header("alice", "s3cret-alice-and-more"),
    "not base64": "Basic %%%not-base64%%%",
    "unknown scheme": "Digest alice:s3cret-alice",
}


@pytest.mark.parametrize("method,path", PROTECTED, ids=[f"{m} {p}" for m, p in PROTECTED])
def test_protected_endpoints_need_a_key(keyed_server, method, path):
    response = keyed_server.request(method, path, auth=None, json={} if method == "POST" else None)
    is_error(response, 401, "AuthorizationError")
    assert response.headers.get("WWW-Authenticate") == 'Bearer realm="orator"', response.headers


@pytest.mark.parametrize("case", list(WRONG), ids=list(WRONG))
def test_wrong_keys_are_401(keyed_server, case):
    headers = {} if WRONG[case] is None else {"Authorization": WRONG[case]}
    response = keyed_server.get("/talks", auth=None, headers=headers)
    is_error(response, 401, "AuthorizationError")
    assert response.headers.get("WWW-Authenticate") == 'Bearer realm="orator"'


@pytest.mark.parametrize("name", list(KEYS))
def test_basic_and_bearer_are_accepted(keyed_server, name):
    secret = KEYS[name]
    for header in (basic_header(name, secret), bearer_header(name, secret)):
        response = keyed_server.get("/talks", auth=None, headers={"Authorization": header})
        assert response.status_code == 200, (header, response.text)
        assert "talks" in response.json()


def test_keys_see_only_their_own(keyed_server, keyed_image):
    """Not in docs/server.md (jobs and uploads belong to the key that made them): what the server does."""
    bob = ("bob", KEYS["bob"])
    talk = create_talk(keyed_server, talk_body("Alice's own.", source_url=keyed_image["id"]))
    is_error(keyed_server.get("/talks/" + talk["id"], auth=bob), 404, "NotFoundError")
    is_error(keyed_server.delete("/talks/" + talk["id"], auth=bob), 404, "NotFoundError")
    is_error(keyed_server.get("/images/" + keyed_image["id"], auth=bob), 404, "NotFoundError")
    assert talk["id"] not in [t["id"] for t in keyed_server.get("/talks", auth=bob, params={"limit": 100}).json()["talks"]]
    response = keyed_server.post("/talks", json=talk_body(source_url=keyed_image["id"]), auth=bob)
    is_error(response, 422, "ValidationError")
    assert keyed_server.delete("/talks/" + talk["id"]).status_code == 200


def test_keyless_server_needs_no_key(open_server):
    assert open_server.get("/talks", auth=None).status_code == 200
    assert open_server.get("/voices", auth=None).status_code == 200


def test_keyless_server_refuses_public_host(orator_bin, tmp_path):
    proc = subprocess.Popen([orator_bin, "serve", "--host", "0.0.0.0", "--port", "0", "--data", str(tmp_path / "d")],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        out, _ = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        pytest.fail(f"orator serve --host 0.0.0.0 without keys kept running: {out.decode(errors='replace')}")
    assert proc.returncode != 0, out
    assert b"listening on" not in out, out


def test_keyless_server_says_so_at_start(open_server):
    assert re.search(r"(?i)key", open_server.log), open_server.log


# -- talks -----------------------------------------------------------------------------------

def test_talk_happy_path(keyed_server, keyed_image, happy_talk, tmp_path):
    created, talk = happy_talk
    assert re.fullmatch(r"tlk_[A-Za-z0-9]{20}", created["id"]), created
    assert created["object"] == "talk" and created["status"] == "created", created
    assert TIMESTAMP.match(created["created_at"]), created
    assert talk["status"] == "done", talk
    for field in ("id", "object", "name", "status", "created_at", "started_at", "modified_at", "source_url",
                  "audio_url", "user_data", "webhook", "config", "progress", "stage", "result_url",
                  "duration", "captions", "error"):
        assert field in talk, field
    assert talk["id"] == created["id"] and talk["object"] == "talk"
    assert talk["name"] == "happy path" and talk["user_data"] == "user data \u00e9"
    assert talk["error"] is None and talk["audio_url"] is None
    assert talk["source_url"] and keyed_image["id"] in talk["source_url"], talk
    for field in ("created_at", "started_at", "modified_at"):
        assert TIMESTAMP.match(talk[field]), (field, talk[field])
    assert talk["created_at"] <= talk["started_at"] <= talk["modified_at"], talk
    assert talk["progress"] == 1, talk
    assert talk["duration"] > 0.3, talk
    assert isinstance(talk["config"], dict)

    # The signed result URL needs no key, even on a keyed server.
    url = talk["result_url"]
    assert "/talks/" + talk["id"] + "/result.mp4" in url, url
    whole = requests.get(url, timeout=30)
    assert whole.status_code == 200, whole.text
    assert whole.headers["Content-Type"] == "video/mp4"
    assert int(whole.headers["Content-Length"]) == len(whole.content) > 1000
    assert whole.headers.get("Accept-Ranges") == "bytes"
    assert whole.content[4:8] == b"ftyp"
    video = tmp_path / "result.mp4"
    video.write_bytes(whole.content)
    assert abs(serverlib.ffprobe_duration(video) - talk["duration"]) <= 0.1, (serverlib.ffprobe_duration(video), talk)

    total = len(whole.content)
    part = requests.get(url, headers={"Range": "bytes=100-199"}, timeout=30)
    assert part.status_code == 206, part.text
    assert part.headers["Content-Range"] == f"bytes 100-199/{total}"
    assert part.headers["Content-Type"] == "video/mp4"
    assert int(part.headers["Content-Length"]) == 100 and part.content == whole.content[100:200]
    tail = requests.get(url, headers={"Range": "bytes=-50"}, timeout=30)
    assert tail.status_code == 206 and tail.content == whole.content[-50:], tail.headers
    assert tail.headers["Content-Range"] == f"bytes {total - 50}-{total - 1}/{total}"
    rest = requests.get(url, headers={"Range": f"bytes={total - 10}-"}, timeout=30)
    assert rest.status_code == 206 and rest.content == whole.content[-10:]
    beyond = requests.get(url, headers={"Range": f"bytes={total}-"}, timeout=30)
    is_error(beyond, 416, "RangeNotSatisfiableError")
    assert beyond.headers.get("Content-Range") == f"bytes */{total}", beyond.headers
    is_error(requests.get(url, headers={"Range": f"bytes={total + 1000}-{total + 2000}"}, timeout=30), 416,
             "RangeNotSatisfiableError")

    # Without its signature the result URL needs a key; a tampered signature is refused.
    parts = urllib.parse.urlsplit(url)
    if parts.query:
        bare = urllib.parse.urlunsplit(parts._replace(query=""))
        is_error(requests.get(bare, timeout=30), 401, "AuthorizationError")

    # Captions as asked: signed URLs that need no key.
    assert set(talk["captions"]) == {"srt", "vtt"}, talk["captions"]
    srt = requests.get(talk["captions"]["srt"], timeout=30)
    vtt = requests.get(talk["captions"]["vtt"], timeout=30)
    assert srt.status_code == 200 and "-->" in srt.text and "Hello" in srt.text, srt.text
    assert vtt.status_code == 200 and vtt.text.startswith("WEBVTT"), vtt.text

    # The result URL is signed afresh on every GET, and GET /episodes/{id} is not this talk's kind
    # of resource only: it is the same resource.
    again = keyed_server.get("/talks/" + talk["id"]).json()
    assert requests.get(again["result_url"], timeout=30).status_code == 200
    assert keyed_server.get("/episodes/" + talk["id"]).json()["id"] == talk["id"]


def test_tampered_or_expired_signature_is_refused(happy_talk):
    """docs/server.md: a result link whose signature is wrong or expired is 403 PermissionError."""
    _, talk = happy_talk
    parts = urllib.parse.urlsplit(talk["result_url"])
    query = dict(urllib.parse.parse_qsl(parts.query))
    assert query, "the result URL carries no signature"
    for name in list(query):
        changed = dict(query)
        value = changed[name]
        changed[name] = value[:-1] + ("0" if value[-1] != "0" else "1")
        if name == "expires" and value.isdigit():
            changed[name] = str(int(value) - 48 * 3600)
        url = urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(changed)))
        response = requests.get(url, timeout=30)
        is_error(response, 403, "PermissionError")


def test_webhook_signed_and_retried(keyed_server, happy_talk, receiver):
    _, talk = happy_talk
    deliveries = receiver.wait("/happy", 3, timeout=60)
    time.sleep(5)  # a fourth delivery would come 4 s after the third
    deliveries = receiver.at("/happy")
    assert [d["answered"] for d in deliveries] == [500, 500, 200], [d["answered"] for d in deliveries]
    gaps = [b["time"] - a["time"] for a, b in zip(deliveries, deliveries[1:])]
    assert 0.7 <= gaps[0] <= 3.0 and 1.5 <= gaps[1] <= 5.0, gaps
    for delivery in deliveries:
        headers = {k.lower(): v for k, v in delivery["headers"].items()}
        assert headers["content-type"].startswith("application/json"), headers
        assert headers["x-orator-signature"] == signature(KEYS["alice"].encode(), delivery["body"]), headers
        body = json.loads(delivery["body"])
        assert body["id"] == talk["id"] and body["status"] == "done" and body["object"] == "talk", body
        assert body["result_url"] and body["duration"] == talk["duration"], body
        assert set(talk) <= set(body), set(talk) - set(body)


def test_audio_talk_with_bare_ids(open_server, open_image, speech, speech_path):
    audio = upload_audio(open_server, speech).json()
    created = create_talk(open_server, {"source_url": open_image["id"],
                                        "script": {"type": "audio", "audio_url": audio["id"]},
                                        "config": {"size": "256"}})
    talk = wait_for_talk(open_server, created["id"])
    assert talk["status"] == "done", talk
    assert talk["audio_url"] and audio["id"] in talk["audio_url"], talk
    assert abs(talk["duration"] - audio["duration"]) < 0.25, (talk["duration"], audio["duration"])


def test_audio_talk_with_transcript_and_url(open_server, open_image, speech_path):
    transcript = (serverlib.LIBRIVOX / "transcription").read_text()
    line = next((l for l in transcript.splitlines() if speech_path.stem in l), "")
    text = re.sub(r"\(.*?\)|<.*?>", "", line).strip().lower()
    audio = upload_audio(open_server, speech_path.read_bytes(), raw=True).json()
    created = create_talk(open_server, {"source_url": open_image["url"],
                                        "script": {"type": "audio", "audio_url": audio["url"], "transcript": text},
                                        "config": {"size": "256", "still": True}})
    talk = wait_for_talk(open_server, created["id"])
    assert talk["status"] == "done", talk


def test_builtin_presenter_talk(open_server, receiver):
    created = create_talk(open_server, talk_body("Hi.", size="320x240", webhook=receiver.url("/open")))
    talk = wait_for_talk(open_server, created["id"])
    assert talk["status"] == "done" and talk["source_url"] is None, talk
    # Without keys the webhook is signed with the server's own secret (DATA/secret).
    delivery = receiver.wait("/open", 1)[0]
    secret = (open_server.data / "secret").read_bytes()
    sent = {k.lower(): v for k, v in delivery["headers"].items()}["x-orator-signature"]
    assert sent in (signature(secret, delivery["body"]), signature(secret.strip(), delivery["body"])), sent
    video = requests.get(talk["result_url"], timeout=30)
    probe = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                            "stream=width,height", "-of", "csv=p=0", "-"], input=video.content,
                           capture_output=True, check=True)
    assert probe.stdout.decode().strip() == "320,240", probe.stdout


def test_ignored_config_keys_are_listed(keyed_server):
    body = talk_body("Ignore some.")
    body["config"].update({"fluent": True, "pad_audio": 0.5})
    response = keyed_server.post("/talks", json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert sorted(created["ignored"]) == ["config.fluent", "config.pad_audio"], created
    talk = keyed_server.get("/talks/" + created["id"]).json()
    assert sorted(talk["ignored"]) == ["config.fluent", "config.pad_audio"], talk
    assert talk["config"]["size"] == "256", talk["config"]
    assert keyed_server.delete("/talks/" + created["id"]).status_code == 200
    plain = create_talk(keyed_server, {"script": body["script"]})
    assert "ignored" not in plain or plain["ignored"] == [], plain
    talk = keyed_server.get("/talks/" + plain["id"]).json()
    assert talk["config"] is None and talk["ignored"] == [], talk
    assert keyed_server.delete("/talks/" + plain["id"]).status_code == 200


def test_captions_for_a_recording_come_from_its_recognized_words(keyed_server, keyed_image, speech):
    # The shortest librivox clip says "he was not an ill disposed young man"; without a
    # transcript the words are recognized (PocketSphinx), and the captions show them.
    audio = upload_audio(keyed_server, speech).json()
    body = {"source_url": keyed_image["id"], "script": {"type": "audio", "audio_url": audio["id"]},
            "config": {"captions": ["srt"], "size": "256", "still": True}}
    talk = wait_for_talk(keyed_server, create_talk(keyed_server, body)["id"])
    assert talk["status"] == "done", talk
    srt = requests.get(talk["captions"]["srt"], timeout=30)
    assert srt.status_code == 200 and "-->" in srt.text, srt.text
    words = re.findall(r"[a-z]+", srt.text.lower())
    assert {"he", "was", "not", "young", "man"} <= set(words), srt.text


@pytest.mark.parametrize("provider", [
    {"type": "espeak", "voice_id": "../../../../etc/passwd"},
    {"type": "espeak", "voice_id": "/usr/lib/x86_64-linux-gnu/espeak-ng-data/voices/!v/m1"},
    {"type": "piper", "voice_id": "piper:/etc/passwd"},
    {"type": "piper", "voice_id": "/etc/passwd"},
    {"type": "piper", "voice_id": "../joe"},
], ids=["espeak dots", "espeak path", "piper: prefix", "piper path", "piper dots"])
def test_voice_naming_a_file_is_422(keyed_server, provider):
    body = talk_body()
    body["script"]["provider"] = provider
    is_error(keyed_server.post("/talks", json=body), 422, "ValidationError")


@pytest.mark.parametrize("provider", ["microsoft", "amazon", "elevenlabs"])
def test_foreign_provider_is_422_naming_local_ones(keyed_server, provider):
    body = talk_body()
    body["script"]["provider"] = {"type": provider, "voice_id": "en-US-JennyNeural"}
    response = keyed_server.post("/talks", json=body)
    is_error(response, 422, "ValidationError")
    description = response.json()["description"].lower()
    assert "espeak" in description and "piper" in description, description


def test_unknown_voice_is_422(keyed_server):
    body = talk_body()
    body["script"]["provider"]["voice_id"] = "xx-no-such-voice"
    is_error(keyed_server.post("/talks", json=body), 422, "ValidationError")
    body["script"]["provider"] = {"type": "piper", "voice_id": "no-such-piper-voice"}
    is_error(keyed_server.post("/talks", json=body), 422, "ValidationError")


def test_faceless_source_is_422(keyed_server, gradient):
    image = upload_image(keyed_server, gradient).json()
    is_error(keyed_server.post("/talks", json=talk_body(source_url=image["url"])), 422, "ValidationError")


@pytest.mark.parametrize("source", [
    "http://evil.example/images/" + fake_id("img_"),
    "file:///etc/passwd",
    "http://127.0.0.1:1/etc/passwd",
    "/etc/passwd",
    "../../../etc/passwd",
    fake_id("img_"),
    "images/../../../../etc/passwd",
    fake_id("aud_"),
    "",
])
def test_foreign_source_url_is_422(keyed_server, source):
    is_error(keyed_server.post("/talks", json=talk_body(source_url=source)), 422, "ValidationError")


def test_own_upload_under_any_host_is_accepted(keyed_server, keyed_image):
    body = talk_body(source_url="http://evil.example/images/" + keyed_image["id"])
    created = create_talk(keyed_server, body)
    assert keyed_server.delete("/talks/" + created["id"]).status_code == 200


@pytest.mark.parametrize("audio_url", ["http://evil.example/audios/" + fake_id("aud_"), "file:///etc/passwd",
                                       fake_id("aud_")])
def test_foreign_audio_url_is_422(keyed_server, keyed_image, audio_url):
    body = {"source_url": keyed_image["id"], "script": {"type": "audio", "audio_url": audio_url}}
    is_error(keyed_server.post("/talks", json=body), 422, "ValidationError")


def test_size_as_a_number_is_accepted(keyed_server):
    """docs/server.md: `size` is `512`, `WxH` or a preset; a JSON number is the natural `512`."""
    response = keyed_server.post("/talks", json=talk_body("Numbers.", size=256))
    assert response.status_code == 201, response.text
    assert keyed_server.delete("/talks/" + response.json()["id"]).status_code == 200


@pytest.mark.parametrize("size", ["17x9", 5, 100000, "huge", "0x0", "-512"])
def test_bad_size_is_422(keyed_server, size):
    is_error(keyed_server.post("/talks", json=talk_body(size=size)), 422, "ValidationError")


def test_unknown_quality_is_422_naming_the_levels(keyed_server):
    response = keyed_server.post("/talks", json=talk_body(size=None, config={"size": "256", "quality": "ultra"}))
    is_error(response, 422, "ValidationError")
    assert "fast, balanced or best" in response.json()["description"]


def test_driver_expressions_and_script_cues_make_a_talk(keyed_server):
    """D-ID's config.driver_expressions (start_frame, expression, intensity) and Orator's [smile] cues."""
    body = talk_body("Hello there. [surprise] What a day.")
    body["config"]["pose_style"] = "nodding"
    body["config"]["driver_expressions"] = {"expressions": [{"start_frame": 0, "expression": "happy", "intensity": 0.6},
                                                            {"start_frame": 20, "expression": "neutral"}],
                                            "transition_frames": 5}
    created = create_talk(keyed_server, body)
    final = wait_for_talk(keyed_server, created["id"])
    assert final["status"] == "done", final
    assert final["config"]["driver_expressions"]["expressions"][0]["expression"] == "happy"
    assert "config.driver_expressions" not in final.get("ignored", []), final


@pytest.mark.parametrize("expressions,message", [
    ({"expressions": [{"start_frame": 0, "expression": "grin"}]}, "expression 1: unknown expression 'grin'"),
    ({"expressions": [{"start_frame": 0, "expression": "happy", "intensity": 3}]}, "intensity must be a number from 0 to 1"),
    ({"expressions": [{"start_frame": -4, "expression": "happy"}]}, "whole frame number, 0 or more"),
    ({"expressions": [], "transition_frames": 9000}, "transition_frames"),
])
def test_bad_driver_expressions_are_422(keyed_server, expressions, message):
    body = talk_body()
    body["config"]["driver_expressions"] = expressions
    response = keyed_server.post("/talks", json=body)
    is_error(response, 422, "ValidationError")
    assert message in response.json()["description"], response.json()


@pytest.mark.parametrize("config,message", [
    ({"pose_style": "wild"}, "invalid pose style 'wild': use natural, calm, lively, nodding"),
    ({"head_motion": 3}, "invalid head motion 3"),
])
def test_bad_motion_config_is_422(keyed_server, config, message):
    body = talk_body()
    body["config"].update(config)
    response = keyed_server.post("/talks", json=body)
    is_error(response, 422, "ValidationError")
    assert message in response.json()["description"], response.json()


def test_bad_expression_cue_is_422_naming_line_and_column(keyed_server):
    response = keyed_server.post("/talks", json=talk_body("Hello.\nThen [happy 7] more."))
    is_error(response, 422, "ValidationError")
    assert "2:6: bad intensity '7'" in response.json()["description"], response.json()


@pytest.mark.parametrize("body,content_type", [
    (b'{"script": ', "application/json"),
    (b'[1, 2, 3]', "application/json"),
    (b'{"config": {"size": 256}}', "application/json"),
    (b'{"script": {"type": "text", "input": 42}}', "application/json"),
    (b'{"script": "Hello there."}', "application/json"),
    (b'{"script": {"type": "video", "input": "x"}}', "application/json"),
    (b'{"script": {"type": "audio"}}', "application/json"),
], ids=["truncated", "array", "no script", "input not a string", "script a string", "unknown type", "audio without url"])
def test_malformed_talk_is_400(keyed_server, body, content_type):
    is_error(keyed_server.post("/talks", data=body, headers={"Content-Type": content_type}), 400, "BadRequestError")


def test_non_json_talk_is_415(keyed_server):
    is_error(keyed_server.post("/talks", data=b"just some text", headers={"Content-Type": "text/plain"}), 415,
             "UnsupportedMediaTypeError")


def test_result_format_other_than_mp4_is_refused(keyed_server):
    body = talk_body()
    body["config"]["result_format"] = "gif"
    response = keyed_server.post("/talks", json=body)
    assert response.status_code in (400, 422), response.text


def test_user_data_over_1000_characters_is_refused(keyed_server):
    response = keyed_server.post("/talks", json=talk_body(user_data="x" * 1001))
    assert response.status_code in (400, 413, 422), response.text


def test_webhook_must_be_http(keyed_server):
    response = keyed_server.post("/talks", json=talk_body(webhook="file:///etc/passwd"))
    assert response.status_code in (400, 422), response.text


def test_voices_and_avatars(keyed_server):
    voices = keyed_server.get("/voices").json()["voices"]
    espeak = [v for v in voices if v["provider"] == "espeak"]
    assert any(v["id"] == "en-us" for v in espeak), voices[:5]
    for voice in voices:
        assert {"id", "provider", "name", "language"} <= set(voice), voice
        assert voice["provider"] in ("espeak", "piper"), voice
    avatars = keyed_server.get("/avatars").json()["avatars"]
    assert {"id": "builtin", "name": "Built-in presenter", "kind": "builtin",
            "preview_url": "/avatars/builtin/preview.png"} in avatars, avatars


def test_avatars_folder(server, orator_bin, tmp_path):
    packs = tmp_path / "avatars"
    packs.mkdir()
    subprocess.run([orator_bin, "avatar", "export", str(packs / "presenter2")], check=True, capture_output=True)
    s = server(args=["--avatars", str(packs), "--workers", "1"])
    avatars = s.get("/avatars").json()["avatars"]
    ids = [a["id"] for a in avatars]
    assert "builtin" in ids and "presenter2" in ids, avatars
    # Previews need no key (an <img> cannot send one) and are PNG pictures of the avatar.
    for avatar in avatars:
        preview = requests.get(s.url + avatar["preview_url"], timeout=60)
        assert preview.status_code == 200 and preview.headers["content-type"] == "image/png", avatar
        assert preview.content.startswith(b"\x89PNG") and len(preview.content) > 10_000, avatar
    for bad in ("/avatars/nope/preview.png", "/avatars/..%2f..%2fetc/preview.png", "/avatars/.hidden/preview.png"):
        assert requests.get(s.url + bad, timeout=30).status_code == 404, bad
    body = talk_body("Pack.")
    body["config"]["avatar"] = "presenter2"
    created = create_talk(s, body)
    assert wait_for_talk(s, created["id"])["status"] == "done"
    body["config"]["avatar"] = "no-such-pack"
    is_error(s.post("/talks", json=body), 422, "ValidationError")
    body["config"]["avatar"] = "../avatars/presenter2"
    is_error(s.post("/talks", json=body), 422, "ValidationError")


def test_full_queue_is_503(server):
    """docs/server.md: 503 when the queue holds 1000 jobs."""
    import concurrent.futures
    s = server(args=["--workers", "1", "--max-queued-per-key", "5000"])
    body = talk_body(LONG_TEXT)

    def submit(_):
        return s.post("/talks", json=body)

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        responses = list(pool.map(submit, range(1300)))
    health = s.get("/health").json()
    statuses = [r.status_code for r in responses]
    assert set(statuses) <= {201, 503}, sorted(set(statuses))
    refused = [r for r in responses if r.status_code == 503]
    assert refused, f"1300 jobs accepted, none refused; /health: {health}"
    is_error(refused[0], 503, "ServiceUnavailableError")
    # Jobs finish while we submit, so a few more than 1000 get in; never more than 1000 wait at once.
    assert 990 <= health["queued"] + health["running"] <= 1000, health


# -- listing ---------------------------------------------------------------------------------

def test_list_talks_newest_first_with_tokens(server):
    s = server(keyed=True, args=["--workers", "1"])
    made = [create_talk(s, talk_body(f"Talk number {n}.")) for n in range(5)]
    seen = []
    token = None
    pages = 0
    while True:
        params = {"limit": 2} if token is None else {"limit": 2, "token": token}
        response = s.get("/talks", params=params)
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page["talks"]) <= 2
        seen += page["talks"]
        pages += 1
        token = page.get("token")
        if not token:
            break
        assert pages < 10
    ids = [t["id"] for t in seen]
    assert ids == [t["id"] for t in reversed(made)], ids
    assert pages == 3
    stamps = [t["created_at"] for t in seen]
    assert stamps == sorted(stamps, reverse=True)
    whole = s.get("/talks").json()
    assert [t["id"] for t in whole["talks"]] == ids and "token" not in whole, whole.keys()
    assert [t["id"] for t in s.get("/talks", params={"limit": 100}).json()["talks"]] == ids
    for bad in (0, 101, -1, "abc"):
        response = s.get("/talks", params={"limit": bad})
        assert response.status_code in (400, 422), (bad, response.status_code, response.text)
        assert response.json()["kind"] in ("BadRequestError", "ValidationError")
    response = s.get("/talks", params={"token": "not-a-token"})
    assert response.status_code in (400, 404, 422), response.text
    for talk in made:
        assert s.delete("/talks/" + talk["id"]).status_code == 200
    assert s.get("/talks").json()["talks"] == []


# -- delete ----------------------------------------------------------------------------------

def test_delete_queued_and_running(server):
    s = server(args=["--workers", "1"])
    running = create_talk(s, talk_body(LONG_TEXT))
    queued = create_talk(s, talk_body("I am waiting in the queue."))
    wait_for_talk(s, running["id"], statuses=["started"], timeout=60)
    assert s.get("/talks/" + queued["id"]).json()["status"] == "created"

    with requests.get(s.url + f"/talks/{queued['id']}/events", stream=True, timeout=30) as stream:
        assert stream.status_code == 200
        response = s.delete("/talks/" + queued["id"])
        assert response.status_code == 200, response.text
        assert response.json() == {"id": queued["id"], "deleted": True}
        events = serverlib.read_events(stream)  # the stream of a deleted talk ends
    assert events and events[-1][0] == "status", events
    assert json.loads(events[-1][1]) == {"id": queued["id"], "status": "deleted", "deleted": True}, events[-1]

    assert files_naming(s.data, running["id"]), "a running job has no files in the data folder"
    response = s.delete("/talks/" + running["id"])
    assert response.status_code == 200, response.text
    assert response.json() == {"id": running["id"], "deleted": True}
    for talk in (running, queued):
        is_error(s.get("/talks/" + talk["id"]), 404, "NotFoundError")
        is_error(s.delete("/talks/" + talk["id"]), 404, "NotFoundError")
        is_error(s.get(f"/talks/{talk['id']}/events"), 404, "NotFoundError")
    time.sleep(2)  # a cancelled worker must not write its result afterwards
    for talk in (running, queued):
        assert not files_naming(s.data, talk["id"]), files_naming(s.data, talk["id"])
    assert [t["id"] for t in s.get("/talks").json()["talks"]] == []
    deadline = time.monotonic() + 20
    while s.get("/health").json()["running"] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert s.get("/health").json()["running"] == 0
    # The worker is free again.
    after = create_talk(s, talk_body("Next."))
    assert wait_for_talk(s, after["id"], timeout=120)["status"] == "done"


# -- events ----------------------------------------------------------------------------------

def test_events_stream(open_server):
    created = create_talk(open_server, talk_body("Events, please."))
    with requests.get(open_server.url + f"/talks/{created['id']}/events", stream=True, timeout=180) as stream:
        assert stream.status_code == 200
        assert stream.headers["Content-Type"].startswith("text/event-stream"), stream.headers
        events = serverlib.read_events(stream)
    names = [name for name, _ in events]
    assert names.count("status") == 1 and names[-1] == "status", names
    assert "progress" in names, names
    last = None
    for name, data in events[:-1]:
        assert name == "progress", name
        body = json.loads(data)
        assert {"status", "progress", "stage"} <= set(body), body
        assert body["status"] in ("created", "started", "done"), body
        assert body["id"] == created["id"] and body["stage"] in STAGES, body
        if last is not None:
            assert body["progress"] >= last["progress"] - 1e-9, (last, body)
            assert (body["status"], body["progress"], body["stage"]) != (last["status"], last["progress"], last["stage"])
        last = body
    final = json.loads(events[-1][1])
    assert final["id"] == created["id"] and final["status"] == "done" and final["result_url"], final
    # A finished talk's stream: the status event at once, then the end.
    start = time.monotonic()
    with requests.get(open_server.url + f"/talks/{created['id']}/events", stream=True, timeout=30) as stream:
        again = serverlib.read_events(stream)
    names = [name for name, _ in again]
    assert names.count("status") == 1 and names[-1] == "status", again
    assert time.monotonic() - start < 5


# -- per-key limit ---------------------------------------------------------------------------

def test_per_key_429(server):
    s = server(keyed=True, args=["--max-queued-per-key", "2", "--workers", "1"])
    alice = [create_talk(s, talk_body(LONG_TEXT)) for _ in range(2)]
    is_error(s.post("/talks", json=talk_body("One too many.")), 429, "TooManyRequestsError")
    is_error(s.post("/episodes", json={"script": "Hello."}), 429, "TooManyRequestsError")
    bob = create_talk(s, talk_body("Bob's turn."), auth=("bob", KEYS["bob"]))
    assert s.delete("/talks/" + alice[1]["id"]).status_code == 200
    third = create_talk(s, talk_body("Room again."))
    for talk in (alice[0], third):
        assert s.delete("/talks/" + talk["id"]).status_code == 200
    assert s.delete("/talks/" + bob["id"], auth=("bob", KEYS["bob"])).status_code == 200


# -- episodes --------------------------------------------------------------------------------

EPISODE = ("---\ntitle: Show\nmusic: bed.wav\nspeakers:\n  ALICE: {avatar: alice.jpg, voice: en-us}\n"
           "  BOB: {voice: en-gb}\n---\nALICE: Hello.\nBOB: Hi, Alice.\n")


def test_episode(keyed_server, portrait_jpeg, speech):
    image = upload_image(keyed_server, portrait_jpeg, "image/jpeg").json()
    bed = upload_audio(keyed_server, speech).json()
    response = keyed_server.post("/episodes", json={
        "script": EPISODE, "assets": {"alice.jpg": image["id"], "bed.wav": bed["id"]},
        "config": {"size": "320x240", "captions": ["srt"]}, "name": "episode", "user_data": "ep"})
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["object"] == "episode" and created["status"] == "created"
    assert re.fullmatch(r"tlk_[A-Za-z0-9]{20}", created["id"])
    talk = wait_for_talk(keyed_server, created["id"], timeout=240)
    assert talk["status"] == "done" and talk["object"] == "episode", talk
    assert keyed_server.get("/episodes/" + created["id"]).json()["status"] == "done"
    assert "srt" in talk["captions"]
    assert requests.get(talk["result_url"], timeout=30).headers["Content-Type"] == "video/mp4"


def test_episode_with_a_composed_bed_needs_no_music_upload(open_server):
    """`music: generate MOOD` names no file: the server composes the bed (issue #16)."""
    response = open_server.post("/episodes", json={
        "script": "---\ntitle: Composed\nmusic: generate calm, seed=5\n---\nHello there.\n",
        "config": {"size": "320x240"}})
    assert response.status_code == 201, response.text
    talk = wait_for_talk(open_server, response.json()["id"], timeout=240)
    assert talk["status"] == "done", talk
    video = requests.get(talk["result_url"], timeout=30).content
    probe = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_name",
                            "-of", "csv=p=0", "-"], input=video, capture_output=True, check=True)
    assert probe.stdout.decode().strip() == "aac", probe


def test_episode_from_the_docs(keyed_server, portrait_jpeg, speech):
    image = upload_image(keyed_server, portrait_jpeg, "image/jpeg").json()
    bed = upload_audio(keyed_server, speech).json()
    response = keyed_server.post("/episodes", json={
        "script": "---\ntitle: Show\nspeakers:\n  alice: {avatar: alice.jpg, voice: en-us}\n---\nalice: Hello.",
        "assets": {"alice.jpg": image["id"], "bed.ogg": bed["id"]}, "config": {"size": "landscape", "captions": ["srt"]}})
    assert response.status_code == 201, response.text
    assert keyed_server.delete("/talks/" + response.json()["id"]).status_code == 200


def test_episode_naming_a_missing_asset_is_422(keyed_server, portrait_jpeg):
    image = upload_image(keyed_server, portrait_jpeg, "image/jpeg").json()
    response = keyed_server.post("/episodes", json={"script": EPISODE, "assets": {"alice.jpg": image["id"]}})
    is_error(response, 422, "ValidationError")
    assert "bed.wav" in response.json()["description"], response.json()


@pytest.mark.parametrize("front", [
    "  ALICE: {avatar: /work/main/.build-fixtures/astronaut.png, voice: en-us}\n",
    "  ALICE: {avatar: ../../../../etc/passwd, voice: en-us}\n",
    "  ALICE: {avatar: alice.jpg, voice: en-us}\nmusic: /usr/share/sounds/alsa/Front_Center.wav\n",
    "  ALICE: {avatar: alice.jpg, voice: 'piper:/etc/passwd'}\n",
], ids=["avatar on disk", "avatar traversal", "music on disk", "voice path"])
def test_episode_naming_a_file_outside_assets_is_422(keyed_server, portrait_jpeg, front):
    image = upload_image(keyed_server, portrait_jpeg, "image/jpeg").json()
    script = "---\ntitle: Show\nspeakers:\n" + front + "---\nALICE: Hello.\n"
    response = keyed_server.post("/episodes", json={"script": script, "assets": {"alice.jpg": image["id"]}})
    is_error(response, 422, "ValidationError")


@pytest.mark.parametrize("assets", [
    {"alice.jpg": "img_" + "A" * 20, "bed.wav": "aud_" + "B" * 20},
    {"alice.jpg": "../../etc/passwd", "bed.wav": "aud_" + "B" * 20},
], ids=["unknown ids", "path as id"])
def test_episode_with_unknown_asset_ids_is_422(keyed_server, assets):
    is_error(keyed_server.post("/episodes", json={"script": EPISODE, "assets": assets}), 422, "ValidationError")


@pytest.mark.parametrize("name", ["../alice.jpg", "dir/alice.jpg", "/tmp/alice.jpg", "..", "."])
def test_episode_asset_names_are_plain_file_names(keyed_server, portrait_jpeg, speech, name):
    image = upload_image(keyed_server, portrait_jpeg, "image/jpeg").json()
    bed = upload_audio(keyed_server, speech).json()
    response = keyed_server.post("/episodes", json={
        "script": EPISODE.replace("alice.jpg", name), "assets": {name: image["id"], "bed.wav": bed["id"]}})
    assert response.status_code in (400, 422), (name, response.status_code, response.text)


def test_malformed_episode_is_400(keyed_server):
    is_error(keyed_server.post("/episodes", data=b'{"script": 42}', headers={"Content-Type": "application/json"}),
             400, "BadRequestError")
    is_error(keyed_server.post("/episodes", data=b'{"assets": {}}', headers={"Content-Type": "application/json"}),
             400, "BadRequestError")
