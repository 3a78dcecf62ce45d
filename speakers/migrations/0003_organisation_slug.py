"""Organisations get a web address (slug) for their calendar feed, derived from the
name and unique: added empty, filled here, made required in 0004."""

from django.db import migrations, models
from django.utils.text import slugify


def _base(name: str) -> str:
    # As speakers.models.derive_slug, frozen here.
    return slugify(name.replace("ø", "o").replace("Ø", "O"))[:190] or "organisation"


def fill_slugs(apps, schema_editor):
    Organisation = apps.get_model("speakers", "Organisation")
    History = apps.get_model("speakers", "HistoricalOrganisation")
    taken: set[str] = set()
    chosen: dict[int, str] = {}
    for organisation in Organisation.objects.order_by("pk"):
        base = _base(organisation.name)
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        chosen[organisation.pk] = slug
        Organisation.objects.filter(pk=organisation.pk).update(slug=slug)
    # Old versions carry the address the organisation has now (or its name's, if deleted).
    for record in History.objects.only("history_id", "id", "name"):
        slug = chosen.get(record.id) or _base(record.name)
        History.objects.filter(history_id=record.history_id).update(slug=slug)


class Migration(migrations.Migration):
    dependencies = [
        ("speakers", "0002_single_line_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="slug",
            field=models.SlugField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="slug",
            field=models.SlugField(max_length=200, null=True),
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
    ]
