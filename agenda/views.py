import hashlib

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_safe

from common.release import release_token

from . import hooks, jsonld, occasion_jsonld, occasion_selectors, preview_links, selectors


def _etag(request, version: selectors.PageVersion | None) -> str | None:
    if version is None:
        return None
    viewer = (selectors.is_staff(request.user), request.get_host(), release_token())
    return hashlib.sha256(repr(version.parts + viewer).encode()).hexdigest()[:32]


def _revalidate(request, response):
    """Browsers must ask again each time (then usually get a 304): an edit shows at once."""
    if selectors.is_staff(request.user):
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, no_cache=True)
    return response


# -- the event page -------------------------------------------------------------------------


def _event_version(request, slug):
    # One query, shared by the ETag and Last-Modified functions of a request.
    if getattr(request, "_event_version_slug", None) != slug:
        request._event_version = selectors.event_page_version(slug=slug, user=request.user)
        request._event_version_slug = slug
    return request._event_version


def _event_etag(request, slug):
    return _etag(request, _event_version(request, slug))


def _event_last_modified(request, slug):
    version = _event_version(request, slug)
    return version.last_modified if version else None


def _event_page(request, event, *, shared_preview=False):
    schedule = event.build_schedule()
    base_url = settings.EVENTSITE_BASE_URL
    data = jsonld.build(event, schedule, base_url=base_url)
    in_occasion = occasion_selectors.neighbours(event)
    # Before the blocks: the app filling it may keep what it read for its own block.
    talk_documents = hooks.documents_by_talk(event, base_url)
    if in_occasion is not None:
        data["superEvent"] = occasion_jsonld.super_event(in_occasion.occasion, base_url=base_url)
    # A shared preview is read-only: no other app's blocks (a registration form, say).
    blocks = (
        {}
        if shared_preview
        else {
            "page_blocks": hooks.page_blocks(request, event),
            "page_actions": hooks.page_actions(request, event),
            "top_blocks": hooks.page_blocks(request, event, place="top"),
            "main_blocks": hooks.page_blocks(request, event, place="main"),
        }
    )
    return render(
        request,
        "agenda/event_detail.html",
        {
            "event": event,
            "schedule": schedule,
            "is_past": event.is_past(),
            "outcome": getattr(event, "outcome", None),
            "is_preview": not event.is_public,
            "shared_preview": shared_preview,
            "canonical_url": base_url + event.get_absolute_url(),
            "description": jsonld.description_of(event, limit=200),
            "jsonld": jsonld.as_script_content(data),
            "in_occasion": in_occasion,
            "talk_documents": talk_documents,
            **blocks,
        },
    )


@require_safe
@condition(etag_func=_event_etag, last_modified_func=_event_last_modified)
def event_detail(request, slug):
    event = selectors.event_for_page(slug=slug, user=request.user)
    return _revalidate(request, _event_page(request, event))


# -- a draft's shareable preview -------------------------------------------------------------


def _preview_refused(request, status, reason):
    response = render(request, "agenda/preview_refused.html", {"reason": reason}, status=status)
    response["X-Robots-Tag"] = "noindex"
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def event_preview(request, token):
    """A draft's page for whoever holds a signed link (agenda.preview_links), never cached."""
    try:
        pk, key = preview_links.read(token)
    except preview_links.Expired:
        return _preview_refused(request, 410, "expired")
    except preview_links.Invalid:
        return _preview_refused(request, 403, "invalid")
    try:
        event = selectors.event_for_preview(pk=pk)
    except Http404:
        return _preview_refused(request, 404, "gone")
    if not preview_links.matches(event, key):
        return _preview_refused(request, 403, "withdrawn")
    if event.is_public:
        return redirect(event.get_absolute_url())
    response = _event_page(request, event, shared_preview=True)
    response["X-Robots-Tag"] = "noindex"
    patch_cache_control(response, private=True, no_store=True)
    return response


# -- the list -----------------------------------------------------------------------------


def _list_etag(request):
    if not hasattr(request, "_list_version"):
        request._list_version = selectors.event_list_version()
    return _etag(request, request._list_version)


@require_safe
@condition(etag_func=_list_etag)
def event_list(request):
    upcoming, past = selectors.listed_events()
    response = render(
        request,
        "agenda/event_list.html",
        {
            "upcoming": upcoming,
            "past": past,
            "canonical_url": settings.EVENTSITE_BASE_URL + reverse("agenda:event_list"),
        },
    )
    return _revalidate(request, response)


# -- robots.txt, favicon ------------------------------------------------------------------


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Allow: /", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the static file."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))
