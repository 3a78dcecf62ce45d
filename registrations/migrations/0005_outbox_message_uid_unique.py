"""The outbox rows' UUIDs, filled by 0004, made unique and required."""

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0004_outbox_message_uid"),
    ]

    operations = [
        migrations.AlterField(
            model_name="outboxmessage",
            name="uid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
