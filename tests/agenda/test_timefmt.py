"""agenda/timefmt.py: clock labels and time slots across zones, days and DST changes."""

from zoneinfo import ZoneInfo

import pytest

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
