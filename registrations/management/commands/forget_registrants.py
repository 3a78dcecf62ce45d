from django.core.management.base import BaseCommand

from registrations import services


class Command(BaseCommand):
    help = (
        "Remove registrants' personal data a number of days after their event "
        "(REGISTRATION_RETENTION_DAYS by default): anonymise, keeping the counts, or delete."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Days after the event's end (default: the REGISTRATION_RETENTION_DAYS setting).",
        )
        parser.add_argument(
            "--delete", action="store_true", help="Delete the registrations instead."
        )

    def handle(self, *args, days=None, delete=False, **options):
        days = services.retention_days() if days is None else days
        count = services.forget_registrants(older_than_days=days, delete=delete)
        verb = "Deleted" if delete else "Anonymised"
        self.stdout.write(f"{verb} {count} registration{'s' if count != 1 else ''}.")
