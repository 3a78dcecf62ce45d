"""Fixtures every area shares (the seed, organisers, the permission matrices' users) and the run's command-line options."""

import pytest

from tests.support import requirements
from tests.support.builders import load_seed


def pytest_addoption(parser):
    group = parser.getgroup("eventsite", "eventsite: what this run requires")
    group.addoption(
        "--require-browser",
        action="store_true",
        help="fail, not skip, the browser tests when Chromium is missing",
    )
    group.addoption(
        "--require-icaljs",
        action="store_true",
        help="fail, not skip, the calendar tests when node or ical.js (tests/js) is missing",
    )
    group.addoption(
        "--require-redis",
        action="store_true",
        help="fail, not skip, the Redis cache tests when REDIS_URL is unset or Redis does not answer",
    )
    group.addoption(
        "--run-load",
        action="store_true",
        help="run the load test (tests/bench/test_load.py, about 20 s of wrk; needs wrk)",
    )


def pytest_configure(config):
    for what, option in requirements.OPTIONS.items():
        if config.getoption(option.lstrip("-").replace("-", "_")):
            requirements.required.add(what)


def pytest_collection_modifyitems(config, items):
    skip_load = pytest.mark.skip(
        reason="load test: run with --run-load (CI does); `make loadtest` runs the full one"
    )
    for item in items:
        if item.get_closest_marker("load") and not config.getoption("run_load"):
            item.add_marker(skip_load)
        # Under `pytest -n 2 --dist loadgroup` one worker keeps the one Chromium.
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A request to /fr/ or /es/ leaves its language active in the thread (LocaleMiddleware
    does not undo it); each test starts in English, as a fresh process would."""
    from django.utils import translation

    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _organising_team_hosts_this_test_only():
    """`make_organiser`'s team organises the events of one test, not the next one's."""
    from tests.support.teams import stop_hosting

    yield
    stop_hosting()


@pytest.fixture
def seed_event(db):
    return load_seed()


@pytest.fixture
def staff_user(django_user_model):
    """Staff on the organising team (an editor), with no table permissions: previews
    of drafts are for the event's team (agenda.teams)."""
    from tests.support.teams import join_organising_team

    user = django_user_model.objects.create_user(
        username="organiser", password="pw-organiser-1", is_staff=True
    )
    join_organising_team(user, "editor")
    return user


@pytest.fixture
def organiser_client(client, django_user_model):
    """A client logged in as staff in the "Organisers" group (from the data migration)."""
    from tests.support.admin_forms import make_organiser

    client.force_login(make_organiser(django_user_model))
    return client


@pytest.fixture
def users(django_user_model):
    """An organiser and a superuser, for the permission matrices."""
    from tests.support.admin_forms import make_organiser

    return {
        "organiser": make_organiser(django_user_model),
        "superuser": django_user_model.objects.create_superuser("root", password="pw-root-1"),
    }


def pytest_sessionfinish(session):
    """An xdist worker hands its tallies to the controller, which prints them all."""
    from tests.support.hostile import tallies

    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["tallies"] = dict(tallies())


@pytest.hookimpl(optionalhook=True)  # an xdist hook
def pytest_testnodedown(node, error):
    from tests.support.hostile import tally

    for what, count in getattr(node, "workeroutput", {}).get("tallies", {}).items():
        tally(what, count)


def pytest_terminal_summary(terminalreporter):
    from tests.support.hostile import report

    report(terminalreporter)
