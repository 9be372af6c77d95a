"""Stamp labels in every language Material ships, dates and relative times from CLDR."""

from __future__ import annotations

import logging
import re
from dataclasses import fields
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import markdown
import material
import pytest
from babel import Locale
from babel.dates import format_date

from mkdocs_reveal.markup import labels as labels_module
from mkdocs_reveal.markup.labels import (
    CATALOGUE,
    ENGLISH,
    STAMP_WORDS,
    SUPPORTED,
    WRITTEN,
    countdown_unit,
    known_locale,
    labels_for,
)
from mkdocs_reveal.markup.settings import Settings
from mkdocs_reveal.markup.stamp import reveal_date_text, stamp_html
from mkdocs_reveal.publishing import calendar as ics

OSLO = ZoneInfo("Europe/Oslo")
PART_3 = datetime(2025, 11, 24, 9, 0, tzinfo=OSLO)
CLOCK = datetime(2025, 11, 12, 12, 0, tzinfo=OSLO)
NINE = time(9, 0)
MATERIAL_LANGUAGES = sorted(
    path.stem
    for path in (Path(material.__file__).parent / "templates/partials/languages").glob("*.html")
)
# CLDR has no relative-time words for these: their stamps show the date alone.
NO_RELATIVE_WORDS = {"ku-IQ", "sa"}
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
    "ja": "2025年11月24日月曜日",
    "pt": "segunda-feira, 24 de novembro de 2025",
    "sh": "ponedeljak, 24. novembar 2025.",
}


def settings(locale: str, *, pinned: bool = False, clock: datetime = CLOCK) -> Settings:
    """Settings in Oslo at 09:00, in a locale."""
    return Settings(clock, OSLO, NINE, locale, pinned=pinned)


@pytest.fixture(autouse=True)
def fresh_warnings() -> None:
    """Each test sees the once-per-locale warning afresh."""
    labels_module._warn_unknown.cache_clear()


def test_every_language_material_ships_has_stamp_words() -> None:
    assert len(MATERIAL_LANGUAGES) >= 60
    assert set(MATERIAL_LANGUAGES) <= set(SUPPORTED)
    # Nothing beyond Material's languages but "no", the macrolanguage of nb and nn.
    assert set(SUPPORTED) - set(MATERIAL_LANGUAGES) == {"no"}


@pytest.mark.parametrize("code", MATERIAL_LANGUAGES)
def test_a_stamp_renders_in_every_material_language(code: str) -> None:
    labels = labels_for(code)
    assert known_locale(code)
    assert labels.locale == str(Locale.parse(labels.locale))  # a locale babel has data for
    for item in fields(labels):
        if item.name != "intl":
            assert getattr(labels, item.name).strip(), item.name
    if code != "en":
        assert labels.coming != ENGLISH.coming, code
        assert labels.coming_soon != ENGLISH.coming_soon
    day = str(format_date(PART_3.date(), "full", locale=labels.locale))
    sealed = stamp_html(PART_3, False, settings(code, pinned=True))
    # The label, then the date written by CLDR, then the distance from the pinned clock.
    assert f'<span class="reveal-stamp-label">{labels.coming}</span>' in sealed
    assert f'<span class="reveal-stamp-date">{day}</span>' in sealed
    countdown = re.search(r'<span class="reveal-stamp-countdown">([^<]*)</span>', sealed)
    if code in NO_RELATIVE_WORDS:
        assert countdown is None
    else:
        assert countdown is not None and "12" in countdown.group(1).translate(_DIGITS), sealed
        assert countdown.group(1) != "+12 d"  # not root's fallback
    revealed = stamp_html(PART_3, True, settings(code, clock=PART_3))
    assert f'<span class="reveal-stamp-label">{labels.revealed}</span>' in revealed
    assert "countdown" not in revealed and "data-reveal" not in revealed


# Digits of every script babel writes numbers in, as ASCII: "١٢" and "১২" say 12 too.
_DIGITS = {
    ord(character): str(value)
    for base in (0x0660, 0x06F0, 0x0966, 0x09E6, 0x0CE6, 0x0C66, 0x0BE6, 0x1040, 0x0E50, 0x0DE6)
    for value, character in enumerate(chr(base + offset) for offset in range(10))
}


@pytest.mark.parametrize("name", sorted(WRITTEN))
def test_written_languages_have_every_label_in_their_own_words(name: str) -> None:
    labels = CATALOGUE[name]
    assert "{date}" in labels.available and "{date}" in labels.sealed_until
    if not name.startswith("en"):
        for item in ("coming", "due", "reload", "add_to_calendar", "sealed_until"):
            assert getattr(labels, item) != getattr(ENGLISH, item), item


@pytest.mark.parametrize("code", sorted(STAMP_WORDS))
def test_other_languages_compose_their_notice_from_the_stamp(code: str) -> None:
    labels = CATALOGUE[code]
    assert labels.available == f"{labels.coming} {{date}}"
    assert labels.due == labels.revealed


@pytest.mark.parametrize(("name", "expected"), sorted(FULL_DATES.items()))
def test_dates_are_written_by_cldr_in_the_locale(name: str, expected: str) -> None:
    assert reveal_date_text(PART_3, settings(name)) == expected


def test_one_date_rule_whatever_the_author_wrote() -> None:
    # The landing page's words and the schedule's ISO date read the same on every stamp.
    english = settings("en")
    assert reveal_date_text(PART_3, english, "Monday, November 24th") == (
        reveal_date_text(PART_3, english, "2025-11-24")
    )
    assert reveal_date_text(PART_3, english) == "Monday, November 24, 2025"
    # An instant off the site's reveal_time says its time of day, in the site's time zone.
    evening = datetime(2025, 11, 24, 17, 30, tzinfo=ZoneInfo("UTC"))
    assert reveal_date_text(evening, settings("nb")) == "mandag 24. november 2025, 18:30"
    assert reveal_date_text(evening, english) == "Monday, November 24, 2025, 6:30\u202fPM"
    # Without a readable instant nothing can be formatted: the words stand.
    assert reveal_date_text(None, settings("nb"), "2025-13-40") == "2025-13-40"


def test_regional_variants_keep_their_own_date_formats() -> None:
    british = labels_for("en_GB")
    assert british.coming == "Coming" and british.locale == "en_GB"
    assert reveal_date_text(PART_3, settings("en_GB")) == "Monday, 24 November 2025"
    bokmal = labels_for("nb-NO")
    assert bokmal.coming == "Kommer" and bokmal.intl_locales == "nb-NO nb"
    # Norwegian without a written standard means Bokmål.
    assert labels_for("no").coming == "Kommer"
    # Browsers without Nynorsk relative-time data fall back to Bokmål.
    assert labels_for("nn").intl_locales == "nn nb"
    # Material's codes, in either spelling; the ones babel calls otherwise are mapped.
    assert labels_for("pt_BR").locale == "pt_BR" and labels_for("pt-br").coming == "Será publicado"
    assert labels_for("sh").intl_locales == "sr-Latn sh"
    assert labels_for("ku-IQ").locale == "ckb_IQ"


@pytest.mark.parametrize("name", ["xx", "tlh", ""])
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
    assert "languages of Material for MkDocs" in warnings[0].getMessage()


def test_live_sealed_stamp_carries_what_the_countdown_needs() -> None:
    html = stamp_html(PART_3, False, settings("nb"), "2025-11-24")
    assert html == (
        '<time class="reveal-stamp is-sealed" datetime="2025-11-24T09:00:00+01:00" '
        'data-reveal-locale="nb" data-reveal-due="Ute nå" '
        'data-reveal-reload="Last inn på nytt" data-reveal-soon="Kommer snart">'
        '<span class="reveal-stamp-label">Kommer</span> '
        '<span class="reveal-stamp-date">mandag 24. november 2025</span></time>'
    )


def test_pinned_sealed_stamp_says_its_distance_from_the_clock_and_nothing_for_the_script() -> None:
    html = stamp_html(PART_3, False, settings("de", pinned=True))
    assert html == (
        '<time class="reveal-stamp is-sealed" datetime="2025-11-24T09:00:00+01:00">'
        '<span class="reveal-stamp-label">Erscheint</span> '
        '<span class="reveal-stamp-date">Montag, 24. November 2025</span> '
        '<span class="reveal-stamp-countdown">in 12 Tagen</span></time>'
    )


@pytest.mark.parametrize(
    ("left", "expected"),
    [
        (timedelta(days=11, hours=21), (12, "day")),
        (timedelta(days=2, hours=12), (3, "day")),  # JavaScript's Math.round rounds .5 up
        (timedelta(hours=47), (47, "hour")),
        (timedelta(minutes=59, seconds=1), (60, "minute")),
        (timedelta(seconds=59.2), (60, "second")),
        (timedelta(seconds=0.3), (1, "second")),
    ],
)
def test_countdown_units_match_the_readers_script(
    left: timedelta, expected: tuple[int, str]
) -> None:
    assert countdown_unit(left) == expected


def test_revealed_and_undated_stamps_have_no_countdown() -> None:
    revealed = stamp_html(PART_3, True, settings("de"), "Monday, November 24th")
    assert revealed == (
        '<time class="reveal-stamp is-revealed" datetime="2025-11-24T09:00:00+01:00">'
        '<span class="reveal-stamp-label">Erschienen</span> '
        '<span class="reveal-stamp-date">Montag, 24. November 2025</span></time>'
    )
    undated = stamp_html(None, False, settings("en"), "soon <b>")
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
        '  <RevealStamp date="Monday, November 24th" />\n\n'
        "  The hidden teaser, glimmerfrost.\n"
        "</PostPreview>\n",
        "ja",
    )
    assert "glimmerfrost" not in html
    assert '<span class="reveal-stamp-label">公開済み</span>' in html
    assert '<span class="reveal-stamp-date">2025年11月3日月曜日</span>' in html
    assert '<span class="reveal-stamp-label">公開予定</span>' in html
    assert '<span class="reveal-stamp-countdown">12 日後</span>' in html
    assert '<p class="reveal-notice">公開予定 2025年11月24日月曜日</p>' in html


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
        row = f"| `{name}` | {labels.coming} | {labels.revealed} | {labels.coming_soon} |"
        assert row in page, row


def test_calendar_link_words_come_from_the_labels() -> None:
    html = '<time class="reveal-stamp is-sealed" datetime="x">Kommer</time>'
    assert ">Legg til i kalenderen</a>" in ics.link_stamps(html, "series/", "nb_NO")
    assert ">カレンダーに追加</a>" in ics.link_stamps(html, "series/", "ja")
    assert ">Add to calendar</a>" in ics.link_stamps(html, "series/", "tlh")
