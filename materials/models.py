"""Attachments: a document of an event (concept note, flyer, programme, report,
other) or of a participation (slides, paper), as an uploaded file or an
external link — exactly one, except a report known only by its citation.

Uploads are checked by `uploads.inspect()` in `clean()`; the stored name is a
random token (`names.stored_name`), the name offered on download is the
sanitised original (`download_name`), and `content_type` and `size` are the
ones found, never the browser's.
"""

from __future__ import annotations

import uuid

from django.conf import global_settings, settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agenda.models import Event, Participation
from common.single_line import single_line_constraint, validate_single_line

from . import names, uploads
from .citation import Citation

EVENT_KINDS = ("concept_note", "flyer", "programme", "report", "other")
TALK_KINDS = ("slides", "paper")


def _storage():
    # Its own storage, never MEDIA_URL: every download goes through the view that checks access.
    return storages["documents"]


def _stored_name(instance: Attachment, filename: str) -> str:
    if instance.file_type is None:
        raise ValueError("An upload is stored only after full_clean() has inspected it.")
    return names.stored_name(instance.file_type.extension)


class AttachmentQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def of_event(self):
        return self.filter(participation__isnull=True)

    def of_talks(self):
        return self.filter(participation__isnull=False)


class Attachment(models.Model):
    class Kind(models.TextChoices):
        CONCEPT_NOTE = "concept_note", _("Concept note")
        FLYER = "flyer", _("Flyer")
        PROGRAMME = "programme", _("Programme")
        REPORT = "report", _("Report")
        OTHER = "other", _("Other document")
        SLIDES = "slides", _("Slides")
        PAPER = "paper", _("Paper")

    EVENT_KINDS = EVENT_KINDS
    TALK_KINDS = TALK_KINDS

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attachments")
    participation = models.ForeignKey(
        Participation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("talk"),
        help_text=_("For slides and papers: the person's part in the agenda."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300, validators=[validate_single_line])
    language = models.CharField(
        _("language"), max_length=10, choices=global_settings.LANGUAGES, default="en"
    )
    file = models.FileField(
        _("file"), upload_to=_stored_name, storage=_storage, blank=True, max_length=200
    )
    link = models.URLField(_("external link"), blank=True, max_length=500)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Private documents only organisers can open.")
    )
    file_name = models.CharField(_("file name"), max_length=120, blank=True, editable=False)
    content_type = models.CharField(max_length=100, blank=True, editable=False)
    size = models.PositiveBigIntegerField(default=0, editable=False)
    position = models.PositiveIntegerField(default=0, db_index=True)
    # A report's citation, formatted by citation.Citation from these.
    editors = models.CharField(
        _("editors"),
        max_length=300,
        blank=True,
        validators=[validate_single_line],
        help_text=_("“Family name, Initial.”; several separated by “;”."),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    publisher = models.CharField(
        _("publisher"), max_length=200, blank=True, validators=[validate_single_line]
    )
    place = models.CharField(
        _("place of publication"), max_length=120, blank=True, validators=[validate_single_line]
    )

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(link=""))
                | (~Q(file="") & Q(link=""))
                | Q(file="", link="", kind="report"),
                name="attachment_file_or_link",
            ),
            models.CheckConstraint(
                condition=Q(participation__isnull=True, kind__in=EVENT_KINDS)
                | Q(participation__isnull=False, kind__in=TALK_KINDS),
                name="attachment_kind_matches_owner",
            ),
            single_line_constraint("title", "attachment_title_single_line"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        """Where the document is read: the download view, or the external link."""
        if self.file:
            return reverse("materials:download", kwargs={"uid": self.uid, "name": self.file_name})
        return self.link

    def clean(self):
        errors = {}
        has_file, has_link = bool(self.file), bool(self.link)
        if has_file and has_link:
            errors["link"] = _("Give a file or an external link, not both.")
        elif not has_file and not has_link and self.kind != self.Kind.REPORT:
            errors["file"] = _("Upload a file or give an external link.")
        if self.participation_id is None and self.kind in self.TALK_KINDS:
            errors["participation"] = _("Slides and papers belong to a talk: choose whose.")
        if self.participation_id is not None and self.kind in self.EVENT_KINDS:
            errors["kind"] = _("A talk's document is slides or a paper.")
        if (
            self.participation_id is not None
            and self.event_id is not None
            and self.participation.agenda_item.event_id != self.event_id
        ):
            errors["participation"] = _("This talk belongs to another event.")
        if has_file and not self.file._committed and "file" not in errors:  # a new upload
            try:
                self._take_upload(self.file.file)
            except uploads.Refused as refused:
                errors["file"] = str(refused)
        if errors:
            raise ValidationError(errors)

    def _take_upload(self, upload: File) -> None:
        found = uploads.inspect(upload, upload.name or "", settings.EVENTSITE_MAX_UPLOAD_BYTES)
        self.file_name = names.download_name(upload.name or "", found.extension)
        self.content_type = found.content_type
        self.size = upload.size or 0

    @property
    def file_type(self) -> uploads.FileType | None:
        return uploads.BY_CONTENT_TYPE.get(self.content_type)

    @property
    def description(self) -> str:
        """“PDF, 1.2 MB”, or "" for a link or a report without a file."""
        if not self.file or self.file_type is None:
            return ""
        return f"{self.file_type.label}, {uploads.human_size(self.size)}"

    @property
    def citation(self) -> Citation | None:
        if self.kind != self.Kind.REPORT or not (self.editors or self.publisher):
            return None
        return Citation(self.editors, self.year, self.title, self.publisher, self.place)

    @property
    def is_available(self) -> bool:
        return bool(self.file or self.link)

    def shown_now(self) -> bool:
        """A report is shown once the event is over."""
        return self.kind != self.Kind.REPORT or self.event.end <= timezone.now()
