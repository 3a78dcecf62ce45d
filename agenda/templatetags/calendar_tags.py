"""Add-to-calendar links for templates (filled in by the calendar exports work)."""

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def webcal_url(context):
    request = context["request"]
    return "webcal://" + request.get_host() + reverse("agenda:calendar_feed")


@register.simple_tag
def google_calendar_url(event):
    return ""


@register.simple_tag
def outlook_calendar_url(event):
    return ""
