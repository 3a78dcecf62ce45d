from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvitationsConfig(AppConfig):
    name = "invitations"
    verbose_name = _("Speakers' invitations")

    def ready(self):
        from agenda import hooks
        from common import outbox as common_outbox

        from . import admin_views, mail

        hooks.event_admin_link(admin_views.confirmations_admin_link)
        common_outbox.register_sender(mail.send_due)
