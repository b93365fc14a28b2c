"""Ids and paths: anything but a server-made id in an id position is 404, and no request
reads or changes anything outside the data folder."""
from __future__ import annotations

import pytest

import serverlib
from serverlib import LONG_TEXT, create_talk, fake_id, is_error, raw_request, talk_body, upload_image


TRAVERSALS = [
    "../../../../../../etc/passwd", "..%2f..%2f..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fcanary%2fsecret",
    "%2e%2e/%2e%2e/canary/secret", "..", "%2e%2e", ".", "..%2fcanary", "%2F", "%2Fetc%2Fpasswd",
    "..%5c..%5ccanary", "%252e%252e%252f", "X" * 5000, "{prefix}" + "A" * 5000,
    "{prefix}AAAAAAAAAA/AAAAAAAAA", "{prefix}AAAAAAAAAA.AAAAAAAAA", "{prefix}AAAAAAAAAA%2FAAAAAAAAA",
    "{prefix}AAAAAAAAAA%2eAAAAAAAAA", "{prefix}..%2f..%2f..%2fcanary", "{prefix}%00AAAAAAAAAAAAAAAAAAA",
    "{prefix}AAAAAAAAAAAAAAAAAAA", "{prefix}AAAAAAAAAAAAAAAAAAAAA", "{prefix}AAAAAAAAAAAAAAAAAAA_",
    "{prefix}AAAAAAAAAAAAAAAAAAA%20", "{other}AAAAAAAAAAAAAAAAAAAA", "{prefix}",
]

POSITIONS = [
    ("GET", "/images/{id}", "img_"), ("GET", "/audios/{id}", "aud_"), ("GET", "/talks/{id}", "tlk_"),
    ("DELETE", "/talks/{id}", "tlk_"), ("GET", "/talks/{id}/events", "tlk_"),
    ("GET", "/talks/{id}/result.mp4", "tlk_"), ("GET", "/episodes/{id}", "tlk_"),
]


@pytest.fixture(scope="module")
def traversal_server(tmp_path_factory, orator_bin, portrait):
    """A keyed server whose data folder has a canary folder beside it."""
    root = tmp_path_factory.mktemp("traversal")
    canary = root / "canary"
    canary.mkdir()
    (canary / "secret").write_text("canary secret\n")
    (canary / "passwd").write_text("canary secret\n")
    pool = serverlib.ServerPool(lambda: root / "data")
    s = pool.start(keyed=True, args=["--workers", "1"])
    upload_image(s, portrait)  # something real in the data folder
    yield s
    pool.close()


def test_traversal_in_every_id_position_is_404(traversal_server):
    s = traversal_server
    root = s.data.parent
    before = serverlib.tree_snapshot(root, exclude=[s.data, s.log_path])
    failures = []
    for method, template, prefix in POSITIONS:
        other = "aud_" if prefix != "aud_" else "img_"
        for attack in TRAVERSALS:
            ident = attack.replace("{prefix}", prefix).replace("{other}", other)
            path = template.replace("{id}", ident)
            status, headers, body = raw_request(s, method, path)
            if b"canary secret" in body or b"root:" in body:
                failures.append(f"{method} {path[:80]}: leaked a file: {body[:80]!r}")
            if status != 404:
                failures.append(f"{method} {path[:80]}: {status} {body[:120]!r}")
            elif not body.startswith(b"{") or b"NotFoundError" not in body:
                failures.append(f"{method} {path[:80]}: 404 without NotFoundError JSON: {body[:120]!r}")
    # Bodies that carry ids: asset names and urls.
    for source in ("../canary/secret", "img_../../canary", "http://x/images/..%2f..%2fcanary%2fsecret"):
        response = s.post("/talks", json=talk_body(source_url=source))
        if response.status_code != 422:
            failures.append(f"POST /talks source_url={source}: {response.status_code} {response.text[:120]}")
    assert (root / "canary" / "secret").read_text() == "canary secret\n"
    after = serverlib.tree_snapshot(root, exclude=[s.data, s.log_path])
    assert before == after, "something outside the data folder changed"
    assert not failures, "\n".join(failures)


def test_static_traversal_is_404(traversal_server):
    for path in ("/static/../../../../etc/passwd", "/static/..%2f..%2f..%2fetc%2fpasswd",
                 "/static/%2e%2e/%2e%2e/canary/secret", "/static/..%5c..%5cetc%5cpasswd",
                 "/static//etc/passwd"):
        status, _, body = raw_request(traversal_server, "GET", path, auth=None)
        assert status == 404, (path, status, body[:200])
        assert b"root:x" not in body and b"canary secret" not in body, body[:200]


def test_unknown_well_formed_ids_are_404(keyed_server):
    for method, template, prefix in POSITIONS:
        path = template.replace("{id}", fake_id(prefix))
        is_error(keyed_server.request(method, path), 404, "NotFoundError")


def test_result_of_unfinished_talk_is_404(server):
    s = server(args=["--workers", "1"])
    first = create_talk(s, talk_body(LONG_TEXT))
    second = create_talk(s, talk_body("Queued."))
    status, _, body = raw_request(s, "GET", f"/talks/{second['id']}/result.mp4")
    assert status == 404, (status, body[:200])
    for talk in (first, second):
        s.delete("/talks/" + talk["id"])
