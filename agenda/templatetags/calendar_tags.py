"""Add-to-calendar links for templates.

    {% load calendar_tags %}
    <a href="{% google_calendar_url event %}">Google Calendar</a>
    <a href="{% outlook_calendar_url event %}">Outlook</a>
    <a href="{% webcal_url %}">Subscribe</a>

The links are built in `agenda.calendar_links`; times in them are UTC. The
event's address in them is on the request's own host, like the .ics links
(`agenda.site_urls.request_base`).
"""

from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import reverse

from agenda import calendar_links, site_urls

register = template.Library()


@register.simple_tag(takes_context=True)
def webcal_url(context, path: str = ""):
    """webcal:// link to the subscription feed (/calendar.ics, or `path`) on this host."""
    request = context.get("request")
    host = (
        request.get_host() if request is not None else urlsplit(settings.EVENTSITE_BASE_URL).netloc
    )
    return "webcal://" + host + (path or reverse("agenda:calendar_feed"))


@register.simple_tag(takes_context=True)
def google_calendar_url(context, event):
    base_url = site_urls.request_base(context.get("request"))
    return calendar_links.google_calendar_url(event, base_url=base_url)


@register.simple_tag(takes_context=True)
def outlook_calendar_url(context, event):
    base_url = site_urls.request_base(context.get("request"))
    return calendar_links.outlook_calendar_url(event, base_url=base_url)
