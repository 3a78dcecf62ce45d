"""Render times and SQL query counts of the public pages, in this process.

Run by bench/run.py once per database, with the production settings and
DATABASE_URL pointing at a database the benchmark may empty. Writes its figures
as JSON to the file named on the command line, then leaves one event of
`--http-items` items in the database for the HTTP part.
"""

import argparse
import json
import statistics
import time
from datetime import timedelta

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from agenda.models import Event  # noqa: E402
from speakers.models import Organisation, Person  # noqa: E402
from tests.support.builders import add_items, local, make_event  # noqa: E402
from tests.support.occasions import make_programme  # noqa: E402

SEED_SLUG = "counter-migrant-smuggling-vienna-2017"  # make serve loads it
PEOPLE_PER_ITEM = 2
MINUTES_PER_ITEM = 5


def build_event(items: int, *, alone: bool = True) -> Event:
    """An empty database but for one public event with `items` agenda items
    (`alone=False`: added beside what is there)."""
    if alone:
        Event.objects.all().delete()
        Person.objects.all().delete()
        Organisation.objects.all().delete()
    start = local(2030, 5, 6, 9, 0)
    event = make_event(
        title=f"Benchmark event with {items} agenda items",
        slug=f"bench-{items}",
        start=start,
        end=start + timedelta(minutes=items * MINUTES_PER_ITEM + 60),
    )
    add_items(event, [MINUTES_PER_ITEM] * items, people_per_item=PEOPLE_PER_ITEM)
    return event


def measure(fetch, *, min_runs: int, max_runs: int, budget_s: float) -> dict:
    for _ in range(3):  # warm up: templates, connections, code paths
        fetch()
    with CaptureQueriesContext(connection) as queries:
        response = fetch()
    query_count = len(queries)  # now: the log is cleared at each request's start
    samples = []
    deadline = time.perf_counter() + budget_s
    while len(samples) < max_runs and (len(samples) < min_runs or time.perf_counter() < deadline):
        started = time.perf_counter()
        fetch()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {
        "status": response.status_code,
        "bytes": len(response.content),
        "queries": query_count,
        "runs": len(samples),
        "median_ms": statistics.median(samples),
        "p95_ms": samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))],
    }


def pages(event: Event) -> dict[str, str]:
    return {
        "event page": event.get_absolute_url(),
        "speakers page": reverse("speakers:list"),
        "/calendar.ics": reverse("agenda:calendar_feed"),
        "event .ics": reverse("agenda:event_ics", kwargs={"slug": event.slug}),
        "agenda .ics": reverse("agenda:event_agenda_ics", kwargs={"slug": event.slug}),
        "schedule.xml": reverse("agenda:schedule_xml", kwargs={"slug": event.slug}),
        "schedule.json": reverse("agenda:schedule_json", kwargs={"slug": event.slug}),
    }


def measure_occasions(client: Client, *, budget_s: float) -> list[dict]:
    """The occasion page and its feed at 6 and 60 events (rows keyed by event count)."""
    rows = []
    for events in (6, 60):
        build_event(1)  # empties the database
        occasion = make_programme(events, slug=f"bench-occasion-{events}")
        urls = {
            "occasion page": occasion.get_absolute_url(),
            "occasion .ics": reverse("agenda:occasion_ics", kwargs={"slug": occasion.slug}),
        }
        for page, url in urls.items():
            for cached in (False, True):
                with override_settings(EVENTSITE_PAGE_CACHE=cached):
                    figures = measure(
                        lambda url=url: client.get(url),
                        min_runs=5,
                        max_runs=500,
                        budget_s=budget_s / 2,
                    )
                name = f"{page}, cache hit" if cached else page
                rows.append({"items": events, "page": name, "url": url, **figures})
        print(f"  rendered an occasion of {events} events", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("output")
    parser.add_argument("--sizes", default="4,100,200,1000")
    parser.add_argument("--http-items", type=int, default=100)
    parser.add_argument("--memory-items", type=int, default=1000)
    parser.add_argument("--budget", type=float, default=6.0, help="seconds per measurement")
    args = parser.parse_args()

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)  # pages link hashed names
    foreign = Event.objects.exclude(slug__startswith="bench-").exclude(slug=SEED_SLUG)
    if foreign.exists():
        raise SystemExit(
            f"{connection.settings_dict['NAME']} holds events the benchmark did not make; "
            "it empties its database, so point it at a scratch one (BENCH_PG_URL)."
        )
    client = Client()
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        event = build_event(size)
        # Render times: every request renders (the public views are wrapped in the cache).
        with override_settings(EVENTSITE_PAGE_CACHE=False):
            for page, url in pages(event).items():
                figures = measure(
                    lambda url=url: client.get(url), min_runs=5, max_runs=200, budget_s=args.budget
                )
                results.append({"items": size, "page": page, "url": url, **figures})

        with override_settings(EVENTSITE_PAGE_CACHE=True):
            figures = measure(
                lambda event=event: client.get(event.get_absolute_url()),
                min_runs=5,
                max_runs=2000,
                budget_s=args.budget / 2,
            )
        results.append(
            {
                "items": size,
                "page": "event page, cache hit",
                "url": event.get_absolute_url(),
                **figures,
            }
        )
        print(f"  rendered {size} items", flush=True)

    results += measure_occasions(client, budget_s=args.budget)

    event = build_event(args.http_items)
    http_pages = {
        "event_url": event.get_absolute_url(),
        "ics_url": reverse("agenda:calendar_feed"),
        "agenda_ics_url": reverse("agenda:event_agenda_ics", kwargs={"slug": event.slug}),
        "event_bytes": len(client.get(event.get_absolute_url()).content),
        "items": args.http_items,
    }
    if args.memory_items and args.memory_items != args.http_items:
        # Served uncached too, for the workers' peak memory at the issue's largest size.
        large = build_event(args.memory_items, alone=False)
        http_pages["memory_items"] = args.memory_items
        http_pages["memory_urls"] = {
            "event page": large.get_absolute_url(),
            "agenda .ics": reverse("agenda:event_agenda_ics", kwargs={"slug": large.slug}),
            "schedule.json": reverse("agenda:schedule_json", kwargs={"slug": large.slug}),
        }
    with open(args.output, "w", encoding="utf-8") as out:
        json.dump({"render": results, "http": http_pages, "vendor": connection.vendor}, out)


if __name__ == "__main__":
    main()
