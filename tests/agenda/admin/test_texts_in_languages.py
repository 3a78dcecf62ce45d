"""Event texts in every language in the admin (common/admin_languages.py): each text's
English, French and Spanish on one line, labelled in words, saved to their own columns,
on the event page, its agenda rows, an item's page with its talks, the outcome and a
person's page; the original edited as the original on /fr/admin/ too."""

import re

import pytest
from django.urls import reverse

from agenda.models import AgendaItem, DiscussionQuestion, Event, Outcome, Participation
from speakers.models import Person
from tests.support.admin_forms import form_data, row_prefixes, text
from tests.support.builders import make_event

pytestmark = pytest.mark.django_db


def change_url(obj) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def labels(response) -> dict[str, str]:
    """Each input's name and the text of its <label>, as the page says them."""
    html = response.content.decode()
    found = {}
    for for_id, words in re.findall(r'<label[^>]*for="id_([^"]+)"[^>]*>(.*?)</label>', html, re.S):
        found[for_id] = re.sub(r"<[^>]+>|:$", "", words).strip()
    return found


def columns(response) -> list[str]:
    """A tabular inline's column headings, in order."""
    html = response.content.decode()
    return [
        re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<th[^>]*>(.*?)</th>", html, re.S)
    ]


def test_the_event_page_has_every_text_in_every_language_on_one_line(admin_client, seed_event):
    response = admin_client.get(change_url(seed_event))
    found = labels(response)
    for text_name, words in [("title", "Title"), ("theme", "Theme"), ("context", "Context")]:
        assert found[text_name] == f"{words} (English)"
        assert found[f"{text_name}_fr"] == f"{words} (French)"
        assert found[f"{text_name}_es"] == f"{words} (Spanish)"
        assert f"{text_name}_en" not in found  # the original is edited as `title`
    html = response.content.decode()
    # One form row holds the three (Django's fieldset line of several fields).
    line = re.search(r'<div class="form-row field-title field-title_fr field-title_es[^"]*"', html)
    assert line is not None
    assert 'name="title" ' in html
    assert "required" in re.search(r'<input[^>]*name="title"[^>]*>', html)[0]
    assert "required" not in re.search(r'<input[^>]*name="title_fr"[^>]*>', html)[0]
    # The agenda rows: a column per language.
    headings = columns(response)
    start = headings.index("Title (English)")
    assert headings[start : start + 3] == ["Title (English)", "Title (French)", "Title (Spanish)"]
    start = headings.index("Text (English)")  # the discussion questions
    assert headings[start : start + 3] == ["Text (English)", "Text (French)", "Text (Spanish)"]


def test_a_french_title_typed_in_the_admin_shows_on_the_french_page(admin_client, seed_event):
    english = seed_event.title
    data = form_data(admin_client.get(change_url(seed_event)), "event_form")
    first_row = row_prefixes(data, "items")[0]
    data["title_fr"] = "Coopérer contre le trafic illicite de migrants"
    data[f"{first_row}-title_fr"] = "Allocution d’ouverture"
    data[f"{first_row}-title_es"] = "Palabras de apertura"
    response = admin_client.post(change_url(seed_event), data)
    assert response.status_code == 302, text(response)
    event = Event.objects.get(pk=seed_event.pk)
    assert (event.title_en, event.title_fr, event.title_es) == (
        english,
        "Coopérer contre le trafic illicite de migrants",
        None,
    )
    opening = event.items.order_by("position").first()
    assert (opening.title_en, opening.title_fr, opening.title_es) == (
        "Opening Remarks",
        "Allocution d’ouverture",
        "Palabras de apertura",
    )
    path = f"/events/{event.slug}/"  # reverse() would follow the language of the last request
    french = admin_client.get("/fr" + path).content.decode()
    assert "Coopérer contre le trafic illicite de migrants" in french
    assert "Allocution d’ouverture" in french
    page = admin_client.get(path).content.decode()
    assert "Coopérer" not in page
    assert english[:40] in page


def test_on_the_french_admin_the_original_is_still_the_english_text(admin_client, seed_event):
    seed_event.title_fr = "Titre français"
    seed_event.save()
    url = "/fr" + change_url(seed_event)
    data = form_data(admin_client.get(url), "event_form")
    assert data["title"] == seed_event.title_en  # not the French text the page's language reads
    assert data["title_fr"] == "Titre français"
    data["title"] = "A better English title"
    response = admin_client.post(url, data)
    assert response.status_code == 302, text(response)
    event = Event.objects.get(pk=seed_event.pk)
    assert (event.title_en, event.title_fr) == ("A better English title", "Titre français")
    # The French admin says the languages in French.
    found = labels(admin_client.get(url))
    assert found["title_fr"].endswith("(français)")
    assert found["title_es"].endswith("(espagnol)")


def test_the_english_title_stays_required_and_the_slug_fills_from_it(admin_client):
    response = admin_client.get(reverse("admin:agenda_event_add"))
    html = response.content.decode()
    assert "&quot;dependency_ids&quot;: [&quot;#id_title&quot;]" in html  # the slug's source
    data = form_data(response, "event_form")
    data.update({"title": "", "title_fr": "Seulement en français", "slug": "x"})
    response = admin_client.post(reverse("admin:agenda_event_add"), data)
    assert response.status_code == 200
    assert not Event.objects.filter(slug="x").exists()


def test_the_lists_search_every_language_and_show_the_title(admin_client, seed_event):
    Event.objects.filter(pk=seed_event.pk).update(title_es="Cooperación contra el tráfico")
    listing = reverse("admin:agenda_event_changelist")
    found = admin_client.get(listing, {"q": "tráfico"}).content.decode()
    assert seed_event.title_en[:40] in found
    assert "0 events" not in found
    assert "1 event" in found
    assert "1 event" not in admin_client.get(listing, {"q": "Wasserstoff"}).content.decode()
    AgendaItem.objects.filter(event=seed_event, title="Panel").update(title_fr="Table ronde")
    items = admin_client.get(reverse("admin:agenda_agendaitem_changelist"), {"q": "ronde"})
    assert ">Panel<" in items.content.decode()


def test_an_items_page_edits_its_texts_and_its_talks_in_every_language(admin_client, seed_event):
    panel = seed_event.items.get(title="Panel")
    response = admin_client.get(change_url(panel))
    found = labels(response)
    assert found["title_es"] == "Title (Spanish)"
    assert found["description_fr"] == "Description (French)"
    headings = columns(response)
    start = headings.index("Presentation title (English)")
    assert headings[start : start + 3] == [
        "Presentation title (English)",
        "Presentation title (French)",
        "Presentation title (Spanish)",
    ]
    data = form_data(response, "agendaitem_form")
    talk_row = next(
        row for row in row_prefixes(data, "participations") if data[f"{row}-presentation_title"]
    )
    data["title_es"] = "Mesa redonda"
    data[f"{talk_row}-presentation_title_fr"] = "Une réflexion"
    response = admin_client.post(change_url(panel), data)
    assert response.status_code == 302, text(response)
    panel = AgendaItem.objects.get(pk=panel.pk)
    assert (panel.title_en, panel.title_es) == ("Panel", "Mesa redonda")
    (talk,) = Participation.objects.filter(agenda_item=panel, presentation_title_fr="Une réflexion")
    assert talk.presentation_title_en == data[f"{talk_row}-presentation_title"]
    assert talk.presentation_title_en.startswith("A reflection on the outcomes")


@pytest.mark.parametrize(
    ("make", "texts"),
    [
        (
            lambda event: Outcome.objects.create(event=event, summary="What came out."),
            ["summary", "title"],
        ),
        (
            lambda event: DiscussionQuestion.objects.create(event=event, text="Why?", position=1),
            ["text"],
        ),
        (
            lambda event: Person.objects.create(full_name="Ana", slug="ana", position="Director"),
            ["position"],
        ),
    ],
)
def test_outcomes_questions_and_positions_too(admin_client, make, texts):
    obj = make(make_event())
    response = admin_client.get(change_url(obj))
    assert response.status_code == 200
    found = labels(response)
    for name in texts:
        assert found[name].endswith("(English)")
        assert found[f"{name}_fr"].endswith("(French)")
        assert f"{name}_en" not in found
    data = form_data(response, f"{obj._meta.model_name}_form")
    data[f"{texts[0]}_fr"] = "En français"
    response = admin_client.post(change_url(obj), data)
    assert response.status_code == 302, text(response)
    obj.refresh_from_db()
    assert getattr(obj, f"{texts[0]}_fr") == "En français"
    assert getattr(obj, f"{texts[0]}_en") == getattr(
        type(obj).objects.get(pk=obj.pk), f"{texts[0]}_en"
    )
