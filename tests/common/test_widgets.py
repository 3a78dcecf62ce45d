"""The autocomplete picker's naming script loads after Django's own picker script."""

import pytest
from django.contrib import admin

from agenda.admin import EventAdmin
from agenda.models import Event
from common.widgets import NamedAutocompleteSelect
from tests.support.builders import make_event

NAMING = "admin-eventsite/autocomplete-names.js"


def test_the_naming_script_follows_djangos_autocomplete():
    widget = NamedAutocompleteSelect(Event._meta.get_field("room_ref"), admin.site)
    scripts = [str(js) for js in widget.media._js]
    assert scripts.index(NAMING) > scripts.index("admin/js/autocomplete.js")


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["occasion_ref", "room_ref"])
def test_the_event_pages_pickers_are_named(rf, admin_user, field):
    request = rf.get("/")
    request.user = admin_user
    formfield = EventAdmin(Event, admin.site).formfield_for_dbfield(
        Event._meta.get_field(field), request
    )
    assert isinstance(formfield.widget.widget, NamedAutocompleteSelect)


@pytest.mark.django_db
def test_the_whole_page_keeps_the_order(admin_client):
    event = make_event(title="Named pickers")
    html = admin_client.get(f"/admin/agenda/event/{event.pk}/change/").content.decode()
    assert html.index(NAMING) > html.index("admin/js/autocomplete.js")
