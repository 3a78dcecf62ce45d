from django import template

from agenda import timefmt
from agenda.schedule import roman as to_roman

register = template.Library()


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


@register.filter
def roman(number):
    return to_roman(int(number))


@register.filter
def minutes_label(minutes):
    return f"{minutes} minute{'' if minutes == 1 else 's'}"
