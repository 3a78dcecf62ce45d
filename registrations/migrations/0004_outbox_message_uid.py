"""Each outbox row gets a fixed UUID: its Message-ID on every attempt.

Added empty and filled row by row (a callable default would give every
existing row the same value); 0005 makes it unique and required, in its own
transaction (PostgreSQL refuses to alter a table with pending trigger events).
"""

import uuid

from django.db import migrations, models


def fill_uids(apps, schema_editor):
    OutboxMessage = apps.get_model("registrations", "OutboxMessage")
    for message in OutboxMessage.objects.filter(uid__isnull=True).only("pk").iterator():
        OutboxMessage.objects.filter(pk=message.pk).update(uid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0003_single_line_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboxmessage",
            name="uid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(fill_uids, migrations.RunPython.noop),
    ]
