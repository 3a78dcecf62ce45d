"""`deploy/serve.sh` (what `make serve` runs) as a child process on a free loopback port.

Shared by the benchmark (bench/run.py), the load test (bench/load.py) and the
tests that need real gunicorn workers (tests/bench/test_load.py, tests/eventsite/test_outage.py).
"""

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Only ever used by these local runs; the production settings insist on some key.
LOCAL_SECRET_KEY = "bench-only-secret-key-never-used-for-anything-else-0123456789"


def environment(database_url: str, static_root: Path, **extra) -> dict:
    """The environment `make serve` would run with, on `database_url`."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="eventsite.settings.prod",
        SECRET_KEY=LOCAL_SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(static_root),
        PYTHON=sys.executable,
        WEB_CONCURRENCY="2",
        PYTHONPATH=str(ROOT),
        **extra,
    )
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = 30) -> tuple[int, dict, bytes]:
    """Status, headers and body of a GET; an HTTP error status is an answer, not an error."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def status_of(url: str) -> int:
    return fetch(url)[0]


class Server:
    """deploy/serve.sh on a free loopback port, up once /healthz answers 200 and every
    worker has started; stopped with SIGTERM to its own pid."""

    def __init__(self, env: dict, log_path: Path, start_timeout: float = 120):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.workers = int(env.get("WEB_CONCURRENCY", "2"))
        self.log_path = log_path
        self.log = log_path.open("w")
        self.process = subprocess.Popen(
            [str(ROOT / "deploy" / "serve.sh")],
            cwd=ROOT,
            env={**env, "PORT": str(self.port)},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.close()
                raise RuntimeError(f"serve exited:\n{log_path.read_text()[-3000:]}")
            try:
                if status_of(self.base + "/healthz") == 200 and len(self.worker_pids()) == (
                    self.workers
                ):
                    return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"serve did not come up in {start_timeout:g} s; see {log_path}")

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def worker_peaks_mb(self) -> list[float]:
        """Each worker's peak resident memory so far (VmHWM), in MB."""
        peaks = []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            kb = int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE).group(1))
            peaks.append(round(kb / 1024, 1))
        return peaks

    def log_lines(self) -> list[dict]:
        """The server's JSON log lines so far (other output, e.g. migrate's, is skipped)."""
        if not self.log.closed:
            self.log.flush()
        lines = []
        for line in self.log_path.read_text().splitlines():
            if line.startswith("{"):
                with contextlib.suppress(json.JSONDecodeError):  # a line cut mid-write
                    lines.append(json.loads(line))
        return lines

    def stop(self) -> int:
        """Stop the server; return how many error lines it logged."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        return sum(line.get("level") == "ERROR" for line in self.log_lines())

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
