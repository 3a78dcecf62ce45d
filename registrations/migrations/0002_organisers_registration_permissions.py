"""Organisers see who comes: registrations, their settings and the outgoing notices.

They set an event's registration (open, capacity, waiting list), list, export
and promote registrations, and review held notices before they are sent.
Registrations themselves are only made through the public form, which counts
the seats, and are never deleted from the admin (cancelled instead).
"""

from django.db import migrations

from common.grants import grant

GROUP = "Organisers"
PERMISSIONS = {
    "registrations": {
        "registrationsettings": ("add", "change", "view"),
        "registration": ("change", "view"),
        "outboxmessage": ("change", "view"),
    },
}


def grant_permissions(apps, schema_editor):
    grant(apps, GROUP, PERMISSIONS)


def revoke_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="registrations")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0001_registrations_initial"),
        ("agenda", "0002_admin_organisers_group"),
    ]

    operations = [migrations.RunPython(grant_permissions, revoke_permissions)]
