"""Where other apps plug into agenda, so that agenda never names them.

An app that builds on agenda (registrations, and later ones) registers, from its
`AppConfig.ready()`:

- `event_admin_inline(InlineClass)`: an extra inline on the event's admin page,
  after agenda's own, in registration order;
- `event_saved_redirect(func)`: `func(request, event) -> url | None`, asked after
  an organiser saves an event; the first URL returned replaces the usual
  redirect (registrations sends organisers to the notices waiting for them);
- `event_page_block(template_name, context=func, place="side")`: a block on the
  public event page, rendered in registration order with `event` and `extra`
  (what `func(request, event)` returns, `{}` without one). `place` is "side"
  (the side column), "top" (above the header, for notices) or "main" (the main
  column, after the outcome).
- `event_page_action(template_name, context=func)`: a compact control beside
  "Add to calendar" at the top of an upcoming event's page (the first screen
  on a phone), rendered the same way.
- `event_admin_link(func)`: `func(request, event) -> (label, url) | None`, a link
  among the tools at the top of the event's admin page (the run of show offers
  its timekeeper there);
- `team_page_link(func)`: `func(request) -> (label, url) | None`, a link among the
  tools at the top of the team page (accounts offers "Invite a colleague" there);
- `publish_check(func)`: `func(event) -> list[str]`, advisories for the checklist
  shown before publishing (agenda/publishing.py), e.g. "no registration settings".
- `event_documents(func)`: `func(event, base) -> list[Document]` (`base`: the
  site's address), public documents the event page lists under their talk and
  the exports name: ATTACH in the .ics (the event's own, `item_pk=None`, on the
  event; a talk's on its item) and `attachments`/`links` in schedule.xml/json;
- `talk_uploads(TalkUploads(...))`: how a speaker adds a document to their own talk
  through their invitation link (materials fills it, invitations offers it, neither
  names the other): `kinds` the (value, label) choices, `accept` the file input's
  filter, `upload(participation, file, kind=, title=)` storing it or raising
  `ValueError` with a message for the person, `listed(participation, base)` the
  `Document`s of that talk so far (public or not);
- `interchange_section(key, export=func, load=func)`: a top-level key of the event
  file (agenda/interchange.py); `export(event) -> value | None` (None: left out),
  `load(event, value, where)` inside the import's transaction, raising
  `ValueError` with a message that names the place.

The registry is filled once at start-up and only read afterwards.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

_admin_inlines: list[type] = []
_saved_redirects: list[Callable] = []
_page_blocks: list["PageBlock"] = []
_page_actions: list["PageBlock"] = []
_publish_checks: list[Callable] = []
_admin_links: list[Callable] = []
_team_links: list[Callable] = []
_documents: list[Callable] = []
_interchange: dict[str, tuple[Callable, Callable]] = {}
_talk_uploads: list["TalkUploads"] = []


@dataclass(frozen=True)
class PageBlock:
    template_name: str
    context: Callable | None = None
    place: str = "side"


@dataclass(frozen=True)
class Document:
    """A public document as the exports name it; `url` is absolute."""

    title: str
    url: str
    content_type: str = ""  # "" for an external link
    item_pk: int | None = None  # the agenda item of a talk's document
    participation_pk: int | None = None
    description: str = ""  # "Slides, PDF, 1.2 MB"
    kind: str = ""  # "slides", "paper", "concept_note"…


@dataclass(frozen=True)
class TalkUploads:
    kinds: tuple[tuple[str, object], ...]  # labels may be lazy translations
    accept: str
    upload: Callable
    listed: Callable


@dataclass(frozen=True)
class RenderedBlock:
    template_name: str
    context: dict = field(default_factory=dict)


def event_admin_inline(inline: type) -> type:
    if inline not in _admin_inlines:
        _admin_inlines.append(inline)
    return inline


def event_saved_redirect(func: Callable) -> Callable:
    if func not in _saved_redirects:
        _saved_redirects.append(func)
    return func


PLACES = ("side", "top", "main")


def event_page_block(
    template_name: str, context: Callable | None = None, place: str = "side"
) -> None:
    if place not in PLACES:
        raise ValueError(f"place must be one of {PLACES}")
    block = PageBlock(template_name, context, place)
    if block not in _page_blocks:
        _page_blocks.append(block)


def event_page_action(template_name: str, context: Callable | None = None) -> None:
    action = PageBlock(template_name, context)
    if action not in _page_actions:
        _page_actions.append(action)


def event_admin_link(func: Callable) -> Callable:
    if func not in _admin_links:
        _admin_links.append(func)
    return func


def admin_links(request, event) -> list[tuple[str, str]]:
    """The (label, url) pairs offered for `event`, in registration order."""
    return [link for func in _admin_links if (link := func(request, event))]


def team_page_link(func: Callable) -> Callable:
    if func not in _team_links:
        _team_links.append(func)
    return func


def team_links(request) -> list[tuple[str, str]]:
    """The (label, url) pairs offered on the team page, in registration order."""
    return [link for func in _team_links if (link := func(request))]


def publish_check(func: Callable) -> Callable:
    if func not in _publish_checks:
        _publish_checks.append(func)
    return func


def publish_advisories(event) -> list[str]:
    return [message for func in _publish_checks for message in func(event)]


def admin_inlines() -> list[type]:
    return list(_admin_inlines)


def redirect_after_save(request, event) -> str | None:
    for func in _saved_redirects:
        url = func(request, event)
        if url:
            return url
    return None


def page_blocks(request, event, place: str = "side") -> list[RenderedBlock]:
    return _rendered([b for b in _page_blocks if b.place == place], request, event)


def page_actions(request, event) -> list[RenderedBlock]:
    return _rendered(_page_actions, request, event)


def _rendered(blocks: list[PageBlock], request, event) -> list[RenderedBlock]:
    return [
        RenderedBlock(b.template_name, b.context(request, event) if b.context else {})
        for b in blocks
    ]


def event_documents(func: Callable) -> Callable:
    if func not in _documents:
        _documents.append(func)
    return func


def documents(event, base: str) -> list[Document]:
    return [document for func in _documents for document in func(event, base)]


def documents_by_talk(event, base: str) -> dict[int, list[Document]]:
    """A talk's documents by the pk of its participation, for the event page."""
    by_talk: dict[int, list[Document]] = {}
    for document in documents(event, base):
        if document.participation_pk is not None:
            by_talk.setdefault(document.participation_pk, []).append(document)
    return by_talk


def documents_by_item(event, base: str) -> dict[int, list[Document]]:
    """The talks' documents by the pk of their agenda item, for the exports."""
    by_item: dict[int, list[Document]] = {}
    for document in documents(event, base):
        if document.item_pk is not None:
            by_item.setdefault(document.item_pk, []).append(document)
    return by_item


def interchange_section(key: str, export: Callable, load: Callable) -> None:
    _interchange[key] = (export, load)


def interchange_sections() -> dict[str, tuple[Callable, Callable]]:
    return dict(_interchange)


def talk_uploads(uploads: TalkUploads) -> None:
    """Register the one way speakers upload their talk's documents (the last one wins)."""
    _talk_uploads[:] = [uploads]


def talk_upload() -> TalkUploads | None:
    """What the invitation link page offers for uploads; None when no app fills it."""
    return _talk_uploads[0] if _talk_uploads else None
