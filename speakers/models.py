"""People and organisations: who speaks and for whom. Knows nothing of events;
the `agenda` app says where a person appears (`agenda.selectors.public_people`)."""

from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.single_line import (
    single_line_constraint,
    translated_single_line_constraints,
    validate_single_line,
)
from common.urls import remembered_reverse


def derive_slug(model, text: str, fallback: str) -> str:
    """A web address from a name: 'Jørgen Carling' -> 'jorgen-carling', then -2, -3 …
    while another row of `model` has it."""
    base = slugify(text.replace("ø", "o").replace("Ø", "O"))[:190] or fallback
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


class Organisation(models.Model):
    name = models.CharField(max_length=300, unique=True, validators=[validate_single_line])
    acronym = models.CharField(max_length=40, blank=True, validators=[validate_single_line])
    url = models.URLField(_("website"), blank=True)
    # Its calendar feed's address; derived from the name when left empty.
    slug = models.SlugField(
        _("web address"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Its calendar's address: /organisations/<slug>/calendar.ics."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="organisation_name_not_empty"),
            models.CheckConstraint(condition=~Q(slug=""), name="organisation_slug_not_empty"),
            single_line_constraint("name", "organisation_name_single_line"),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def save(self, *args, **kwargs):
        self._derive_slug()
        super().save(*args, **kwargs)

    def clean(self):
        # Before the constraints are checked: an empty address is derived, not refused.
        self._derive_slug()

    def _derive_slug(self) -> None:
        if not self.slug and self.name:
            self.slug = derive_slug(Organisation, self.name, "organisation")

    @property
    def short_name(self) -> str:
        return self.acronym or self.name


class Person(models.Model):
    honorific = models.CharField(
        validators=[validate_single_line],
        max_length=60,
        blank=True,
        help_text=_("Rank or title as printed: Ambassador, Ms., Dr …"),
    )
    full_name = models.CharField(max_length=200, validators=[validate_single_line])
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=False)
    position = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Job title and unit."),
        validators=[validate_single_line],
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
        help_text=_("Affiliation."),
    )
    bio = models.TextField(blank=True)
    photo = models.ImageField(upload_to="people/", blank=True)
    email = models.EmailField(blank=True, help_text=_("Private: organisers only, never published."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["full_name"]
        verbose_name_plural = "people"
        constraints = [
            models.CheckConstraint(condition=~Q(full_name=""), name="person_name_not_empty"),
            single_line_constraint("full_name", "person_name_single_line"),
            single_line_constraint("honorific", "person_honorific_single_line"),
            single_line_constraint("position", "person_position_single_line"),
            *translated_single_line_constraints("position", "person_position"),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return remembered_reverse(self, "speakers:detail", slug=self.slug)

    @property
    def display_name(self) -> str:
        return f"{self.honorific} {self.full_name}".strip()

    @property
    def affiliation(self) -> str:
        """Position and organisation as one line, e.g. 'Head of …, IOM'."""
        parts = [self.position] if self.position else []
        if self.organisation_id:
            parts.append(str(self.organisation))
        return ", ".join(parts)
