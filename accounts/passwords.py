"""Password resets and changes, their e-mails through the outbox.

The reset form writes its link as an `AccountMail` row (never straight to SMTP
inside the request). Every form that sets a password here (the admin's "change
password", a superuser's change of a user's password, the reset's last step)
writes "your password was changed" in the same transaction as the new password:
a crash before the commit leaves neither, after it both.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminPasswordChangeForm as OwnPasswordChangeForm
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from . import mail


class NoticeOnSave:
    """Mixed into a Django form that sets a password: the notice joins its transaction."""

    def save(self, commit=True):
        with transaction.atomic():
            user = super().save(commit=commit)
            if commit:
                notice = mail.write_password_changed(user)
                mail.send_after_commit([notice.pk if notice else None])
        return user


class PasswordChangeForm(NoticeOnSave, OwnPasswordChangeForm):
    """The admin's "change password" (asks for the old one)."""


class UserPasswordForm(NoticeOnSave, auth_forms.AdminPasswordChangeForm):
    """A superuser setting a user's password on the user's admin page."""


class SetPasswordForm(NoticeOnSave, auth_forms.SetPasswordForm):
    """The last step of a reset."""


class PasswordResetForm(auth_forms.PasswordResetForm):
    def save(self, request=None, **kwargs):
        """One outbox row per active account with the address, in one transaction."""
        ids = []
        with transaction.atomic():
            for user in self.get_users(self.cleaned_data["email"]):
                token = default_token_generator.make_token(user)
                uid = urlsafe_base64_encode(force_bytes(user.pk))
                path = reverse("accounts:password_reset_confirm", args=[uid, token])
                ids.append(mail.write_password_reset(user, settings.EVENTSITE_BASE_URL + path).pk)
            mail.send_after_commit(ids)


def admin_password_change(request, extra_context=None):
    """The admin site's own view with the form that writes the notice."""
    from django.contrib.auth.views import PasswordChangeView

    site = admin.site
    request.current_app = site.name
    return PasswordChangeView.as_view(
        form_class=PasswordChangeForm,
        success_url=reverse("admin:password_change_done", current_app=site.name),
        extra_context={**site.each_context(request), **(extra_context or {})},
    )(request)


def notice_on_admin_password_changes() -> None:
    """Run at start-up, before the URLconf is read: the admin's password views use
    the forms above. (The admin site has no setting for its password form.)"""
    from django.contrib.admin.exceptions import NotRegistered
    from django.contrib.auth.admin import UserAdmin

    admin.site.password_change = admin_password_change  # type: ignore[method-assign]
    try:
        user_admin = admin.site.get_model_admin(get_user_model())
    except NotRegistered:
        return
    if isinstance(user_admin, UserAdmin):
        user_admin.change_password_form = UserPasswordForm
