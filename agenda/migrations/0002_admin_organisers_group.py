"""The "Organisers" group: plans events in the admin, cannot manage users or groups.

Organisers add, change and view events, agenda items, people, organisations
and contacts. They may also delete the parts of an agenda (items, people on
items, contacts, questions, an organisation's role), since removing a row is
part of editing an agenda; every deletion is in the history. Deleting whole
events, people or organisations is left to superusers.
"""

from django.db import migrations

from common.grants import grant

GROUP = "Organisers"
ADD_CHANGE_VIEW = ("add", "change", "view")
ALL = ("add", "change", "delete", "view")
PERMISSIONS = {
    "agenda": {
        "event": ADD_CHANGE_VIEW,
        "agendaitem": ALL,
        "participation": ALL,
        "contact": ALL,
        "discussionquestion": ALL,
        "eventorganisation": ALL,
        "outcome": ADD_CHANGE_VIEW,
        "recommendation": ALL,
    },
    "speakers": {
        "person": ADD_CHANGE_VIEW,
        "organisation": ADD_CHANGE_VIEW,
    },
}


def create_group(apps, schema_editor):
    grant(apps, GROUP, PERMISSIONS)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0001_initial"),
        ("speakers", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
