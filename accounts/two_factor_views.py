"""Thin views of two-factor sign-in (the rules: accounts.two_factor).

The admin's sign-in page (password, then the code step when the account has an
app), adding an authenticator app and removing it, and a team's rule
("Members must use two-factor sign-in") for its managers.
"""

from __future__ import annotations

from urllib.parse import urlencode

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from . import qr, services, two_factor
from .forms import CodeForm, RemoveDeviceForm, TeamRuleForm
from .two_factor import Outcome


def _next(request) -> str:
    wanted = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if wanted and safe else reverse("admin:index")


def _posted(request):
    """The form's data on a POST, even an empty one (which must show its errors)."""
    return request.POST if request.method == "POST" else None


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"


def _page(request, template: str, context: dict, status: int = 200):
    return render(request, template, {**admin.site.each_context(request), **context}, status=status)


class SignIn(auth_views.LoginView):
    """The admin's login view; an account with an app goes on to the code step."""

    authentication_form = AdminAuthenticationForm
    template_name = "admin/login.html"

    def form_valid(self, form):
        user = form.get_user()
        if not two_factor.has_device(user):
            return super().form_valid(form)
        two_factor.start(self.request, user)
        return HttpResponseRedirect(_with_next("accounts:two_factor_code", self.get_success_url()))


@never_cache
@login_not_required
def sign_in(request, extra_context=None):
    """In place of `admin.site.login` (accounts.apps): the same page and context."""
    site = admin.site
    if request.method == "GET" and site.has_permission(request):
        return HttpResponseRedirect(reverse("admin:index", current_app=site.name))
    context = {
        **site.each_context(request),
        "title": _("Log in"),
        "subtitle": None,
        "app_path": request.get_full_path(),
        "username": request.user.get_username(),
    }
    if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
        context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=site.name)
    context.update(extra_context or {})
    request.current_app = site.name
    return SignIn.as_view(extra_context=context)(request)


@never_cache
@login_not_required
@sensitive_post_parameters("code")
def code(request):
    """The second step: the code the app shows, after the right password."""
    next_url = _next(request)
    user = two_factor.pending_user(request)
    if user is None or request.POST.get("cancel"):
        two_factor.forget(request)
        if request.user.is_authenticated and not request.POST.get("cancel"):
            return redirect(next_url)
        return redirect(_with_next("admin:login", next_url))
    credentials = {"username": user.get_username()}
    if settings.AXES_ENABLED and AxesProxyHandler.is_locked(request, credentials):
        return get_lockout_response(request, None, credentials)
    form = CodeForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        checked = two_factor.check_code(request, user, form.cleaned_data["code"])
        if checked.outcome is Outcome.SIGNED_IN:
            return redirect(next_url)
        if checked.outcome is Outcome.ENDED:
            messages.error(
                request, _("Too many wrong codes. Sign in again, starting with your password.")
            )
            return redirect(_with_next("admin:login", next_url))
        if checked.outcome is Outcome.WAIT:
            form.add_error(
                "code",
                ngettext(
                    "Several wrong codes in a row: wait %(seconds)s second, then try again.",
                    "Several wrong codes in a row: wait %(seconds)s seconds, then try again.",
                    checked.wait_seconds,
                )
                % {"seconds": checked.wait_seconds},
            )
        else:
            form.add_error(
                "code",
                _(
                    "This is not the code your app shows now. Check that the app's entry is "
                    "for eventsite and this account, and that your phone shows the right time."
                ),
            )
    context = {"form": form, "next": next_url, "title": _("Two-factor sign-in")}
    return _page(request, "accounts/two_factor/code.html", context)


def _secret_for_typing(device) -> str:
    """The base32 secret in groups of four, as apps ask for it when typed."""
    secret = qr.base32_secret(device.bin_key)
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@staff_member_required
def device(request):
    """One's own authenticator app: add one (QR code and secret, then a code), or
    see that it is there and go on to remove it."""
    user = request.user
    required = two_factor.is_required(user)
    current = two_factor.device_of(user)
    if current is not None:
        context = {"device": current, "required": required, "title": _("Two-factor sign-in")}
        return _page(request, "accounts/two_factor/device.html", context)
    adding = two_factor.enrolment_device(request)
    form = CodeForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        if two_factor.confirm(request, form.cleaned_data["code"]) is not None:
            messages.success(
                request,
                _("Your authenticator app is set up. Signing in will ask for its code."),
            )
            return redirect(_next(request))
        form.add_error(
            "code",
            _(
                "This code does not match. Type the six digits your app shows for eventsite "
                "now; if the app was set up before this page was opened again, scan the "
                "code again."
            ),
        )
    context = {
        "form": form,
        "required": required,
        "qr_svg": qr.svg(adding.config_url),
        "secret": _secret_for_typing(adding),
        "next": _next(request),
        "title": _("Add an authenticator app"),
    }
    return _page(request, "accounts/two_factor/add.html", context)


@staff_member_required
@sensitive_post_parameters("password", "code")
def remove(request):
    user = request.user
    if two_factor.device_of(user) is None:
        return redirect("accounts:two_factor")
    form = RemoveDeviceForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if two_factor.may_remove(request, code=data["code"], password=data["password"]):
            two_factor.remove(user)
            messages.success(
                request,
                _("Your authenticator app is removed: signing in asks for your password only."),
            )
            return redirect("accounts:two_factor")
        form.add_error(None, _("Neither the code nor the password is right. Nothing was removed."))
    context = {
        "form": form,
        "required": two_factor.is_required(user),
        "title": _("Remove your authenticator app"),
    }
    return _page(request, "accounts/two_factor/remove.html", context)


@staff_member_required
def team_rule(request):
    """A team's managers decide whether its members must use two-factor sign-in."""
    organisations = services.rule_organisations(request.user)
    rows = list(
        organisations.annotate(
            required=Coalesce(
                "sign_in_rule__two_factor_required", Value(False), output_field=BooleanField()
            )
        ).order_by("name")
    )
    if not rows:
        raise PermissionDenied
    form = TeamRuleForm(_posted(request), organisations=organisations)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        required = form.cleaned_data["two_factor_required"]
        services.require_two_factor(organisation, required, by=request.user)
        if required:
            text = _(
                "Members of %(organisation)s must now use two-factor sign-in: those "
                "without an authenticator app are asked to add one."
            )
        else:
            text = _("Members of %(organisation)s may sign in with their password alone.")
        messages.success(request, text % {"organisation": organisation})
        return redirect("accounts:team_two_factor")
    context = {"rows": rows, "form": form, "title": _("Two-factor sign-in for the team")}
    return _page(request, "accounts/two_factor/team.html", context, status=200)
