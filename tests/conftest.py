import pytest

from tests.builders import load_seed


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
    from tests.admin_forms import make_organiser

    client.force_login(make_organiser(django_user_model))
    return client


def pytest_terminal_summary(terminalreporter):
    from tests.reliability import report

    report(terminalreporter)
