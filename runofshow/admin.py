"""The organisers' run of show in the admin: the timekeeper's links, corrections
of the recorded times (with history), and planned against actual, as a table
and as CSV."""

from __future__ import annotations

import csv

from django.contrib import admin
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from agenda.team_access import TeamScopedAdmin

from .access import link_key
from .board import board_for, event_for_board, report_line, report_rows
from .models import ItemTiming, Run
from .pages import totals


class ItemTimingInline(admin.TabularInline):
    model = ItemTiming
    extra = 0
    fields = ("item", "started_at", "started_by", "ended_at", "ended_by")
    readonly_fields = ("started_by", "ended_by")
    raw_id_fields = ("item",)


@admin.register(Run)
class RunAdmin(TeamScopedAdmin, SimpleHistoryAdmin):
    list_display = ("event", "current", "ended_at", "show_in_outcome")
    list_select_related = ("event",)
    search_fields = ("event__title", "event__slug")
    autocomplete_fields = ("event",)
    fields = (
        "event",
        "current",
        "ended_at",
        "show_in_outcome",
        "screens",
        "planned_against_actual",
    )
    readonly_fields = ("screens", "planned_against_actual")
    inlines = [ItemTimingInline]

    def get_urls(self):
        extra = [
            path(
                "<int:pk>/report.csv",
                self.admin_site.admin_view(self.report_csv),
                name="runofshow_run_report",
            )
        ]
        return extra + super().get_urls()

    @admin.display(description=_("Screens"))
    def screens(self, run: Run):
        if not run.pk:
            return "–"
        slug = {"slug": run.event.slug}
        key = link_key(run.event)
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a><br>{} <code>{}?key={}</code>',
            reverse("runofshow:timekeeper", kwargs=slug),
            _("Timekeeper"),
            reverse("runofshow:speaker", kwargs=slug),
            _("Speaker screen"),
            _("Link for the moderator:"),
            reverse("runofshow:timekeeper", kwargs=slug),
            key,
        )

    @admin.display(description=_("Planned against actual"))
    def planned_against_actual(self, run: Run):
        if not run.pk:
            return "–"
        rows = report_rows(board_for(event_for_board(run.event_id)))
        if not rows:
            return _("Nothing has run yet.")
        total = totals(rows)
        lines = [report_line(r) for r in rows]
        lines.append(report_line({**total, "title": _("Total")}))
        return format_html(
            '<ul class="run-report">{}</ul><a href="{}">{}</a>',
            format_html("".join("<li>{}</li>" for _line in lines), *lines),
            reverse("admin:runofshow_run_report", args=[run.pk]),
            _("Download as CSV"),
        )

    def report_csv(self, request, pk: int):
        run = get_object_or_404(self.get_queryset(request).select_related("event"), pk=pk)
        if not self.has_view_permission(request, run):
            return HttpResponse(status=403)
        rows = report_rows(board_for(event_for_board(run.event_id)))
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{run.event.slug}-run.csv"'
        writer = csv.writer(response)
        writer.writerow(["number", "item", "budget_minutes", "ran_minutes", "difference_minutes"])
        for r in rows:
            writer.writerow([r["number"], r["title"], r["budget"], r["ran"], r["difference"]])
        total = totals(rows)
        writer.writerow(["", "Total", total["budget"], total["ran"], total["difference"]])
        return response


@admin.register(ItemTiming)
class ItemTimingAdmin(TeamScopedAdmin, SimpleHistoryAdmin):
    team_path = "run__event"
    list_display = ("item", "run", "started_at", "ended_at", "started_by", "ended_by")
    list_select_related = ("item", "run__event")
    raw_id_fields = ("item", "run")
    search_fields = ("item__title",)
