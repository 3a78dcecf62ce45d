"""Fixtures every area shares (the seed, organisers, the permission matrices' users) and the run's command-line options."""

import pytest

from tests.support.builders import load_seed


@pytest.fixture
def seed_event(db):
    return load_seed()


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        username="organiser", password="pw-organiser-1", is_staff=True
    )


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


def pytest_terminal_summary(terminalreporter):
    from tests.support.hostile import report

    report(terminalreporter)
