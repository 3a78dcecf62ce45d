"""Organisers keep time: they open runs of show, correct recorded times, see history."""

from django.db import migrations

from common.grants import grant, revoke_app

GROUP = "Organisers"
PERMISSIONS = {
    "runofshow": {
        "run": ("add", "change", "view"),
        "itemtiming": ("add", "change", "view", "delete"),
    },
}


def grant_permissions(apps, schema_editor):
    grant(apps, GROUP, PERMISSIONS)


def revoke_permissions(apps, schema_editor):
    revoke_app(apps, GROUP, "runofshow")


class Migration(migrations.Migration):
    dependencies = [
        ("runofshow", "0001_run_and_item_timings"),
        ("agenda", "0002_admin_organisers_group"),
    ]

    operations = [migrations.RunPython(grant_permissions, revoke_permissions)]
