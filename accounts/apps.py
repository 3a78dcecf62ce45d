import contextlib

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
        hooks.team_page_link(views.team_rule_link)
        outbox.register_sender(mail.send_pending)
        passwords.notice_on_admin_password_changes()
        two_factor_admin()


def two_factor_admin() -> None:
    """Run at start-up, before the URLconf is read: the admin signs in through the
    two-step view, and django-otp's own device admin (which shows a person's secret
    to superusers) is not offered: people add and remove their own app, and an
    operator removes a lost one with `manage.py remove_two_factor`."""
    from django.contrib import admin
    from django.contrib.admin.exceptions import NotRegistered
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .two_factor_views import sign_in

    admin.site.login = sign_in  # type: ignore[method-assign,assignment]
    with contextlib.suppress(NotRegistered):
        admin.site.unregister(TOTPDevice)
