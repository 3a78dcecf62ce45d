"""prune_photos [--hours N]: delete stored photos that no person or proposal names."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from invitations import services


class Command(BaseCommand):
    help = (
        "Delete the people's photos in storage that no person and no proposal refers to "
        "(left by a process that died between storing a photo and recording it), when "
        "they are older than --hours (default 24, so uploads in flight are spared)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=float, default=24.0)

    def handle(self, *args, hours: float, **options):
        pruned = services.prune_photos(timedelta(hours=hours))
        for name in pruned:
            self.stdout.write(f"deleted {name}")
        self.stdout.write(f"{len(pruned)} stray photo(s) deleted.")
