from django import template

from registrations import selectors

register = template.Library()


@register.simple_tag
def registration_availability(event):
    """{% registration_availability event as availability %}: state and seats, one
    query per event object, however many templates on the page ask."""
    if "_registration_availability" not in event.__dict__:
        event.__dict__["_registration_availability"] = selectors.availability(event)
    return event.__dict__["_registration_availability"]
