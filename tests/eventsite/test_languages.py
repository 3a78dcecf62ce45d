"""The site in English, French and Spanish: URL prefixes, the switcher, hreflang, <html lang>."""

import re

import pytest

SEED_PATH = "/events/counter-migrant-smuggling-vienna-2017/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "lang"),
    [("", "en"), ("/fr", "fr"), ("/es", "es")],
)
def test_each_language_has_its_prefix_and_html_lang(client, seed_event, prefix, lang):
    response = client.get(prefix + SEED_PATH)
    assert response.status_code == 200
    assert response["Content-Language"] == lang
    assert f'<html lang="{lang}">' in response.content.decode()


@pytest.mark.django_db
def test_english_keeps_its_unprefixed_urls(client, seed_event):
    assert client.get("/en" + SEED_PATH).status_code == 404
    assert client.get(SEED_PATH).status_code == 200


@pytest.mark.django_db
def test_the_switcher_keeps_the_page(client, seed_event):
    html = client.get("/fr" + SEED_PATH).content.decode()
    switcher = re.search(r'<span class="language-switcher".*?</a></span>', html).group(0)
    assert f'<a href="{SEED_PATH}" hreflang="en" lang="en">English</a>' in switcher
    assert f'<a href="/es{SEED_PATH}" hreflang="es" lang="es">Español</a>' in switcher
    assert (
        '<span class="language-current" lang="fr" aria-current="true">Français</span>' in switcher
    )


@pytest.mark.django_db
def test_hreflang_alternates_name_every_language(client, seed_event, settings):
    html = client.get("/es" + SEED_PATH).content.decode()
    base = settings.EVENTSITE_BASE_URL
    for lang, path in [("en", SEED_PATH), ("fr", "/fr" + SEED_PATH), ("es", "/es" + SEED_PATH)]:
        assert f'<link rel="alternate" hreflang="{lang}" href="{base}{path}">' in html


@pytest.mark.django_db
def test_the_javascript_catalogue_is_served_per_language(client):
    response = client.get("/fr/jsi18n/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "max-age=3600" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_url_alone_decides_the_language(client, seed_event):
    response = client.get(SEED_PATH, HTTP_ACCEPT_LANGUAGE="fr", HTTP_COOKIE="django_language=es")
    assert response["Content-Language"] == "en"
    assert "Accept-Language" not in response.get("Vary", "")
    assert '<html lang="en">' in response.content.decode()
