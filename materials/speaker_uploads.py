"""A speaker's own slides or paper, sent through their invitation link (agenda's
`talk_uploads` hook; invitations offers the form and never names this app).

The file takes the same path as an organiser's upload: `Attachment.full_clean()`
inspects its content and refuses what is not an accepted document. It is public
at once ("slides online" without an organiser's edit); the public pages and
exports still show it only while its person is shown publicly.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from agenda.hooks import Document, TalkUploads

from . import uploads
from .exports import document_of
from .models import Attachment


def upload(participation, file, *, kind: str, title: str = "") -> Attachment:
    if kind not in Attachment.TALK_KINDS:
        raise ValueError(_("Choose slides or a paper."))
    attachment = Attachment(
        event_id=participation.agenda_item.event_id,
        participation=participation,
        kind=kind,
        title=title.strip() or _default_title(participation, kind),
        file=file,
        is_public=True,
    )
    try:
        attachment.full_clean()
    except ValidationError as error:
        raise ValueError(" ".join(error.messages)) from error
    attachment.save()
    return attachment


def listed(participation, base: str) -> list[Document]:
    rows = Attachment.objects.filter(participation=participation).select_related("participation")
    return [document_of(a, base) for a in rows]


def _default_title(participation, kind: str) -> str:
    title = participation.presentation_title or participation.person.display_name
    return (_("%(kind)s: %(title)s") % {"kind": Attachment.Kind(kind).label, "title": title})[:300]


TALK_UPLOADS = TalkUploads(
    kinds=tuple((k, Attachment.Kind(k).label) for k in Attachment.TALK_KINDS),
    accept=uploads.ACCEPT,
    upload=upload,
    listed=listed,
)
