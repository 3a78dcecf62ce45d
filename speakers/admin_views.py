"""JSON views behind the event page's people search and in-page "new person" and
"new organisation" forms.

Both run through the admin site (login, staff) and check the model permission
themselves: searching needs "view person", adding needs "add person" (and "add
organisation" for an organisation not yet known). Adding is a POST and so goes
through Django's CSRF check (the script sends the X-CSRFToken header).
"""

from __future__ import annotations

import json

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import quick_add
from .models import Organisation, Person


def person_json(person: Person) -> dict:
    return {
        "id": person.pk,
        "name": person.display_name,
        "affiliation": person.affiliation,
        "label": quick_add.label(person),
    }


def _json_body(request) -> dict | None:
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _refused() -> JsonResponse:
    return JsonResponse({"message": _("You may not do this.")}, status=403)


@require_GET
def find_view(request, *, model_admin):
    if not model_admin.has_view_permission(request):
        return _refused()
    people = quick_add.find_people(request.GET.get("q", "")[:200])
    return JsonResponse({"people": [person_json(p) for p in people]})


@require_POST
def add_view(request, *, model_admin):
    if not model_admin.has_add_permission(request):
        return _refused()
    data = _json_body(request)
    if data is None:
        return JsonResponse({"message": _("The form could not be read.")}, status=400)
    fields = {
        name: str(data.get(name) or "")[:limit]
        for name, limit in [
            ("full_name", 200),
            ("honorific", 60),
            ("position", 300),
            ("organisation", 300),
        ]
    }
    if not fields["full_name"].strip():
        return JsonResponse({"message": _("Enter the person's name.")}, status=400)
    may_add_organisation = request.user.has_perm(
        f"{Organisation._meta.app_label}.add_{Organisation._meta.model_name}"
    )
    try:
        person = quick_add.add_person(
            quick_add.NewPerson(**fields),
            may_add_organisation=may_add_organisation,
            namesake_ok=bool(data.get("namesake_ok")),
        )
    except quick_add.SamePersonMaybe as same:
        return JsonResponse(
            {
                "message": _("Already here: is it this person?"),
                "people": [person_json(p) for p in same.people],
            },
            status=409,
        )
    except quick_add.UnknownOrganisation as unknown:
        return JsonResponse(
            {"message": _("No organisation called “%(name)s” yet.") % {"name": unknown}},
            status=400,
        )
    return JsonResponse({"person": person_json(person)}, status=201)


@require_POST
def add_organisation_view(request, *, model_admin):
    """An organisation by name (and acronym); a known one is answered, not made twice."""
    if not model_admin.has_add_permission(request):
        return _refused()
    data = _json_body(request)
    name = str((data or {}).get("name") or "")[:300]
    if not name.strip():
        return JsonResponse({"message": _("Enter the organisation's name.")}, status=400)
    organisation, created = quick_add.add_organisation(
        name, str((data or {}).get("acronym") or "")[:40]
    )
    return JsonResponse(
        {"organisation": {"id": organisation.pk, "name": str(organisation)}, "created": created},
        status=201 if created else 200,
    )
