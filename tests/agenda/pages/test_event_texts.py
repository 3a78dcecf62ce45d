"""Event texts in the page's language, or the English original marked lang="en"."""

import re

import pytest

from agenda.models import AgendaItem, Event, Outcome
from tests.support.builders import add_items, local, make_event

pytestmark = pytest.mark.django_db

# The English page's count (tests/agenda/pages/test_http.py): translated texts add no query.
EVENT_PAGE_QUERIES = 11


def _title_tag(response) -> str:
    return re.search(r'<h1 class="event-title"[^>]*>[^<]*</h1>', response.content.decode())[0]


@pytest.mark.parametrize("prefix", ["/fr", "/es"])
def test_the_seed_page_marks_the_english_texts(client, seed_event, prefix):
    url = prefix + seed_event.get_absolute_url()  # before a request activates the language
    page = client.get(url).content.decode()
    assert _title_tag(client.get(url)) == (
        f'<h1 class="event-title" lang="en">{seed_event.title}</h1>'
    )
    # An affiliation after a person's link, in English on a French or Spanish page.
    assert re.search(r'</a>, <span lang="en">Director General for Consular Affairs', page)
    assert re.search(r'<li lang="en">[^<]+</li>', page)  # the questions, the practical notes
    assert '<html lang="' + prefix[1:] + '">' in page


def test_the_english_page_marks_nothing(client, seed_event):
    page = client.get(seed_event.get_absolute_url()).content.decode()
    assert 'lang="en"' not in page.split("<main", 1)[1]


def test_a_french_title_shows_on_the_french_page_only(client, seed_event):
    Event.objects.filter(pk=seed_event.pk).update(title_fr="Migration et climat : agir ensemble")
    url = seed_event.get_absolute_url()
    assert _title_tag(client.get("/fr" + url)) == (
        '<h1 class="event-title">Migration et climat : agir ensemble</h1>'
    )
    assert _title_tag(client.get("/es" + url)) == (
        f'<h1 class="event-title" lang="en">{seed_event.title}</h1>'
    )
    assert _title_tag(client.get(url)) == f'<h1 class="event-title">{seed_event.title}</h1>'


def test_a_french_item_title_is_not_marked(client):
    event = make_event()
    first, second = add_items(event, [5, 5])
    AgendaItem.objects.filter(pk=first.pk).update(title_fr="Ouverture")
    page = client.get("/fr" + event.get_absolute_url()).content.decode()
    assert "</span> Ouverture</h3>" in page
    assert f'</span> <span lang="en">{second.title}</span></h3>' in page


@pytest.mark.parametrize("item_count", [4, 300])
def test_translated_texts_cost_no_query(client, django_assert_num_queries, item_count):
    event = make_event(start=local(2001, 1, 1, 0), end=local(2001, 1, 31, 0))
    Event.objects.filter(pk=event.pk).update(title_fr="Titre", context_fr="Contexte")
    Outcome.objects.create(event=event, summary="Outcome.", summary_fr="Résultat.")
    add_items(event, [5] * item_count, people_per_item=5)
    AgendaItem.objects.filter(event=event).update(title_fr="Point", description_fr="Texte")
    with django_assert_num_queries(EVENT_PAGE_QUERIES):
        response = client.get("/fr" + event.get_absolute_url())
    assert response.content.decode().count("</span> Point</h3>") == item_count
