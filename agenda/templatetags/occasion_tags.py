"""Time labels for the occasion pages (agenda/timetable.py words them)."""

from django import template

from agenda import timefmt, timetable

register = template.Library()


@register.filter
def span_in(entry, zone):
    """'13:15–14:45 CEST (UTC+2)'."""
    return timetable.span_label(entry, zone)


@register.filter
def clock_in(moment, zone):
    return timefmt.clock(moment, zone)


@register.filter
def day_label(day):
    return timetable.day_label(day)
