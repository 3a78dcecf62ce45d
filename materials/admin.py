"""Documents in the admin: an inline on the event's page (agenda's
`event_admin_inline` hook) and a list of every document."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from agenda.models import Participation
from agenda.team_access import TeamScopedAdmin

from . import uploads
from .models import Attachment

FIELDS: list[str | list[str] | tuple[str, ...] | tuple[()]] = [
    "kind",
    "title",
    "language",
    "participation",
    "file",
    "link",
    "is_public",
    ("editors", "year"),
    ("publisher", "place"),
    "position",
]


class AttachmentForm(forms.ModelForm):
    link = forms.URLField(
        label=_("external link"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Attachment
        fields = [
            "event",
            "participation",
            "kind",
            "title",
            "language",
            "file",
            "link",
            "is_public",
            "editors",
            "year",
            "publisher",
            "place",
            "position",
        ]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": uploads.ACCEPT})}


class AttachmentInline(admin.StackedInline):
    model = Attachment
    form = AttachmentForm
    extra = 0
    fields = FIELDS
    verbose_name_plural = _("documents (concept note, flyer, programme, report, slides)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("participation__person")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "participation":
            object_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Participation.objects.filter(
                agenda_item__event_id=object_id
            ).select_related("person", "agenda_item")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Attachment)
class AttachmentAdmin(TeamScopedAdmin):
    form = AttachmentForm
    list_display = ["title", "kind", "event", "language", "is_public", "shown_as"]
    list_filter = ["kind", "is_public", "language"]
    list_select_related = ["event"]
    search_fields = ["title", "event__title"]
    fields = ["event", *FIELDS]
    raw_id_fields = ["event", "participation"]

    @admin.display(description=_("file"))
    def shown_as(self, obj):
        return obj.description or (_("link") if obj.link else "—")
