from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from agenda import hooks
        from common import outbox

        from . import mail, passwords, views

        hooks.team_page_link(views.invite_link)
        outbox.register_sender(mail.send_pending)
        passwords.notice_on_admin_password_changes()
