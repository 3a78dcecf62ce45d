import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agenda.interchange import EventImportError, import_event


class Command(BaseCommand):
    help = "Create an event from a JSON file written by export_event."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--if-absent",
            action="store_true",
            help="Do nothing if an event with the file's slug already exists.",
        )

    def handle(self, *args, path: Path, if_absent: bool, **options):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        except json.JSONDecodeError as error:
            raise CommandError(f"{path} is not valid JSON: {error}.") from error
        try:
            event, created = import_event(data, if_absent=if_absent)
        except EventImportError as error:
            raise CommandError(f"{path}: {error}") from error
        if created:
            self.stdout.write(
                self.style.SUCCESS(f"Imported “{event.title}” as /events/{event.slug}/")
            )
        else:
            self.stdout.write(f"“{event.slug}” already exists; left as it is.")
