"""agenda/timefmt.py: clock labels and time slots across zones, days and DST changes."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import dateformat, translation

from agenda import timefmt
from tests.support.builders import local


@pytest.mark.parametrize(
    ("moment", "zone", "expected"),
    [
        (local(2017, 9, 4, 13, 15), "Europe/Vienna", "13:15 CEST (UTC+2)"),
        (local(2017, 12, 4, 13, 15), "Europe/Vienna", "13:15 CET (UTC+1)"),
        (local(2030, 1, 1, 9, zone="America/New_York"), "America/New_York", "09:00 EST (UTC-5)"),
        (local(2030, 1, 1, 9, zone="Asia/Kathmandu"), "Asia/Kathmandu", "09:00 UTC+5:45"),
        (local(2030, 1, 1, 9, zone="UTC"), "UTC", "09:00 UTC"),
    ],
)
def test_clock_labelled(moment, zone, expected):
    assert timefmt.clock_labelled(moment, ZoneInfo(zone)) == expected


def test_time_slot_same_day():
    vienna = ZoneInfo("Europe/Vienna")
    assert (
        timefmt.time_slot(local(2017, 9, 4, 13, 15), local(2017, 9, 4, 14, 45), vienna)
        == "Monday, 4 September 2017, 13:15–14:45 CEST (UTC+2)"
    )


def test_time_slot_over_two_days():
    vienna = ZoneInfo("Europe/Vienna")
    assert (
        timefmt.time_slot(local(2030, 5, 6, 9), local(2030, 5, 7, 17), vienna)
        == "Monday, 6 May 2030, 09:00 CEST (UTC+2) – Tuesday, 7 May 2030, 17:00 CEST (UTC+2)"
    )


def test_time_slot_across_dst_change_labels_both_ends():
    vienna = ZoneInfo("Europe/Vienna")
    assert (
        timefmt.time_slot(local(2017, 10, 29, 1, 30), local(2017, 10, 29, 3, 30), vienna)
        == "Sunday, 29 October 2017, 01:30 CEST (UTC+2) – 03:30 CET (UTC+1)"
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Monday, 4 September 2017, 13:15–14:45 CEST (UTC+2)"),
        ("fr", "lundi 4 septembre 2017, 13 h 15–14 h 45 CEST (UTC+2)"),
        ("es", "lunes, 4 de septiembre de 2017, 13:15–14:45 CEST (UTC+2)"),
    ],
)
def test_time_slot_follows_the_language_and_keeps_the_zone_label(language, expected):
    vienna = ZoneInfo("Europe/Vienna")
    with translation.override(language):
        slot = timefmt.time_slot(local(2017, 9, 4, 13, 15), local(2017, 9, 4, 14, 45), vienna)
    assert slot == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "09:05 CET (UTC+1)"), ("fr", "9 h 05 CET (UTC+1)"), ("es", "09:05 CET (UTC+1)")],
)
def test_clock_follows_the_language(language, expected):
    with translation.override(language):
        assert (
            timefmt.clock_labelled(local(2017, 12, 4, 9, 5), ZoneInfo("Europe/Vienna")) == expected
        )


@pytest.mark.parametrize("language", sorted(timefmt.CLOCK))
@pytest.mark.parametrize(("hour", "minute"), [(0, 0), (9, 5), (13, 15), (23, 59)])
def test_clock_writes_what_dateformat_writes_for_its_pattern(language, hour, minute):
    moment = local(2017, 9, 4, hour, minute)
    zone = ZoneInfo("Europe/Vienna")
    with translation.override(language):
        expected = dateformat.format(moment.astimezone(zone), timefmt.CLOCK[language])
        assert timefmt.clock(moment, zone) == expected


# The dates and clocks are kept per (language, local date): a cache that ignored
# either would answer the first language's or the first date's words here.


def test_short_and_long_dates_follow_a_language_switch():
    moment = local(2017, 9, 4, 13, 15)
    vienna = ZoneInfo("Europe/Vienna")
    seen = {}
    for language in ("en", "fr", "es", "fr", "en"):
        with translation.override(language):
            seen[language] = (
                timefmt.short_date(moment, vienna),
                timefmt.long_date(moment, vienna),
                timefmt.clock(moment, vienna),
            )
    assert seen == {
        "en": ("Mon 4 Sep", "Monday, 4 September 2017", "13:15"),
        "fr": ("lun 4 sep", "lundi 4 septembre 2017", "13 h 15"),
        "es": ("lun 4 sep", "lunes, 4 de septiembre de 2017", "13:15"),
    }


def test_a_given_language_is_the_one_written_whatever_is_active():
    moment = local(2017, 9, 4, 13, 15)
    vienna = ZoneInfo("Europe/Vienna")
    with translation.override("en"):
        assert timefmt.long_date(moment, vienna, language="fr") == "lundi 4 septembre 2017"
        assert timefmt.long_date(moment, vienna, language="es") == (
            "lunes, 4 de septiembre de 2017"
        )
        assert timefmt.clock(moment, vienna, language="fr") == "13 h 15"
    with translation.override("fr"):
        assert timefmt.short_date(moment, vienna, language="en") == "Mon 4 Sep"


def test_dates_follow_the_zone_and_the_moment():
    moment = local(2030, 5, 6, 23, 30)  # Vienna: Monday; New York: still Monday 17:30
    tokyo = ZoneInfo("Asia/Tokyo")  # already Tuesday 06:30
    vienna = ZoneInfo("Europe/Vienna")
    with translation.override("en"):
        assert timefmt.short_date(moment, vienna) == "Mon 6 May"
        assert timefmt.short_date(moment, tokyo) == "Tue 7 May"
        assert timefmt.long_date(moment, tokyo) == "Tuesday, 7 May 2030"
        assert timefmt.short_date(moment + timedelta(days=1), vienna) == "Tue 7 May"
        assert timefmt.clock(moment, tokyo) == "06:30"


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_dates_write_what_dateformat_writes_for_their_pattern(language):
    zone = ZoneInfo("Europe/Vienna")
    with translation.override(language):
        for day in range(1, 8):
            moment = local(2017, 9, day, 13, 15)
            local_moment = moment.astimezone(zone)
            assert timefmt.short_date(moment, zone) == dateformat.format(
                local_moment, timefmt.SHORT_DATE[language]
            )
            assert timefmt.long_date(moment, zone) == dateformat.format(
                local_moment, timefmt.LONG_DATE[language]
            )
