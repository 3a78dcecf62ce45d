import functools
import html
import uuid

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext, pgettext_lazy

from agenda import richtext, summary, text_languages, timefmt
from agenda.schedule import roman as to_roman

register = template.Library()


@register.simple_tag
def text_lang(obj, field_name):
    """` lang="en"` on an element whose text is not in the page's language (its
    translation is missing, or the text has none); nothing when it is."""
    language = text_languages.language_of(obj, field_name)
    if language == (get_language() or language):
        return ""
    return mark_safe(_html(' lang="{}"', language))


@register.filter
def event_clock(moment, event):
    """{{ slot.start|event_clock:event }} → 13:15"""
    return timefmt.clock(moment, event.zone)


@register.filter
def event_clock_labelled(moment, event):
    """{{ slot.start|event_clock_labelled:event }} → 13:15 CEST (UTC+2)"""
    return timefmt.clock_labelled(moment, event.zone)


@register.filter
def event_date(moment, event):
    return timefmt.long_date(moment, event.zone)


@register.simple_tag
def event_time_slot(event):
    return timefmt.time_slot(event.start, event.end, event.zone)


def _escaped(value) -> str:
    """conditional_escape() without its lazy-string wrapper and SafeString: the same text."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _html(template: str, *args) -> str:
    """format_html() for the agenda's rows, written hundreds of times a page (~8× faster):
    the same escaping, returned as a plain str that the caller marks safe once."""
    return template.format(*[_escaped(arg) for arg in args])


def _time_element(moment, zone, text, *, local_format: str = ""):
    """<time datetime="2017-09-04T13:15:00+02:00">13:15</time>.

    `local_format` ("time" or "datetime") marks it for the viewer's-time-zone script.
    """
    iso = moment.astimezone(zone).isoformat()
    if local_format:
        return mark_safe(
            _html('<time datetime="{}" data-local="{}">{}</time>', iso, local_format, text)
        )
    return mark_safe(_html('<time datetime="{}">{}</time>', iso, text))


@register.simple_tag
def event_time_slot_html(event, local: bool = False):
    """The labelled slot with each end in a <time datetime> element."""
    zone = event.zone

    def mark(moment, text):
        return _time_element(moment, zone, text, local_format="datetime" if local else "")

    # The parts between the marks are our own labels (dates, zone names), not input.
    return mark_safe(timefmt.time_slot(event.start, event.end, zone, mark=mark))


@register.simple_tag
def event_clock_html(moment, event, local: bool = False):
    """<time datetime=…>13:15</time> in the event's zone."""
    return _time_element(
        moment, event.zone, timefmt.clock(moment, event.zone), local_format="time" if local else ""
    )


@register.simple_tag
def event_date_html(moment, event):
    return _time_element(moment, event.zone, timefmt.long_date(moment, event.zone))


@register.simple_tag
def event_zone_label(event):
    """'CEST (UTC+2)' at the event's start."""
    return timefmt.zone_label(event.start, event.zone)


@register.filter
def roman(number):
    return to_roman(int(number))


@register.filter
def minutes_label(minutes):
    return summary.minutes_label(minutes)


@register.filter
def markdown(text):
    """Organiser text (Markdown) as sanitised HTML."""
    return richtext.to_html(text or "")


# The heading of a group of people, singular or plural, in the active language.
ROLE_LABELS = {
    "speaker": lambda count: ngettext("Speaker", "Speakers", count),
    "panelist": lambda count: ngettext("Panelist", "Panelists", count),
    "moderator": lambda count: ngettext("Moderator", "Moderators", count),
    "chair": lambda count: ngettext("Chair", "Chairs", count),
}


@register.simple_tag
def role_groups(item):
    """[(label, [participation, …]), …] in the item's order: 'Moderator', 'Panelists'."""
    groups = []
    for role, participations in item.participations_by_role().items():
        label = ROLE_LABELS[role](len(participations)) if role in ROLE_LABELS else role.title()
        groups.append((label, participations))
    return groups


def _document_entry(document) -> str:
    rel = "" if document.content_type else ' rel="noopener noreferrer"'
    details = (
        _html(' <span class="document-details">({})</span>', document.description)
        if document.description
        else ""
    )
    link = _html('<a href="{}"', document.url) + rel + _html(">{}</a>", document.title)
    return "<li>" + link + details + "</li>"


def _person_entry(participation, documents) -> str:
    person = participation.person
    name = person.display_name
    parts = ["<dd>"]
    # As {% if not p.photo_withheld %} read it: no annotation, no refusal.
    if person.photo and not getattr(participation, "photo_withheld", False):
        parts.append(
            _html(
                '<img class="person-photo-small rounded me-2" src="{}" alt="{}" width="48"'
                ' height="48" loading="lazy">',
                person.photo.url,
                name,
            )
        )
    parts.append(_html('<a href="{}">{}</a>', person.get_absolute_url(), name))
    affiliation = person.affiliation
    if affiliation:
        lang = text_lang(person, "position")
        if lang:
            parts.append(_html(", <span{}>{}</span>", lang, affiliation))
        else:
            parts.append(_html(", {}", affiliation))
    if participation.presentation_title:
        parts.append(
            _html(
                '<span class="talk-title"{}>“{}”</span>',
                text_lang(participation, "presentation_title"),
                participation.presentation_title,
            )
        )
    if participation.to_be_confirmed:
        parts.append(
            _html(
                ' <span class="badge text-bg-light to-be-confirmed">{}</span>',
                gettext("to be confirmed"),
            )
        )
    if documents:
        parts.append(' <ul class="talk-documents list-unstyled small mb-0">')
        parts += [_document_entry(document) for document in documents]
        parts.append("</ul>")
    parts.append("</dd>")
    return "".join(parts)


@register.simple_tag
def agenda_people(item, talk_documents):
    """An item's people on the event page: a <dl> (site.css: `.agenda dl`), a <dt> a role and a
    <dd> a person with their affiliation, talk title and documents; "" when nobody.

    Written here, not in the template: a 200-item agenda names 400 people, and the
    template language spent a third of the page's render time on their ten-odd
    lookups each."""
    groups = role_groups(item)
    if not groups:
        return ""
    by_talk = talk_documents or {}
    parts = ["<dl>"]
    for label, participations in groups:
        parts.append(_html("<dt>{}</dt>", label))
        parts += [_person_entry(p, by_talk.get(p.pk)) for p in participations]
    parts.append("</dl>")
    return mark_safe("".join(parts))  # safe: every value went through _html()


_UID_PLACEHOLDER = str(uuid.UUID(int=0))


@functools.lru_cache(maxsize=64)
def _item_ics_path(slug: str, language, prefix: str, urlconf, root_urlconf: str) -> tuple[str, str]:
    """The path around an item's uid, e.g. ("/fr/events/x/items/", ".ics")."""
    path = reverse("agenda:item_ics", kwargs={"slug": slug, "uid": _UID_PLACEHOLDER})
    before, after = path.split(_UID_PLACEHOLDER)
    return before, after


@register.simple_tag(takes_context=True)
def item_ics_url(context, event, item):
    """{% url 'agenda:item_ics' slug=event.slug uid=item.uid %}, reversed once per event
    and language rather than once per row (~25 µs each, 200 rows).

    On the event's own page, whose path the items' .ics paths continue
    ("/fr/events/x/" and "/fr/events/x/items/…"), the link is relative to it
    ("items/….ics"): the same address, without the path 200 rows repeated. Any
    other page (a shared preview) gets the whole path."""
    before, after = _item_ics_path(
        event.slug, get_language(), get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF
    )
    request = context.get("request")
    page = request.path if request is not None else ""
    if page.endswith("/") and before.startswith(page):
        before = before[len(page) :]
    return before + str(item.uid) + after


@register.simple_tag
def map_url(event):
    """An OpenStreetMap link from the coordinates (no embedded third-party map)."""
    if event.latitude is None or event.longitude is None:
        return ""
    lat, lon = f"{event.latitude:.6f}", f"{event.longitude:.6f}"
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


def _and_join(parts):
    parts = [conditional_escape(p) for p in parts]
    if len(parts) <= 1:
        return mark_safe("".join(parts))  # safe: escaped above
    # Translators: joins the last two names of a list: "A, B and C".
    conjunction = conditional_escape(gettext(" and "))
    return mark_safe(", ".join(parts[:-1]) + conjunction + parts[-1])


def _organisation_link(event_organisation):
    url = event_organisation.organisation.url
    if url:
        return format_html('<a href="{}">{}</a>', url, event_organisation.name)
    return event_organisation.name


ORGANISATION_PHRASES = {
    "organiser": pgettext_lazy("organisations line", "organised by"),
    "co-host": pgettext_lazy("organisations line", "co-hosted by"),
    "supporter": pgettext_lazy("organisations line", "with the support of"),
}


@register.simple_tag
def organisations_line(event):
    """'Organised by A, co-hosted by B and C, with the support of D.' from the event's roles."""
    by_role: dict[str, list] = {}
    for eo in event.event_organisations.all():
        by_role.setdefault(eo.role, []).append(_organisation_link(eo))
    phrases = [
        (role, words)
        for role, words in (
            ("organiser", ORGANISATION_PHRASES["organiser"]),
            ("co-host", ORGANISATION_PHRASES["co-host"]),
            ("supporter", ORGANISATION_PHRASES["supporter"]),
        )
        if by_role.get(role)
    ]
    if not phrases:
        return ""
    sentence = ", ".join(
        format_html("{} {}", words, _and_join(by_role[role])) for role, words in phrases
    )
    return mark_safe(sentence[0].upper() + sentence[1:] + ".")  # safe: parts escaped
