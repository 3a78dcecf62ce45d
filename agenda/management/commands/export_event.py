import json

from django.core.management.base import BaseCommand, CommandError

from agenda.interchange import export_event
from agenda.models import Event


class Command(BaseCommand):
    help = "Write an event, with its agenda, people and contacts, as JSON (for import_event)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--output", "-o", help="File to write; standard output if omitted.")

    def handle(self, *args, slug: str, output: str | None, **options):
        event = Event.objects.filter(slug=slug).first()
        if event is None:
            raise CommandError(f"No event has the slug “{slug}”.")
        text = json.dumps(export_event(event), ensure_ascii=False, indent=2) + "\n"
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text, ending="")
