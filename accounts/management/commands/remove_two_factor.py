from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import two_factor


class Command(BaseCommand):
    help = (
        "Remove a person's authenticator app (a lost or replaced phone): they sign in "
        "with their password and add a new one."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account is named “{username}”.")
        removed = two_factor.remove(user)
        self.stdout.write(f"Removed {removed} authenticator app(s) of “{username}”.")
