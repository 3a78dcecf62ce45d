"""Where the time of one uncached render goes: pyinstrument over a built event.

    python -m bench.profile [page] [items]

`page` is one of bench/render.py's pages (event page, agenda .ics, …; default
"agenda .ics"), `items` the agenda size (default 200). It builds the event in a
scratch SQLite file with the production settings, renders the page a few times
to warm up, then prints pyinstrument's tree of 20 renders with the page cache off.
"""

import os
import sys
import tempfile
from pathlib import Path

from bench.server import ROOT, environment


def main() -> None:
    page = sys.argv[1] if len(sys.argv) > 1 else "agenda .ics"
    items = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    work = Path(tempfile.mkdtemp(prefix="eventsite-profile-"))
    env = environment(
        f"sqlite:///{work / 'profile.sqlite3'}",
        work / "static",
        LOG_LEVEL="WARNING",
        EVENTSITE_BASE_URL="http://testserver",
    )
    env["EVENTSITE_PAGE_CACHE"] = "0"
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from pyinstrument import Profiler

    from bench.render import build_event, pages

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    url = pages(build_event(items))[page]
    client = Client()
    for _ in range(3):
        assert client.get(url).status_code == 200
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(20):
            client.get(url)
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
