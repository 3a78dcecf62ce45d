import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError


@cache
def known_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in known_time_zones():
        raise ValidationError(
            "“%(value)s” is not a known IANA time zone. Use a name such as Europe/Vienna or "
            "America/New_York.",
            code="unknown_time_zone",
            params={"value": value},
        )
