"""The team page: an organisation's managers change members' roles and remove them.

Managers see the memberships of the organisations they manage, nothing else;
superusers see all. The organisation and the user of a membership are fixed once
it exists (a forged POST cannot move a member to another team), and the last
manager of an organisation can be neither demoted nor removed. New members join
through an invitation or `assign_team`, so a manager never picks from every
account of the site.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from common.admin import BoundedSearchAdmin

from . import hooks, memberships
from .team_models import Membership, TeamRole


def _managed(user):
    return Membership.objects.filter(user=user, role=TeamRole.MANAGER).values("organisation")


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["organisation", "user", "role"]

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if self.instance.pk and role and role != TeamRole.MANAGER:
            try:
                memberships.check_keeps_a_manager(self.instance)
            except ValidationError as error:
                self.add_error("role", error)
        return cleaned


class MembershipAdmin(BoundedSearchAdmin, SimpleHistoryAdmin):
    form = MembershipForm
    list_display = ["user", "organisation", "role", "joined_at"]
    list_select_related = ["user", "organisation"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__email", "organisation__name"]

    def changelist_view(self, request, extra_context=None):
        extra = {"team_links": hooks.team_links(request), **(extra_context or {})}
        return super().changelist_view(request, extra)

    def get_queryset(self, request):
        rows = super().get_queryset(request).select_related("user", "organisation")
        if request.user.is_superuser:
            return rows
        return rows.filter(organisation__in=_managed(request.user))

    def get_readonly_fields(self, request, obj=None):
        return ["organisation", "user", "joined_at"] if obj is not None else ["joined_at"]

    def _manages(self, request, obj) -> bool:
        user = request.user
        if user.is_superuser:
            return True
        if not (user.is_active and user.is_staff):
            return False
        if obj is None:
            return Membership.objects.filter(user=user, role=TeamRole.MANAGER).exists()
        return memberships.is_manager(user, obj.organisation_id)

    def has_module_permission(self, request):
        # Kept out of the sidebar: asking whether someone manages a team would add a
        # query to every admin page. Managers open /admin/agenda/membership/.
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self._manages(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._manages(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._manages(request, obj)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        if change:
            # Re-checked under the organisation's lock: two managers demoting each other.
            memberships.assign(organisation=obj.organisation, user=obj.user, role=obj.role)
        else:
            super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        memberships.remove(obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            try:
                memberships.remove(membership)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:agenda_membership_change", args=[object_id]))


def register(site: admin.AdminSite) -> None:
    site.register(Membership, MembershipAdmin)
