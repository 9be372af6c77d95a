"""What a writer meets first: titles, stamp dates, the seed's habits, stopping `serve`."""

from __future__ import annotations

import hashlib
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import series
from localhttp import fetch, serve
from mkdocs.commands.build import build
from mkdocs.config import load_config
from sitebuild import Site

SiteFactory = Callable[..., Site]
SEED = Path(__file__).parents[1] / "data" / "chronicles-chapter-1.md"
SEALED = "2025-11-12T12:00:00+01:00"  # Part 3 sealed
REVEALED = "2025-11-25T12:00:00+01:00"  # everything out


def h1(html: str) -> str:
    """The text of the page's first H1 (permalink anchors aside)."""
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL)
    assert found is not None, html[:2000]
    return re.sub(r"<[^>]+>|¶", "", found.group(1)).strip()


def page_title(html: str) -> str:
    """The text of the page's <title>."""
    found = re.search(r"<title>(.*?)</title>", html, re.DOTALL)
    assert found is not None
    return found.group(1).strip()


# How a page names itself, and the nav entry (if any) that names it too.
TITLE_CASES = {
    "nav title over front matter": (
        "---\ntitle: Part 3 — a longer headline of its own\n---\n\nThe body.\n",
        "Part 3: The Collective",
    ),
    "front matter, no nav title": (
        "---\ntitle: Part 3 — its own headline\n---\n\nThe body.\n",
        None,
    ),
    "its own H1": ("---\ntitle: A title\n---\n\n# The page's own heading\n\nThe body.\n", None),
    "its own H1 under a nav title": ("# The page's own heading\n\nThe body.\n", "Nav name"),
    "nothing but the file name": ("The body, with no title at all.\n", None),
}


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
@pytest.mark.parametrize("case", TITLE_CASES)
def test_a_sealed_page_is_titled_as_its_revealed_page(
    site: SiteFactory, case: str, theme: str
) -> None:
    source, nav_title = TITLE_CASES[case]
    pages = {"index.md": "# Home\n", "part-3.md": source}
    nav = [{"Home": "index.md"}, {nav_title: "part-3.md"} if nav_title else "part-3.md"]
    project = site(pages, reveal={"schedule": {"part-3.md": "2025-11-24"}}, nav=nav, theme=theme)
    sealed = project.build(env={"MKDOCS_REVEAL_NOW": SEALED}).text("part-3/index.html")
    assert "reveal-page" in sealed
    revealed = project.build(env={"MKDOCS_REVEAL_NOW": REVEALED}).text("part-3/index.html")
    assert "The body" in revealed
    assert page_title(sealed) == page_title(revealed)
    if theme == "material" or "H1" in case:  # the built-in theme shows no title of its own
        assert h1(sealed) == h1(revealed)
        if nav_title and "H1" not in case:
            assert h1(sealed) == nav_title
    else:
        assert "<h1" not in sealed.split('role="main"', 1)[-1].split("reveal-page", 1)[0]


def test_the_landing_page_and_the_stand_in_write_the_date_the_same_way(site: SiteFactory) -> None:
    """The landing page's stamp (written in words) and the stand-in's (from the schedule)."""
    project = site(series.pages(), reveal=series.reveal_options())
    build = project.build(env={"MKDOCS_REVEAL_NOW": SEALED})
    dates = re.compile(r'<span class="reveal-stamp-date">([^<]*)</span>')
    landing = dates.findall(build.text("series/index.html"))
    stand_in = dates.findall(build.text("series/collective/index.html"))
    assert landing[2] == stand_in[0] == "Monday, November 24, 2025"
    notices = re.compile(r'<p class="reveal-notice">([^<]*)</p>')
    assert notices.findall(build.text("series/index.html")) == notices.findall(
        build.text("series/collective/index.html")
    )


def test_the_seeds_mojibake_is_a_warning_with_the_repaired_text(site: SiteFactory) -> None:
    project = site({"index.md": SEED.read_text(encoding="utf-8")}, reveal={})
    before = hashlib.sha256(SEED.read_bytes()).hexdigest()
    build = project.build("--strict", ok=False)
    assert build.returncode != 0
    assert (
        "docs/index.md:21: this line looks like mojibake (UTF-8 once read as another "
        "encoding); repaired, it reads: **[📖 Read Part 1 →](/blog/claude-code-stalactite)**"
    ) in build.log
    assert "docs/index.md:95: this line looks like mojibake" in build.log
    assert "repaired, it reads: - 📧 [Subscribe to our newsletter](#)" in build.log
    # Bytes were lost on these two: no guess (ftfy's would turn the bird into a microbe).
    assert "docs/index.md:94: this line looks like mojibake that cannot be repaired" in build.log
    assert "🦠" not in build.log
    assert "docs/index.md:99: this line looks like mojibake that cannot be repaired" in build.log
    # The page is never changed.
    assert hashlib.sha256((project.root / "docs/index.md").read_bytes()).hexdigest() == before


def test_real_prose_in_many_languages_is_not_mojibake(site: SiteFactory) -> None:
    prose = (
        "# Ünïcödé\n\n"
        "“Curly quotes”, ‘single’, it’s — an em dash – an en dash… and “Ça va?”\n\n"
        "Türkçe: ağaç, şehir, İstanbul, ığdır. Ελληνικά: καλημέρα. Русский: привет.\n\n"
        "日本語のテキスト、中文文本、한국어 텍스트. עברית ועربية.\n\n"
        "Emoji: 📖 🔖 👩‍💻 🇳🇴 — and Â£5 is not a price anyone writes on purpose.\n"
    )
    build = site({"index.md": prose.replace("Â£5", "£5")}, reveal={}).build("--strict")
    assert "mojibake" not in build.log


@pytest.mark.parametrize("clock", ["pinned", "live"])
def test_sigterm_to_serve_leaves_nothing_in_the_temp_folder(
    site: SiteFactory, tmp_path: Path, clock: str
) -> None:
    # A sealed page (a stand-in is written) and, live, a reveal ahead (the timer's folder).
    reveal = series.reveal_options(now=SEALED) if clock == "pinned" else series.reveal_options()
    if clock == "live":
        reveal["schedule"]["series/collective.md"] = "2099-01-01"
    project = site(series.pages(), reveal=reveal)
    temp = Path(tempfile.mkdtemp(dir=tmp_path, prefix="tmp-"))
    log_path = tmp_path / "serve.log"
    # Leaving the block sends the server SIGTERM.
    with serve(project, log_path, env={"TMPDIR": str(temp)}) as base:
        deadline = time.monotonic() + 60
        while fetch(base, timeout=2) is None and time.monotonic() < deadline:
            time.sleep(0.2)
        ours = sorted(path.name for path in temp.iterdir())
        assert any(name.startswith("mkdocs-reveal-") for name in ours), ours
    output = log_path.read_text(encoding="utf-8")
    assert "Traceback" not in output, output
    assert sorted(path.name for path in temp.iterdir()) == [], output


def test_a_build_without_mkdocs_events_around_it_leaves_nothing_in_the_temp_folder(
    site: SiteFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A script or a benchmark calling MkDocs' `build()` gets no startup or shutdown event."""
    project = site(series.pages(), reveal=series.reveal_options(now=SEALED))
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(project.root)
    config = load_config(str(project.root / "mkdocs.yml"))
    build(config)
    assert "reveal-page" in (project.root / "site/series/collective/index.html").read_text(
        encoding="utf-8"
    )
    assert [path.name for path in temp.iterdir() if path.name.startswith("mkdocs-reveal-")] == []
