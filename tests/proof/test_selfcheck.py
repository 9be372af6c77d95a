"""The post-build self-check: it passes sound builds and stops leaky ones."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest
import series
from sitebuild import Site

from mkdocs_reveal.markup.placeholder import VOCABULARY
from mkdocs_reveal.proof import worker as scanworker
from mkdocs_reveal.proof.check import LeakCheck
from mkdocs_reveal.proof.fingerprints import MIN_LENGTH, Matcher, fingerprints

SiteFactory = Callable[..., Site]
SEED = Path(__file__).parents[1] / "data" / "chronicles-chapter-1.md"
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


@pytest.fixture(params=[True, False], ids=["worker", "in-process"])
def check(request: pytest.FixtureRequest) -> LeakCheck:
    """A leak check that knows SENTENCE as sealed text of docs/sealed.md.

    Both ways of matching: in a worker process beside the build, and in the build's own.
    """
    leak_check = LeakCheck(request.param)
    leak_check.seal(SENTENCE, "docs/sealed.md")
    return leak_check


def write_pages(check: LeakCheck, site: Path, pages: dict[str, str]) -> None:
    """Write pages as MkDocs does: each is announced, then written."""
    for output, text in pages.items():
        check.will_write(output, str(site / output))
        (site / output).write_text(text, encoding="utf-8")


def test_finish_finds_sealed_text_in_reflowed_json(check: LeakCheck, tmp_path: Path) -> None:
    check.seal(f"**Lead:**\n\n{SENTENCE}\n", "docs/p.md")
    # Line breaks as JSON writes them, escaped, and as a pretty-printer leaves them.
    (tmp_path / "escaped.json").write_text('{"text":"<p>' + SENTENCE.replace(" ", "  \\n") + '"}')
    (tmp_path / "idx.json").write_text(
        '{"d":[{"t":"' + SENTENCE.replace("too, ", "too,\n ") + '"}]}'
    )
    (tmp_path / "safe.json").write_text('{"t":"' + SENTENCE.replace("part 3", "part 4") + '"}')
    leaks = check.finish(tmp_path, set())
    assert sorted((leak.output, leak.source) for leak in leaks) == [
        ("escaped.json", "docs/sealed.md"),
        ("idx.json", "docs/sealed.md"),
    ]


@pytest.mark.parametrize("before", ["\\n", "\\r\\n", "\\t", "\\u201c", "\\u00a0"])
def test_a_line_after_an_escape_in_json_or_javascript_is_found(before: str) -> None:
    """A sealed line (one fingerprint only) right after an escape is found, as after a space."""
    line = "Glimmerfrost lanterns hang over the obsidianwren harbour."
    assert len(fingerprints(line)) == 1
    matcher = Matcher(fingerprints(line))
    assert matcher.found('{"text": "Intro.' + before + line + '"}')
    # A letter that is not the end of an escape still joins the word: no match inside words.
    assert not Matcher(fingerprints(line)).found('{"text": "Intro.x' + line + '"}')


@pytest.mark.parametrize("flow", ["as written", "re-flowed"])
def test_public_text_is_not_a_leak(check: LeakCheck, tmp_path: Path, flow: str) -> None:
    quoted = SENTENCE if flow == "as written" else SENTENCE.replace(" ", "\n  ", 3)
    check.publish(f"A revealed page quotes it: {quoted}")
    write_pages(check, tmp_path, {"public.html": f"<p>{SENTENCE}</p>"})
    assert check.finish(tmp_path, set()) == []


def test_finish_reads_gzip_and_skips_theme_files(check: LeakCheck, tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml.gz").write_bytes(gzip.compress(SENTENCE.encode()))
    (tmp_path / "theme.js").write_text(SENTENCE)
    leaks = check.finish(tmp_path, skip={"theme.js"})
    assert [leak.output for leak in leaks] == ["sitemap.xml.gz"]


def test_site_wide_files_taken_first_are_matched_and_rewrites_caught(
    check: LeakCheck, tmp_path: Path
) -> None:
    write_pages(check, tmp_path, {"a.html": "<p>Page a</p>"})
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text('{"docs":[{"text":"' + SENTENCE + '"}]}')
    (tmp_path / "sitemap.xml").write_text("<urlset></urlset>")
    # Taken ahead of the walk; a file that is not there is no output, and no trouble.
    check.take_first(tmp_path, ["search/search_index.json", "sitemap.xml", "sitemap.xml.gz"])
    # Another plugin rewrites one after it was taken: matched again as it is now.
    (tmp_path / "sitemap.xml").write_text(f"<urlset><loc>{SENTENCE}</loc></urlset>")
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "page.md").write_text(SENTENCE)
    leaks = check.finish(tmp_path, set())
    assert sorted(leak.output for leak in leaks) == [
        "deep/er/page.md",
        "search/search_index.json",
        "sitemap.xml",
    ]


def test_a_page_written_again_after_it_was_matched_is_matched_again(
    check: LeakCheck, tmp_path: Path
) -> None:
    write_pages(check, tmp_path, {"a.html": "<p>Page a</p>", "b.html": "<p>Page b</p>"})
    check.will_write("c.html", str(tmp_path / "c.html"))  # a.html and b.html have been matched now
    (tmp_path / "c.html").write_text("<p>Page c</p>")
    # Another plugin rewrites a page once the build is over, and the sealed text comes in.
    (tmp_path / "a.html").write_text(f"<p>Page a, rewritten: {SENTENCE}</p>")
    assert [leak.output for leak in check.finish(tmp_path, set())] == ["a.html"]


def test_a_page_not_on_disk_when_announced_is_matched_when_it_is(
    check: LeakCheck, tmp_path: Path
) -> None:
    check.will_write("late.html", str(tmp_path / "late.html"))
    # late.html is matched now, and it is not there yet.
    check.will_write("next.html", str(tmp_path / "next.html"))
    (tmp_path / "late.html").write_text(f"<p>{SENTENCE}</p>")
    (tmp_path / "next.html").write_text("<p>Next</p>")
    assert [leak.output for leak in check.finish(tmp_path, set())] == ["late.html"]


def test_sealed_text_learnt_after_matching_began_is_matched_in_every_file(
    check: LeakCheck, tmp_path: Path
) -> None:
    late = "Driftmoss lanterns sealed by an included snippet, learnt only at the end."
    write_pages(check, tmp_path, {"a.html": f"<p>{late}</p>", "b.html": "<p>Page b</p>"})
    check.will_write("c.html", str(tmp_path / "c.html"))  # a.html is matched now
    (tmp_path / "c.html").write_text("<p>Page c</p>")
    check.seal(late, "docs/late.md")
    leaks = check.finish(tmp_path, set())
    assert [(leak.output, leak.source) for leak in leaks] == [("a.html", "docs/late.md")]


LEAKY_HOOK = '''
"""A third-party plugin that reads sources directly, as a careless one might."""
from pathlib import Path


def on_post_build(config, **kwargs):
    """Publish a raw copy of every source: the sealed ones too."""
    sources = sorted(Path(config.docs_dir).rglob("*.md"))
    text = "\\n".join(path.read_text(encoding="utf-8") for path in sources)
    Path(config.site_dir, "raw-copy.txt").write_text(text, encoding="utf-8")
'''

REWRITING_HOOK = '''
"""A third-party plugin that post-processes a written page once the build is over."""
from pathlib import Path


def on_post_build(config, **kwargs):
    """Append the raw landing page, sealed teasers and all, to the home page on disk."""
    raw = Path(config.docs_dir, "series", "index.md").read_text(encoding="utf-8")
    page = Path(config.site_dir, "index.html")
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</body>", f"<pre>{raw}</pre></body>"), encoding="utf-8")
'''

LEAKY_PAGE_HOOK = '''
"""A third-party plugin that appends the landing page's raw source to every page."""
from pathlib import Path


def on_post_page(output, page, config, **kwargs):
    """Append the raw landing page, sealed teasers and all."""
    raw = Path(config.docs_dir, "series", "index.md").read_text(encoding="utf-8")
    return output.replace("</body>", f"<pre>{raw}</pre></body>")
'''

JSON_FEED_HOOK = '''
"""A third-party plugin that writes a JSON feed of the raw sources."""
import json
from pathlib import Path


def on_post_build(config, **kwargs):
    """Publish every source as a JSON string: line breaks and non-ASCII come out escaped."""
    sources = sorted(Path(config.docs_dir).rglob("*.md"))
    items = [{"text": path.read_text(encoding="utf-8")} for path in sources]
    Path(config.site_dir, "feed.json").write_text(json.dumps({"items": items}), encoding="utf-8")
'''

LARGE_FEED_HOOK = '''
"""A third-party plugin that writes an archive as large as a big site's search index."""
from pathlib import Path


def on_post_build(config, **kwargs):
    """Publish the raw sources past the middle of 5 MB of public entries."""
    sources = sorted(Path(config.docs_dir).rglob("*.md"))
    raw = "\\n".join(path.read_text(encoding="utf-8") for path in sources)
    entry = "<li>A public archive entry, the same on every line.</li>\\n"
    text = entry * 100_000 + f"<li>{raw}</li>" + entry * 70_000
    Path(config.site_dir, "archive.html").write_text(text, encoding="utf-8")
'''


# Matching runs beside the build when there is a spare core; `taskset` takes it away.
ONE_CORE = ("taskset", "--cpu-list", "0")
WHERE = "a worker process" if scanworker.available() else "the build's process"


@pytest.mark.parametrize(
    ("hook", "output", "source"),
    [
        (LEAKY_HOOK, "raw-copy.txt", "docs/series/collective.md"),
        (JSON_FEED_HOOK, "feed.json", "docs/series/collective.md"),
        # Long enough for the worker to match it in two halves: the leak is in the second.
        (LARGE_FEED_HOOK, "archive.html", "docs/series/collective.md"),
        (LEAKY_PAGE_HOOK, "index.html", "docs/series/index.md"),
        # The page was matched as MkDocs wrote it, and is read again once it has changed.
        (REWRITING_HOOK, "index.html", "docs/series/index.md"),
    ],
    ids=[
        "copies-sources",
        "json-feed-of-sources",
        "large-archive-of-sources",
        "appends-to-pages",
        "rewrites-a-written-page",
    ],
)
@pytest.mark.parametrize(
    ("launcher", "where"),
    [((), WHERE), (ONE_CORE, "the build's process")],
    ids=["all-cores", "one-core"],
)
def test_a_leaky_plugin_fails_the_build(
    site: SiteFactory,
    *,
    hook: str,
    output: str,
    source: str,
    launcher: tuple[str, ...],
    where: str,
) -> None:
    project = site(series.pages(), reveal=series.reveal_options(), hooks=["leaky.py"])
    project.write("leaky.py", hook)
    env = {"MKDOCS_REVEAL_NOW": "2025-11-12"}
    build = project.build("--verbose", ok=False, env=env, launcher=launcher)
    assert f"files matched in {where}" in build.log
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


def test_a_sealed_word_of_thousands_of_letters_is_still_found() -> None:
    word = "Glimmer" + "frost" * 1000  # a pasted key, say: one run, no spaces
    matcher = Matcher(fingerprints(f"Sealed: {word} and the rest."))
    assert matcher.found(f"<p>Leaked {word}</p>")
    assert not matcher.found("<p>Glimmerfrost, once, in public.</p>")


def test_a_fingerprint_is_found_at_the_start_of_an_output_and_not_across_markup() -> None:
    piece = sorted(fingerprints(SENTENCE))[0]
    assert Matcher([piece]).found(piece) == {piece}
    assert Matcher([piece]).found(f"<li>{piece}</li>\n") == {piece}
    head, tail = piece.split(" ", 1)
    # A list item ends between the two halves: the reader never sees them as one run.
    assert Matcher([piece]).found(f"<li>{head}</li> {tail}") == set()


def test_sealed_text_in_a_nav_item_is_found_on_the_first_page_that_shows_it(
    check: LeakCheck, tmp_path: Path
) -> None:
    nav = "<ul><li>Home</li><li>About</li></ul>"
    leaky_nav = nav.replace("About", SENTENCE)
    pages = {
        "one.html": f"<html>{nav}<p>Page one</p></html>",
        "two.html": f"<html>{leaky_nav}<p>Page two</p></html>",
        "three.html": f"<html>{leaky_nav}<p>Page three</p></html>",
    }
    write_pages(check, tmp_path, pages)
    assert [leak.output for leak in check.finish(tmp_path, set())] == ["two.html"]
