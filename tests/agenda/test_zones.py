"""The time-zone list with offsets and which zones a venue's country uses."""

from datetime import UTC, datetime

import pytest

from agenda import zones


def test_the_list_shows_each_zone_with_its_offset_then():
    winter = dict(zones.zone_choices(datetime(2030, 1, 15, tzinfo=UTC)))
    summer = dict(zones.zone_choices(datetime(2030, 7, 15, tzinfo=UTC)))
    assert winter["Europe/Vienna"] == "Europe/Vienna — UTC+1 now"
    assert summer["Europe/Vienna"] == "Europe/Vienna — UTC+2 now"
    assert summer["Asia/Kathmandu"] == "Asia/Kathmandu — UTC+5:45 now"
    assert winter["UTC"] == "UTC — UTC+0 now"


def test_the_list_leaves_out_links_and_legacy_names():
    names = zones.zone_names()
    assert "Europe/Vienna" in names
    assert "America/New_York" in names
    assert not {"US/Eastern", "CET", "Etc/GMT+5", "Turkey"} & set(names)


@pytest.mark.parametrize(
    ("zone", "country", "fits"),
    [
        ("Europe/Vienna", "Austria", True),
        ("Europe/Vienna", " austria ", True),
        ("Europe/Vienna", "AT", True),
        ("UTC", "Austria", False),
        ("Europe/Berlin", "Austria", False),
        ("America/Chicago", "United States", True),
        ("UTC", "", None),
        ("UTC", "Atlantis", None),
    ],
)
def test_a_zone_fits_the_country_or_the_country_is_unknown(zone, country, fits):
    assert zones.zone_fits_country(zone, country) is fits
