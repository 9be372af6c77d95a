"""The post-build self-check: it passes sound builds and stops leaky ones."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest
import series
from sitebuild import Site

from mkdocs_reveal.placeholder import VOCABULARY
from mkdocs_reveal.selfcheck import MIN_LENGTH, LeakCheck, anchors, fingerprints

SiteFactory = Callable[..., Site]
SEED = Path(__file__).parent / "data" / "chronicles-chapter-1.md"
SENTENCE = "The glimmerfrost body text of part 3, with obsidianwren too, and more."


def test_fingerprints_are_long_plain_runs() -> None:
    pieces = fingerprints(SENTENCE + "\nshort line\n" + "x" * 20)
    assert pieces and all(len(piece) >= MIN_LENGTH for piece in pieces)
    assert all(piece in SENTENCE for piece in pieces)
    # Quotes, ampersands and non-ASCII are written differently per channel: runs stop there.
    assert fingerprints("An apostrophe's edge & café " * 4) <= {
        piece for piece in fingerprints("An apostrophe's edge & café " * 4) if "'" not in piece
    }


def test_the_plugins_own_filler_is_never_a_fingerprint() -> None:
    assert fingerprints(" ".join(VOCABULARY)) == set()


def test_scan_finds_sealed_text_in_reflowed_json() -> None:
    check = LeakCheck()
    check.seal(f"**Lead:**\n\n{SENTENCE}\n", "docs/p.md")
    check.scan('{"text":"<p>' + SENTENCE.replace(" ", "  \\n") + '</p>"}', "safe.json")
    check.scan('{"docs":[{"text":"' + SENTENCE.replace("too, ", "too,\n ") + '"}]}', "idx.json")
    assert [(leak.output, leak.source) for leak in check.leaks] == [("idx.json", "docs/p.md")]


def test_public_text_is_not_a_leak() -> None:
    check = LeakCheck()
    check.seal(SENTENCE, "docs/sealed.md")
    check.publish(f"A revealed page quotes it: {SENTENCE}")
    check.scan(f"<p>{SENTENCE}</p>", "public.html")
    assert check.leaks == []


def test_scan_folder_reads_gzip_and_skips_theme_files(tmp_path: Path) -> None:
    check = LeakCheck()
    check.seal(SENTENCE, "docs/sealed.md")
    (tmp_path / "sitemap.xml.gz").write_bytes(gzip.compress(SENTENCE.encode()))
    (tmp_path / "theme.js").write_text(SENTENCE)
    check.scan_folder(tmp_path, skip={"theme.js"})
    assert [leak.output for leak in check.leaks] == ["sitemap.xml.gz"]


LEAKY_HOOK = '''
"""A third-party plugin that reads sources directly, as a careless one might."""
from pathlib import Path


def on_post_build(config, **kwargs):
    """Publish a raw copy of every source: the sealed ones too."""
    sources = sorted(Path(config.docs_dir).rglob("*.md"))
    text = "\\n".join(path.read_text(encoding="utf-8") for path in sources)
    Path(config.site_dir, "raw-copy.txt").write_text(text, encoding="utf-8")
'''

LEAKY_PAGE_HOOK = '''
"""A third-party plugin that appends the landing page's raw source to every page."""
from pathlib import Path


def on_post_page(output, page, config, **kwargs):
    """Append the raw landing page, sealed teasers and all."""
    raw = Path(config.docs_dir, "series", "index.md").read_text(encoding="utf-8")
    return output.replace("</body>", f"<pre>{raw}</pre></body>")
'''


@pytest.mark.parametrize(
    ("hook", "output", "source"),
    [
        (LEAKY_HOOK, "raw-copy.txt", "docs/series/collective.md"),
        (LEAKY_PAGE_HOOK, "index.html", "docs/series/index.md"),
    ],
)
def test_a_leaky_plugin_fails_the_build(
    site: SiteFactory, hook: str, output: str, source: str
) -> None:
    project = site(series.pages(), reveal=series.reveal_options(), hooks=["leaky.py"])
    project.write("leaky.py", hook)
    build = project.build(ok=False, env={"MKDOCS_REVEAL_NOW": "2025-11-12"})
    assert build.returncode != 0
    assert "leak check failed" in build.log
    assert f"{output} holds sealed text of {source}" in build.log
    for word in series.SECRETS[3]:
        assert word not in build.log, "the secret itself must never be printed"
    assert not (build.site / output).exists(), "the leaking file is removed"


def test_leak_check_can_be_turned_off(site: SiteFactory) -> None:
    project = site(
        series.pages(), reveal=series.reveal_options(leak_check=False), hooks=["leaky.py"]
    )
    project.write("leaky.py", LEAKY_HOOK)
    build = project.build(env={"MKDOCS_REVEAL_NOW": "2025-11-12"})
    assert "glimmerfrost" in build.text("raw-copy.txt")


def test_seed_lorem_teasers_are_not_false_positives(site: SiteFactory) -> None:
    # Part 3's sealed teaser is lorem ipsum, as are the revealed ones: they share words.
    text = SEED.read_text(encoding="utf-8")
    build = site({"index.md": text}, reveal={}).build(
        env={"MKDOCS_REVEAL_NOW": "2025-11-20T12:00:00+01:00"}
    )
    html = build.text("index.html")
    assert html.count('class="reveal-preview is-sealed"') == 1
    assert "Culpa qui officia deserunt mollit" not in html


def test_anchors_are_inner_words_or_nothing() -> None:
    assert anchors(["<p>The glimmerfrost body text, with obsidianwren too.</p>"]) == {
        "glimmerfrost"
    }
    assert anchors(["x" * 60]) is None  # no inner word: no shortcut, always searched


def test_sealed_text_in_a_nav_item_is_found_on_the_first_page_that_shows_it() -> None:
    check = LeakCheck()
    check.seal(SENTENCE, "docs/sealed.md")
    nav = "<ul><li>Home</li><li>About</li></ul>"
    check.scan(f"<html>{nav}<p>Page one</p></html>", "one.html")
    leaky_nav = nav.replace("About", SENTENCE)
    check.scan(f"<html>{leaky_nav}<p>Page two</p></html>", "two.html")
    check.scan(f"<html>{leaky_nav}<p>Page three</p></html>", "three.html")
    assert [leak.output for leak in check.leaks] == ["two.html"]
