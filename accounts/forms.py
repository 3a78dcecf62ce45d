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
