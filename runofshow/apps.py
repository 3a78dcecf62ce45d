from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RunOfShowConfig(AppConfig):
    name = "runofshow"
    verbose_name = _("Run of show")

    def ready(self):
        from agenda import hooks

        from .access import timekeeper_admin_link
        from .pages import now_block_context, outcome_block_context

        hooks.event_admin_link(timekeeper_admin_link)

        # Only a placeholder and links in the cached page; the "now" comes from now.json.
        hooks.event_page_block("runofshow/_now_block.html", context=now_block_context, place="top")
        hooks.event_page_block(
            "runofshow/_outcome_block.html", context=outcome_block_context, place="main"
        )
