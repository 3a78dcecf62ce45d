from django.core.management.base import BaseCommand

from common.outbox import run_senders
from registrations import outbox


class Command(BaseCommand):
    help = (
        "Send the e-mails waiting in the outbox, and those other apps queue (speakers' "
        "invitations and reminders). Failed ones are retried with backoff "
        "(1, 2, 4 … minutes, at most 6 hours apart). Run it every minute from cron or a timer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Retry every pending e-mail now, even those still waiting out their backoff.",
        )

    def handle(self, *args, now=False, **options):
        report = outbox.send_pending(ignore_backoff=now)
        # Other apps' mail (speakers' invitations and reminders) goes out in the same run.
        report.add(run_senders(ignore_backoff=now))
        self.stdout.write(
            f"Sent {len(report.sent)}, failed {len(report.failed)} (will retry), "
            f"gave up on {len(report.gave_up)}."
        )
        if report.gave_up:
            self.stderr.write("Some e-mails failed too often: see Outgoing e-mails in the admin.")
