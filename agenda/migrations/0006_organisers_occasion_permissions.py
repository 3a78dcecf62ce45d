"""Organisers plan occasions, venues and rooms (and so may pick them by autocomplete)."""

from django.db import migrations

from common.grants import grant, revoke_models

GROUP = "Organisers"
MODELS = ("occasion", "venue", "room")
PERMISSIONS = {"agenda": {model: ("add", "change", "view", "delete") for model in MODELS}}


def grant_permissions(apps, schema_editor):
    grant(apps, GROUP, PERMISSIONS)


def revoke_permissions(apps, schema_editor):
    revoke_models(apps, GROUP, "agenda", MODELS)


class Migration(migrations.Migration):
    dependencies = [("agenda", "0005_occasions_from_text")]

    operations = [migrations.RunPython(grant_permissions, revoke_permissions)]
