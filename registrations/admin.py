"""The organisers' side: settings per event, who comes, and the outbox.

The event admin (agenda/admin.py) never names this app: `RegistrationsConfig.ready()`
registers `RegistrationSettingsInline` and `review_held_notices` with `agenda.hooks`.
The inline shows the headcount on the event page; the redirect takes the organiser
from a saved change straight to the page that shows the e-mails it will send.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from agenda.models import Event
from agenda.team_access import MANAGER, ManagersOnlyInline, TeamScopedAdmin, reaches
from common.admin import HiddenFromOrganisers

from . import outbox, selectors, services
from .exports import registrations_csv
from .models import OutboxMessage, Registration, RegistrationSettings


def review_url(event_id: int) -> str:
    return reverse("admin:registrations_outboxmessage_review", args=[event_id])


def registrations_url(event_id: int, **filters) -> str:
    query = "&".join(
        f"{key}={value}" for key, value in {"event__id__exact": event_id, **filters}.items()
    )
    return reverse("admin:registrations_registration_changelist") + "?" + query


def headcount_html(event: Event, counts: dict[str, int], capacity: int | None) -> str:
    if capacity is not None:
        confirmed = gettext("%(n)s confirmed of %(capacity)s seats") % {
            "n": counts["confirmed"],
            "capacity": capacity,
        }
    else:
        confirmed = gettext("%(n)s confirmed") % {"n": counts["confirmed"]}
    held = OutboxMessage.objects.held().filter(event=event).count()
    parts = [
        format_html(
            '<a href="{}">{}</a>',
            registrations_url(event.pk, status__exact="confirmed"),
            confirmed,
        ),
        format_html(
            '<a href="{}">{}</a>',
            registrations_url(event.pk, status__exact="waiting"),
            gettext("%(n)s waiting") % {"n": counts["waiting"]},
        ),
        format_html(
            '<a href="{}">{}</a>',
            registrations_url(event.pk, status__exact="cancelled"),
            gettext("%(n)s cancelled") % {"n": counts["cancelled"]},
        ),
        gettext("%(n)s for the refreshments before the event") % {"n": counts["refreshments"]},
    ]
    if held:
        parts.append(
            format_html(
                '<strong><a href="{}">{}</a></strong>',
                review_url(event.pk),
                ngettext(
                    "%(n)s e-mail to registrants waits for your confirmation",
                    "%(n)s e-mails to registrants wait for your confirmation",
                    held,
                )
                % {"n": held},
            )
        )
    return format_html_join(" · ", "{}", ((part,) for part in parts))


class RegistrationSettingsInline(ManagersOnlyInline, admin.StackedInline):
    """For the event's admin page: registration settings and the headcount (its
    managers only: the counts link to registrants' names)."""

    model = RegistrationSettings
    extra = 0
    max_num = 1
    can_delete = False
    fields = ["is_open", "opens_at", "closes_at", "capacity", "waiting_list", "headcount"]
    readonly_fields = ["headcount"]
    verbose_name_plural = "registration"

    @admin.display(description=_("Who comes"))
    def headcount(self, obj):
        if obj is None or obj.pk is None:
            return "No registrations yet."
        counts = selectors.counts_by_event([obj.event_id])[obj.event_id]
        return headcount_html(obj.event, counts, obj.capacity)


def review_held_notices(request, event) -> str | None:
    """For the event admin (an `agenda.hooks` redirect): after a save that wrote
    notices for registrants (a new time, room or title, or a cancellation), show
    them and ask before sending."""
    if not reaches(request, event, MANAGER):
        return None
    if OutboxMessage.objects.held().filter(event=event).exists():
        return review_url(event.pk)
    return None


# Registrants' data, and who may register, are the event's managers' (agenda.teams).


@admin.register(RegistrationSettings)
class RegistrationSettingsAdmin(TeamScopedAdmin):
    see_role = delete_role = MANAGER
    list_display = [
        "event",
        "is_open",
        "capacity",
        "waiting_list",
        "confirmed",
        "waiting",
        "cancelled",
        "refreshments",
    ]
    list_filter = ["is_open", "waiting_list"]
    list_select_related = ["event"]
    search_fields = ["event__title", "event__slug"]
    autocomplete_fields = ["event"]
    fields = ["event", "is_open", "opens_at", "closes_at", "capacity", "waiting_list", "headcount"]
    readonly_fields = ["headcount"]
    actions = ["fill_free_seats"]

    def get_queryset(self, request):
        status = Registration.Status

        def count(**condition):
            return Count(
                "event__registrations",
                filter=Q(**{f"event__registrations__{k}": v for k, v in condition.items()}),
            )

        return (
            super()
            .get_queryset(request)
            .select_related("event")
            .annotate(
                confirmed_count=count(status=status.CONFIRMED),
                waiting_count=count(status=status.WAITING),
                cancelled_count=count(status=status.CANCELLED),
                refreshments_count=count(status=status.CONFIRMED, refreshments=True),
            )
        )

    @admin.display(description=_("confirmed"), ordering="confirmed_count")
    def confirmed(self, obj):
        return obj.confirmed_count

    @admin.display(description=_("waiting"), ordering="waiting_count")
    def waiting(self, obj):
        return obj.waiting_count

    @admin.display(description=_("cancelled"), ordering="cancelled_count")
    def cancelled(self, obj):
        return obj.cancelled_count

    @admin.display(description=_("refreshments"), ordering="refreshments_count")
    def refreshments(self, obj):
        return obj.refreshments_count

    @admin.display(description=_("Who comes"))
    def headcount(self, obj):
        if obj is None or obj.pk is None:
            return "No registrations yet."
        counts = selectors.counts_by_event([obj.event_id])[obj.event_id]
        return headcount_html(obj.event, counts, obj.capacity)

    @admin.action(description=_("Give free seats to the waiting list, first come first served"))
    def fill_free_seats(self, request, queryset):
        promoted = []
        for settings in queryset.select_related("event"):
            promoted += services.promote(event=settings.event)
        self.message_user(
            request,
            gettext("Promoted %(n)s from the waiting list; each was sent an invitation.")
            % {"n": len(promoted)}
            if promoted
            else gettext("Nobody promoted: no free seats, or nobody waiting."),
        )


@admin.register(Registration)
class RegistrationAdmin(TeamScopedAdmin):
    see_role = delete_role = MANAGER
    list_display = [
        "name",
        "email",
        "organisation",
        "affiliation_type",
        "status",
        "refreshments",
        "event",
        "registered_at",
    ]
    # Only the events of the rows listed: other teams' event titles stay theirs.
    list_filter = [
        ("event", admin.RelatedOnlyFieldListFilter),
        "status",
        "affiliation_type",
        "refreshments",
    ]
    list_select_related = ["event"]
    search_fields = ["name", "email", "organisation"]
    date_hierarchy = "registered_at"
    ordering = ["event", "status", "registered_at", "pk"]
    readonly_fields = [
        "event",
        "status",
        "email",
        "registered_at",
        "consent_at",
        "cancelled_at",
        "cancelled_by",
        "calendar_sequence",
        "anonymised_at",
    ]
    fields = [
        "event",
        "status",
        "name",
        "email",
        "organisation",
        "affiliation_type",
        "needs",
        "refreshments",
        "registered_at",
        "consent_at",
        "cancelled_at",
        "cancelled_by",
        "calendar_sequence",
        "anonymised_at",
    ]
    actions = ["export_csv", "promote_from_waiting_list"]
    change_list_template = "admin/registrations/registration/change_list.html"

    def has_add_permission(self, request):
        return False  # people register through the form, which counts the seats

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None)
        if context and "cl" in context:
            # Counts for everything the filters and search select, not just this page.
            context["headcount"] = context["cl"].queryset.order_by().counts()
        return response

    @admin.action(description=_("Export selected registrations as CSV (Excel)"))
    def export_csv(self, request, queryset):
        queryset = queryset.select_related("event").order_by("event__start", "registered_at", "pk")
        event_slugs = set(queryset.values_list("event__slug", flat=True))
        name = slugify(next(iter(event_slugs))) if len(event_slugs) == 1 else "events"
        response = HttpResponse(registrations_csv(queryset), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="registrations-{name}.csv"'
        return response

    @admin.action(description=_("Promote from waiting list (as long as seats are free)"))
    def promote_from_waiting_list(self, request, queryset):
        chosen = queryset.filter(status=Registration.Status.WAITING).select_related("event")
        by_event = defaultdict(list)
        for registration in chosen:
            by_event[registration.event].append(registration)
        promoted, left = [], []
        for event, registrations in by_event.items():
            done = services.promote(event=event, registrations=registrations)
            promoted += done
            left += [r for r in registrations if r.pk not in {d.pk for d in done}]
        if promoted:
            self.message_user(
                request,
                gettext("Promoted %(n)s: %(names)s. Each was sent an invitation.")
                % {"n": len(promoted), "names": ", ".join(r.name for r in promoted)},
            )
        if left:
            self.message_user(
                request,
                gettext(
                    "Not promoted, no free seat: %(names)s. "
                    "Raise the capacity in the event's registration settings first."
                )
                % {"names": ", ".join(r.name for r in left)},
                level=messages.WARNING,
            )
        if not chosen:
            self.message_user(
                request, _("Choose people who are on the waiting list."), level=messages.WARNING
            )


@admin.register(OutboxMessage)
class OutboxMessageAdmin(HiddenFromOrganisers, TeamScopedAdmin):
    see_role = delete_role = MANAGER
    list_display = [
        "created_at",
        "to_email",
        "kind",
        "status",
        "attempts",
        "next_attempt_at",
        "error",
        "event",
    ]
    list_filter = ["status", "kind", ("event", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["event"]
    search_fields = ["to_email", "to_name", "subject"]
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-pk"]
    actions = ["send_now", "discard"]
    readonly_fields = [
        "event",
        "registration",
        "kind",
        "status",
        "to_email",
        "to_name",
        "reply_to",
        "subject",
        "text_body",
        "calendar_method",
        "sequence",
        "calendar",
        "changes",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
    ]
    exclude = ["html_body"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Rows are read-only; actions and the review page need the permission itself.
        return super().has_change_permission(request, obj) if obj is None else False

    @admin.display(description=_("last error"))
    def error(self, obj):
        return obj.last_error[:80]

    @admin.action(description=_("Send now (also retries failed ones)"))
    def send_now(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        outbox.retry(queryset)
        report = outbox.send_pending(ids=ids)
        level = messages.WARNING if report.failed or report.gave_up else messages.SUCCESS
        self.message_user(
            request,
            gettext("Sent %(sent)s; failed %(failed)s.")
            % {"sent": len(report.sent), "failed": len(report.failed) + len(report.gave_up)},
            level=level,
        )

    @admin.action(description=_("Discard (do not send)"))
    def discard(self, request, queryset):
        count = queryset.filter(
            status__in=[
                OutboxMessage.Status.HELD,
                OutboxMessage.Status.PENDING,
                OutboxMessage.Status.FAILED,
            ]
        ).update(status=OutboxMessage.Status.DISCARDED)
        self.message_user(request, gettext("Discarded %(n)s.") % {"n": count})

    def get_urls(self):
        return [
            path(
                "review/<int:event_id>/",
                self.admin_site.admin_view(self.review_view),
                name="registrations_outboxmessage_review",
            ),
            *super().get_urls(),
        ]

    def review_view(self, request, event_id):
        """What the held notices for an event will say; send them or not."""
        if not super().has_change_permission(request):
            raise PermissionDenied
        event = get_object_or_404(Event, pk=event_id)
        if not reaches(request, event, MANAGER):
            raise PermissionDenied
        if request.method == "POST":
            if request.POST.get("decision") == "send":
                count = services.release_held(event=event)
                self.message_user(
                    request,
                    ngettext("Sending %(n)s e-mail.", "Sending %(n)s e-mails.", count)
                    % {"n": count},
                )
            elif request.POST.get("decision") == "discard":
                count = services.discard_held(event=event)
                self.message_user(
                    request,
                    ngettext("Not sending %(n)s e-mail.", "Not sending %(n)s e-mails.", count)
                    % {"n": count},
                )
            return redirect(reverse("admin:agenda_event_change", args=[event.pk]))
        held = services.held_preview(event=event)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("E-mails to registrants of %(event)s") % {"event": event},
            "event": event,
            "held": held,
            "sample": held[0] if held else None,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/registrations/review_notices.html", context)
