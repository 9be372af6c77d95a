"""Stamp labels per locale, dates formatted for readers, and the stamp's HTML."""

from __future__ import annotations

import logging
from dataclasses import fields
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import markdown
import pytest

from mkdocs_reveal.markup import labels as labels_module
from mkdocs_reveal.markup.labels import (
    CATALOGUE,
    ENGLISH,
    SUPPORTED,
    format_date_words,
    known_locale,
    labels_for,
    reader_date,
)
from mkdocs_reveal.markup.stamp import stamp_html
from mkdocs_reveal.publishing import calendar as ics

OSLO = ZoneInfo("Europe/Oslo")
PART_3 = datetime(2025, 11, 24, 9, 0, tzinfo=OSLO)
REQUIRED = ("en", "nb", "nn", "sv", "da", "de", "fr", "es")
# Dates as babel writes them from CLDR: what a reader of each language expects.
FULL_DATES = {
    "en": "Monday, November 24, 2025",
    "nb": "mandag 24. november 2025",
    "nn": "måndag 24. november 2025",
    "sv": "måndag 24 november 2025",
    "da": "mandag den 24. november 2025",
    "de": "Montag, 24. November 2025",
    "fr": "lundi 24 novembre 2025",
    "es": "lunes, 24 de noviembre de 2025",
}


@pytest.fixture(autouse=True)
def fresh_warnings() -> None:
    """Each test sees the once-per-locale warning afresh."""
    labels_module._warn_unknown.cache_clear()


def test_required_languages_are_supported() -> None:
    assert set(REQUIRED) <= set(SUPPORTED)


@pytest.mark.parametrize("name", SUPPORTED)
def test_every_language_has_every_label(name: str) -> None:
    labels = CATALOGUE[name]
    for item in fields(labels):
        if item.name != "intl":
            assert getattr(labels, item.name).strip(), item.name
    assert "{date}" in labels.available and "{date}" in labels.sealed_until
    assert known_locale(name)
    if not name.startswith("en"):
        assert labels.coming != ENGLISH.coming and labels.due != ENGLISH.due


@pytest.mark.parametrize(("name", "expected"), sorted(FULL_DATES.items()))
def test_iso_dates_are_written_for_the_locale(name: str, expected: str) -> None:
    assert reader_date("2025-11-24", PART_3, name) == expected


def test_iso_datetimes_keep_their_time() -> None:
    evening = datetime(2025, 11, 24, 18, 30, tzinfo=OSLO)
    assert reader_date("2025-11-24 18:30", evening, "nb") == "mandag 24. november 2025, 18:30"
    assert reader_date("2025-11-24T18:30:00+01:00", evening, "en") == (
        "Monday, November 24, 2025, 6:30\u202fPM"  # CLDR's narrow no-break space
    )
    assert format_date_words(evening, "nn", with_time=True) == "måndag 24. november 2025 kl. 18:30"


def test_dates_in_words_are_kept_as_written() -> None:
    assert reader_date("Monday, November 24th", PART_3, "nb") == "Monday, November 24th"
    assert reader_date("Nov 24 2025 09:00", PART_3, "de") == "Nov 24 2025 09:00"
    # Without a readable instant nothing can be formatted: the words stand.
    assert reader_date("2025-13-40", None, "nb") == "2025-13-40"
    # Without words, the date is written from the instant.
    assert reader_date(None, PART_3, "fr") == "lundi 24 novembre 2025"


def test_regional_variants_keep_their_own_date_formats() -> None:
    british = labels_for("en_GB")
    assert british.coming == "Coming" and british.locale == "en_GB"
    assert reader_date("2025-11-24", PART_3, british.locale) == "Monday, 24 November 2025"
    bokmal = labels_for("nb-NO")
    assert bokmal.coming == "Kommer" and bokmal.intl_locales == "nb-NO nb"
    # Norwegian without a written standard means Bokmål.
    assert labels_for("no").coming == "Kommer"
    # Browsers without Nynorsk relative-time data fall back to Bokmål.
    assert labels_for("nn").intl_locales == "nn nb"


@pytest.mark.parametrize("name", ["xx", "ja", "pt_BR", ""])
def test_unsupported_locale_warns_once_and_speaks_english(
    name: str, caplog: pytest.LogCaptureFixture
) -> None:
    assert not known_locale(name)
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.reveal"):
        assert labels_for(name) is ENGLISH
        assert labels_for(name) is ENGLISH
    warnings = [r for r in caplog.records if r.name == "mkdocs.plugins.reveal"]
    assert len(warnings) == 1
    assert f"no labels for locale {name!r}" in warnings[0].getMessage()
    assert "nb" in warnings[0].getMessage()


def test_sealed_stamp_carries_what_the_countdown_needs() -> None:
    html = stamp_html(PART_3, "2025-11-24", False, labels_for("nb"))
    assert html == (
        '<time class="reveal-stamp is-sealed" datetime="2025-11-24T09:00:00+01:00" '
        'data-reveal-locale="nb" data-reveal-due="Ute nå" '
        'data-reveal-reload="Last inn på nytt">'
        '<span class="reveal-stamp-label">Kommer</span> '
        '<span class="reveal-stamp-date">mandag 24. november 2025</span></time>'
    )


def test_revealed_and_undated_stamps_have_no_countdown() -> None:
    revealed = stamp_html(PART_3, "Monday, November 24th", True, labels_for("de"))
    assert revealed == (
        '<time class="reveal-stamp is-revealed" datetime="2025-11-24T09:00:00+01:00">'
        '<span class="reveal-stamp-label">Erschienen</span> '
        '<span class="reveal-stamp-date">Monday, November 24th</span></time>'
    )
    undated = stamp_html(None, "soon <b>", False, ENGLISH)
    assert "data-reveal" not in undated and "datetime" not in undated
    assert "soon &lt;b&gt;" in undated


def render(text: str, locale: str, now: str = "2025-11-12T12:00:00+01:00") -> str:
    """Render Markdown with the extension alone, in a locale."""
    options = {"timezone": "Europe/Oslo", "reveal_time": "09:00", "now": now, "locale": locale}
    return markdown.markdown(
        text, extensions=["mkdocs_reveal"], extension_configs={"mkdocs_reveal": options}
    )


def test_extension_speaks_the_locale_option() -> None:
    html = render(
        '<RevealStamp date="2025-11-03" />\n\n'
        "<PostPreview blurred>\n"
        '  <RevealStamp date="2025-11-24" />\n\n'
        "  The hidden teaser, glimmerfrost.\n"
        "</PostPreview>\n",
        "nb",
    )
    assert "glimmerfrost" not in html
    assert '<span class="reveal-stamp-label">Publisert</span>' in html
    assert '<span class="reveal-stamp-date">mandag 3. november 2025</span>' in html
    assert '<span class="reveal-stamp-label">Kommer</span>' in html
    assert '<p class="reveal-notice">Tilgjengelig fra mandag 24. november 2025</p>' in html


def test_extension_author_preview_marker_is_localised() -> None:
    options = {"locale": "fr", "now": "2025-11-12", "preview": True, "timezone": "Europe/Oslo"}
    html = markdown.markdown(
        "<PostPreview date='2025-12-01'>\nbientôt\n</PostPreview>",
        extensions=["mkdocs_reveal"],
        extension_configs={"mkdocs_reveal": options},
    )
    assert "Scellé jusqu’au lundi 1 décembre 2025" in html


def test_documented_labels_match_the_catalogue() -> None:
    page = (Path(__file__).resolve().parents[2] / "docs" / "reader-view.md").read_text(
        encoding="utf-8"
    )
    for name, labels in CATALOGUE.items():
        available = labels.available.replace("{date}", "…")
        row = f"| `{name}` | {labels.coming} | {labels.revealed} | {available} | {labels.due} |"
        assert row in page


def test_calendar_link_words_come_from_the_labels() -> None:
    html = '<time class="reveal-stamp is-sealed" datetime="x">Kommer</time>'
    assert ">Legg til i kalenderen</a>" in ics.link_stamps(html, "series/", "nb_NO")
    assert ">Add to calendar</a>" in ics.link_stamps(html, "series/", "ja")
