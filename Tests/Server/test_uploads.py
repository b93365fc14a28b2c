"""Uploads (`POST /images`, `POST /audios`) of docs/server.md: types from the bytes, limits
refused while streaming, faces; and the URLs the server returns (--public-url, Host, CORS)."""
from __future__ import annotations

import json
import re

import pytest
import requests

import serverlib
from serverlib import is_error, talk_body, upload_audio, upload_image


def check_image(body: dict, server, content_type: str, width: int, height: int) -> None:
    assert re.fullmatch(r"img_[A-Za-z0-9]{20}", body["id"]), body
    assert body["url"].endswith("/images/" + body["id"]) and body["url"].startswith("http"), body
    assert body["content_type"] == content_type, body
    assert (body["width"], body["height"]) == (width, height), body
    assert isinstance(body["bytes"], int), body


@pytest.mark.parametrize("raw", [False, True], ids=["multipart", "raw"])
def test_upload_png_portrait(keyed_server, portrait, raw):
    response = upload_image(keyed_server, portrait, "image/png", raw=raw)
    assert response.status_code == 201, response.text
    body = response.json()
    check_image(body, keyed_server, "image/png", 512, 512)
    assert body["bytes"] == len(portrait)
    assert body["faces"], body
    for face in body["faces"]:
        assert 0 <= face["x"] < 512 and 0 <= face["y"] < 512 and face["width"] > 50 and face["height"] > 50, face
        assert face["x"] + face["width"] <= 512 + 1 and face["y"] + face["height"] <= 512 + 1, face
    fetched = keyed_server.get("/images/" + body["id"])
    assert fetched.status_code == 200
    assert fetched.content == portrait
    assert fetched.headers["Content-Type"].startswith("image/png")


@pytest.mark.parametrize("raw", [False, True], ids=["multipart", "raw"])
def test_upload_jpeg(keyed_server, portrait_jpeg, raw):
    response = upload_image(keyed_server, portrait_jpeg, "image/jpeg", filename="me.jpg", raw=raw)
    assert response.status_code == 201, response.text
    body = response.json()
    check_image(body, keyed_server, "image/jpeg", 512, 512)
    assert body["faces"], body
    assert keyed_server.get("/images/" + body["id"]).content == portrait_jpeg


@pytest.mark.parametrize("raw", [False, True], ids=["multipart", "raw"])
def test_png_labelled_jpeg_is_taken_as_png(keyed_server, portrait, raw):
    response = upload_image(keyed_server, portrait, "image/jpeg", filename="photo.jpg", raw=raw)
    assert response.status_code == 201, response.text
    assert response.json()["content_type"] == "image/png"


@pytest.mark.parametrize("raw", [False, True], ids=["multipart", "raw"])
def test_text_labelled_png_is_415(keyed_server, raw):
    text = b"This is not an image at all, just some words.\n" * 20
    is_error(upload_image(keyed_server, text, "image/png", filename="x.png", raw=raw), 415,
             "UnsupportedMediaTypeError")


def test_gradient_has_no_faces(keyed_server, gradient):
    response = upload_image(keyed_server, gradient)
    assert response.status_code == 201, response.text
    body = response.json()
    check_image(body, keyed_server, "image/png", 256, 256)
    assert body["faces"] == []


def test_huge_declared_pixels_is_413(keyed_server):
    is_error(upload_image(keyed_server, serverlib.huge_header_png(), raw=True), 413, "PayloadTooLargeError")
    is_error(upload_image(keyed_server, serverlib.huge_header_png()), 413, "PayloadTooLargeError")


def test_multipart_without_image_field_is_400(keyed_server, portrait):
    response = keyed_server.post("/images", files={"file": ("a.png", portrait, "image/png")})
    is_error(response, 400, "BadRequestError")


def test_malformed_multipart_is_400(keyed_server):
    response = keyed_server.post("/images", data=b"--nope\r\ngarbage without headers",
                                 headers={"Content-Type": "multipart/form-data; boundary=XYZ"})
    is_error(response, 400, "BadRequestError")


@pytest.mark.parametrize("part_head", [b"\xc3\xa9: x", b"\xff\xfe", b"Content-Disposition: form-data; name=\"image\"\r\n\x80x: y"],
                         ids=["utf-8 header name", "binary header", "high byte after a header"])
def test_multipart_with_bytes_outside_ascii_in_part_headers_is_400(server, part_head):
    s = server()
    body = b"--XYZ\r\n" + part_head + b"\r\n\r\nhello\r\n--XYZ--\r\n"
    try:
        response = s.post("/images", data=body, headers={"Content-Type": "multipart/form-data; boundary=XYZ"})
    except requests.ConnectionError as error:
        crash = s.log[s.log.find("Fatal error"):][:300] if "Fatal error" in s.log else s.log[-300:]
        pytest.fail(f"the server dropped the connection ({error}); alive: {s.alive()}\n{crash}")
    is_error(response, 400, "BadRequestError")
    assert s.alive()


@pytest.fixture(scope="module")
def limits_server(tmp_path_factory, orator_bin):
    pool = serverlib.ServerPool(lambda: tmp_path_factory.mktemp("limits") / "data")
    yield pool.start(keyed=True, args=["--max-image-mb", "1", "--max-audio-seconds", "1", "--max-audio-mb", "1",
                                       "--max-script-chars", "40", "--workers", "1"])
    pool.close()


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
def test_oversized_raw_image_is_refused_early(limits_server, portrait, framing):
    # A real PNG's start, then filler: 50 MB declared (or chunked), limit 1 MB; we send at most
    # 8 MB and stop, so a server that reads the whole body first never answers.
    chunk = portrait[:65536] + b"\0" * (262144 - 65536)
    status, answer, sent = serverlib.stream_upload(
        limits_server, "/images", ["Content-Type: image/png"], chunk,
        total=50 * 1024 * 1024 if framing == "content-length" else None, max_send=8 * 1024 * 1024)
    assert status == 413, (status, answer[:300], sent)
    assert b"PayloadTooLargeError" in answer, answer[:300]
    assert sent < 8 * 1024 * 1024 or framing == "content-length", sent


def test_oversized_multipart_image_is_413(limits_server, portrait):
    big = portrait + b"\0" * (2 * 1024 * 1024)
    boundary = "orator-test-boundary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"big.png\"\r\n"
            f"Content-Type: image/png\r\n\r\n").encode()
    body = head + big + f"\r\n--{boundary}--\r\n".encode()
    status, answer, sent = serverlib.stream_upload(
        limits_server, "/images", [f"Content-Type: multipart/form-data; boundary={boundary}"],
        body, total=len(body), max_send=len(body))
    assert status == 413, (status, answer[:300])
    assert b"PayloadTooLargeError" in answer


def test_oversized_audio_is_refused_early(limits_server, speech):
    chunk = speech[:65536] + b"\0" * (262144 - 65536)
    status, answer, sent = serverlib.stream_upload(limits_server, "/audios", ["Content-Type: audio/wav"], chunk,
                                                   total=None, max_send=8 * 1024 * 1024)
    assert status == 413 and b"PayloadTooLargeError" in answer, (status, answer[:300])
    assert sent < 8 * 1024 * 1024, sent


def test_json_body_over_limit_is_413(keyed_server):
    body = json.dumps(talk_body(name="n" * (3 << 20))).encode()
    status, answer, sent = serverlib.stream_upload(keyed_server, "/talks", ["Content-Type: application/json"], body,
                                                   total=len(body), max_send=len(body))
    assert status == 413 and b"PayloadTooLargeError" in answer, (status, answer[:300])


def test_small_image_under_limit_is_accepted(limits_server, portrait):
    assert upload_image(limits_server, portrait).status_code == 201


def test_recording_over_max_seconds_is_413(limits_server, speech):
    is_error(upload_audio(limits_server, speech), 413, "PayloadTooLargeError")


def test_script_over_max_chars_is_413(limits_server):
    is_error(limits_server.post("/talks", json=talk_body("word " * 20)), 413, "PayloadTooLargeError")


def test_episode_over_max_chars_is_413(limits_server):
    response = limits_server.post("/episodes", json={"script": "---\ntitle: T\n---\n" + "Hello there. " * 10})
    is_error(response, 413, "PayloadTooLargeError")


@pytest.mark.parametrize("raw", [False, True], ids=["multipart", "raw"])
def test_upload_audio(keyed_server, speech, speech_path, raw):
    response = upload_audio(keyed_server, speech, raw=raw)
    assert response.status_code == 201, response.text
    body = response.json()
    assert re.fullmatch(r"aud_[A-Za-z0-9]{20}", body["id"]), body
    assert body["url"].endswith("/audios/" + body["id"]), body
    assert abs(body["duration"] - serverlib.ffprobe_duration(speech_path)) < 0.1, body
    assert body["content_type"] == "audio/wav" and body["bytes"] == len(speech), body
    fetched = keyed_server.get("/audios/" + body["id"])
    assert fetched.status_code == 200 and fetched.content == speech


@pytest.mark.parametrize("raw", [False, True], ids=["multipart", "raw"])
def test_text_labelled_audio_is_415(keyed_server, raw):
    is_error(upload_audio(keyed_server, b"hello, I am text\n" * 50, "audio/wav", raw=raw), 415,
             "UnsupportedMediaTypeError")


def test_image_posted_as_audio_is_415(keyed_server, portrait):
    is_error(upload_audio(keyed_server, portrait, "audio/wav", raw=True), 415, "UnsupportedMediaTypeError")


def test_public_url_and_host_header(server, portrait):
    s = server(args=["--public-url", "http://orator.example:1234"])
    body = upload_image(s, portrait).json()
    assert body["url"] == "http://orator.example:1234/images/" + body["id"], body
    t = server()
    body = t.post("/images", data=portrait, headers={"Content-Type": "image/png", "Host": "myhost.test:4321"}).json()
    assert body["url"] == "http://myhost.test:4321/images/" + body["id"], body


def test_cors_origin(server):
    s = server(args=["--cors-origin", "http://app.example"])
    response = s.get("/health", headers={"Origin": "http://app.example"})
    assert response.headers.get("Access-Control-Allow-Origin") == "http://app.example", response.headers
    preflight = s.request("OPTIONS", "/talks", headers={"Origin": "http://app.example",
                                                        "Access-Control-Request-Method": "POST",
                                                        "Access-Control-Request-Headers": "authorization, content-type"})
    assert preflight.status_code in (200, 204), preflight.text
    assert preflight.headers.get("Access-Control-Allow-Origin") == "http://app.example", preflight.headers
    other = s.get("/health", headers={"Origin": "http://evil.example"})
    assert other.headers.get("Access-Control-Allow-Origin") not in ("http://evil.example", "*"), other.headers


def test_no_cors_by_default(open_server):
    response = open_server.get("/health", headers={"Origin": "http://app.example"})
    assert "Access-Control-Allow-Origin" not in response.headers, response.headers
