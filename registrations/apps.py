from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self):
        from agenda import hooks

        from . import publishing, signals  # noqa: F401
        from .admin import RegistrationSettingsInline, review_held_notices

        hooks.event_admin_inline(RegistrationSettingsInline)
        hooks.event_saved_redirect(review_held_notices)
        hooks.publish_check(publishing.advisories)
        # The block reads availability itself (one query, registration_tags).
        hooks.event_page_block("registrations/_event_block.html")
        # "Register" in the first screen, beside "Add to calendar".
        hooks.event_page_action("registrations/_event_action.html")
