"""A bounded load test: 50 connections at once on every public page and export of
`make serve`'s gunicorn, from wrk processes on 127.0.0.1. No answer may be a 5xx,
an unexpected status or a socket error. The figures are printed (`pytest -s`)
and written to ARTIFACTS_DIR when it is set.

It takes LOAD_SECONDS (CI: 20) plus the server's start, so it runs only with
--run-load (CI's PostgreSQL pass has it; tests/conftest.py skips it otherwise);
`make loadtest` runs the full 30 s and prints the table.
"""

import os
import shutil
from pathlib import Path

import pytest

from bench.load import failures, report, run_load
from tests.support.served import serve, served_database_url

pytestmark = [
    pytest.mark.load,
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("live"),
]


def test_public_pages_and_exports_under_load_answer_without_errors(tmp_path):
    if shutil.which("wrk") is None:
        pytest.fail("--run-load but wrk is not installed (.ci/setup installs it)")
    with serve(tmp_path, served_database_url(tmp_path)) as server:
        result = run_load(
            server,
            users=int(os.environ.get("LOAD_USERS", "50")),
            seconds=int(os.environ.get("LOAD_SECONDS", "20")),
            max_requests=int(os.environ.get("LOAD_MAX_REQUESTS", "200000")),
        )
    text = report(result)
    print(text)
    if os.environ.get("ARTIFACTS_DIR"):
        (Path(os.environ["ARTIFACTS_DIR"]) / "load-test.md").write_text(text + "\n")

    assert len(result["rows"]) == 12
    assert all(row["requests"] > 0 for row in result["rows"]), text
    assert result["server_errors"] == 0, text
    assert result["unexpected"] == 0, text
    assert result["socket_errors"] == 0, text
    assert result["error_lines"] == [], result["error_lines"][:3]
    assert failures(result) == 0
