"""Form widgets shared by every app's admin pages.

`NamedAutocompleteSelect` is Django's autocomplete picker that screen readers
and axe can name: the label of its field names the drawn combobox and the
search box it opens (static/admin-eventsite/autocomplete-names.js). The
markup Django renders is unchanged; only the script is added after Django's.
"""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect


class NamedAutocompleteSelect(AutocompleteSelect):
    @property
    def media(self):
        drawn = super().media
        # One list, so that merging the page's media keeps the script after Django's.
        return forms.Media(js=[*drawn._js, "admin-eventsite/autocomplete-names.js"], css=drawn._css)
