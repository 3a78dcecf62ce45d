from django.shortcuts import render
from django.utils import timezone

from .models import Event
from .selectors import event_for_page


def event_list(request):
    now = timezone.now()
    events = Event.objects.public().select_related(None)
    return render(
        request,
        "agenda/event_list.html",
        {
            "upcoming": list(events.upcoming(now)),
            "past": list(events.past(now)),
        },
    )


def event_detail(request, slug):
    event = event_for_page(slug=slug, user=request.user)
    schedule = event.build_schedule()
    return render(
        request,
        "agenda/event_detail.html",
        {
            "event": event,
            "schedule": schedule,
            "is_past": event.is_past(),
            "outcome": getattr(event, "outcome", None),
        },
    )
