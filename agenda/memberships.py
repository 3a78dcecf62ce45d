"""Changing who is on an organisation's team.

`assign` adds a member or changes their role; `remove` takes one off. Neither
leaves an organisation that had a manager without one: the organisation's
memberships are locked while the check runs, so two managers removing each
other at once cannot both succeed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from speakers.models import Organisation

from .team_models import Membership, TeamRole


def organisation_slug(organisation: Organisation) -> str:
    return slugify(organisation.acronym or organisation.name)


def organisation_by_slug(slug: str) -> Organisation:
    """The organisation whose acronym (or, without one, name) slugifies to `slug`."""
    wanted = slugify(slug)
    found = [
        o for o in Organisation.objects.all() if wanted in (organisation_slug(o), slugify(o.name))
    ]
    if len(found) != 1:
        raise LookupError(
            _("No organisation is called “%(slug)s”.") % {"slug": slug}
            if not found
            else _("“%(slug)s” names several organisations; use the full name.") % {"slug": slug}
        )
    return found[0]


def is_manager(user, organisation_id: int) -> bool:
    return Membership.objects.filter(
        user=user, organisation_id=organisation_id, role=TeamRole.MANAGER
    ).exists()


def check_keeps_a_manager(leaving: Membership, *, lock: bool = False) -> None:
    """Refuse if `leaving` is its organisation's only manager (locked inside a save)."""
    managers = Membership.objects.filter(
        organisation_id=leaving.organisation_id, role=TeamRole.MANAGER
    )
    if lock:
        managers = managers.select_for_update()
    ids = list(managers.values_list("pk", flat=True))
    if ids == [leaving.pk]:
        raise ValidationError(
            _(
                "%(user)s is the last manager of %(organisation)s; "
                "make someone else a manager first."
            )
            % {"user": leaving.user, "organisation": leaving.organisation}
        )


@transaction.atomic
def assign(*, organisation: Organisation, user, role: str) -> Membership:
    if role not in TeamRole.values:
        raise ValidationError(_("Choose manager or editor."))
    membership = (
        Membership.objects.select_for_update().filter(organisation=organisation, user=user).first()
    )
    if membership is None:
        membership = Membership(organisation=organisation, user=user, role=role)
        membership.full_clean()
        membership.save()
        return membership
    if membership.role == TeamRole.MANAGER and role != TeamRole.MANAGER:
        check_keeps_a_manager(membership, lock=True)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove(membership: Membership) -> None:
    if membership.role == TeamRole.MANAGER:
        check_keeps_a_manager(membership, lock=True)
    membership.delete()
