"""Speaker pages: everyone who appears in a public event, and each one's appearances;
the organisations page: everyone who hosts one, with their calendars.

They live in agenda, the app that owns appearances; `speakers` knows nothing of events."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import selectors


@require_safe
def person_list(request):
    return render(request, "agenda/person_list.html", {"people": selectors.people_for_list()})


@require_safe
def organisation_list(request):
    """The organisations hosting public events, each with its calendar to subscribe to."""
    return render(
        request,
        "agenda/organisation_list.html",
        {"organisations": selectors.hosting_organisations()},
    )


@require_safe
def person_detail(request, slug):
    person, is_public = selectors.person_for_page(slug=slug, user=request.user)
    return render(
        request,
        "agenda/person_detail.html",
        {
            "person": person,
            "is_preview": not is_public,
            "appearances": selectors.appearances(person=person, user=request.user),
            "canonical_url": settings.EVENTSITE_BASE_URL + person.get_absolute_url(),
        },
    )
