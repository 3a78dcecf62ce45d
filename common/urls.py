"""`reverse()` remembered on a model instance: a page or an export asks for the same
object's URL many times (the agenda, JSON-LD, one line per item), at ~25 µs a call."""

from django.urls import get_script_prefix, get_urlconf, reverse


def remembered_reverse(instance, viewname: str, **kwargs) -> str:
    """reverse(viewname, kwargs=…), kept on `instance` for these arguments and the URLconf."""
    key = (viewname, tuple(sorted(kwargs.items())), get_script_prefix(), get_urlconf())
    remembered = instance.__dict__.get("_remembered_url")
    if remembered is None or remembered[0] != key:
        remembered = (key, reverse(viewname, kwargs=kwargs))
        instance._remembered_url = remembered
    return remembered[1]
