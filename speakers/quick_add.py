"""Finding and adding people while planning, without a form page of their own.

`find_people` answers the event page's people search (name, position or
organisation, best matches first). `add_person` creates a person from the
few things an organiser knows at that moment (honorific, name, position,
organisation by name); the web address (slug) is derived from the name and
made unique, never asked for. A name that is already there is not refused:
`SamePersonMaybe` carries the people with that name, to be offered instead,
and the organiser may still add a namesake on purpose (`namesake_ok`).
`add_organisation` answers a known organisation (by name or acronym) rather
than making a second one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from .models import Organisation, Person
from .models import derive_slug as derive_unique_slug

MAX_MATCHES = 8


class SamePersonMaybe(Exception):
    def __init__(self, people: list[Person]):
        super().__init__("someone with this name exists")
        self.people = people


class UnknownOrganisation(Exception):
    pass


@dataclass(frozen=True)
class NewPerson:
    full_name: str
    honorific: str = ""
    position: str = ""
    organisation: str = ""


def label(person: Person) -> str:
    """How the planning page names a person: 'Ms. Marie McAuliffe — Head of …, IOM'."""
    affiliation = person.affiliation
    return f"{person.display_name} — {affiliation}" if affiliation else person.display_name


def find_people(query: str):
    words = query.split()[:5]
    people = Person.objects.select_related("organisation")
    for word in words:
        people = people.filter(
            Q(full_name__icontains=word)
            | Q(position__icontains=word)
            | Q(organisation__name__icontains=word)
            | Q(organisation__acronym__iexact=word)
        )
    return people.order_by("full_name")[:MAX_MATCHES] if words else people.none()


def derive_slug(full_name: str) -> str:
    """'Jørgen Carling' -> 'jorgen-carling', then -2, -3 … while taken."""
    return derive_unique_slug(Person, full_name, "person")


def find_organisation(name: str) -> Organisation | None:
    name = name.strip()
    if not name:
        return None
    return Organisation.objects.filter(Q(name__iexact=name) | Q(acronym__iexact=name)).first()


def add_organisation(name: str, acronym: str = "") -> tuple[Organisation, bool]:
    """The organisation with this name or acronym, or a new one: (organisation, created)."""
    name = " ".join(name.split())
    known = find_organisation(name) or (find_organisation(acronym) if acronym.strip() else None)
    if known is not None:
        return known, False
    return Organisation.objects.create(name=name, acronym=acronym.strip()), True


def add_person(new: NewPerson, *, may_add_organisation: bool, namesake_ok: bool = False) -> Person:
    full_name = " ".join(new.full_name.split())
    with transaction.atomic():
        if not namesake_ok:
            same = list(
                Person.objects.select_related("organisation").filter(full_name__iexact=full_name)
            )
            if same:
                raise SamePersonMaybe(same)
        organisation = find_organisation(new.organisation)
        if organisation is None and new.organisation.strip():
            if not may_add_organisation:
                raise UnknownOrganisation(new.organisation.strip())
            organisation = Organisation.objects.create(name=" ".join(new.organisation.split()))
        return Person.objects.create(
            full_name=full_name,
            honorific=new.honorific.strip(),
            position=new.position.strip(),
            organisation=organisation,
            slug=derive_slug(full_name),
        )
