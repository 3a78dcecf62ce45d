import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@cache
def known_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in known_time_zones():
        raise ValidationError(
            _(
                "“%(value)s” is not a known IANA time zone. Use a name such as Europe/Vienna or "
                "America/New_York."
            ),
            code="unknown_time_zone",
            params={"value": value},
        )


def validate_https(value: str) -> None:
    """An online meeting link must be https: attendees follow it with their camera on."""
    if value and not value.startswith("https://"):
        raise ValidationError(
            _("Give the meeting link with https://, e.g. https://meet.example.org/side-event."),
            code="not_https",
        )
