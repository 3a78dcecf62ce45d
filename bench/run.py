"""`make bench`: render times and SQL queries, then HTTP throughput against `make serve`.

Prints tables; nothing passes or fails. For each database (SQLite, then
PostgreSQL when it answers):

1. bench/render.py times the public pages in-process (test client, warmed up)
   at several agenda sizes and counts their SQL queries.
2. deploy/serve.sh (what `make serve` runs: gunicorn, 2 workers, DEBUG off)
   serves one event; wrk, in its own process, loads 127.0.0.1 for a fixed time
   each: the cached event page, the .ics, a static file of the event page's
   byte size, then (server restarted with the page cache off) the uncached page.

Environment:
  BENCH_PG_URL      a PostgreSQL database the benchmark may empty ("skip" to skip;
                    default postgres://postgres@127.0.0.1:5432/eventsite_bench,
                    created when missing)
  BENCH_SIZES       agenda sizes for render times (default 4,100,200,1000)
  BENCH_HTTP_ITEMS  agenda size of the event served over HTTP (default 100)
  BENCH_MEMORY_ITEMS  agenda size also served uncached, for peak memory (default 1000; 0: not)
  BENCH_SECONDS     seconds per HTTP target, in 3 interleaved rounds (default 12)
  REDIS_URL         passed on: the served app then caches in Redis, not in memory
"""

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.server import ROOT, Server, environment, status_of

DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/eventsite_bench"
SIZES = os.environ.get("BENCH_SIZES", "4,100,200,1000")
HTTP_ITEMS = int(os.environ.get("BENCH_HTTP_ITEMS", "100"))
# Also served uncached, for the workers' peak memory at this size (0: not served).
MEMORY_ITEMS = int(os.environ.get("BENCH_MEMORY_ITEMS", "1000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "12"))
CONNECTIONS = 4  # two per worker keeps both busy without a deep queue
ROUNDS = 3


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def postgres_url() -> tuple[str | None, str]:
    url = os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL)
    if url == "skip":
        return None, "BENCH_PG_URL=skip"
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    try:
        with psycopg.connect(
            urlunsplit(parts._replace(path="/postgres")), autocommit=True, connect_timeout=3
        ) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as error:
        return None, f"PostgreSQL at {parts.hostname}:{parts.port} does not answer: {error}"
    return url, ""


def run_render(database_url: str, work: Path) -> dict:
    output = work / "render.json"
    log(f"  output in {work / 'render.log'}")
    with (work / "render.log").open("w") as render_log:
        finished = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.render",
                str(output),
                "--sizes",
                SIZES,
                "--http-items",
                str(HTTP_ITEMS),
                "--memory-items",
                str(MEMORY_ITEMS),
            ],
            cwd=ROOT,
            env=environment(
                database_url,
                work / "static",
                LOG_LEVEL="WARNING",
                # The production settings insist on one; the test client asks for "testserver".
                EVENTSITE_BASE_URL="http://testserver",
            ),
            stdout=render_log,
            stderr=subprocess.STDOUT,
        )
    if finished.returncode != 0:
        tail = (work / "render.log").read_text().splitlines()[-20:]
        raise SystemExit("bench/render.py failed:\n" + "\n".join(tail))
    return json.loads(output.read_text())


def parse_duration_ms(text: str) -> float:
    if text == "nan":
        return float("nan")
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(url: str, seconds: int) -> dict:
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 30
    ).stdout

    def number(pattern: str, default: str = "0") -> str:
        found = re.search(pattern, output, re.MULTILINE)
        return found.group(1) if found else default

    socket_errors = number(r"Socket errors: (.*)$", "")
    return {
        "requests": int(number(r"(\d+) requests in")),
        "rps": float(number(r"Requests/sec:\s+([\d.]+)")),
        "median_ms": parse_duration_ms(number(r"^\s+50%\s+(\S+)\s*$", "nan")),
        "p99_ms": parse_duration_ms(number(r"^\s+99%\s+(\S+)\s*$", "nan")),
        "non_2xx": int(number(r"Non-2xx or 3xx responses: (\d+)")),
        "socket_errors": sum(int(n) for n in re.findall(r"\d+", socket_errors)),
        "wrk_output": output,
    }


def load(server: Server, targets: list[tuple[str, str]]) -> list[dict]:
    """Each target for SECONDS in all, in ROUNDS interleaved slices, so that other load
    on the machine falls on all targets alike and their ratios stay fair."""
    statuses = {}
    for _, path in targets:
        statuses[path] = status_of(server.base + path)
        wrk(server.base + path, 2)  # warm-up, not reported
    slices = {path: [] for _, path in targets}
    for round_ in range(ROUNDS):
        log(
            f"  wrk round {round_ + 1}/{ROUNDS}: {len(targets)} targets, {SECONDS // ROUNDS} s each"
        )
        for _, path in targets:
            slices[path].append(wrk(server.base + path, SECONDS // ROUNDS))
    rows = []
    for label, path in targets:
        runs = slices[path]
        rows.append(
            {
                "what": label,
                "path": path,
                "status": statuses[path],
                "requests": sum(r["requests"] for r in runs),
                "rps": sum(r["rps"] for r in runs) / len(runs),
                "median_ms": statistics.median(r["median_ms"] for r in runs),
                "p99_ms": max(r["p99_ms"] for r in runs),
                "non_2xx": sum(r["non_2xx"] for r in runs),
                "socket_errors": sum(r["socket_errors"] for r in runs),
                "rounds": runs,
            }
        )
    return rows


def run_http(database_url: str, work: Path, info: dict) -> dict:
    static_root = work / "static"
    size = info["event_bytes"]
    same_size = static_root / "bench" / f"same-size-{size}.html"
    same_size.parent.mkdir(parents=True, exist_ok=True)
    filler = b"<!-- a static file as long as the event page -->\n"
    same_size.write_bytes((filler * (size // len(filler) + 1))[:size])
    static_path = f"/static/bench/{same_size.name}"

    runs = []
    for label, cache, targets in [
        (
            "page cache on",
            "1",
            [
                ("event page, cached", info["event_url"]),
                ("agenda .ics, cached", info["agenda_ics_url"]),
                (".ics (/calendar.ics)", info["ics_url"]),
                (f"static file, {size} bytes", static_path),
            ],
        ),
        (
            "page cache off",
            "0",
            [("event page, uncached", info["event_url"])]
            + [
                (f"{page}, uncached, {info['memory_items']} items", path)
                for page, path in info.get("memory_urls", {}).items()
            ],
        ),
    ]:
        env = environment(database_url, static_root, EVENTSITE_PAGE_CACHE=cache)
        server = Server(env, work / f"serve-{cache}.log")
        try:
            rows = load(server, targets)
            peaks = server.worker_peaks_mb()
        finally:
            errors = server.stop()
        runs.append({"run": label, "rows": rows, "worker_peak_mb": peaks, "errors_logged": errors})
    largest = max(info["items"], info.get("memory_items", 0))
    return {"runs": runs, "static_path": static_path, "largest_items": largest}


def fmt(value: float) -> str:
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def table(headers: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def report(name: str, render: dict, http: dict | None, skipped_http: str) -> str:
    out = [f"## {name}", "", "### Render time and SQL queries (in-process, warmed up)", ""]
    rows = render["render"]
    out.append(
        table(
            ["items", "page", "status", "bytes", "queries", "median ms", "p95 ms", "runs"],
            [
                [
                    r["items"],
                    r["page"],
                    r["status"],
                    r["bytes"],
                    r["queries"],
                    fmt(r["median_ms"]),
                    fmt(r["p95_ms"]),
                    r["runs"],
                ]
                for r in rows
            ],
        )
    )
    by = {(r["items"], r["page"]): r for r in rows}
    # The occasion rows count events (6, 60), not agenda items: not part of this table.
    agenda_rows = [r for r in rows if not r["page"].startswith("occasion")]
    sizes = sorted({r["items"] for r in agenda_rows})
    small, large = sizes[0], sizes[-1]
    out += ["", f"Growth of the median: {large}/{small} items (and 100/{small}, 1000/100)", ""]
    ratio_rows = []
    for page in dict.fromkeys(r["page"] for r in agenda_rows):

        def ratio(a, b, page=page):
            if (a, page) in by and (b, page) in by:
                return f"{by[(a, page)]['median_ms'] / by[(b, page)]['median_ms']:.1f}×"
            return "–"

        ratio_rows.append([page, ratio(large, small), ratio(100, small), ratio(1000, 100)])
    out.append(table(["page", f"{large}/{small}", f"100/{small}", "1000/100"], ratio_rows))

    out += [
        "",
        f"### HTTP: deploy/serve.sh, 2 gunicorn workers, wrk -t1 -c{CONNECTIONS},"
        f" {SECONDS} s each in {ROUNDS} interleaved rounds (median: of the rounds; p99: the worst round)",
        "",
    ]
    if http is None:
        out += [f"Skipped: {skipped_http}", "", targets(by, None, None)]
        return "\n".join(out)
    static_rps = next(
        r["rps"] for run in http["runs"] for r in run["rows"] if r["path"] == http["static_path"]
    )
    out.append(
        table(
            [
                "what",
                "status",
                "req/s",
                "median ms",
                "p99 ms",
                "vs static",
                "non-2xx",
                "socket errors",
            ],
            [
                [
                    r["what"],
                    r["status"],
                    fmt(r["rps"]),
                    fmt(r["median_ms"]),
                    fmt(r["p99_ms"]),
                    f"{r['rps'] / static_rps:.0%}",
                    r["non_2xx"],
                    r["socket_errors"],
                ]
                for run in http["runs"]
                for r in run["rows"]
            ],
        )
    )
    out.append("")
    for run in http["runs"]:
        peaks = ", ".join(f"{mb} MB" for mb in run["worker_peak_mb"])
        out.append(
            f"- {run['run']}: workers' peak RSS {peaks}; error lines in the server log: {run['errors_logged']}"
        )
    out += ["", targets(by, http, static_rps)]
    return "\n".join(out)


# Issue 14's targets: uncached render medians at 200 items (ms), growth to 1000 items.
RENDER_TARGETS_MS = {
    "agenda .ics": 15,
    "event .ics": 15,
    "schedule.xml": 15,
    "schedule.json": 15,
    "event page": 20,
}
GROWTH_TARGET = 5.5
WORKER_PEAK_TARGET_MB = 100
CACHE_HIT_TARGET = 0.8
PAGE_WEIGHT_TARGET = 150 * 1024


def targets(by: dict, http: dict | None, static_rps: float | None) -> str:
    """The issue's targets, reported (not enforced): each line says met or NOT met."""
    lines = ["### Targets (reported, not enforced)", ""]

    def line(text, value, goal, met):
        lines.append(f"- {text}: {value} (target {goal}) — {'met' if met else 'NOT met'}")

    def row(items, page):
        return by.get((items, page))

    for page, goal in RENDER_TARGETS_MS.items():
        small, large = row(200, page), row(1000, page)
        if small is not None:
            line(
                f"{page} at 200 items, uncached median (HTTP {small['status']})",
                f"{fmt(small['median_ms'])} ms",
                f"≤ {goal} ms",
                small["status"] == 200 and small["median_ms"] <= goal,
            )
        if small is not None and large is not None:
            growth = large["median_ms"] / small["median_ms"]
            line(
                f"{page}, 1000 vs 200 items (HTTP {large['status']})",
                f"{growth:.1f}×",
                f"≤ {GROWTH_TARGET}×",
                large["status"] == 200 and growth <= GROWTH_TARGET,
            )
    page = row(200, "event page")
    if page is not None:
        line(
            "event page at 200 items, HTML weight",
            f"{page['bytes'] / 1024:.0f} KB",
            f"≤ {PAGE_WEIGHT_TARGET // 1024} KB",
            page["bytes"] <= PAGE_WEIGHT_TARGET,
        )
    # The occasions issue adds its line here: an occasion page of 60 events, uncached, ≤ 50 ms.
    occasion = row(60, "occasion page")
    if occasion is None:
        lines.append("- occasion page, 60 events, uncached ≤ 50 ms: not measured yet (occasions)")
    else:
        line(
            "occasion page, 60 events, uncached median",
            f"{fmt(occasion['median_ms'])} ms",
            "≤ 50 ms",
            occasion["median_ms"] <= 50,
        )
    if http is None or not static_rps:
        lines.append("- HTTP targets (cache hit vs static file, worker memory): not measured")
        return "\n".join(lines)
    http_rows = {r["what"]: r for run in http["runs"] for r in run["rows"]}
    cached_run = http["runs"][0]  # "page cache on"
    for r in cached_run["rows"]:
        if r["path"] != http["static_path"]:
            share = r["rps"] / static_rps
            line(
                f"{r['what']} vs the static file of the event page's size, req/s",
                f"{share:.0%}",
                f"≥ {CACHE_HIT_TARGET:.0%}",
                share >= CACHE_HIT_TARGET,
            )
    peak = max(mb for run in http["runs"] for mb in run["worker_peak_mb"])
    largest = http.get("largest_items", "?")
    line(
        f"worker peak memory (VmHWM, every run; up to {largest} items served)",
        f"{peak} MB",
        f"< {WORKER_PEAK_TARGET_MB} MB",
        peak < WORKER_PEAK_TARGET_MB,
    )
    failures = sum(r["non_2xx"] + r["socket_errors"] for r in http_rows.values())
    line("errors under load (non-2xx + socket errors, all targets)", failures, "0", failures == 0)
    return "\n".join(lines)


def machine() -> str:
    import django

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    cache = "Redis" if os.environ.get("REDIS_URL") else "local memory (per worker)"
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    return (
        f"{datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPUs ({cpu}), load average {load}"
        f" at the start, Python {platform.python_version()}, Django {django.get_version()},"
        f" page cache in {cache}; the load generator shares the CPUs"
    )


def main() -> None:
    databases = []
    work_root = Path(tempfile.mkdtemp(prefix="eventsite-bench-"))
    databases.append(("SQLite", f"sqlite:///{work_root / 'sqlite' / 'bench.sqlite3'}"))
    pg, why_not = postgres_url()
    if pg:
        databases.append(("PostgreSQL", pg))
    has_wrk = shutil.which("wrk") is not None
    sections = [f"# eventsite benchmark\n\n{machine()}"]
    figures = {}
    if not pg:
        sections.append(f"PostgreSQL skipped: {why_not}")
    for name, url in databases:
        work = work_root / name.lower()
        work.mkdir(parents=True, exist_ok=True)
        log(f"== {name}: render times")
        render = run_render(url, work)
        http = None
        if has_wrk:
            log(f"== {name}: HTTP")
            http = run_http(url, work, render["http"])
        figures[name] = {"render": render, "http": http}
        sections.append(report(name, render, http, "wrk is not installed (apt-get install wrk)"))
    text = "\n\n".join(sections) + "\n"
    print(text)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
    (results / f"{stamp}.md").write_text(text, encoding="utf-8")
    (results / f"{stamp}.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
    log(f"Server logs and data: {work_root}")


if __name__ == "__main__":
    main()
