"""axe-core in a Playwright page, with the WCAG 2.2 AA rules on.

axe runs only the rules tagged with one of `TAGS`: every WCAG 2.0, 2.1 and 2.2
A and AA rule (target-size, 2.5.8, is only in wcag22aa) and axe's best practices,
which the tests ran before.
"""

from __future__ import annotations

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}


def violations(page) -> list[tuple[str, str, list]]:
    """(rule, impact, first three targets) of every violation on the page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=OPTIONS)
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
    ]
