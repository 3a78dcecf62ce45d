"""The event's time zone on the admin page: a searchable list, a default, a venue check.

The zone is typed into a box that offers the tz database's zones with their
offset now (an HTML datalist: the browser filters while typing, no script);
the model keeps its validated CharField, so nothing migrates. A new event's zone
comes from the organiser's last event, else EVENTSITE_DEFAULT_TIME_ZONE, else
it is left empty for the organiser to choose, never silently UTC.
A zone the venue's country does not use (Vienna with UTC) is a warning on
save and blocks publishing until the organiser ticks that the zone is right.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import zones
from .models import Event


class ZoneInput(forms.TextInput):
    template_name = "agenda/widgets/zone.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, {**(attrs or {}), "list": "time-zones"})
        context["zones"] = zones.zone_choices()
        return context


def default_zone(user) -> str:
    """The zone of the last event this organiser created, else the site's setting, else ''."""
    last = (
        Event.history.filter(history_user_id=user.pk, history_type="+")
        .order_by("-history_date")
        .values_list("time_zone", flat=True)
        .first()
    )
    return last or getattr(settings, "EVENTSITE_DEFAULT_TIME_ZONE", "") or ""


def mismatch(zone: str, country: str) -> str | None:
    """The warning when the venue's country does not use the zone; None when it fits
    or the country is not recognised."""
    if not zone or zones.zone_fits_country(zone, country) is not False:
        return None
    return _(
        "The time zone %(zone)s is not used in %(country)s (%(zones)s is). "
        "Every time is published in the event's zone: check it."
    ) % {
        "zone": zone,
        "country": country.strip(),
        "zones": ", ".join(zones.zones_of_country(country)[:3]),
    }


CONFIRM_LABEL = gettext_lazy("The time zone is right for this venue")


def confirm_field() -> forms.BooleanField:
    return forms.BooleanField(
        required=False,
        label=CONFIRM_LABEL,
        help_text=gettext_lazy(
            "Needed to publish when the zone is not one the venue's country uses."
        ),
    )
