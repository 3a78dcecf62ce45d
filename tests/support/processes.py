"""Running Python in a child process from the project root, and reading its JSON log lines."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What the production settings refuse to start without: never inherited by a child.
PRODUCTION_REQUIRES = frozenset({"SECRET_KEY", "ALLOWED_HOSTS", "EVENTSITE_BASE_URL"})


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in PRODUCTION_REQUIRES}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]
