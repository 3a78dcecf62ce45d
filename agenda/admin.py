"""The organisers' workbench: one page per event, computed times, guarded saves."""

import io
import json
import zipfile
import zoneinfo
from functools import partial

from adminsortable2.admin import CustomInlineFormSet, SortableAdminBase, SortableTabularInline
from django import forms as django_forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Count, Prefetch, Sum
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from common.admin import BoundedSearchAdmin, HiddenFromOrganisers, NamedAutocompletes
from common.admin_languages import TextsSideBySide
from speakers.admin import PersonAdmin as BasePersonAdmin
from speakers.models import Person

from . import (
    clash_checks,
    desk_views,
    edit_guard,
    fit,
    hooks,
    interchange,
    occasion_admin,
    people_editor,
    preview_links,
    publishing,
    summary,
    team_access,
    team_admin,
    teams,
    timefmt,
    zone_field,
)
from .forms import (
    AgendaItemAdminForm,
    AgendaItemFormSet,
    AgendaItemInlineForm,
    EventAdminForm,
    EventPartForm,
    event_id_of,
    timezone_field_value,
)
from .models import (
    AgendaItem,
    Contact,
    DiscussionQuestion,
    Event,
    EventOrganisation,
    Outcome,
    Participation,
    Recommendation,
    room_for_place,
)

EDIT_MARKER_FIELDS = ("edit_version", "edit_loaded_at")


class GuardedHistoryAdmin(BoundedSearchAdmin, SimpleHistoryAdmin):
    """History and revert (django-simple-history), with forms read in the event's zone.

    Date and time widgets show and parse times in the active time zone, so each
    form page runs with the zone of the event it edits: an organiser types
    13:15 for an event in Nairobi and means 13:15 in Nairobi.
    """

    def form_zone(self, request, object_id) -> str | None:
        return None

    def _in_zone(self, request, object_id, view):
        zone = self.form_zone(request, object_id) or "UTC"
        with timezone.override(zoneinfo.ZoneInfo(zone)):
            response = view()
            # Admin pages are rendered lazily; render while the zone is active.
            if isinstance(response, TemplateResponse) and not response.is_rendered:
                response.render()
        return response

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return self._in_zone(
            request,
            object_id,
            lambda: super(GuardedHistoryAdmin, self).changeform_view(
                request, object_id, form_url, extra_context
            ),
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.eventsite_reverting = True
        # simple-history's revert view is not atomic; the edit guard's row lock needs it.
        with transaction.atomic():
            return self._in_zone(
                request,
                object_id,
                lambda: super(GuardedHistoryAdmin, self).history_form_view(
                    request, object_id, version_id, extra_context
                ),
            )


# -- the event page -------------------------------------------------------------------


class EventOrganisationFormSet(CustomInlineFormSet):
    """Who organises an event decides who reaches it: only a superuser changes it."""

    may_change_organiser = False

    def clean(self):
        super().clean()
        if self.may_change_organiser:
            return
        organiser = EventOrganisation.Role.ORGANISER
        for form in self.forms:
            saved = form.instance.pk is not None
            was_organiser = saved and form.initial.get("role") == organiser
            deleting = self.can_delete and self._should_delete_form(form)
            # A read-only row (an editor's view) sends no fields: it has not changed.
            changed = (
                {"organisation", "role"} & set(form.changed_data) if form.has_changed() else set()
            )
            if (was_organiser and (deleting or changed)) or (
                not saved
                and form.has_changed()
                and form.cleaned_data.get("role") == organiser
                and self.instance.pk is not None
            ):
                raise django_forms.ValidationError(
                    _("Only a site administrator can change which organisation organises an event.")
                )


class EventOrganisationInline(NamedAutocompletes, SortableTabularInline):
    """The event's organisations: editors see them, its managers add and change co-hosts."""

    model = EventOrganisation
    formset = EventOrganisationFormSet
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "role", "display_name"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.may_change_organiser = request.user.is_superuser
        return formset

    def has_change_permission(self, request, obj=None):
        manages = team_access.reaches(request, obj, team_access.MANAGER)
        return super().has_change_permission(request, obj) and manages

    def has_add_permission(self, request, obj=None):
        manages = team_access.reaches(request, obj, team_access.MANAGER)
        return super().has_add_permission(request, obj) and manages

    def has_delete_permission(self, request, obj=None):
        manages = team_access.reaches(request, obj, team_access.MANAGER)
        return super().has_delete_permission(request, obj) and manages


class AgendaItemInline(TextsSideBySide, SortableTabularInline):
    model = AgendaItem
    form = AgendaItemInlineForm
    formset = AgendaItemFormSet
    extra = 0
    fields = ["title", "kind", "minutes", "fixed_start", "starts", "ends", "people"]
    readonly_fields = ["starts", "ends"]
    show_change_link = True
    template = "admin/agenda/event/agenda_items_inline.html"
    table_template = SortableTabularInline.template

    def get_queryset(self, request):
        # Each row's people come with the rows: one query however long the agenda.
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "participations",
                    queryset=Participation.objects.select_related("person__organisation"),
                )
            )
        )

    # As saved when the page is built; the page's script keeps them true while typing.
    @admin.display(description=_("Starts"))
    def starts(self, item):
        slot = getattr(item, "saved_slot", None)
        return timefmt.clock_labelled(slot.start, item.saved_zone) if slot else "–"

    @admin.display(description=_("Ends"))
    def ends(self, item):
        slot = getattr(item, "saved_slot", None)
        return timefmt.clock_labelled(slot.end, item.saved_zone) if slot else "–"


class ContactInline(SortableTabularInline):
    model = Contact
    extra = 0
    fields = ["name", "email", "note"]


class DiscussionQuestionInline(TextsSideBySide, SortableTabularInline):
    model = DiscussionQuestion
    extra = 0
    fields = ["text"]


class WhenFilter(admin.SimpleListFilter):
    title = "when"
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", "Upcoming"), ("past", "Past")]

    def queryset(self, request, queryset):
        if self.value() == "upcoming":
            return queryset.upcoming()
        if self.value() == "past":
            return queryset.past()
        return queryset


class ClashFilter(admin.SimpleListFilter):
    title = _("clashes")
    parameter_name = "clashes"

    def lookups(self, request, model_admin):
        return [("room", _("Room booked twice")), ("person", _("Person in two places"))]

    def queryset(self, request, queryset):
        if self.value() == "room":
            return clash_checks.with_room_clash(queryset)
        if self.value() == "person":
            return clash_checks.with_person_clash(queryset)
        return queryset


@admin.register(Event)
class EventAdmin(
    TextsSideBySide,
    NamedAutocompletes,
    team_access.TeamScopedAdmin,
    SortableAdminBase,
    GuardedHistoryAdmin,
):
    team_path = ""
    delete_role = team_access.MANAGER  # deleting a whole event is its managers'
    form = EventAdminForm
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "occasion_ref", *EDIT_MARKER_FIELDS]}),
        (
            "When and where",
            {
                "fields": [
                    ("time_zone", "zone_confirmed"),
                    ("start", "end"),
                    ("room_ref", "new_room"),
                    "room",
                    "building",
                    ("city", "country"),
                    ("latitude", "longitude"),
                    "online_link",
                ]
            },
        ),
        (
            "Occasion, texts and notes",
            {
                "classes": ["collapse"],
                "fields": [
                    "occasion",
                    "theme",
                    "context",
                    "background",
                    "objectives",
                    "language_note",
                    "practical_notes",
                    "programme",
                    "programme_note",
                ],
            },
        ),
        (
            _("Speakers' confirmations"),
            {"fields": ["unconfirmed_people", "apply_speaker_changes"]},
        ),
    ]
    inlines = [
        EventOrganisationInline,
        AgendaItemInline,
        ContactInline,
        DiscussionQuestionInline,
    ]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["occasion_ref", "room_ref"]

    list_display = ["when", "title", "status", "venue", "item_count", "minutes"]
    list_display_links = ["title"]
    list_filter = [WhenFilter, "status", ClashFilter]
    search_fields = ["title", "slug", "occasion", "room", "building", "city"]
    date_hierarchy = "start"
    ordering = ["-start"]
    actions = ["duplicate", "export_json", "download_ics"]

    class Media:
        js = [
            "admin-eventsite/agenda-summary.js",
            "admin-eventsite/agenda-people.js",
            "admin-eventsite/agenda-organisations.js",
            "admin-eventsite/agenda-rows.js",
            "admin-eventsite/preview-link.js",
        ]
        css = {"all": ["admin-eventsite/admin.css"]}

    # -- list --

    def get_changelist_instance(self, request):
        request.eventsite_changelist = True
        return super().get_changelist_instance(request)

    def get_queryset(self, request):
        events = super().get_queryset(request)
        if getattr(request, "eventsite_changelist", False):
            events = events.annotate(item_count=Count("items"), allocated=Sum("items__minutes"))
        return events

    @admin.display(description=_("date"), ordering="start")
    def when(self, event):
        return timefmt.time_slot(event.start, event.end, event.zone)

    @admin.display(description=_("items"), ordering="item_count")
    def item_count(self, event):
        return event.item_count

    @admin.display(description=_("minutes"))
    def minutes(self, event):
        return summary.column_text(event.allocated or 0, event.slot_minutes)

    # -- form --

    readonly_fields = ["preview_link"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.is_public:
            return fieldsets
        return [*fieldsets, (_("Share a preview"), {"fields": ["preview_link"]})]

    @admin.display(description=_("preview link"))
    def preview_link(self, event):
        token = preview_links.token_for(event)
        url = settings.EVENTSITE_BASE_URL + reverse("agenda:event_preview", args=[token])
        # Not the event's zone: on a refused form it may be what was mistyped.
        until = timezone.localtime(timezone.now() + preview_links.max_age())
        return format_html(
            '<input type="text" readonly class="vTextField preview-link-url" id="preview-link"'
            ' value="{}" aria-label="{}" aria-describedby="preview-link-help"> '
            '<button type="button" class="button preview-link-copy" data-copy="preview-link"'
            ' data-copied="{}">{}</button> '
            '<button type="submit" class="button preview-link-withdraw" formaction="{}"'
            ' formmethod="post" formnovalidate>{}</button>'
            '<div class="help" id="preview-link-help">{}</div>',
            url,
            gettext("Preview link"),
            gettext("Copied"),
            gettext("Copy link"),
            reverse("admin:agenda_event_withdraw_preview", args=[event.pk]),
            gettext("Withdraw all preview links"),
            gettext(
                "For co-hosts without an account: whoever has this link can read the draft's "
                "page, not change it, until %(date)s. Withdrawing stops every link given out."
            )
            % {"date": formats.date_format(until.date(), "DATE_FORMAT")},
        )

    def get_inlines(self, request, obj):
        # Agenda's own, then those other apps registered (agenda.hooks).
        return [*super().get_inlines(request, obj), *hooks.admin_inlines()]

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        checklist = self._checklist_redirect(request, obj)
        if checklist:
            return checklist
        url = hooks.redirect_after_save(request, obj)
        return HttpResponseRedirect(url) if url else response

    def form_zone(self, request, object_id):
        if request.method == "POST":
            submitted = timezone_field_value(request.POST)
            if submitted:
                return submitted
        if object_id:
            return Event.objects.filter(pk=object_id).values_list("time_zone", flat=True).first()
        return None

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "online_link":
            kwargs["assume_scheme"] = "https"  # a typed "meet.example.org/x" becomes https
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("occasion_ref", "room_ref"):
            # No pop-up windows: a new room is typed in "or a new room" beside it.
            for name in (
                "can_add_related",
                "can_change_related",
                "can_delete_related",
                "can_view_related",
            ):
                setattr(field.widget, name, False)
        return field

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if getattr(request, "eventsite_reverting", False):
            form = type(form.__name__, (form,), {"checks_saved_agenda": True})
        if obj is not None and not team_access.reaches(request, obj, team_access.MANAGER):
            form = _status_is_managers(form)
        return form

    def add_view(self, request, form_url="", extra_context=None):
        # A new event is organised by the author's organisation; without one it would
        # be nobody's (reached by superusers only).
        if not request.user.is_superuser and teams.home_organisation(request.user) is None:
            raise PermissionDenied
        return super().add_view(request, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["agenda_people_config"] = people_editor.config()
        if obj is not None and obj.pk is not None:
            context["hook_admin_links"] = hooks.admin_links(request, obj)
            context["may_publish"] = team_access.reaches(request, obj, team_access.MANAGER)
            # From the database, not from the submitted form: the box shows what was saved.
            saved = Event.objects.prefetch_related("items").get(pk=obj.pk)
            agenda = saved.build_schedule()
            context["agenda_summary"] = fit.agenda_summary(saved, agenda)
            slots = {slot.payload.pk: slot for slot in agenda.slots}
            for inline_admin_formset in context.get("inline_admin_formsets", []):
                if inline_admin_formset.formset.model is AgendaItem:
                    for form in inline_admin_formset.formset.forms:
                        form.instance.saved_slot = slots.get(form.instance.pk)
                        form.instance.saved_zone = saved.zone
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        locked = form.locked_event
        if locked is not None:
            # Count on from the locked row, whatever version the form's instance came from
            # (a revert form holds an old one), so versions never go back.
            obj.version, obj.sequence = locked.version, locked.sequence
            obj.remember_calendar_fields(loaded_from=locked)
        new_room = form.cleaned_data.get("new_room")
        if new_room:
            obj.room_ref = room_for_place(
                name=new_room, building=obj.building, city=obj.city, country=obj.country
            )
        if new_room or "room_ref" in form.changed_data:
            obj.take_place_from_room()
        if "occasion_ref" in form.changed_data:
            obj.take_texts_from_occasion()
        stored_status = locked.status if locked is not None else Event.Status.DRAFT
        # The status drop-down is no way around the checklist: the event is saved
        # with the status it had, and published only if agenda/publishing.py allows.
        request.eventsite_publish = (
            obj.status == Event.Status.PUBLISHED and stored_status != Event.Status.PUBLISHED
        )
        if request.eventsite_publish:
            obj.status = stored_status
        super().save_model(request, obj, form, change)
        if getattr(request, "eventsite_reverting", False):  # a revert saves no inlines
            self._publish_if_asked(request, form, obj)

    def _publish_if_asked(self, request, form, event):
        if not getattr(request, "eventsite_publish", False):
            return
        outcome = publishing.publish(
            event.pk,
            zone_confirmed=bool(form.cleaned_data.get("zone_confirmed")),
            acknowledged=False,  # the form shows no advisories: the checklist asks
        )
        if outcome is None:
            event.refresh_from_db()
            self.message_user(request, _("Published: the event is public now."))
            return
        request.eventsite_checklist = True
        self.message_user(
            request,
            _("Saved, not published yet: something blocks it, see the checklist below.")
            if outcome == publishing.BLOCKED
            else _("Saved, not published yet: look at the advisories below, then publish."),
            messages.WARNING,
        )

    def _checklist_redirect(self, request, obj):
        if getattr(request, "eventsite_checklist", False):
            return HttpResponseRedirect(reverse("admin:agenda_event_publish", args=[obj.pk]))
        return None

    def response_add(self, request, obj, post_url_continue=None):
        return self._checklist_redirect(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        event = form.instance
        if not change and not request.user.is_superuser:
            teams.give_to_home_organisation(request.user, event)
        self._publish_if_asked(request, form, event)  # with the agenda as saved
        if event.status == Event.Status.DRAFT:
            for problem in fit.agenda_problems(event):
                self.message_user(request, problem, messages.WARNING)
        zone_warning = zone_field.mismatch(event.time_zone, event.country)
        if zone_warning:
            self.message_user(request, zone_warning, messages.WARNING)
        if event.status != Event.Status.CANCELLED:
            for clash in [
                *clash_checks.room_clash_messages(event),
                *clash_checks.person_clash_messages(event),
            ]:
                self.message_user(request, clash, messages.WARNING)

    def get_changeform_initial_data(self, request):
        # Never silently UTC: the organiser's last zone, the site's, or empty to choose.
        return {
            "time_zone": zone_field.default_zone(request.user)
        } | super().get_changeform_initial_data(request)

    def get_urls(self):
        export = path(
            "<path:object_id>/export/",
            self.admin_site.admin_view(self.export_view),
            name="agenda_event_export",
        )
        preview = path(
            "schedule-preview/",
            self.admin_site.admin_view(partial(desk_views.schedule_preview_view, model_admin=self)),
            name="agenda_event_schedule_preview",
        )
        publish = path(
            "<path:object_id>/publish/",
            self.admin_site.admin_view(partial(desk_views.publish_view, model_admin=self)),
            name="agenda_event_publish",
        )
        following = path(
            "<path:object_id>/next-edition/",
            self.admin_site.admin_view(partial(desk_views.next_edition_view, model_admin=self)),
            name="agenda_event_next_edition",
        )
        copy = path(
            "<path:object_id>/duplicate/",
            self.admin_site.admin_view(partial(desk_views.duplicate_view, model_admin=self)),
            name="agenda_event_duplicate",
        )
        withdraw = path(
            "<path:object_id>/preview-link/withdraw/",
            self.admin_site.admin_view(partial(desk_views.withdraw_preview_view, model_admin=self)),
            name="agenda_event_withdraw_preview",
        )
        return [export, preview, publish, following, copy, withdraw, *super().get_urls()]

    def export_view(self, request, object_id):
        event = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_view_or_change_permission(request, event):
            return HttpResponse(status=403)
        return self._json_download(event)

    # -- actions --

    @staticmethod
    def _json_text(event: Event) -> str:
        return json.dumps(interchange.export_event(event), ensure_ascii=False, indent=2) + "\n"

    def _json_download(self, event):
        response = HttpResponse(self._json_text(event), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{event.slug}.json"'
        return response

    @admin.action(description=_("Duplicate as a new draft…"), permissions=["add"])
    def duplicate(self, request, queryset):
        # The copy needs its own date: one event at a time, on the page that asks for it.
        events = list(queryset[:2])
        if len(events) != 1:
            self.message_user(request, _("Choose one event to duplicate."), messages.ERROR)
            return None
        return HttpResponseRedirect(reverse("admin:agenda_event_duplicate", args=[events[0].pk]))

    @admin.action(description=_("Export (JSON)"), permissions=["view"])
    def export_json(self, request, queryset):
        events = list(queryset)
        if len(events) == 1:
            return self._json_download(events[0])
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for event in events:
                archive.writestr(f"{event.slug}.json", self._json_text(event))
        response = HttpResponse(buffer.getvalue(), content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="events.zip"'
        return response

    @admin.action(description=_("Download .ics"), permissions=["view"])
    def download_ics(self, request, queryset):
        events = list(queryset[:2])
        if len(events) != 1:
            self.message_user(
                request, _("Choose one event to download its calendar file."), messages.ERROR
            )
            return None
        return HttpResponseRedirect(reverse("agenda:event_ics", kwargs={"slug": events[0].slug}))


# -- pages for the parts of an event --------------------------------------------------


def _status_is_managers(form_class):
    """An editor's form: the drop-down offers only the event's status, and a change of
    it (publishing, cancelling or taking back to draft) is refused with the reason,
    also from a page opened while they were a manager."""

    def __init__(form, *args, **kwargs):
        form_class.__init__(form, *args, **kwargs)
        if "status" in form.fields:
            field = form.fields["status"]
            # The widget's options only: the field still reads any status, to refuse it.
            field.widget.choices = [c for c in field.choices if c[0] == form.instance.status]

    def clean(form):
        cleaned = form_class.clean(form)
        if "status" in form.changed_data:
            form.add_error("status", _("Only the event's managers may publish or cancel it."))
        return cleaned

    return type(form_class.__name__, (form_class,), {"__init__": __init__, "clean": clean})


class EventPartAdmin(team_access.TeamScopedAdmin, GuardedHistoryAdmin):
    """An edit here is an edit of the event: it is guarded by, and raises, the event's version."""

    form = EventPartForm

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        edit_guard.bump_event_version(event_id=event_id_of(obj))

    def delete_model(self, request, obj):
        event_id = event_id_of(obj)
        super().delete_model(request, obj)
        edit_guard.bump_event_version(event_id=event_id)

    def delete_queryset(self, request, queryset):
        event_ids = {event_id_of(obj) for obj in queryset}
        super().delete_queryset(request, queryset)
        for event_id in event_ids:
            edit_guard.bump_event_version(event_id=event_id)


class ParticipationInline(TextsSideBySide, NamedAutocompletes, SortableTabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "role", "presentation_title", "status", "public_consent"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


@admin.register(AgendaItem)
class AgendaItemAdmin(TextsSideBySide, SortableAdminBase, EventPartAdmin):
    form = AgendaItemAdminForm
    fields = [
        "event",
        "title",
        "kind",
        "minutes",
        "fixed_start",
        "starts",
        "description",
        "summary",
        *EDIT_MARKER_FIELDS,
    ]
    readonly_fields = ["starts"]
    autocomplete_fields = ["event"]
    inlines = [ParticipationInline]
    list_display = ["title", "event", "position", "minutes"]
    list_select_related = ["event"]
    list_filter = ["kind"]
    search_fields = ["title", "event__title"]

    class Media:
        css = {"all": ["admin-eventsite/admin.css"]}

    def get_readonly_fields(self, request, obj=None):
        # Moving an item to another event is not an edit of one agenda; add a new item there.
        return [*self.readonly_fields, "event"] if obj is not None else self.readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event")

    def form_zone(self, request, object_id):
        event_id = request.POST.get("event") if request.method == "POST" else None
        if object_id:
            return (
                AgendaItem.objects.filter(pk=object_id)
                .values_list("event__time_zone", flat=True)
                .first()
            )
        if event_id and event_id.isdigit():
            return Event.objects.filter(pk=event_id).values_list("time_zone", flat=True).first()
        return None

    @admin.display(description=_("starts (as saved)"))
    def starts(self, item):
        if item.pk is None:
            return "–"
        event = item.event
        slot = event.slot_of(item.pk)
        if slot is None:
            return "–"
        return (
            f"{timefmt.clock_labelled(slot.start, event.zone)} – "
            f"{timefmt.clock_labelled(slot.end, event.zone)}"
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.position = edit_guard.next_item_position(event_id=obj.event_id)
        super().save_model(request, obj, form, change)

    def response_post_save_change(self, request, obj):
        self._warn_if_draft_has_problems(request, obj.event)
        return super().response_post_save_change(request, obj)

    def response_post_save_add(self, request, obj):
        self._warn_if_draft_has_problems(request, obj.event)
        return super().response_post_save_add(request, obj)

    def _warn_if_draft_has_problems(self, request, event):
        if event.status == Event.Status.DRAFT:
            for problem in fit.agenda_problems(event):
                self.message_user(request, problem, messages.WARNING)


class NotConfirmedFilter(admin.SimpleListFilter):
    title = _("confirmation")
    parameter_name = "confirmation"

    def lookups(self, request, model_admin):
        return [("not_confirmed", _("Not confirmed"))]

    def queryset(self, request, queryset):
        if self.value() == "not_confirmed":
            return queryset.not_confirmed()
        return queryset


@admin.register(Participation)
class ParticipationAdmin(TextsSideBySide, HiddenFromOrganisers, EventPartAdmin):
    team_path = "agenda_item__event"
    list_display = ["person", "role", "agenda_item", "status", "status_changed_at"]
    list_filter = [NotConfirmedFilter, "status"]
    list_select_related = ["person", "agenda_item"]
    autocomplete_fields = ["person", "agenda_item"]
    search_fields = ["person__full_name", "agenda_item__title"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("agenda_item")


@admin.register(Contact)
class ContactAdmin(HiddenFromOrganisers, EventPartAdmin):
    list_display = ["name", "email", "event"]
    list_select_related = ["event"]
    search_fields = ["name", "email", "event__title"]
    autocomplete_fields = ["event"]


@admin.register(DiscussionQuestion)
class DiscussionQuestionAdmin(TextsSideBySide, HiddenFromOrganisers, EventPartAdmin):
    list_display = ["__str__", "event"]
    list_select_related = ["event"]
    search_fields = ["text", "event__title"]
    autocomplete_fields = ["event"]


@admin.register(EventOrganisation)
class EventOrganisationAdmin(HiddenFromOrganisers, EventPartAdmin):
    # Who organises or co-hosts decides who reaches the event: its managers' (and the
    # organiser row a superuser's, see EventOrganisationFormSet).
    delete_role = team_access.MANAGER

    def has_change_permission(self, request, obj=None):
        manages = team_access.reaches(request, obj, team_access.MANAGER)
        return super().has_change_permission(request, obj) and manages

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.role == EventOrganisation.Role.ORGANISER:
            return request.user.is_superuser
        return super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return self.readonly_fields
        return ["event", "organisation", "role"]

    list_display = ["organisation", "role", "event"]
    list_select_related = ["organisation", "event"]
    search_fields = ["organisation__name", "event__title"]
    autocomplete_fields = ["organisation", "event"]


class RecommendationInline(TextsSideBySide, SortableTabularInline):
    model = Recommendation
    extra = 0
    fields = ["text"]


@admin.register(Outcome)
class OutcomeAdmin(
    TextsSideBySide,
    team_access.TeamScopedAdmin,
    SortableAdminBase,
    BoundedSearchAdmin,
    SimpleHistoryAdmin,
):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "event"]
    list_select_related = ["event"]
    autocomplete_fields = ["event"]
    inlines = [RecommendationInline]


@admin.register(Recommendation)
class RecommendationAdmin(
    TextsSideBySide,
    HiddenFromOrganisers,
    team_access.TeamScopedAdmin,
    BoundedSearchAdmin,
    SimpleHistoryAdmin,
):
    team_path = "outcome__event"
    list_display = ["__str__", "outcome"]
    list_select_related = ["outcome"]


# People are speakers' business; the events they appear in are agenda's, so the
# column is added here and speakers never imports agenda.
admin.site.unregister(Person)


@admin.register(Person)
class PersonAdmin(BasePersonAdmin):
    list_display = [*BasePersonAdmin.list_display, "events"]

    def get_queryset(self, request):
        # One query for everyone's events, however many people the page lists.
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "participations",
                    # Only the events the viewer reaches: others' drafts keep their titles.
                    queryset=teams.rows_for(
                        request.user, Participation.objects.all(), "agenda_item__event"
                    )
                    .select_related("agenda_item__event")
                    .only(
                        "person_id",
                        "agenda_item__event_id",
                        "agenda_item__event__title",
                        "agenda_item__event__start",
                    ),
                )
            )
        )

    @admin.display(description=_("appears in"))
    def events(self, person):
        events = {p.agenda_item.event.pk: p.agenda_item.event for p in person.participations.all()}
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (reverse("admin:agenda_event_change", args=[event.pk]), event.title)
                for event in sorted(events.values(), key=lambda e: e.start)
            ),
        ) or format_html("{}", "–")


occasion_admin.register(admin.site)
team_admin.register(admin.site)
