"""The queue survives restarts and crashes: no job is lost, none is done twice."""
from __future__ import annotations

import re
import subprocess
import time

import pytest
import requests

import serverlib
from serverlib import create_talk, files_naming, talk_body, wait_for_talk

LONG_TEXT = ("The queue keeps this job while the server goes down and comes back. "
             "It is long enough that the worker is still rendering it when the server is killed. "
             "Every frame of it has to be drawn and encoded before the video is published. ") * 2

TEMPORARY = re.compile(r"(?i)(\.tmp|\.partial|\.part|\.incomplete|~)$|^\.|\.partial\.|\.tmp\.")


@pytest.fixture
def receiver():
    hooks = serverlib.WebhookReceiver()
    yield hooks
    hooks.close()


def check_done_once(s, talk, receiver=None, hook=None):
    """Done, one published MP4 that plays, no temporary files, listed once, one webhook."""
    assert talk["status"] == "done", talk
    video = requests.get(talk["result_url"], timeout=30)
    assert video.status_code == 200 and video.headers["Content-Type"] == "video/mp4", video.text[:200]
    named = files_naming(s.data, talk["id"])
    files = [p for p in named if p.is_file()]
    folders = {p for p in named if p.is_dir()}
    files += [q for folder in folders for q in folder.rglob("*") if q.is_file() and q not in files]
    mp4s = [p for p in files if p.suffix == ".mp4"]
    assert len(mp4s) == 1, mp4s
    assert mp4s[0].read_bytes() == video.content
    leftovers = [q for q in files if TEMPORARY.search(q.name)]
    assert not leftovers, leftovers
    listed = [t["id"] for t in s.get("/talks", params={"limit": 100}).json()["talks"]]
    assert listed.count(talk["id"]) == 1, listed
    if receiver is not None:
        receiver.wait(hook, 1, timeout=30)
        time.sleep(2)
        deliveries = receiver.at(hook)
        assert len(deliveries) == 1, [d["body"][:80] for d in deliveries]
        assert b'"' + talk["id"].encode() + b'"' in deliveries[0]["body"]


def test_queued_jobs_complete_after_restart(server, receiver):
    s = server(args=["--workers", "1"])
    made = [create_talk(s, talk_body(LONG_TEXT if n == 0 else f"Queued job number {n}.",
                                     webhook=receiver.url(f"/restart{n}"))) for n in range(3)]
    wait_for_talk(s, made[0]["id"], statuses=["started"], timeout=60)
    assert s.get("/talks/" + made[1]["id"]).json()["status"] == "created"
    # SIGTERM: the running job stops where it is and goes back in the queue (128 + 15 or 0).
    assert s.stop() in (0, 143), s.log[-2000:]
    s.restart()
    for n, talk in enumerate(made):
        final = wait_for_talk(s, talk["id"], timeout=180)
        check_done_once(s, final, receiver, f"/restart{n}")


def test_kill9_mid_job_completes_exactly_once(server, receiver):
    s = server(args=["--workers", "1"])
    first = create_talk(s, talk_body(LONG_TEXT, webhook=receiver.url("/killed")))
    others = [create_talk(s, talk_body(f"Waiting job {n}.", webhook=receiver.url(f"/waiting{n}"))) for n in range(2)]
    wait_for_talk(s, first["id"], statuses=["started"], timeout=60)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        talk = s.get("/talks/" + first["id"]).json()
        if talk["status"] != "started" or (talk["progress"] or 0) > 0.1:
            break
        time.sleep(0.1)
    assert talk["status"] == "started", f"the job ended before it could be killed: {talk}"
    s.kill9()
    s.restart()
    final = wait_for_talk(s, first["id"], timeout=240)
    check_done_once(s, final, receiver, "/killed")
    for n, talk in enumerate(others):
        check_done_once(s, wait_for_talk(s, talk["id"], timeout=180), receiver, f"/waiting{n}")
    health = s.get("/health").json()
    assert health["queued"] == 0 and health["running"] == 0, health


def test_prune_keeps_recent_jobs(server, orator_bin):
    s = server(args=["--workers", "1"])
    talk = wait_for_talk(s, create_talk(s, talk_body("Keep me."))["id"])
    s.stop()
    out = subprocess.run([orator_bin, "serve", "--data", str(s.data), "--prune-older-than", "30d"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    s.restart()
    again = s.get("/talks/" + talk["id"])
    assert again.status_code == 200 and again.json()["status"] == "done"
    assert requests.get(again.json()["result_url"], timeout=30).status_code == 200
    bad = subprocess.run([orator_bin, "serve", "--data", str(s.data), "--prune-older-than", "soon"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode != 0


def test_second_server_on_the_same_data_is_refused(server, orator_bin):
    s = server()
    out = subprocess.run([orator_bin, "serve", "--port", "0", "--data", str(s.data)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1, out
    assert out.stderr.count("\n") == 1 and "another orator serve is using" in out.stderr, out.stderr
    assert s.get("/health").status_code == 200
