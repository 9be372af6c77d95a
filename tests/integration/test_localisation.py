"""Localised builds: the demo series in Norwegian, ISO dates in the site's language, fallbacks."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import series
import yaml
from sitebuild import Build, Site

SiteFactory = Callable[..., Site]
ROOT = Path(__file__).resolve().parents[2]
# The demo's pinned clock: Parts 1 and 2 are out, Part 3 is not.
DEMO_CLOCK = "2025-11-12T12:00:00+01:00"


def demo(root: Path, *, theme_language: str | None = None, **reveal: Any) -> Site:
    """The repository's demo site, built from its own docs with changed options."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / "docs")
    config.pop("site_dir", None)
    if theme_language:
        config["theme"]["language"] = theme_language
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "reveal" in plugin:
            plugin["reveal"].update(reveal)
    return Site(root, config)


def labels(html: str) -> list[str]:
    """The state labels of every stamp on a page, in order."""
    return re.findall(r'<span class="reveal-stamp-label">([^<]*)</span>', html)


@pytest.mark.parametrize("how", ["locale option", "theme language"])
def test_norwegian_demo_shows_norwegian_labels_and_dates(tmp_path: Path, how: str) -> None:
    if how == "locale option":
        site = demo(tmp_path, locale="nb")
    else:
        site = demo(tmp_path, theme_language="nb")
    build = site.build()
    assert "reveal: " not in "\n".join(
        line for line in build.log.splitlines() if line.startswith("WARNING")
    )
    landing = build.text("chronicles/index.html")
    # Parts 1 and 2 are out, Part 3 is not (the demo's clock).
    assert labels(landing) == ["Publisert", "Publisert", "Kommer"]
    # The demo's clock is pinned: the stamp says how far that moment is, in Norwegian.
    assert '<span class="reveal-stamp-countdown">om 12 døgn</span>' in landing
    # The author wrote these dates in English words: readers read them in the site's language.
    assert '<p class="reveal-notice">Tilgjengelig fra mandag 24. november 2025</p>' in landing
    # The schedule's ISO dates are the plugin's to write: in Norwegian.
    sealed = build.text("chronicles/claude-code-collective/index.html")
    assert '<span class="reveal-stamp-date">mandag 24. november 2025</span>' in sealed
    assert '<p class="reveal-notice">Tilgjengelig fra mandag 24. november 2025</p>' in sealed
    assert "Coming" not in sealed and "Available" not in sealed
    if how == "theme language":
        assert '<html lang="nb"' in landing


def test_norwegian_build_keeps_sealed_words_out(site: SiteFactory) -> None:
    project = site(series.pages(), reveal=series.reveal_options(locale="nb"))
    build = project.build(env={"MKDOCS_REVEAL_NOW": DEMO_CLOCK})
    landing = build.text("series/index.html")
    assert labels(landing) == ["Publisert", "Publisert", "Kommer"]
    for word in series.SECRETS[3]:
        assert build.containing(word) == [], word


def test_iso_dates_are_shown_in_the_sites_language(site: SiteFactory) -> None:
    project = site(
        {
            "index.md": (
                '<RevealStamp date="2025-11-03" />\n\n'
                '<PostPreview blurred date="2025-11-24">\n'
                "  The teaser of obsidianwren.\n"
                "</PostPreview>\n\n"
                "<PostPreview blurred>\n"
                '  <RevealStamp date="Monday, November 24th" />\n\n'
                "  The teaser of glimmerfrost.\n"
                "</PostPreview>\n"
            )
        },
        reveal={"timezone": "Europe/Oslo", "reveal_time": "09:00", "locale": "de"},
    )
    build = project.build(env={"MKDOCS_REVEAL_NOW": DEMO_CLOCK})
    html = build.text("index.html")
    assert labels(html) == ["Erschienen", "Erscheint", "Erscheint"]
    assert '<span class="reveal-stamp-date">Montag, 3. November 2025</span>' in html
    assert '<p class="reveal-notice">Verfügbar ab Montag, 24. November 2025</p>' in html
    # Written in English words, the date still reads in the site's language.
    assert html.count('<p class="reveal-notice">Verfügbar ab Montag, 24. November 2025</p>') == 2
    assert build.containing("obsidianwren") == [] and build.containing("glimmerfrost") == []


def test_unsupported_locale_option_warns_and_strict_fails(site: SiteFactory) -> None:
    project = site(series.pages(), reveal=series.reveal_options(locale="tlh", now=DEMO_CLOCK))
    build = project.build("--strict", ok=False)
    assert build.returncode != 0
    assert "locale 'tlh' has no stamp labels" in build.log
    assert "supported: the 70 languages of Material for MkDocs, such as de, ja or pt-BR" in (
        build.log
    )
    plain = project.build()
    assert labels(plain.text("series/index.html")) == ["Revealed", "Revealed", "Coming"]


def test_every_language_material_ships_is_spoken(site: SiteFactory) -> None:
    project = site(series.pages(), reveal=series.reveal_options(now=DEMO_CLOCK))
    project.config["theme"]["language"] = "ja"
    build = project.build("--strict")
    assert labels(build.text("series/index.html")) == ["公開済み", "公開済み", "公開予定"]
    assert "2025年11月24日月曜日" in build.text("series/collective/index.html")


def test_unsupported_theme_language_falls_back_quietly(site: SiteFactory) -> None:
    project = site(series.pages(), reveal=series.reveal_options(now=DEMO_CLOCK), theme="mkdocs")
    project.config["theme"]["locale"] = "sw"  # Swahili: MkDocs' theme takes it, Material has none
    build = project.build()  # not --strict: MkDocs' own theme warns that it has no Swahili
    assert "INFO    -  reveal: no stamp labels for the theme's language 'sw'" in build.log
    assert labels(build.text("series/index.html")) == ["Revealed", "Revealed", "Coming"]


def test_plugin_assets_are_in_every_theme(site: SiteFactory) -> None:
    for theme in ("material", "mkdocs", "readthedocs"):
        build: Build = site(series.pages(), reveal=series.reveal_options(), theme=theme).build()
        page = build.text("series/index.html")
        assert (
            "assets/mkdocs-reveal/reveal.css" in page and "assets/mkdocs-reveal/reveal.js" in page
        )
        assert (build.site / "assets/mkdocs-reveal/reveal.js").read_text(encoding="utf-8") == (
            ROOT / "mkdocs_reveal/assets/reveal.js"
        ).read_text(encoding="utf-8")
