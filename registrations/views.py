"""Thin views: the public form, the private manage page, the privacy notice."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from agenda.models import Event

from . import ratelimit, selectors, services
from .forms import ManageForm, RegistrationForm
from .models import Registration

Placement = services.Placement
TOO_MANY = "Too many submissions from your network. Please wait a few minutes and try again."


def _private(response):
    """Pages with personal data: never indexed or cached, and the private link never
    leaks to other sites as a referrer ("no-referrer" would make the browser send
    Origin: null on the page's own forms, which fails the CSRF check)."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def _details(data) -> services.Details:
    return services.Details(
        name=data["name"],
        email=data["email"],
        organisation=data["organisation"],
        affiliation_type=data["affiliation_type"],
        needs=data["needs"],
        refreshments=data["refreshments"],
        language=translation.get_language() or "",
    )


def _outcome_message(result: services.Result, email: str) -> str:
    if result.outcome == Placement.CONFIRMED:
        return gettext(
            "You are registered. A confirmation with a calendar invitation is on its way to "
            "%(email)s."
        ) % {"email": email}
    if result.outcome == Placement.WAITING:
        return gettext(
            "The event is full, so you are on the waiting list (number %(position)s). "
            "We will write to %(email)s as soon as a seat is yours."
        ) % {"position": result.waiting_position, "email": email}
    return gettext(
        "%(email)s is already registered for this event: we have sent the confirmation again."
    ) % {"email": email}


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def register(request, slug):
    event = get_object_or_404(Event.objects.public(), slug=slug)
    availability = selectors.availability(event)
    form = None
    status = 200
    if availability.accepts_registrations:
        label = (
            gettext("Join the waiting list")
            if availability.joins_waiting_list
            else gettext("Register")
        )
        if request.method != "POST":
            form = RegistrationForm(submit_label=label)
        else:
            form = RegistrationForm(request.POST, submit_label=label)
            if not ratelimit.allow(request, "register"):
                form.is_valid()
                form.add_error(None, TOO_MANY)
                status = 429
            elif form.is_valid():
                if form.is_bot:
                    # Say nothing a bot could learn from; store nothing.
                    messages.success(request, _("Thank you. Please check your e-mail."))
                    return redirect("registrations:thanks", slug=event.slug)
                email = form.cleaned_data["email"]
                result = services.register(event=event, details=_details(form.cleaned_data))
                if result.outcome in (Placement.CLOSED, Placement.FULL):
                    availability = selectors.availability(event)
                    form = None
                else:
                    messages.success(request, _outcome_message(result, email))
                    return redirect("registrations:thanks", slug=event.slug)
    return render(
        request,
        "registrations/register.html",
        {"event": event, "availability": availability, "form": form},
        status=status,
    )


@never_cache
def thanks(request, slug):
    event = get_object_or_404(Event.objects.public(), slug=slug)
    return render(request, "registrations/thanks.html", {"event": event})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    registration = selectors.registration_for_token(token)
    if registration is None:
        raise Http404("This link is not valid (any more).")
    event = registration.event
    can_change = registration.is_active and not event.is_past()
    form = None
    status = 200
    if can_change:
        form = ManageForm(
            initial={
                field: getattr(registration, field)
                for field in ("name", "organisation", "affiliation_type", "needs", "refreshments")
            }
        )
    if request.method == "POST":
        action = request.POST.get("action")
        if not ratelimit.allow(request, "manage"):
            messages.error(request, TOO_MANY)
            status = 429
        elif action == "cancel" and registration.is_active:
            services.cancel(registration=registration)
            messages.success(
                request,
                _(
                    "Your registration is cancelled. We have sent you an e-mail that removes "
                    "the event from your calendar."
                ),
            )
            return redirect(request.path)
        elif action == "update" and can_change:
            form = ManageForm(request.POST)
            if form.is_valid():
                services.update_details(registration=registration, **form.cleaned_data)
                messages.success(request, _("Your details are saved."))
                return redirect(request.path)
    context = {
        "registration": registration,
        "event": event,
        "form": form,
        "can_change": can_change,
        "waiting_position": services.waiting_position(registration),
        "availability": selectors.availability(event)
        if registration.status == Registration.Status.CANCELLED
        else None,
    }
    return _private(render(request, "registrations/manage.html", context, status=status))


def privacy(request):
    return render(
        request, "registrations/privacy.html", {"retention_days": services.retention_days()}
    )
