"""The link page's form: answer, note, consent and the corrections, with people's messages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agenda.models import Participation
from common.single_line import validate_single_line

from .models import Proposal

ANSWERS = [
    (Participation.Status.CONFIRMED, _("Yes, I will take part")),
    (Participation.Status.DECLINED, _("No, I cannot take part")),
]
CONSENT = [("yes", _("Yes")), ("no", _("No"))]


def _line(label, max_length):
    return forms.CharField(
        label=label, max_length=max_length, required=False, validators=[validate_single_line]
    )


class ResponseForm(forms.Form):
    answer = forms.ChoiceField(label=_("Your answer"), choices=ANSWERS, widget=forms.RadioSelect)
    consent = forms.ChoiceField(
        label=_("May your name, photo and bio appear on the public pages and calendars?"),
        choices=CONSENT,
        widget=forms.RadioSelect,
    )
    honorific = _line(_("Honorific (Ambassador, Ms., Dr …)"), 60)
    full_name = forms.CharField(
        label=_("Your name as it should be printed"),
        max_length=200,
        validators=[validate_single_line],
    )
    position = _line(_("Position"), 300)
    organisation = _line(_("Organisation"), 200)
    bio = forms.CharField(
        label=_("Short bio"), required=False, widget=forms.Textarea, max_length=3000
    )
    presentation_title = _line(_("Proposed talk title"), 500)
    note = forms.CharField(
        label=_("A note to the organisers (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    # The photo comes through its own form (a file, `PhotoForm`).
    CORRECTIONS = [f.value for f in Proposal.Field if f != Proposal.Field.PHOTO]

    def corrections(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in self.CORRECTIONS}


class UploadForm(forms.Form):
    """Slides or a paper for the person's own talk; the kinds and the file check
    come from whichever app fills agenda's `talk_uploads` hook."""

    kind = forms.ChoiceField(label=_("Document"), choices=())
    title = _line(_("Title (optional)"), 300)
    file = forms.FileField(label=_("File"), max_length=255)

    def __init__(self, *args, kinds=(), accept="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(kinds)
        if accept:
            self.fields["file"].widget.attrs["accept"] = accept


class PhotoForm(forms.Form):
    """The person's photo; what it really is is checked by `speakers.photos`."""

    photo = forms.FileField(
        label=_("Your photo (PNG or JPEG)"),
        max_length=255,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,.png,.jpg,.jpeg"}),
    )
