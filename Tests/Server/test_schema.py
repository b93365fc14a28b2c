"""Schemathesis against a live key-less server, using the document the server itself serves.

Bounded: a few examples per operation, at most about 100 s. Job-creating operations are kept:
the server runs one worker and takes two jobs per key, so most generated talks get 429.
One schemathesis worker: with two, hypothesis on Debian 12's Python 3.11.2 failed here with
"SystemError: AST constructor recursion depth mismatch" (ast.parse from two threads at once).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import serverlib

CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


@pytest.fixture(scope="module")
def schema_server(tmp_path_factory, orator_bin):
    pool = serverlib.ServerPool(lambda: tmp_path_factory.mktemp("schema") / "data")
    yield pool.start(args=["--workers", "1", "--max-queued-per-key", "2"])
    pool.close()


def test_schemathesis(schema_server, tmp_path):
    st = Path(sys.executable).with_name("st")
    max_examples = os.environ.get("ORATOR_SCHEMA_EXAMPLES", "10")
    max_time = os.environ.get("ORATOR_SCHEMA_SECONDS", "100")
    cmd = [str(st), "run", schema_server.url + "/openapi.yaml",
           "--checks", CHECKS, "--max-examples", max_examples, "--max-time", max_time,
           "--phases", "examples,coverage,fuzzing", "--workers", "1", "--request-timeout", "30",
           "--generation-database", "none", "--seed", "1", "--no-color", "--no-shrink",
           "--report", "ndjson", "--report-dir", str(tmp_path / "report")]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=int(max_time) + 120,
                         env={**os.environ, "SCHEMATHESIS_TELEMETRY": "false"})
    output = run.stdout + run.stderr
    if not schema_server.alive():
        log = schema_server.log
        at = log.find("Fatal error")
        crash = log[at:at + 3000] if at >= 0 else log[-3000:]
        pytest.fail(f"the server died under schemathesis:\n{crash}\n\nschemathesis:\n{output[-6000:]}")
    assert run.returncode == 0, output[-20000:]
