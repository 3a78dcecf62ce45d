"""What the event page's people and organisation editors need: roles, URLs, words.

Rendered into the page with `json_script` (#agenda-people-config) and read by
static/admin-eventsite/agenda-people.js and agenda-organisations.js, so the
words are translated here.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Participation


def config() -> dict:
    return {
        "roles": list(Participation.Role.choices),
        "findUrl": reverse("admin:speakers_person_find"),
        "addUrl": reverse("admin:speakers_person_quick_add"),
        "orgAddUrl": reverse("admin:speakers_organisation_quick_add"),
        "words": {
            "type_a_name": _("Type a name to add a person"),
            "add_person": _("Add a person to this item"),
            "matches": _("People found"),
            "role_of": _("Role of {name}"),
            "talk_title": _("Talk title"),
            "talk_title_of": _("Talk title of {name}"),
            "move_up": _("Move {name} up"),
            "move_down": _("Move {name} down"),
            "remove": _("Remove {name} from this item"),
            "added": _("Added {name}."),
            "choose": _("Add {name}"),
            "new_person": _("New person “{name}”…"),
            "honorific": _("Honorific"),
            "name": _("Name"),
            "position": _("Position"),
            "organisation": _("Organisation"),
            "create": _("Add this person"),
            "cancel": _("Cancel"),
            "use": _("Use {name}"),
            "namesake": _("No, add a new person with the same name"),
            "failed": _("The person could not be added."),
            "move_row_up": _("Move row {number} up"),
            "move_row_down": _("Move row {number} down"),
            "date": _("(date)"),
            "time": _("(time)"),
            "pin": _("Pin a start time"),
            "translations": _("Titles in French and Spanish"),
            "delete_row": _("Delete this row when saving"),
            "new_organisation": _("New organisation for this event:"),
            "add_organisation": _("Add organisation"),
            "organisation_added": _("Added {name}: choose its role."),
            "organisation_known": _("{name} was already known: choose its role."),
        },
    }
