"""The seed event's report, for sites that loaded the seed before documents existed.

Only the citation: no copy of the report is known, so none is made up."""

from django.db import migrations

SEED_UID = "6f1f3f8e-2b7a-4c1e-9d2f-8a4e5c9b1d01"
REPORT = {
    "kind": "report",
    "title": "Reflecting on the Necessity of International Cooperation and Supporting New Models of Cooperation to Counter Migrant Smuggling",
    "language": "en",
    "is_public": True,
    "editors": "Karcı Korfalı, D.",
    "year": 2018,
    "publisher": "IOM",
    "place": "Geneva",
}


def add_report(apps, schema_editor):
    Event = apps.get_model("agenda", "Event")
    Attachment = apps.get_model("materials", "Attachment")
    event = Event.objects.filter(uid=SEED_UID).first()
    if event is not None and not Attachment.objects.filter(event=event, kind="report").exists():
        Attachment.objects.create(event=event, **REPORT)


class Migration(migrations.Migration):
    dependencies = [("materials", "0001_initial")]

    operations = [migrations.RunPython(add_report, migrations.RunPython.noop)]
