"""assign_team <org-slug> <user> --role manager: put a user on an organisation's team."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from agenda import memberships
from agenda.team_models import TeamRole


class Command(BaseCommand):
    help = (
        "Make a user a member of an organisation's team (the first manager of an "
        "organisation is made this way). The organisation is named by its acronym or "
        "name as a slug, e.g. iom or unodc."
    )

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="the organisation's slug (acronym or name)")
        parser.add_argument("user", help="the user's username")
        parser.add_argument("--role", choices=TeamRole.values, default=TeamRole.EDITOR)

    def handle(self, *args, organisation: str, user: str, role: str, **options):
        try:
            found = memberships.organisation_by_slug(organisation)
        except LookupError as error:
            raise CommandError(str(error)) from error
        account = get_user_model().objects.filter(username=user).first()
        if account is None:
            raise CommandError(f"No user is called “{user}”.")
        try:
            membership = memberships.assign(organisation=found, user=account, role=role)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if not account.is_staff:
            # The admin is where teams work; a member needs to be able to sign in there.
            account.is_staff = True
            account.save(update_fields=["is_staff"])
        self.stdout.write(f"{account} is now {membership.get_role_display()} of {found}.")
