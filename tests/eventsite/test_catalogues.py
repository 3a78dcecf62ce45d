"""The French and Spanish catalogues: complete, not fuzzy, and their committed .mo
files say what the .po files say (so a machine without GNU gettext needs no
compile step: `make run` uses the committed .mo files)."""

import gettext
import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

LOCALE = Path(settings.LOCALE_PATHS[0])
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
# %(name)s, %%s, {name} and the HTML tags a translation must keep.
PLACEHOLDER = re.compile(r"%\(\w+\)[+]?[sd]|%%s|\{\w+\}|</?(?:a|strong|cite|em|del)\b")
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def ids(path):
    return str(path.relative_to(LOCALE))


def test_every_language_has_both_catalogues():
    found = {(path.parts[-3], path.stem) for path in CATALOGUES}
    assert found == {(lang, domain) for lang in LANGUAGES for domain in ("django", "djangojs")}


@pytest.mark.parametrize("path", CATALOGUES, ids=ids)
def test_every_entry_is_translated_and_none_is_fuzzy(path):
    po = polib.pofile(str(path))
    assert len(po) > 0
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert not po.metadata_is_fuzzy


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("path", CATALOGUES, ids=ids)
def test_placeholders_and_markup_survive_translation(path):
    for entry in polib.pofile(str(path)):
        if entry.msgid_plural:
            pairs = [(entry.msgid_plural, entry.msgstr_plural[1])]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, translation in pairs:
            assert placeholders(translation) == placeholders(source), source


@pytest.mark.parametrize("path", CATALOGUES, ids=ids)
def test_the_committed_mo_matches_the_po(path):
    with path.with_suffix(".mo").open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)._catalog  # type: ignore[attr-defined]
    for entry in polib.pofile(str(path)).translated_entries():
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            for index, text in entry.msgstr_plural.items():
                assert catalog[(key, int(index))] == text, entry.msgid
        else:
            assert catalog[key] == entry.msgstr, entry.msgid


SOURCES = (
    "accounts",
    "agenda",
    "common",
    "eventsite",
    "invitations",
    "materials",
    "registrations",
    "runofshow",
    "speakers",
    "templates",
    "static",
)


@pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed"
)
@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_marked_string_is_in_the_catalogues(domain, tmp_path, settings):
    """makemessages on a copy of the catalogues finds nothing new: a string marked
    in code but never extracted is English on the French and Spanish pages.

    It runs in a scratch site of links to the sources, so the real catalogues are
    never written (makemessages writes to the locale directory beside the files)."""
    site = tmp_path / "site"
    site.mkdir()
    for name in SOURCES:
        (site / name).symlink_to(Path(settings.BASE_DIR) / name)
    shutil.copytree(LOCALE, site / "locale")
    settings.LOCALE_PATHS = [str(site / "locale")]
    cwd = os.getcwd()
    os.chdir(site)
    try:
        call_command(
            "makemessages",
            domain=domain,
            locale=LANGUAGES,
            symlinks=True,
            ignore_patterns=["static/vendor/*", "*.min.js"],
            no_obsolete=True,
            verbosity=0,
        )
    finally:
        os.chdir(cwd)
    for lang in LANGUAGES:
        fresh = polib.pofile(str(site / "locale" / lang / "LC_MESSAGES" / f"{domain}.po"))
        known = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"))
        assert len(fresh) >= len(known)
        missing = [entry.msgid for entry in fresh if not entry.translated() or entry.fuzzy]
        assert missing == [], f"{lang}/{domain}: run makemessages and translate these"
