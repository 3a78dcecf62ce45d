"""Admin plumbing shared by every app's ModelAdmins."""

from django.contrib import admin
from django.utils.text import smart_split

from common.widgets import NamedAutocompleteSelect


class BoundedSearchAdmin(admin.ModelAdmin):
    """Search (and autocomplete) on the first words typed only, without NUL.

    Each word adds a condition per search field; a pasted page of text made a
    query SQLite refuses ("Expression tree is too large"), a 500. PostgreSQL
    refuses NUL in a query (and no stored text holds one): the lists' search box
    refuses it with a message, the autocomplete gave a 500.
    """

    MAX_SEARCH_WORDS = 10

    def get_search_results(self, request, queryset, search_term):
        words = list(smart_split(search_term.replace("\x00", "")))[: self.MAX_SEARCH_WORDS]
        return super().get_search_results(request, queryset, " ".join(words))


class HiddenFromOrganisers(admin.ModelAdmin):
    """A table kept out of the admin's sidebar and index for everyone but superusers.

    For rows that organisers edit inside another page (the people of an item on
    the event page) or that only the site's keepers need (the outbox): the pages
    still answer with the usual permissions, so links and the permission checks
    stay as they are; the table is only not listed.
    """

    def get_model_perms(self, request):
        if request.user.is_superuser:
            return super().get_model_perms(request)
        return {}


class NamedAutocompletes:
    """Autocomplete fields (autocomplete_fields) drawn with an accessible name.

    A mixin for ModelAdmins and inlines: Django's select2 picker has no name
    of its own (common.widgets.NamedAutocompleteSelect gives it its label's).
    """

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = NamedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
