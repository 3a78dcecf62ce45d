"""The teams' rules applied to the admin: what a ModelAdmin lists, opens and saves.

Contract:
- `TeamScopedAdmin` lists only the rows whose event the user reaches
  (`agenda.teams.rows_for`, through `team_path`), answers view, change and delete
  for one row with the user's role on its event (`see_role` to see or change,
  `delete_role` to delete), and offers in its event (or item, outcome, run)
  field only what the user reaches, so a forged id is a form error, not a write.
  Autocompletes, actions, history and revert views read the same queryset and
  permissions, so they follow. A revert page (simple-history) asks about the old
  version's event and, while the row exists, the row's event now: a row moved to
  another team's event since is not pulled back by reverting it.
- `ManagersOnlyInline` shows an inline on an event's page to its managers only
  (registrants' data, who organises).
- Table-level permissions (the "Organisers" group) are still needed; they alone
  reach no row. Superusers reach every row.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from . import teams

EDITOR, MANAGER = teams.EDITOR, teams.MANAGER


def reaches(request, obj, role: str) -> bool:
    if obj is None or request.user.is_superuser:
        return True
    return teams.reaches(teams.request_role(request, obj), role)


class TeamScopedAdmin(admin.ModelAdmin):
    team_path = "event"  # the lookup from a row to its event; "" for events
    see_role = EDITOR
    delete_role = EDITOR

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        return teams.rows_for(request.user, rows, self.team_path, self.see_role)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and reaches(request, obj, self.see_role)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and reaches(request, obj, self.see_role)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and reaches(
            request, obj, self.delete_role
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        try:
            pk = self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError as error:
            raise Http404 from error
        rows = self.model._default_manager.filter(pk=pk)
        if rows.exists() and not self.get_queryset(request).filter(pk=pk).exists():
            raise PermissionDenied
        # Only admins with simple-history's views have this page.
        return super().history_form_view(request, object_id, version_id, extra_context)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        head, _sep, rest = self.team_path.partition("__")
        if head and db_field.name == head and not request.user.is_superuser:
            related = db_field.remote_field.model._default_manager.all()
            kwargs["queryset"] = teams.rows_for(request.user, related, rest, self.see_role)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ManagersOnlyInline(admin.options.InlineModelAdmin):
    """Mixed into an inline of the event's page: shown to the event's managers only."""

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and reaches(request, obj, MANAGER)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and reaches(request, obj, MANAGER)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and reaches(request, obj, MANAGER)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and reaches(request, obj, MANAGER)
