"""Signed preview links (agenda/preview_links.py), without HTTP or a database."""

from types import SimpleNamespace
from unittest import mock

import pytest
from django.core import signing

from agenda import preview_links


def draft(pk=7, key=""):
    return SimpleNamespace(pk=pk, preview_key=key)


def test_a_link_reads_back_as_its_event_and_key():
    token = preview_links.token_for(draft(pk=42, key="k1"))
    assert preview_links.read(token) == (42, "k1")


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # the signature
        lambda t: "43" + t[2:],  # another event
        lambda t: t.split(":")[0],  # cut short
        lambda t: "",
        lambda t: t + "x",
    ],
    ids=["signature", "event id", "cut", "empty", "appended"],
)
def test_a_changed_link_is_invalid(change):
    token = preview_links.token_for(draft(pk=42))
    with pytest.raises(preview_links.Invalid):
        preview_links.read(change(token))


def test_a_token_of_another_salt_is_invalid():
    other = signing.TimestampSigner(salt="invitations").sign("42.")
    with pytest.raises(preview_links.Invalid):
        preview_links.read(other)


@pytest.mark.parametrize(("days", "valid"), [(13, True), (15, False)])
def test_a_link_expires_after_the_configured_days(settings, days, valid):
    settings.EVENTSITE_PREVIEW_LINK_DAYS = 14
    issued = 1_900_000_000
    with mock.patch("django.core.signing.time.time", return_value=issued):
        token = preview_links.token_for(draft())
    with mock.patch("django.core.signing.time.time", return_value=issued + days * 86400):
        if valid:
            assert preview_links.read(token) == (7, "")
        else:
            with pytest.raises(preview_links.Expired):
                preview_links.read(token)


def test_withdrawing_makes_earlier_links_stop_matching():
    event = draft(key="")
    _, key = preview_links.read(preview_links.token_for(event))
    assert preview_links.matches(event, key)
    preview_links.withdraw(event)
    assert event.preview_key != ""
    assert len(event.preview_key) >= 24
    assert not preview_links.matches(event, key)
    _, fresh = preview_links.read(preview_links.token_for(event))
    assert preview_links.matches(event, fresh)


def test_each_withdrawal_gives_a_different_key():
    event = draft()
    keys = {preview_links.withdraw(event) for _ in range(5)}
    assert len(keys) == 5
