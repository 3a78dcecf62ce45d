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
