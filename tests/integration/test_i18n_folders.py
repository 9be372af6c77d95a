"""Scheduled pages in mkdocs-static-i18n's folder layout: `docs/en/…` and `docs/fr/…`.

A schedule entry names a page neutrally (`blog/part-2.md`) or in one language
(`en/blog/part-2.md`); either way every translation stays sealed until the date, because a
translation is the same news in words no fingerprint of the original matches.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from revealcli import run
from sitebuild import Build, Site

SiteFactory = Callable[..., Site]
NOW = "2025-11-12T12:00:00+01:00"
AFTER = "2025-12-02T12:00:00+01:00"
DATE = "2025-12-01"
LANGUAGES = [
    {"locale": "en", "default": True, "name": "English", "build": True},
    {"locale": "fr", "name": "Français", "build": True},
]
FOLDERS = {"i18n": {"docs_structure": "folder", "languages": LANGUAGES}}
SUFFIXES = {"i18n": {"docs_structure": "suffix", "languages": LANGUAGES}}
ENGLISH = "# Part Two\n\nThe quillfrost chapter didn’t wait — “soon”, they said.\n"
# Accents, curly quotes, a dash and contractions: real French, with its own planted word.
FRENCH = (
    "# Deuxième partie\n\n"
    "Le chapitre d’argentière — « plumegivre » n’attend pas, c’est déjà “là”.\n"
)
# A word of each language's copy, found in no other page.
WORDS = ("quillfrost", "plumegivre", "argentière")


def in_folders(
    site: SiteFactory,
    schedule: dict[str, str],
    *,
    now: str = NOW,
    english: str = ENGLISH,
    french: str = FRENCH,
) -> Site:
    """A site in English and French folders whose part 2 is scheduled as given."""
    pages = {
        "en/index.md": "# Home\n\n[Part two](blog/part-2.md)\n",
        "fr/index.md": "# Accueil\n\n[Deuxième partie](blog/part-2.md)\n",
        "en/blog/part-2.md": english,
        "fr/blog/part-2.md": french,
    }
    reveal: dict[str, Any] = {"timezone": "Europe/Oslo", "now": now, "schedule": schedule}
    return site(pages, plugins=["search", FOLDERS, {"reveal": reveal}])


def assert_absent(build: Build, words: Iterable[str] = WORDS) -> None:
    """No output of the build holds any of the words."""
    for word in words:
        assert build.containing(word) == [], word


def assert_sealed_in_both(project: Site) -> Build:
    """A strict build keeps every planted word out and builds both stand-ins."""
    build = project.build("--strict")
    assert_absent(build)
    # Each language's stand-in is where its page will be: the home pages' links are not dead.
    assert "is-sealed" in build.text("blog/part-2/index.html")
    assert "is-sealed" in build.text("fr/blog/part-2/index.html")
    return build


@pytest.mark.parametrize(
    "key",
    ["blog/part-2.md", "en/blog/part-2.md", "fr/blog/part-2.md", "./en/blog/part-2.md"],
    ids=["neutral", "english", "french", "dotted"],
)
def test_a_schedule_entry_seals_the_page_in_every_language(site: SiteFactory, key: str) -> None:
    log = assert_sealed_in_both(in_folders(site, {key: DATE})).log
    # Each language's build counts both copies, as it does in the suffix layout.
    assert log.count("2 scheduled pages (2 sealed, 0 revealed)") == 2, log


@pytest.mark.parametrize("key", ["blog/part-2.md", "en/blog/part-2.md"])
def test_after_the_date_the_page_shows_in_both_languages(site: SiteFactory, key: str) -> None:
    build = in_folders(site, {key: DATE}, now=AFTER).build("--strict")
    assert "quillfrost" in build.text("blog/part-2/index.html")
    assert "plumegivre" in build.text("fr/blog/part-2/index.html")
    assert "is-sealed" not in build.text("fr/blog/part-2/index.html")
    assert build.log.count("2 scheduled pages (0 sealed, 2 revealed)") == 2, build.log


@pytest.mark.parametrize(
    ("english", "french"),
    [
        (f"---\nreveal: {DATE}\n---\n\n{ENGLISH}", FRENCH),
        (ENGLISH, f"---\nreveal: {DATE}\n---\n\n{FRENCH}"),
        (f"---\nreveal: hold\n---\n\n{ENGLISH}", FRENCH),
    ],
    ids=["english-front-matter", "french-front-matter", "english-hold"],
)
def test_front_matter_in_one_language_seals_every_language(
    site: SiteFactory, english: str, french: str
) -> None:
    assert_sealed_in_both(in_folders(site, {}, english=english, french=french))


def test_a_hold_in_one_language_outlasts_a_date_in_another(site: SiteFactory) -> None:
    held = f"---\nreveal: hold\n---\n\n{FRENCH}"
    project = in_folders(site, {"en/blog/part-2.md": DATE}, now=AFTER, french=held)
    assert_sealed_in_both(project)


def test_the_later_of_two_language_dates_seals_both(site: SiteFactory) -> None:
    later = f"---\nreveal: 2025-12-10\n---\n\n{FRENCH}"
    project = in_folders(site, {"en/blog/part-2.md": DATE}, now=AFTER, french=later)
    assert_sealed_in_both(project)


@pytest.mark.parametrize("key", ["blog/part-9.md", "de/blog/part-2.md"])
def test_a_key_that_names_no_page_in_any_language_stops_the_build(
    site: SiteFactory, key: str
) -> None:
    build = in_folders(site, {key: DATE}).build(ok=False)
    assert build.returncode != 0
    assert f"schedule: '{key}' names no page in docs_dir" in build.log
    assert_absent(build)


def test_the_check_covers_every_language_folder(site: SiteFactory) -> None:
    project = in_folders(site, {"blog/part-2.md": DATE})
    project.build("--strict")
    done = run(project.root, "check", now=NOW)
    assert done.returncode == 0, done.stdout + done.stderr
    # The same site built by a generator that ignores the plugin: both languages leak.
    project.build_without_the_plugin()
    done = run(project.root, "check", "--site-dir", "generated", now=NOW)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "blog/part-2/index.html holds sealed text of docs/en/blog/part-2.md" in done.stderr
    assert "fr/blog/part-2/index.html holds sealed text of docs/fr/blog/part-2.md" in done.stderr
    assert "plumegivre" not in done.stdout + done.stderr


def test_a_language_key_seals_every_suffixed_translation(site: SiteFactory) -> None:
    pages = {
        "index.md": "# Home\n",
        "index.fr.md": "# Accueil\n",
        "part-2.md": ENGLISH,
        "part-2.fr.md": FRENCH,
    }
    reveal = {"timezone": "Europe/Oslo", "now": NOW, "schedule": {"part-2.fr.md": DATE}}
    build = site(pages, plugins=["search", SUFFIXES, {"reveal": reveal}]).build("--strict")
    assert_absent(build)
    assert "is-sealed" in build.text("part-2/index.html")
    assert "is-sealed" in build.text("fr/part-2/index.html")


@pytest.mark.parametrize("key", ["blog/part-2.md", "fr/blog/part-2.md"], ids=["neutral", "french"])
def test_the_cli_lists_and_announces_every_language_of_a_scheduled_page(
    site: SiteFactory, key: str
) -> None:
    project = in_folders(site, {key: DATE})
    project.config["site_url"] = "https://example.org/"
    project.save_config()
    status = run(project.root, "status", now=NOW)
    assert status.returncode == 0, status.stdout + status.stderr
    assert "en/blog/part-2.md" in status.stdout
    assert "fr/blog/part-2.md" in status.stdout
    due = run(project.root, "due", "--since", NOW, "--json", now=AFTER)
    assert due.returncode == 0, due.stdout + due.stderr
    urls = {item["path"]: item["url"] for item in json.loads(due.stdout)}
    assert urls == {
        "en/blog/part-2.md": "https://example.org/blog/part-2/",
        "fr/blog/part-2.md": "https://example.org/fr/blog/part-2/",
    }


def test_the_cli_announces_every_suffixed_translation_at_its_url(site: SiteFactory) -> None:
    pages = {"index.md": "# Home\n", "part-2.md": ENGLISH, "part-2.fr.md": FRENCH}
    reveal = {"timezone": "Europe/Oslo", "schedule": {"part-2.md": DATE}}
    project = site(pages, plugins=["search", SUFFIXES, {"reveal": reveal}])
    project.config["site_url"] = "https://example.org/"
    project.save_config()
    due = run(project.root, "due", "--since", NOW, "--json", now=AFTER)
    assert due.returncode == 0, due.stdout + due.stderr
    urls = {item["path"]: item["url"] for item in json.loads(due.stdout)}
    assert urls == {
        "part-2.md": "https://example.org/part-2/",
        "part-2.fr.md": "https://example.org/fr/part-2/",
    }
    # Where a build puts them: a search engine is told of pages that exist.
    build = project.build("--strict", env={"MKDOCS_REVEAL_NOW": AFTER})
    assert "quillfrost" in build.text("part-2/index.html")
    assert "plumegivre" in build.text("fr/part-2/index.html")


def test_the_cli_leaves_out_a_language_the_build_does_not_write(site: SiteFactory) -> None:
    german = {"locale": "de", "name": "Deutsch", "build": False}
    i18n = {"i18n": {"docs_structure": "suffix", "languages": [*LANGUAGES, german]}}
    pages = {
        "index.md": "# Home\n",
        "part-2.md": ENGLISH,
        "part-2.fr.md": FRENCH,
        "part-2.de.md": "# Teil zwei\n",
    }
    reveal = {"timezone": "Europe/Oslo", "schedule": {"part-2.md": DATE}}
    project = site(pages, plugins=["search", i18n, {"reveal": reveal}])
    due = run(project.root, "due", "--since", NOW, "--json", now=AFTER)
    assert due.returncode == 0, due.stdout + due.stderr
    assert sorted(item["path"] for item in json.loads(due.stdout)) == [
        "part-2.fr.md",
        "part-2.md",
    ]
    build = project.build("--strict", env={"MKDOCS_REVEAL_NOW": AFTER})
    assert not (build.site / "de").exists()


def test_the_tags_of_a_sealed_translation_are_not_judged(site: SiteFactory) -> None:
    # The French copy is a stand-in until the date, as the English one is: its tags are not
    # on the site, so neither the build nor the CLI reads them.
    french = f'{FRENCH}\n<RevealStamp date="le jour où" />\n'
    project = in_folders(site, {"en/blog/part-2.md": DATE}, french=french)
    assert_sealed_in_both(project)
    status = run(project.root, "--strict", "status", now=NOW)
    assert status.returncode == 0, status.stdout + status.stderr


@pytest.mark.parametrize("key", ["blog/part-2.md", "en/blog/part-2.md"], ids=["neutral", "english"])
def test_a_preview_naming_a_translation_follows_the_page_s_schedule(
    site: SiteFactory, key: str
) -> None:
    # Each landing page names its own language's copy of part 2; the schedule names the page
    # once. The preview has no date of its own: it goes live with the part, in each language.
    teasers = {
        "en": '<PostPreview blurred post="en/blog/part-2.md">\nThe glintwhorl teaser.\n',
        "fr": '<PostPreview blurred post="fr/blog/part-2.md">\nLe teaser brumeclat.\n',
    }

    def landing(now: str) -> Site:
        project = in_folders(site, {key: DATE}, now=now)
        for locale, teaser in teasers.items():
            project.page(f"{locale}/index.md", f"# Home\n\n{teaser}</PostPreview>\n")
        return project

    build = landing(NOW).build("--strict")
    assert_absent(build, ("glintwhorl", "brumeclat", *WORDS))
    assert 'datetime="2025-12-01T00:00:00+01:00"' in build.text("fr/index.html")
    build = landing(AFTER).build("--strict")
    assert "glintwhorl" in build.text("index.html")
    assert "brumeclat" in build.text("fr/index.html")
    assert "plumegivre" in build.text("fr/blog/part-2/index.html")


def test_a_dated_preview_naming_a_page_neutrally_seals_it_in_every_language(
    site: SiteFactory,
) -> None:
    # No schedule: the preview's date alone seals the page it names, by its neutral path.
    project = in_folders(site, {})
    teaser = f'<PostPreview blurred date="{DATE}" post="blog/part-2.md">\nA teaser.\n'
    project.page("en/index.md", f"# Home\n\n{teaser}</PostPreview>\n")
    build = project.build()
    assert "names no page" not in build.log
    assert_absent(build)


def test_a_series_may_name_its_pages_neutrally(site: SiteFactory) -> None:
    pages = {
        "en/index.md": "# Home\n",
        "fr/index.md": "# Accueil\n",
        "en/blog/part-1.md": "# Part One\n\nOpen.\n",
        "fr/blog/part-1.md": "# Première partie\n\nOuvert.\n",
        "en/blog/part-2.md": ENGLISH,
        "fr/blog/part-2.md": FRENCH,
    }
    cadence = {
        "start": "2025-11-03",
        "every": "4 weeks",
        "pages": ["blog/part-1.md", "blog/part-2.md"],
    }
    reveal = {"timezone": "Europe/Oslo", "now": NOW, "series": {"saga": cadence}}
    build = site(pages, plugins=["search", FOLDERS, {"reveal": reveal}]).build("--strict")
    assert_absent(build)
    assert "Ouvert" in build.text("fr/blog/part-1/index.html")
    assert 'datetime="2025-12-01T00:00:00+01:00"' in build.text("fr/blog/part-2/index.html")


@pytest.mark.parametrize("key", ["blog/part-2.md", "en/blog/part-2.md"], ids=["neutral", "english"])
def test_reveal_json_names_the_page_and_the_post_at_their_urls(site: SiteFactory, key: str) -> None:
    project = in_folders(site, {key: DATE}, now=AFTER)
    teaser = '<PostPreview blurred post="blog/part-2.md">\nA teaser.\n'
    project.page("en/index.md", f"# Home\n\n{teaser}</PostPreview>\n")
    build = project.build("--strict")
    items = json.loads(build.text("reveal.json"))["items"]
    pages = [item for item in items if item["kind"] == "page"]
    assert [(item["url"], item["title"]) for item in pages] == [
        ("https://example.org/blog/part-2/", "Part Two")
    ]
    previews = [item for item in items if item["kind"] == "preview"]
    assert [item["post"] for item in previews] == ["https://example.org/blog/part-2/"]


def test_the_cli_leaves_out_a_page_only_an_unbuilt_language_has(site: SiteFactory) -> None:
    french = {"locale": "fr", "name": "Français", "build": False}
    i18n = {"i18n": {"docs_structure": "folder", "languages": [LANGUAGES[0], french]}}
    pages = {
        "en/index.md": "# Home\n",
        "en/blog/both.md": "# Both\n",
        "fr/blog/both.md": "# Les deux\n",
        "fr/blog/only-fr.md": "---\nreveal: 2025-12-01\n---\n\n# Seulement\n",
    }
    reveal = {"timezone": "Europe/Oslo", "schedule": {"blog/both.md": DATE}}
    project = site(pages, plugins=["search", i18n, {"reveal": reveal}])
    due = run(project.root, "due", "--since", NOW, "--json", now=AFTER)
    assert due.returncode == 0, due.stdout + due.stderr
    assert [item["path"] for item in json.loads(due.stdout)] == ["en/blog/both.md"]


def test_an_undated_preview_of_a_page_dated_in_another_language_does_not_hold_it(
    site: SiteFactory,
) -> None:
    # The page has a date of its own, in French: the preview's unreadable date seals the
    # preview, and the page goes live on its date in every language (suffix layout).
    pages = {
        "index.md": '# Home\n\n<PostPreview post="part-2.md" date="someday">\nA teaser.\n'
        "</PostPreview>\n",
        "part-2.md": ENGLISH,
        "part-2.fr.md": f"---\nreveal: {DATE}\n---\n\n{FRENCH}",
    }
    reveal = {"timezone": "Europe/Oslo", "now": AFTER}
    build = site(pages, plugins=["search", SUFFIXES, {"reveal": reveal}]).build()
    assert "cannot read 'someday' as a date" in build.log
    assert "quillfrost" in build.text("part-2/index.html")
    assert "plumegivre" in build.text("fr/part-2/index.html")
