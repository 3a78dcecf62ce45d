"""Production plumbing: security headers, /healthz, structured logs, `make serve`."""

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from eventsite.logs import JsonFormatter
from tests.support.processes import PRODUCTION_REQUIRES, ROOT, json_lines, run_python

PROD_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-test-0123456789-abcdef",
    "ALLOWED_HOSTS": "events.example.org",
    "EVENTSITE_BASE_URL": "https://events.example.org",
}


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.django_db
def test_event_page_sends_security_headers(client, seed_event):
    response = client.get(seed_event.get_absolute_url())
    assert response.status_code == 200
    csp = csp_directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_event_page_has_no_inline_script_or_style(client, seed_event):
    html = client.get(seed_event.get_absolute_url()).content.decode()
    # Data blocks (JSON-LD) do not run, so CSP allows them; any other script must have a src.
    for tag in html.split("<script")[1:]:
        opening = tag.split(">", 1)[0]
        assert "src=" in opening or 'type="application/ld+json"' in opening, opening
    assert " style=" not in html
    assert "<style" not in html


def prod_request(path: str, *, secure: bool, tmp_path: Path, **env) -> dict:
    """One request through the production settings, in a fresh process."""
    code = f"""
import json, os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "eventsite.settings.prod"
django.setup()
from django.conf import settings
from django.test import Client
response = Client().get({path!r}, secure={secure}, headers={{"host": "events.example.org"}})
print("RESULT", json.dumps({{
    "status": response.status_code,
    "headers": dict(response.headers),
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_cookie_secure": settings.CSRF_COOKIE_SECURE,
}}))
"""
    result = run_python(
        code, **PROD_ENV, DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}", **env
    )
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def test_production_sends_hsts_and_secure_cookies(tmp_path):
    result = prod_request("/healthz", secure=True, tmp_path=tmp_path)
    assert result["status"] == 200
    assert (
        result["headers"]["Strict-Transport-Security"]
        == "max-age=31536000; includeSubDomains; preload"
    )
    assert "script-src 'self'" in result["headers"]["Content-Security-Policy"]
    assert result["session_cookie_secure"] is True
    assert result["csrf_cookie_secure"] is True


def test_hsts_is_configurable(tmp_path):
    result = prod_request(
        "/healthz",
        secure=True,
        tmp_path=tmp_path,
        SECURE_HSTS_SECONDS="600",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="0",
        SECURE_HSTS_PRELOAD="0",
    )
    assert result["headers"]["Strict-Transport-Security"] == "max-age=600"


@pytest.mark.parametrize(("path", "status"), [("/", 301), ("/healthz", 200)])
def test_production_redirects_plain_http_except_the_health_check(tmp_path, path, status):
    assert prod_request(path, secure=False, tmp_path=tmp_path)["status"] == status


@pytest.mark.django_db
def test_healthz_answers_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_only_reads(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.parametrize(
    "database_url",
    [
        "postgres://postgres@127.0.0.1:9/nowhere?connect_timeout=3",
        "sqlite:////nonexistent-directory/db.sqlite3",
    ],
    ids=["postgres-refused", "sqlite-unopenable"],
)
def test_healthz_is_503_and_logged_when_the_database_is_down(database_url):
    code = """
import os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "eventsite.settings.test"
django.setup()
from django.test.utils import setup_test_environment
setup_test_environment()
from django.test import Client
print("STATUS", Client().get("/healthz").status_code)
"""
    result = run_python(code, DATABASE_URL=database_url)
    assert "STATUS 503" in result.stdout, result.stdout + result.stderr
    lines = json_lines(result.stdout)
    [request_line] = [line for line in lines if line["logger"] == "eventsite.request"]
    assert request_line["path"] == "/healthz"
    assert request_line["status"] == 503
    assert request_line["level"] == "ERROR"
    [error_line] = [line for line in lines if line["logger"] == "eventsite.health"]
    assert "the database does not answer" in error_line["msg"]


@pytest.mark.django_db
def test_one_structured_line_per_request(client, seed_event, caplog):
    with caplog.at_level(logging.INFO, logger="eventsite.request"):
        response = client.get(seed_event.get_absolute_url())
        client.get("/events/no-such-event/")
    ok, missing = [r for r in caplog.records if r.name == "eventsite.request"]
    assert (ok.method, ok.path, ok.status, ok.view) == (
        "GET",
        seed_event.get_absolute_url(),
        200,
        "agenda:event_detail",
    )
    assert ok.bytes == len(response.content)
    assert ok.ms > 0
    assert (missing.status, missing.levelname) == (404, "INFO")
    line = json.loads(JsonFormatter().format(ok))
    assert line["status"] == 200
    assert line["path"] == seed_event.get_absolute_url()


def test_an_error_is_one_json_line_with_its_traceback():
    logger = logging.getLogger("eventsite.test")
    try:
        1 / 0  # noqa: B018
    except ZeroDivisionError:
        record = logger.makeRecord(
            "eventsite.test", logging.ERROR, __file__, 1, "boom", (), sys.exc_info()
        )
    text = JsonFormatter().format(record)
    assert "\n" not in text
    entry = json.loads(text)
    assert entry["level"] == "ERROR"
    assert entry["msg"] == "boom"
    assert "ZeroDivisionError: division by zero" in entry["exc"]
    assert "Traceback" in entry["exc"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def worker_pids(master_pid: int) -> list[int]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


@pytest.fixture
def served(tmp_path):
    """`make serve`'s script on a free port, with its own SQLite file and static root."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_REQUIRES}
    env.update(
        PORT=str(port),
        PYTHON=sys.executable,
        WEB_CONCURRENCY="2",
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        EVENTSITE_LOCAL_KEY_FILE=str(tmp_path / "secret-key"),
    )
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [str(ROOT / "deploy" / "serve.sh")], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180  # migrate, import and collectstatic on a busy machine
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if fetch(base + "/healthz")[0] == 200:
                break
        except OSError:
            time.sleep(0.3)
    else:
        server.kill()
        pytest.fail("serve did not come up:\n" + (tmp_path / "serve.log").read_text())
    yield base, server, tmp_path
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    log.close()


@pytest.mark.xdist_group("live")
def test_serve_runs_production_settings_under_gunicorn(served):
    base, server, tmp_path = served
    key_file = tmp_path / "secret-key"
    assert len(key_file.read_text().strip()) >= 50
    assert key_file.stat().st_mode & 0o777 == 0o600
    # One worker may answer /healthz while the other is still booting.
    deadline = time.monotonic() + 30
    while len(worker_pids(server.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(worker_pids(server.pid)) == 2

    status, headers, body = fetch(base + "/events/counter-migrant-smuggling-vienna-2017/")
    assert status == 200
    assert headers["Server"].startswith("gunicorn")
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    html = body.decode()
    # serve.sh sets EVENTSITE_BASE_URL from PORT: links built without a request
    # (e-mails) and the canonical address name this server.
    assert (
        f'<link rel="canonical" href="{base}/events/counter-migrant-smuggling-vienna-2017/">'
        in html
    )
    css = html.split('href="/static/css/site.', 1)[1].split('"', 1)[0]
    assert css.count(".") == 1, css  # hashed name: site.<hash>.css

    status, headers, _ = fetch(f"{base}/static/css/site.{css}", **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]

    status, _, body = fetch(base + "/no-such-page/")
    assert status == 404
    assert b"Traceback" not in body
    assert b"URLconf" not in body  # no DEBUG page


def test_secret_key_fallbacks_come_from_the_environment():
    result = run_python(
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'eventsite.settings.prod';"
        "django.setup(); from django.conf import settings;"
        "print('RESULT', settings.SECRET_KEY_FALLBACKS)",
        **PROD_ENV,
        SECRET_KEY_FALLBACKS="old-key-one, old-key-two",
    )
    assert result.returncode == 0, result.stderr
    assert "RESULT ['old-key-one', 'old-key-two']" in result.stdout
