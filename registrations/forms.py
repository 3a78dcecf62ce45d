from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout, Submit
from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from common.single_line import validate_single_line

from .models import Registration

Affiliation = Registration.Affiliation


class DetailsForm(forms.Form):
    """The details an attendee gives, and may change later through the manage link."""

    name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        validators=[validate_single_line],
        error_messages={
            "required": _("Please enter your name, as it should appear on your badge.")
        },
    )
    organisation = forms.CharField(
        max_length=300,
        validators=[validate_single_line],
        error_messages={"required": _("Please enter your organisation, or “none”.")},
    )
    affiliation_type = forms.ChoiceField(
        label=_("Your organisation is"),
        choices=Affiliation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose the kind of organisation you belong to.")},
    )
    needs = forms.CharField(
        label=_("Access or dietary needs"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Optional. For example step-free access, a sign-language interpreter, vegetarian."
        ),
    )
    refreshments = forms.BooleanField(
        label=_("I will join the refreshments before the event"),
        required=False,
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Please enter your name."))
        return name

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"].strip()
        if not organisation:
            raise forms.ValidationError(_("Please enter your organisation, or “none”."))
        return organisation


class RegistrationForm(DetailsForm):
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("Your confirmation and calendar invitation go here."),
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("Please enter a whole e-mail address, like name@example.org."),
        },
    )
    consent = forms.BooleanField(
        required=True,
        error_messages={"required": _("Please agree to the privacy notice to register.")},
    )
    # The honeypot: hidden from people (CSS and aria-hidden), filled in by bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    field_order = [
        "name",
        "email",
        "organisation",
        "affiliation_type",
        "needs",
        "refreshments",
        "website",
        "consent",
    ]

    def __init__(self, *args, submit_label: str = "Register", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = format_html(
            'I agree to the <a href="{}" target="_blank" rel="noopener">privacy notice</a>: '
            "my details are used to organise this event and deleted afterwards.",
            reverse("registrations:privacy"),
        )
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.form_id = "registration-form"
        self.helper.attrs = {"novalidate": ""}  # the server's messages, next to each field
        self.helper.layout = Layout(
            "name",
            "email",
            "organisation",
            "affiliation_type",
            "needs",
            "refreshments",
            Div(Field(_("website")), css_class="registration-trap", aria_hidden="true"),
            "consent",
            Submit("register", submit_label, css_class="mt-2"),
        )

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ManageForm(DetailsForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.form_id = "manage-form"
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            HTML('<input type="hidden" name="action" value="update">'),
            "name",
            "organisation",
            "affiliation_type",
            "needs",
            "refreshments",
            Submit("save", "Save changes", css_class="mt-2"),
        )
