"""Who may keep time for an event: its team (staff who may change that event, see
agenda.teams), or whoever holds the signed link an organiser handed out.

The link carries the event and an expiry (a day after the event's end), signed
with the site's key; a tampered or expired link is refused, as is everyone else.
The link gives the timing screens and their presses, nothing else.
"""

from __future__ import annotations

from datetime import timedelta

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _

from agenda.models import Event
from agenda.team_access import EDITOR, reaches

from . import clock

SALT = "runofshow.timekeeper"
VALID_AFTER_END = timedelta(days=1)
LINK_WHO = "timekeeper link"


class NeedsLogin(Exception):
    """No link and not logged in: send the visitor to the login page."""


def link_key(event: Event) -> str:
    until = int((event.end + VALID_AFTER_END).timestamp())
    return signing.dumps({"event": event.pk, "until": until}, salt=SALT)


def is_organiser(user, event: Event) -> bool:
    return bool(
        user.is_authenticated
        and user.is_staff
        # The table right (the group's) and the team's right on this event.
        and user.has_perm("agenda.change_event")
        and user.has_perm("agenda.change_event", event)
    )


def timekeeper_admin_link(request, event: Event) -> tuple[str, str] | None:
    """The event admin page's way to the timekeeper, for those who may open it."""
    # The event page asked the user's role already (agenda.team_access caches it).
    user = request.user
    if not (
        user.is_staff and user.has_perm("agenda.change_event") and reaches(request, event, EDITOR)
    ):
        return None
    return (str(_("Timekeeper")), reverse("runofshow:timekeeper", kwargs={"slug": event.slug}))


def who_may_keep_time(request, event: Event) -> str:
    """The name recorded with a press; raises PermissionDenied or NeedsLogin."""
    key = request.GET.get("key", "")
    if key:
        try:
            data = signing.loads(key, salt=SALT)
        except signing.BadSignature as error:
            raise PermissionDenied(_("This timekeeper link is not valid.")) from error
        if not isinstance(data, dict) or data.get("event") != event.pk:
            raise PermissionDenied(_("This timekeeper link is for another event."))
        if int(data.get("until", 0)) < clock.now().timestamp():
            raise PermissionDenied(_("This timekeeper link has expired."))
        return LINK_WHO
    if is_organiser(request.user, event):
        return request.user.get_username()
    if request.user.is_authenticated:
        raise PermissionDenied(_("Only the event's organisers may keep time."))
    raise NeedsLogin
