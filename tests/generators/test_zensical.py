"""Real `zensical build --clean`s of scheduled sites built by the recipe in docs/zensical.md.

Zensical runs no MkDocs plugin: here the Markdown extension alone seals previews and whole
pages, reads the clock, and stops the build where it must. Every test reads what Zensical wrote.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import recipes
import series
from revealcli import run
from sitebuild import Build, make_site

from mkdocs_reveal.markup import zensical

CLOCK = "2025-11-12T12:00:00+01:00"
# A page scheduled by its own front matter, in words that are not all ASCII.
FIRST_PART = (
    "---\n"
    "title: Første del\n"
    "description: Hemmelig beskrivelse om tyttebærsyltetøy\n"
    "tags: [snøfnuggkrystall]\n"
    "reveal: 2025-12-01\n"
    "---\n\n"
    "# Første del\n\n"
    "Vi’ll ikke si det ennå — “kremmerhusene” og blåbærtåka.\n\n"
    "- ærfuglen\n"
    "- l’éphémère\n"
    "- Größenwahnsinn\n"
    "- 秘密の庭園\n"
)
FIRST_PART_WORDS = (
    "tyttebærsyltetøy",
    "snøfnuggkrystall",
    "“kremmerhusene”",
    "blåbærtåka",
    "ærfuglen",
    "l’éphémère",
    "Größenwahnsinn",
    "秘密の庭園",
)
# A sealed teaser in the same spirit, on a page that is public.
TEASER = (
    "# Nyheter\n\n"
    '<PostPreview blurred post="norsk/forste.md">\n'
    '  <RevealStamp date="Monday, December 1st 2025" />\n\n'
    "  **Snart:** Don’t tell — “kanelsnurrene” og jordbærløftet.\n\n"
    "  - smørøyet\n"
    "</PostPreview>\n"
)
TEASER_WORDS = ("“kanelsnurrene”", "jordbærløftet", "smørøyet", "Don’t tell")

if TYPE_CHECKING:
    from playwright.sync_api import Browser


def options(**overrides: Any) -> dict[str, Any]:
    """The series' options for the extension, at the demo's clock unless overridden."""
    return series.reveal_options(**{"now": CLOCK, **overrides})


def series_pages() -> dict[str, str]:
    """The series, a page scheduled in its front matter, a teaser of it, and a tag listing."""
    return {
        **series.pages(),
        "norsk/forste.md": FIRST_PART,
        "norsk/index.md": TEASER,
        "norsk/ute.md": "---\ntags: [synligmerke]\n---\n\n# Ute\n\nAlready out.\n",
        "tags.md": "# Tags\n\n<!-- material/tags -->\n",
    }


def leaks(build: Build, words: tuple[str, ...]) -> dict[str, list[str]]:
    """Each planted word that reached an output file, and where."""
    return {word: found for word in words if (found := build.containing(word))}


@pytest.fixture(scope="module")
def sealed(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The series built once by the recipe at the demo's clock: Part 3 and Første del sealed."""
    # With Zensical's own plugins that write more files from the pages: tag listings, and
    # llms.txt, llms-full.txt and a Markdown copy of every page.
    plugins = [
        "search",
        "tags",
        {"llmstxt": {"full_output": "llms-full.txt", "sections": {"All": ["*.md", "*/*.md"]}}},
    ]
    root = tmp_path_factory.mktemp("zensical")
    site = recipes.zensical_site(root, series_pages(), options(), plugins=plugins)
    return recipes.zensical_build(site)


def test_the_tested_zensical_is_installed() -> None:
    # The version the context guard names, and docs/zensical.md, is the one built with here.
    assert version("zensical") == zensical.TESTED
    docs = (recipes.REPO / "docs" / "zensical.md").read_text(encoding="utf-8")
    assert f"Zensical {zensical.TESTED}" in docs


def test_nothing_sealed_reaches_any_output_file(sealed: Build) -> None:
    planted = (*series.SECRETS[3], *FIRST_PART_WORDS, *TEASER_WORDS)
    assert leaks(sealed, planted) == {}
    for written in ("llms.txt", "llms-full.txt", "series/workflow/index.md", "tags/index.html"):
        assert (sealed.site / written).is_file(), written
    assert "moonbasalt" in sealed.text("llms-full.txt")
    assert "synligmerke" in sealed.text("tags/index.html")  # the listing lists public tags
    # What is revealed is there, in the page and in Zensical's search index.
    for word in (*series.SECRETS[1], *series.SECRETS[2]):
        assert "search.json" in sealed.containing(word), word
    assert sealed.containing("Første del"), "the sealed page keeps its title"


def test_a_sealed_page_is_a_bookmarkable_stand_in(sealed: Build) -> None:
    for url, date in (("series/collective", "November 24, 2025"), ("norsk/forste", "December 1")):
        html = sealed.text(f"{url}/index.html")
        assert 'class="reveal-preview is-sealed reveal-page"' in html
        assert '<time class="reveal-stamp is-sealed"' in html
        assert date in html
        assert 'class="reveal-placeholder"' in html
    page = sealed.text("norsk/forste/index.html")
    assert "<title>Første del" in page
    assert "Hemmelig" not in page  # the description is gone from the page's head
    # Sealed pages are left out of the search index entirely; their stand-ins say nothing.
    locations = [item["location"] for item in json.loads(sealed.text("search.json"))["items"]]
    assert not [where for where in locations if where.startswith(("series/collective", "norsk/f"))]
    assert "series/workflow/" in locations


def test_previews_are_sealed_by_the_schedule_and_styled(sealed: Build) -> None:
    landing = sealed.text("series/index.html")
    states = re.findall(r'class="reveal-preview (is-\w+)"', landing)
    assert states == ["is-revealed", "is-revealed", "is-sealed"]
    assert "<PostPreview" not in landing and "&lt;PostPreview" not in landing
    # The teaser names a page scheduled only by its own front matter: sealed by it.
    assert 'data-reveal-at="2025-12-01T09:00:00+01:00"' in sealed.text("norsk/index.html")
    for uri in recipes.ASSET_URIS:
        assert (sealed.site / uri).is_file(), uri
        assert uri.rsplit("/", 1)[1] in landing


@pytest.mark.parametrize(
    ("env", "overrides", "revealed"),
    [
        ({}, {}, (1, 2)),
        # MKDOCS_REVEAL_NOW wins over the `now` option, as for the plugin.
        ({"MKDOCS_REVEAL_NOW": "2025-11-24T09:00:00+01:00"}, {}, (1, 2, 3)),
        # Without either, SOURCE_DATE_EPOCH: a second before Part 2's 09:00 in Oslo.
        ({"SOURCE_DATE_EPOCH": "1762761599"}, {"now": None}, (1,)),
        # With nothing pinned, the real time, long after the series' last part.
        ({}, {"now": None}, (1, 2, 3)),
    ],
)
def test_the_clock_is_the_plugins(
    tmp_path: Path, env: dict[str, str], overrides: dict[str, Any], revealed: tuple[int, ...]
) -> None:
    chosen = {key: value for key, value in options(**overrides).items() if value is not None}
    site = recipes.zensical_site(tmp_path, series.pages(), chosen)
    build = recipes.zensical_build(site, env=env)
    for part, words in series.SECRETS.items():
        for word in words:
            found = build.containing(word)
            assert bool(found) == (part in revealed), (part, word, found)


def test_a_rebuild_without_clean_serves_the_cache(tmp_path: Path) -> None:
    """Why the recipe always cleans: Zensical's cache does not know the clock."""
    site = recipes.zensical_site(tmp_path, series.pages(), options())
    later = {"MKDOCS_REVEAL_NOW": "2100-01-01"}
    assert recipes.zensical_build(site, env=later).containing(series.SECRETS[3][0])
    cached = site.build(env={}, program="zensical")
    assert cached.containing(series.SECRETS[3][0]), "Zensical's cache kept the revealed page"
    assert recipes.zensical_build(site).containing(series.SECRETS[3][0]) == []


DOUBTFUL = (
    "---\ntitle: Doubt\n---\n\n# Doubt\n\n"
    "```python\nprint('fenced code that superfences swaps out')\nprint('two lines')\n```\n\n"
    "<PostPreview>\n"
    '  <RevealStamp date="Tuesday, November 3rd 2025" />\n\n'
    "  The weekday does not fit: wolframbrook stays sealed.\n"
    "</PostPreview>\n"
)


def test_a_doubtful_date_stays_sealed_and_is_reported_at_its_line(tmp_path: Path) -> None:
    site = recipes.zensical_site(tmp_path, {"index.md": "# Home\n", "doubt.md": DOUBTFUL}, {})
    build = recipes.zensical_build(site)
    assert build.containing("wolframbrook") == []
    assert 'class="reveal-preview is-sealed"' in build.text("doubt/index.html")
    assert "docs/doubt.md:13: November 3rd 2025 is a Monday" in build.log, build.log
    assert "docs/doubt.md:12: kept sealed until the warning about its date is fixed" in build.log


@pytest.mark.parametrize("how", ["option", "command line", "config"])
def test_strict_stops_the_build(tmp_path: Path, how: str) -> None:
    reveal = {"strict": True} if how == "option" else {}
    extra = {"strict": True} if how == "config" else {}
    pages = {"index.md": "# Home\n", "doubt.md": DOUBTFUL}
    site = recipes.zensical_site(tmp_path, pages, reveal, **extra)
    args = ("--strict",) if how == "command line" else ()
    build = recipes.zensical_build(site, *args, ok=False)
    assert build.returncode != 0
    assert "RevealError: docs/doubt.md:13: November 3rd 2025 is a Monday" in build.log, build.log
    assert "(strict: the build stops on these" in build.log


def test_yearless_dates_take_the_year_of_the_pages_date(tmp_path: Path) -> None:
    page = (
        "---\ndate: 2024-11-01\n---\n\n"
        "<PostPreview>\n"
        '  <RevealStamp date="Monday, November 4th" />\n\n'
        "  Anchored on the page's date: hazelbrightwater is out.\n"
        "</PostPreview>\n"
    )
    site = recipes.zensical_site(tmp_path, {"index.md": page}, {"now": "2025-01-01"})
    build = recipes.zensical_build(site)
    # Nearest the clock, November 4th would be 2025 (a Tuesday, and still to come).
    assert build.containing("hazelbrightwater") == ["index.html", "search.json"]
    assert "Tuesday" not in build.log


@pytest.mark.parametrize(
    ("schedule", "message"),
    [
        ({"series/nowhere.md": "2025-11-24"}, "schedule: series/nowhere.md: names no page"),
        (
            {"series/collective.md": "Tuesday, November 24th 2025"},
            "November 24th 2025 is a Monday",
        ),
    ],
)
def test_a_schedule_that_cannot_be_trusted_stops_the_build(
    tmp_path: Path, schedule: dict[str, str], message: str
) -> None:
    site = recipes.zensical_site(tmp_path, series.pages(), options(schedule=schedule))
    build = recipes.zensical_build(site, ok=False)
    assert build.returncode != 0
    assert message in build.log, build.log


# Starts Zensical with its rendering context moved, as a later version might move it.
MOVED = """
import sys
from zensical.extensions import context
from zensical.main import cli

if sys.argv.pop(1) == "renamed":
    context.ContextPreprocessor.name = "page_context"
else:
    keep = context.ContextPreprocessor.__init__

    def init(self, md, page, config):
        keep(self, md, page, config)
        self.current_page = self.page
        del self.page

    context.ContextPreprocessor.__init__ = init
cli()
"""


@pytest.mark.parametrize("move", ["renamed", "reshaped"])
def test_a_moved_zensical_context_stops_the_build(tmp_path: Path, move: str) -> None:
    site = recipes.zensical_site(tmp_path, series.pages(), options())
    done = recipes.python(tmp_path, "-c", MOVED, move, "build", "--clean")
    assert done.returncode != 0
    assert "ContextMoved: Zensical's rendering context" in done.stderr, done.stderr
    assert Build(done.returncode, "", site.root / "site").containing("glimmerfrost") == []


def test_a_site_that_lists_only_the_plugin_is_published_whole(tmp_path: Path) -> None:
    """Why `mkdocs-reveal check` gates the deploy: Zensical drops the plugin without a word."""
    site = make_site(tmp_path, series.pages(), reveal=options())
    build = site.build("--clean", program="zensical")
    assert build.containing("glimmerfrost"), "Zensical published Part 3 whole"
    assert "reveal" not in build.log
    # The gate before any deploy: the check reads the same project and fails this site.
    check = run(site.root, "check", "--site-dir", "site", now=CLOCK)
    assert check.returncode == 1, check.stdout + check.stderr
    assert "series/collective/index.html holds sealed text of docs/series/collective.md" in (
        check.stdout + check.stderr
    )
    assert "glimmerfrost" not in check.stdout + check.stderr  # the secret is never printed
    # The same project built by MkDocs with the plugin passes it.
    mkdocs = site.build(env={"MKDOCS_REVEAL_NOW": CLOCK})
    assert mkdocs.returncode == 0
    assert run(site.root, "check", "--site-dir", "site", now=CLOCK).returncode == 0


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """This repository's demo, built by Zensical by the recipe."""
    site = recipes.demo(tmp_path_factory.mktemp("demo"), "zensical")
    return recipes.zensical_build(site)


def test_the_demo_built_by_zensical_keeps_part_3_sealed(demo: Build) -> None:
    assert leaks(demo, recipes.DEMO_SEALED) == {}
    for words in recipes.DEMO_SHOWN:
        assert demo.containing(words), words
    stand_in = demo.text("chronicles/claude-code-collective/index.html")
    assert 'class="reveal-preview is-sealed reveal-page"' in stand_in


def test_stamps_are_styled_and_count_down_in_a_browser(demo: Build, chromium: Browser) -> None:
    display, corner, blur = recipes.stamp_style(chromium, demo.site, datetime.fromisoformat(CLOCK))
    assert display == "inline-flex"
    assert corner != "0px"
    assert "blur" in blur
