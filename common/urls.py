"""`reverse()` for the URLs pages and exports ask for many times (the agenda, JSON-LD,
one line per item), at ~25 µs a call.

`remembered_reverse()` keeps an object's URL on the instance; a URL that takes only
a `slug` is reversed once per view name (and URLconf and script prefix) and then
filled in, since each participation loads its own copy of a person and a
200-item agenda asks for hundreds of different people's URLs. Both are kept per
active language: under i18n_patterns a French page's links start with /fr/.
"""

import functools
import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# What the slug converter matches: such a slug is written into the path as it is.
_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_PLACEHOLDER = "zz-slug-placeholder-zz"


def remembered_reverse(instance, viewname: str, **kwargs) -> str:
    """reverse(viewname, kwargs=…), kept on `instance` for these arguments and the URLconf."""
    if kwargs.keys() == {"slug"} and _PLAIN_SLUG.fullmatch(kwargs["slug"]):
        parts = _slug_path(
            viewname, get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF, get_language()
        )
        if parts is not None:
            return parts[0] + kwargs["slug"] + parts[1]
    key = (
        viewname,
        tuple(sorted(kwargs.items())),
        get_script_prefix(),
        get_urlconf(),
        get_language(),
    )
    remembered = instance.__dict__.get("_remembered_url")
    if remembered is None or remembered[0] != key:
        remembered = (key, reverse(viewname, kwargs=kwargs))
        instance._remembered_url = remembered
    return remembered[1]


@functools.lru_cache(maxsize=64)
def _slug_path(
    viewname: str, prefix: str, urlconf, root_urlconf: str, language: str | None
) -> tuple[str, str] | None:
    """The path around the slug, e.g. ("/speakers/", "/"); None if it is not that simple."""
    parts = reverse(viewname, kwargs={"slug": _PLACEHOLDER}).split(_PLACEHOLDER)
    return (parts[0], parts[1]) if len(parts) == 2 else None
