"""common/urls.py: the filled-in slug path is what reverse() gives."""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from common.urls import remembered_reverse


class Thing:
    pass


@pytest.mark.parametrize("viewname", ["speakers:detail", "agenda:event_detail"])
@pytest.mark.parametrize("slug", ["a", "mehmet-samsar", "Event_2030-x", "9"])
def test_a_slug_url_is_what_reverse_gives(viewname, slug):
    assert remembered_reverse(Thing(), viewname, slug=slug) == reverse(
        viewname, kwargs={"slug": slug}
    )


def test_a_slug_the_url_does_not_take_is_refused_as_reverse_refuses_it():
    with pytest.raises(NoReverseMatch):
        remembered_reverse(Thing(), "speakers:detail", slug="naïve")


def test_other_arguments_are_reversed_and_kept_on_the_instance():
    thing = Thing()
    url = remembered_reverse(
        thing, "agenda:item_ics", slug="e", uid="0" * 8 + "-0000-0000-0000-" + "0" * 12
    )
    assert url == thing._remembered_url[1]
    assert url.endswith(".ics")


@pytest.mark.parametrize("language", ["fr", "es"])
def test_a_slug_url_is_in_the_active_language_whichever_was_asked_first(language):
    """The French page links /fr/speakers/…, even after an English page was rendered."""
    assert remembered_reverse(Thing(), "speakers:detail", slug="a") == "/speakers/a/"
    with translation.override(language):
        url = remembered_reverse(Thing(), "speakers:detail", slug="a")
    assert url == f"/{language}/speakers/a/"


def test_an_instances_remembered_url_follows_the_language():
    thing, uid = Thing(), "0" * 8 + "-0000-0000-0000-" + "0" * 12
    english = remembered_reverse(thing, "agenda:item_ics", slug="e", uid=uid)
    with translation.override("fr"):
        french = remembered_reverse(thing, "agenda:item_ics", slug="e", uid=uid)
    assert (english, french) == (f"/events/e/items/{uid}.ics", f"/fr/events/e/items/{uid}.ics")


@pytest.mark.parametrize("viewname", ["speakers:detail", "agenda:event_detail", "agenda:item_ics"])
def test_each_language_gets_its_own_prefix_whichever_came_first(viewname):
    """i18n_patterns: /fr/… under French, unprefixed English, whatever was asked before."""
    kwargs = {"slug": "panel"}
    if viewname == "agenda:item_ics":
        kwargs["uid"] = "0" * 8 + "-0000-0000-0000-" + "0" * 12
    thing = Thing()
    found = {}
    for language in ("fr", "en", "es", "fr"):
        with translation.override(language):
            found.setdefault(language, []).append(remembered_reverse(thing, viewname, **kwargs))
    english = reverse(viewname, kwargs=kwargs)
    assert not english.startswith(("/fr/", "/es/"))
    assert found == {"fr": ["/fr" + english] * 2, "en": [english], "es": ["/es" + english]}
