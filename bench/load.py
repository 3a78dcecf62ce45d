"""`make loadtest`: many visitors at once on the public pages and exports of `make serve`.

deploy/serve.sh (what `make serve` runs: gunicorn, WEB_CONCURRENCY workers,
DEBUG off) serves DATABASE_URL on a free port of 127.0.0.1. The URLs are found
by following links from the home page (the first event, its exports, a speaker),
plus /healthz and a page that does not exist. One wrk process per URL, each with
its share of the connections, runs for the same time, so every URL is under
load at once; bench/load.lua counts the answers by status. Every wrk stops after
LOAD_SECONDS or LOAD_MAX_REQUESTS answers, whichever comes first.

Prints a table: requests, req/s, median and p99 latency and the statuses per URL,
then the totals, the workers' peak memory and the error lines in the server's
log. Exits 1 if any answer was a 5xx, another status than expected, or a socket
error. tests/bench/test_load.py runs the same thing, shorter, in CI.

Environment:
  DATABASE_URL       what to serve (default: make serve's SQLite file, db.sqlite3)
  LOAD_USERS         concurrent connections in all (default 50)
  LOAD_SECONDS       duration (default 30)
  LOAD_MAX_REQUESTS  bound on the answers per URL (default 200000)
  WEB_CONCURRENCY    gunicorn workers (default 2)
  REDIS_URL          passed on: the page cache is then Redis, not each worker's memory
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bench.server import ROOT, Server, environment, fetch

LUA = Path(__file__).resolve().with_name("load.lua")
MISSING_PATH = "/events/no-such-event-for-the-load-test/"


@dataclass(frozen=True)
class Target:
    what: str
    path: str
    expected: int = 200


def discover(base: str) -> list[Target]:
    """The URLs to load, found through the site's own links; each answers as expected."""
    _, _, home = fetch(base + "/")
    event_path = re.search(r'href="(/events/[^/"]+/)"', home.decode())
    if not event_path:
        raise RuntimeError("the home page lists no event to load")
    event_path = event_path.group(1)
    _, _, page = fetch(base + event_path)
    # Links as a browser follows them: the item .ics links are relative to the page.
    links = [
        urlsplit(urljoin(event_path, link)).path
        for link in re.findall(r'href="([^"#?]*)"', page.decode())
        if link and not urlsplit(link).scheme and not urlsplit(link).netloc
    ]

    def first(pattern: str, what: str) -> str:
        for link in links:
            if re.search(pattern, link):
                return link
        raise RuntimeError(f"the event page {event_path} has no link to {what}")

    targets = [
        Target("home", "/"),
        Target("event page", event_path),
        Target("speakers", "/speakers/"),
        Target("speaker page", first(r"^/speakers/[^/]+/$", "a speaker")),
        Target("event .ics", first(r"^/events/[^/]+\.ics$", "the event's .ics")),
        Target("agenda.ics", first(r"/agenda\.ics$", "agenda.ics")),
        Target("item .ics", first(r"/items/[^/]+\.ics$", "an item's .ics")),
        Target("/calendar.ics", "/calendar.ics"),
        Target("schedule.xml", first(r"/schedule\.xml$", "schedule.xml")),
        Target("schedule.json", first(r"/schedule\.json$", "schedule.json")),
        Target("/healthz", "/healthz"),
        Target("not found", MISSING_PATH, 404),
    ]
    for target in targets:
        status = fetch(base + target.path)[0]
        if status != target.expected:
            raise RuntimeError(f"{target.path} answers {status}, not {target.expected}")
    return targets


def connections_for(targets: list[Target], users: int) -> list[int]:
    """Split the users over the URLs as evenly as possible, at least one each."""
    share, extra = divmod(max(users, len(targets)), len(targets))
    return [share + (1 if n < extra else 0) for n in range(len(targets))]


def run_load(server: Server, *, users: int, seconds: int, max_requests: int) -> dict:
    targets = discover(server.base)
    runs = []
    for target, connections in zip(targets, connections_for(targets, users), strict=True):
        command = [
            *("wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"),
            *("-s", str(LUA), server.base + target.path),
        ]
        process = subprocess.Popen(
            command,
            env={**os.environ, "WRK_MAX_REQUESTS": str(max_requests)},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        runs.append((target, connections, process))
    rows = []
    for target, connections, process in runs:
        try:
            output, _ = process.communicate(timeout=seconds + 60)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        found = re.search(r"^LOAD_JSON (.*)$", output, re.MULTILINE)
        if not found:
            raise RuntimeError(f"wrk gave no figures for {target.path}:\n{output}")
        figures = json.loads(found.group(1))
        statuses = {int(k): v for k, v in sorted(figures["statuses"].items())}
        rows.append(
            {
                "what": target.what,
                "path": target.path,
                "expected": target.expected,
                "connections": connections,
                "requests": figures["requests"],
                "rps": figures["requests"] / (figures["duration_us"] / 1e6),
                "median_ms": figures["p50_us"] / 1000,
                "p99_ms": figures["p99_us"] / 1000,
                "max_ms": figures["max_us"] / 1000,
                "statuses": statuses,
                "unexpected": sum(n for s, n in statuses.items() if s != target.expected),
                "server_errors": sum(n for s, n in statuses.items() if s >= 500),
                "socket_errors": sum(figures["errors"].values()),
            }
        )
    log = server.log_lines()
    return {
        "users": users,
        "seconds": seconds,
        "rows": rows,
        "requests": sum(r["requests"] for r in rows),
        "rps": sum(r["rps"] for r in rows),
        "server_errors": sum(r["server_errors"] for r in rows),
        "unexpected": sum(r["unexpected"] for r in rows),
        "socket_errors": sum(r["socket_errors"] for r in rows),
        "worker_peak_mb": server.worker_peaks_mb(),
        "error_lines": [line for line in log if line.get("level") == "ERROR"],
    }


def failures(result: dict) -> int:
    return (
        result["server_errors"]
        + result["unexpected"]
        + result["socket_errors"]
        + len(result["error_lines"])
    )


def report(result: dict) -> str:
    def ms(value: float) -> str:
        return f"{value:.1f}" if value >= 10 else f"{value:.2f}"

    lines = [
        f"{result['users']} connections for {result['seconds']} s, one wrk per URL",
        "",
        "| what | path | conns | requests | req/s | median ms | p99 ms | statuses | unexpected | 5xx | socket errors |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in result["rows"]:
        statuses = ", ".join(f"{s}×{n}" for s, n in r["statuses"].items())
        lines.append(
            f"| {r['what']} | {r['path']} | {r['connections']} | {r['requests']} | {r['rps']:.0f}"
            f" | {ms(r['median_ms'])} | {ms(r['p99_ms'])} | {statuses} | {r['unexpected']}"
            f" | {r['server_errors']} | {r['socket_errors']} |"
        )
    peaks = ", ".join(f"{mb} MB" for mb in result["worker_peak_mb"])
    lines += [
        "",
        f"Total: {result['requests']} requests, {result['rps']:.0f} req/s;"
        f" 5xx: {result['server_errors']}; other unexpected statuses:"
        f" {result['unexpected'] - result['server_errors']};"
        f" socket errors: {result['socket_errors']};"
        f" error lines in the server log: {len(result['error_lines'])}",
        f"Workers' peak RSS: {peaks}",
    ]
    return "\n".join(lines)


def main() -> int:
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'db.sqlite3'}"
    work = Path(tempfile.mkdtemp(prefix="eventsite-load-"))
    env = environment(database_url, work / "static")
    env["WEB_CONCURRENCY"] = os.environ.get("WEB_CONCURRENCY", "2")
    parts = urlsplit(database_url)
    shown = parts._replace(netloc=parts.hostname or "").geturl() if parts.password else database_url
    print(f"Serving {shown} with deploy/serve.sh, {env['WEB_CONCURRENCY']} workers", flush=True)
    with Server(env, work / "serve.log") as server:
        result = run_load(
            server,
            users=int(os.environ.get("LOAD_USERS", "50")),
            seconds=int(os.environ.get("LOAD_SECONDS", "30")),
            max_requests=int(os.environ.get("LOAD_MAX_REQUESTS", "200000")),
        )
    print(report(result))
    for line in result["error_lines"][:5]:
        print("server log:", json.dumps(line, ensure_ascii=False)[:500])
    print(f"Server log: {work / 'serve.log'}")
    return 1 if failures(result) else 0


if __name__ == "__main__":
    sys.exit(main())
