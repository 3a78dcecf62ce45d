from django import forms
from django.utils.translation import gettext_lazy as _

from agenda.team_models import TeamRole
from speakers.models import Organisation


class InviteForm(forms.Form):
    """The organisations offered are the inviter's own: another one is not a choice."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation")
    )
    email = forms.EmailField(label=_("Colleague's e-mail"), max_length=254)
    role = forms.ChoiceField(choices=TeamRole.choices, label=_("Role"), initial=TeamRole.EDITOR)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]{6}",
                "autofocus": True,
                "size": 8,
            }
        ),
        error_messages={
            "min_length": _("Type the six digits your app shows."),
            "max_length": _("Type the six digits your app shows."),
        },
    )

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        if not code.isdigit():
            raise forms.ValidationError(_("Type the six digits your app shows."))
        return code


class RemoveDeviceForm(forms.Form):
    """A current code or the password: someone at an unattended screen has neither."""

    code = forms.CharField(label=_("Code from your app"), max_length=6, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code",
                                                         "inputmode": "numeric"}))  # fmt: skip
    password = forms.CharField(
        label=_("Or your password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("code") and not cleaned.get("password"):
            raise forms.ValidationError(_("Type a code from your app, or your password."))
        return cleaned


class TeamRuleForm(forms.Form):
    """The organisations offered are the ones the person may decide for."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation")
    )
    two_factor_required = forms.BooleanField(
        label=_("Members must use two-factor sign-in"), required=False
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
