"""Thin views: "Invite a colleague" (managers), the invitation link, password resets."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic.base import ContextMixin

from . import passwords, services
from .forms import InviteForm


def managers_link(label: str | Promise, url_name: str):
    """A link on the team page for managers of a team (hooks.team_page_link)."""

    def link(request) -> tuple[str, str] | None:
        if not services.managed_organisations(request.user).exists():
            return None
        return (str(label), reverse(url_name))

    return link


invite_link = managers_link(gettext_lazy("Invite a colleague"), "accounts:invite")
team_rule_link = managers_link(
    gettext_lazy("Two-factor sign-in for the team"), "accounts:team_two_factor"
)


@staff_member_required
def invite(request):
    organisations = list(services.managed_organisations(request.user).order_by("name"))
    if not organisations:
        raise PermissionDenied
    form = InviteForm(
        request.POST or None, organisations=services.managed_organisations(request.user)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.invite(
                organisation=data["organisation"], email=data["email"], role=data["role"],
                by=request.user,
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(email)s is invited to %(organisation)s as %(role)s.")
                % {
                    "email": invitation.email,
                    "organisation": invitation.organisation,
                    "role": invitation.get_role_display(),
                },
            )
            return redirect("admin:agenda_membership_changelist")
    context = {**admin.site.each_context(request), "form": form, "title": _("Invite a colleague")}
    return render(request, "accounts/invite.html", context)


def _refused(request, reason: str):
    return render(request, "accounts/link_refused.html", {"reason": reason}, status=403)


def join(request, uidb64, token):
    invitation = services.invitation_from_link(uidb64)
    reason = services.refusal(invitation, token)
    if reason:
        return _refused(request, reason)
    account = services.account_to_set_up(invitation)
    if account is None:  # their account has a password: they join signed in
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if services.account_for(invitation.email).pk != request.user.pk:
            return _refused(
                request,
                _("This invitation is for %(email)s. Sign out, then sign in with that account.")
                % {"email": invitation.email},
            )
    form = SetPasswordForm(account, request.POST or None) if account is not None else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            if form is None:
                services.join_existing(invitation, token, request.user)
            else:
                services.join_new(invitation, token, form)
                login(request, form.user, backend="accounts.backends.ModelBackend")
        except PermissionDenied as error:
            return _refused(request, str(error))
        except ValidationError as error:
            return _refused(request, " ".join(error.messages))
        messages.success(
            request,
            _("Welcome to the team of %(organisation)s.")
            % {"organisation": invitation.organisation},
        )
        return redirect("admin:index")
    return render(request, "accounts/join.html", {"invitation": invitation, "form": form})


class AdminContext(ContextMixin):
    """The admin's header and links around the password pages."""

    request: HttpRequest

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **admin.site.each_context(self.request)}


class PasswordReset(AdminContext, auth_views.PasswordResetView):
    form_class = passwords.PasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDone(AdminContext, auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirm(AdminContext, auth_views.PasswordResetConfirmView):
    form_class = passwords.SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetComplete(AdminContext, auth_views.PasswordResetCompleteView):
    pass
