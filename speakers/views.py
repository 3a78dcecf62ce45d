from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from agenda import selectors


@require_safe
def person_list(request):
    return render(request, "speakers/person_list.html", {"people": selectors.people_for_list()})


@require_safe
def person_detail(request, slug):
    person, is_public = selectors.person_for_page(slug=slug, user=request.user)
    return render(
        request,
        "speakers/person_detail.html",
        {
            "person": person,
            "is_preview": not is_public,
            "appearances": selectors.appearances(person=person, user=request.user),
            "canonical_url": settings.EVENTSITE_BASE_URL + person.get_absolute_url(),
        },
    )
