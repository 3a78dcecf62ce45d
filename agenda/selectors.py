"""Reads for the public pages: what a visitor may see, fetched in few queries."""

from django.http import Http404

from .models import Event


def visible_events(user):
    """Public events, plus drafts for staff (shown as previews)."""
    events = Event.objects.all()
    if not (user.is_authenticated and user.is_staff):
        events = events.public()
    return events


def event_for_page(*, slug: str, user) -> Event:
    try:
        return visible_events(user).with_agenda().select_related("outcome").get(slug=slug)
    except Event.DoesNotExist as error:
        raise Http404("No such event.") from error
