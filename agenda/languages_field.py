"""The languages an event offers: stored as codes in one column ("en fr"), chosen
with a tick box per site language (settings.LANGUAGES)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db import models


class LanguagesFormField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def prepare_value(self, value):
        return value.split() if isinstance(value, str) else value

    def clean(self, value):
        return " ".join(super().clean(value))


class LanguagesField(models.CharField):
    def formfield(self, **kwargs):
        return LanguagesFormField(
            choices=settings.LANGUAGES,
            required=not self.blank,
            label=self.verbose_name[:1].upper() + self.verbose_name[1:],
            help_text=self.help_text,
        )
