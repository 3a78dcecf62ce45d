"""The page in each of the site's languages: for the switcher and the hreflang links.

English pages keep their unprefixed URLs; French and Spanish ones are the same
path under /fr/ and /es/ (`i18n_patterns` in eventsite/urls.py). The switcher is
a list of plain links to the same page in the other language: no form, so no
CSRF token, and a cached page stays cacheable.
"""

from dataclasses import dataclass

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import translate_url
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # the language's own name: "Français", "Español"
    path: str
    url: str  # absolute, for <link rel="alternate" hreflang>
    is_current: bool


def language_links(path: str, current: str | None) -> list[LanguageLink]:
    """The same page in every language of LANGUAGES, in their order."""
    base = settings.EVENTSITE_BASE_URL
    links = []
    for code, name in settings.LANGUAGES:
        translated = translate_url(path, code)
        links.append(LanguageLink(code, name, translated, base + translated, code == current))
    return links


def languages(request):
    """Context processor: `language_links` for base.html, computed only when shown."""
    return {
        "language_links": SimpleLazyObject(
            lambda: language_links(request.get_full_path(), get_language())
        ),
    }


class URLLanguageMiddleware(LocaleMiddleware):
    """The language is the URL's: /fr/… French, /es/… Spanish, anything else English.

    Never the Accept-Language header or a cookie, so a page's bytes depend on its
    URL alone: caches (common.caching, common.hits) need no `Vary: Accept-Language`,
    which Django's LocaleMiddleware adds to every unprefixed page.
    """

    def process_request(self, request):
        language = translation.get_language_from_path(request.path_info)
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
