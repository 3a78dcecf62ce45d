from django import template

from registrations import selectors

register = template.Library()


@register.simple_tag
def registration_availability(event):
    """{% registration_availability event as availability %}: state and seats, one query."""
    return selectors.availability(event)
