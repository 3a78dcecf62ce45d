"""The event page in French and Spanish: the interface, dates, and unchanged query counts."""

import pytest

from agenda.models import Outcome
from tests.support.builders import add_items, local, make_event, translate
from tests.support.pages import page_text

pytestmark = pytest.mark.django_db

# The English page's count (tests/agenda/pages/test_http.py): translation adds no query.
EVENT_PAGE_QUERIES = 11


@pytest.mark.parametrize("prefix", ["", "/fr", "/es"])
@pytest.mark.parametrize("item_count", [4, 300])
def test_translated_page_queries_are_constant(
    client, django_assert_num_queries, prefix, item_count
):
    event = make_event(start=local(2001, 1, 1, 0), end=local(2001, 1, 31, 0))
    Outcome.objects.create(event=event, summary="Ce qui en est sorti.").recommendations.create(
        text="Faire mieux."
    )
    add_items(event, [5] * item_count, people_per_item=5)
    for language in ("fr", "es"):
        translate(event, language)
    url = prefix + f"/events/{event.slug}/"
    with django_assert_num_queries(EVENT_PAGE_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(html.split('<li id="item-')) == item_count + 1
    # The translations were read, with no query more: every item's title in the language.
    language = prefix[1:]
    if language:
        assert html.count(f" [{language}]") >= item_count * 2
    else:
        assert " [fr]" not in html
        assert " [es]" not in html


@pytest.mark.parametrize(
    ("prefix", "words"),
    [
        (
            "/fr",
            [
                "lundi 4 septembre 2017, 13 h 15–14 h 45 CEST (UTC+2)",
                "Cette manifestation a eu lieu le lundi 4 septembre 2017.",
                "Organisée par",
                "Informations pratiques",
                "Principales questions à débattre",
                "Ajouter au calendrier",
                "13 h 22",
                "Modérateur",
            ],
        ),
        (
            "/es",
            [
                "lunes, 4 de septiembre de 2017, 13:15–14:45 CEST (UTC+2)",
                "Este evento tuvo lugar el lunes, 4 de septiembre de 2017.",
                "Organizado por",
                "Información práctica",
                "Principales preguntas para el debate",
                "Añadir al calendario",
                "Moderador",
            ],
        ),
    ],
)
def test_the_seed_page_reads_in_the_language(client, seed_event, prefix, words):
    response = client.get(prefix + seed_event.get_absolute_url())
    text = page_text(response)
    for phrase in words:
        assert phrase in text
    assert "Practical information" not in text
    assert "Monday" not in text
