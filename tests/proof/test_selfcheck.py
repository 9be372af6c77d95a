"""The post-build self-check: it passes sound builds and stops leaky ones, naming every file."""

from __future__ import annotations

import gzip
import html
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
import series
from sitebuild import Site

from mkdocs_reveal.diagnostics import RevealError
from mkdocs_reveal.proof.check import LeakCheck

SiteFactory = Callable[..., Site]
SEED = Path(__file__).parents[1] / "data" / "chronicles-chapter-1.md"
SENTENCE = "The glimmerfrost body text of part 3, with obsidianwren too, and more."
NOW = {"MKDOCS_REVEAL_NOW": "2025-11-12"}

# Sealed pages of real prose, one shape each, and words of each that no other file has.
SHAPES = {
    "french": (
        "C’est l’été à Paris : nous n’avions jamais vu la Seine aussi calme, dit-elle en "
        "souriant, avant de refermer le carnet du gardien.",
        "souriant",
    ),
    "german": (
        "Über den Brücken der Altstadt fährt die Straßenbahn nur noch sonntags, erzählte die "
        "Großmutter beim Kaffee.",
        "Großmutter",
    ),
    "contractions": (
        "I didn't know it then, but here's the thing: we couldn't have stayed, and it wasn't "
        "ours to keep.",
        "couldn't have stayed",
    ),
    "quotes-and-dashes": (
        "“Nobody told us,” she said — and the keeper’s logbook stayed shut — “not even once, "
        "not in forty winters.”",
        "keeper’s logbook",
    ),
    "japanese": (
        "灯台守の日記は、嵐の夜に海へ流された。誰もその行方を知らない。",
        "灯台守の日記は",
    ),
    "list-items": ("- Zimtschnecke\n- Quittengelee\n- Holunder\n", "Zimtschnecke"),
}

# A macros-like include, a JSON feed, a script, the sitemap and an archive: every channel a
# hook can write to, each given the body of the sealed page the test names.
CHANNELS_HOOK = '''
"""Copies a sealed page's text into every kind of output."""
import gzip
import html
import json
import os
from pathlib import Path


def body(config):
    """The sealed page's text, as a careless plugin would read it."""
    path = Path(config.docs_dir, "sealed", os.environ["LEAK_SHAPE"] + ".md")
    return path.read_text(encoding="utf-8").split("---", 2)[-1]


def on_page_markdown(markdown, page, config, **kwargs):
    """Include the sealed text in the public page, as a macro would."""
    if page.file.src_uri == "public.md":
        return markdown + "\\n\\n" + body(config)
    return markdown


def on_post_build(config, **kwargs):
    """Publish the sealed text in a feed, a script, the sitemap and an archive."""
    site = Path(config.site_dir)
    text = body(config)
    (site / "feed.json").write_text(json.dumps({"items": [{"content": text}]}))
    (site / "assets" / "data.js").write_text("window.DATA = " + json.dumps(text) + ";\\n")
    sitemap = site / "sitemap.xml"
    entry = f"<url><loc>{html.escape(text)}</loc></url></urlset>"
    sitemap.write_text(sitemap.read_text().replace("</urlset>", entry))
    (site / "archive.txt.gz").write_bytes(gzip.compress(text.encode("utf-8")))
'''
CHANNELS = [
    "public/index.html",
    "search/search_index.json",
    "feed.json",
    "assets/data.js",
    "sitemap.xml",
    "sitemap.xml.gz",
    "archive.txt.gz",
]


def shapes_site(site: SiteFactory, **config: object) -> Site:
    """A public site beside one sealed page per shape of prose."""
    pages = {"index.md": "# Home\n\nWelcome.\n", "public.md": "# Public\n\nOpen to all.\n"}
    schedule = {}
    for name, (text, _) in SHAPES.items():
        pages[f"sealed/{name}.md"] = f"---\ntitle: Sealed {name}\n---\n\n{text}\n"
        schedule[f"sealed/{name}.md"] = "2026-01-05"
    return site(pages, reveal={"timezone": "Europe/Oslo", "schedule": schedule}, **config)


@pytest.mark.parametrize("shape", SHAPES)
def test_sealed_prose_of_any_shape_is_caught_in_every_channel(
    site: SiteFactory, shape: str
) -> None:
    project = shapes_site(site, hooks=["leaky.py"])
    project.write("leaky.py", CHANNELS_HOOK)
    build = project.build(ok=False, env={**NOW, "LEAK_SHAPE": shape})
    assert build.returncode != 0
    assert "leak check failed" in build.log
    for output in CHANNELS:
        assert f"{output} holds sealed text of docs/sealed/{shape}.md" in build.log, output
        assert not (build.site / output).exists(), output
    word = SHAPES[shape][1]
    assert build.containing(word) == [], "every file holding the sealed text is removed"
    assert word.lower() not in build.log.lower(), "the secret itself is never printed"


def test_a_clean_site_of_every_shape_passes(site: SiteFactory) -> None:
    build = shapes_site(site).build(env=NOW)
    for _, word in SHAPES.values():
        assert build.containing(word) == []


FIVE_PAGES_HOOK = '''
"""Includes one sealed line in five public pages, as a shared macro would."""
from pathlib import Path


def on_page_markdown(markdown, page, config, **kwargs):
    """Append the sealed page's first line to each public page."""
    if page.file.src_uri.startswith("public-"):
        sealed = Path(config.docs_dir, "series", "collective.md").read_text(encoding="utf-8")
        line = next(line for line in sealed.splitlines() if "body text" in line)
        return markdown + "\\n\\n" + line
    return markdown
'''


def test_the_same_sealed_line_in_five_pages_leaves_none_behind(site: SiteFactory) -> None:
    pages = series.pages()
    for number in range(1, 6):
        pages[f"public-{number}.md"] = f"# Public {number}\n\nOpen page number {number}.\n"
    project = site(pages, reveal=series.reveal_options(), hooks=["leaky.py"])
    project.write("leaky.py", FIVE_PAGES_HOOK)
    build = project.build(ok=False, env=NOW)
    assert build.returncode != 0
    for number in range(1, 6):
        assert f"public-{number}/index.html holds sealed text of docs/series/collective.md" in (
            build.log
        )
    assert "reached 6 file(s)" in build.log  # the five pages and the search index
    for word in series.SECRETS[3]:
        assert build.containing(word) == []
        assert word not in build.log
    assert (build.site / "index.html").is_file(), "files without sealed text stay"


def test_text_the_site_shows_anyway_is_no_leak(site: SiteFactory) -> None:
    # The site's description, repeated in a sealed page: Material prints it on every page.
    description = "A quiet chronicle of lighthouses, written one stormy night at a time."
    pages = series.pages()
    pages["series/collective.md"] += f"\n{description}\n"
    # A revealed part quotes a sentence of the sealed one.
    quote = "The glimmerfrost body text of part 3"
    pages["series/workflow.md"] += f"\n> {quote}, as it will be told.\n"
    project = site(pages, reveal=series.reveal_options(), site_description=description)
    build = project.build(env=NOW)
    assert build.containing("lighthouses, written one stormy night")
    assert build.containing("obsidianwren") == []


def test_seed_lorem_teasers_are_not_false_positives(site: SiteFactory) -> None:
    # Part 3's sealed teaser is lorem ipsum, as are the revealed ones: they share words.
    text = SEED.read_text(encoding="utf-8")
    build = site({"index.md": text}, reveal={}).build(
        env={"MKDOCS_REVEAL_NOW": "2025-11-20T12:00:00+01:00"}
    )
    html = build.text("index.html")
    assert html.count('class="reveal-preview is-sealed"') == 1
    assert "Culpa qui officia deserunt mollit" not in html


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

LATE_PAGE_HOOK = '''
"""A third-party plugin that changes each page after every other plugin has seen it."""
from pathlib import Path

from mkdocs.plugins import event_priority


@event_priority(-1000)
def on_post_page(output, page, config, **kwargs):
    """Append the raw landing page to the home page, last of all."""
    if page.file.src_uri != "index.md":
        return output
    raw = Path(config.docs_dir, "series", "index.md").read_text(encoding="utf-8")
    return output.replace("</body>", f"<pre>{raw}</pre></body>")
'''


@pytest.mark.parametrize(
    ("hook", "outputs", "source"),
    [
        (LEAKY_HOOK, ["raw-copy.txt"], "docs/series/collective.md"),
        (LEAKY_PAGE_HOOK, ["index.html", "series/index.html"], "docs/series/index.md"),
        # The page was matched as MkDocs wrote it, and is read again once it has changed.
        (REWRITING_HOOK, ["index.html"], "docs/series/index.md"),
        # Changed after this plugin saw it: its size on disk is not the one matched.
        (LATE_PAGE_HOOK, ["index.html"], "docs/series/index.md"),
    ],
    ids=["copies-sources", "appends-to-every-page", "rewrites-a-written-page", "changes-last"],
)
def test_a_leaky_plugin_fails_the_build(
    site: SiteFactory, hook: str, outputs: list[str], source: str
) -> None:
    project = site(series.pages(), reveal=series.reveal_options(), hooks=["leaky.py"])
    project.write("leaky.py", hook)
    build = project.build(ok=False, env=NOW)
    assert build.returncode != 0
    assert "leak check failed" in build.log
    for output in outputs:
        assert f"{output} holds sealed text of {source}" in build.log
        assert not (build.site / output).exists(), "the leaking file is removed"
    for word in series.SECRETS[3]:
        assert word not in build.log, "the secret itself must never be printed"
        assert build.containing(word) == []


def test_leak_check_can_be_turned_off(site: SiteFactory) -> None:
    project = site(
        series.pages(), reveal=series.reveal_options(leak_check=False), hooks=["leaky.py"]
    )
    project.write("leaky.py", LEAKY_HOOK)
    build = project.build(env=NOW)
    assert "glimmerfrost" in build.text("raw-copy.txt")


@pytest.fixture
def check() -> LeakCheck:
    """A leak check that knows SENTENCE as sealed text of docs/sealed.md."""
    leak_check = LeakCheck()
    leak_check.seal(SENTENCE, "docs/sealed.md")
    return leak_check


def write_pages(check: LeakCheck, site: Path, pages: dict[str, str]) -> None:
    """Write pages as MkDocs does: each is handed over, then written."""
    for output, text in pages.items():
        check.will_write(output, str(site / output), text)
        (site / output).write_text(text, encoding="utf-8")


def outputs(check: LeakCheck, site: Path, copies: dict[str, int] | None = None) -> list[str]:
    """The outputs the check names."""
    return sorted({leak.output for leak in check.finish(site, copies or {})})


def test_gzip_is_read_and_unchanged_copies_are_skipped(check: LeakCheck, tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml.gz").write_bytes(gzip.compress(SENTENCE.encode()))
    (tmp_path / "theme.js").write_text(SENTENCE)
    (tmp_path / "changed.js").write_text(SENTENCE)
    copies = {"theme.js": len(SENTENCE), "changed.js": 3}
    assert outputs(check, tmp_path, copies) == ["changed.js", "sitemap.xml.gz"]


def test_a_page_written_again_after_it_was_matched_is_matched_again(
    check: LeakCheck, tmp_path: Path
) -> None:
    write_pages(check, tmp_path, {"a.html": "<p>Page a</p>", "b.html": "<p>Page b</p>"})
    # Another plugin rewrites a page once the build is over, and the sealed text comes in.
    (tmp_path / "a.html").write_text(f"<p>Page a, rewritten: {SENTENCE}</p>")
    os.utime(tmp_path / "a.html", ns=(1, 1))
    assert outputs(check, tmp_path) == ["a.html"]


def test_sealed_text_learnt_after_pages_were_matched_is_matched_everywhere(
    check: LeakCheck, tmp_path: Path
) -> None:
    late = "Driftmoss lanterns sealed by an included snippet, learnt only at the end."
    write_pages(check, tmp_path, {"a.html": f"<p>{late}</p>", "b.html": "<p>Page b</p>"})
    check.seal(late, "docs/late.md")
    leaks = check.finish(tmp_path, {})
    assert [(leak.output, leak.source) for leak in leaks] == [("a.html", "docs/late.md")]


def test_sealed_text_learnt_after_a_batch_was_matched_is_matched_everywhere(
    check: LeakCheck, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A site whose new text is past what is kept for the end is matched as it is written.
    monkeypatch.setattr("mkdocs_reveal.proof.check.QUEUED", 1 << 20)
    late = "Driftmoss lanterns sealed by an included snippet, learnt only at the end."
    large = "<p>" + "Public words of a long page. " * 40_000 + "</p>"  # past QUEUED
    write_pages(check, tmp_path, {"a.html": f"{large}<p>{late}</p>", "b.html": large})
    check.seal(late, "docs/late.md")
    write_pages(check, tmp_path, {"c.html": "<p>Page c</p>"})
    assert outputs(check, tmp_path) == ["a.html"]


def test_a_fifo_in_the_site_does_not_block_the_check(check: LeakCheck, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.html")
    (tmp_path / "page.html").write_text(f"<p>{SENTENCE}</p>")
    assert outputs(check, tmp_path) == ["page.html"]


def test_public_text_is_not_a_leak(check: LeakCheck, tmp_path: Path) -> None:
    check.publish(f"A revealed page quotes it: {SENTENCE.upper()}")
    write_pages(check, tmp_path, {"public.html": f"<p>{SENTENCE}</p>"})
    assert outputs(check, tmp_path) == []


def test_what_the_generator_writes_by_itself_is_no_leak(tmp_path: Path) -> None:
    check = LeakCheck()
    check.seal("- Highlight\n- Zimtschnecke\n", "docs/sealed.md")
    read: list[str] = []

    def theme() -> list[str]:
        """The theme's templates, read only when a fingerprint is found."""
        read.append("theme")
        return ['<div class="highlight"><pre>{{ code }}</pre></div>']

    check.public.generators.append(theme)
    write_pages(check, tmp_path, {"a.html": '<div class="highlight"><pre>x = 1</pre></div>'})
    assert outputs(check, tmp_path) == []
    assert read == ["theme"]
    write_pages(check, tmp_path, {"b.html": "<ul><li>Zimtschnecke</li></ul>"})
    assert outputs(check, tmp_path) == ["b.html"]


def test_sealed_text_in_a_nav_item_is_found_on_every_page_that_shows_it(
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
    assert outputs(check, tmp_path) == ["three.html", "two.html"]


# Every word of the sealed sentence is public: only its order is the secret, and markup sits
# in the middle of it once rendered (a bold name, a link, an emphasis, a dash).
FINALISTS = (
    "The finalists are Alice Marchetti and Bob Lindqvist; not one of them has been told. "
    "The winner of the award, the jury said, will be announced soon."
)
WINNER = (
    "The winner of the award is **Bob Lindqvist**, the jury said --- not Alice, announced soon."
)
INCLUDING_HOOK = '''
"""Includes the sealed winner page in the public one, as a macro would."""
from pathlib import Path


def on_page_markdown(markdown, page, config, **kwargs):
    """Append the sealed page's body to the public page."""
    if page.file.src_uri == "index.md":
        return markdown + "\\n\\n" + Path(config.docs_dir, "winner.md").read_text().split("---")[-1]
    return markdown
'''


def test_markup_between_public_words_hides_no_sealed_sentence(site: SiteFactory) -> None:
    """A sentence made only of public words is caught though bold, a dash and a link cut it."""
    pages = {
        "index.md": f"# Award\n\n{FINALISTS}\n",
        "winner.md": f"---\ntitle: Winner\n---\n\n{WINNER} See [the rules](index.md).\n",
    }
    reveal = {"timezone": "Europe/Oslo", "schedule": {"winner.md": "2026-01-05"}}
    project = site(pages, reveal=reveal, hooks=["including.py"], markdown_extensions=["smarty"])
    project.write("including.py", INCLUDING_HOOK)
    build = project.build(ok=False, env=NOW)
    assert "index.html holds sealed text of docs/winner.md" in build.log
    assert not (build.site / "index.html").exists()
    assert build.containing("Bob Lindqvist</strong>") == []


def test_html_escaped_again_in_a_feed_is_read_whole(tmp_path: Path) -> None:
    """A page's HTML inside an XML feed (`&amp;mdash;`, `&lt;em&gt;`) is decoded to its words."""
    check = LeakCheck()
    # Every word is public, and a dash or an emphasis comes within every five of them.
    check.seal("Winner: Alice — *not* Bob — said *the* jury — and *the* award — was hers.", "w.md")
    check.publish("Bob said the award was hers and not Alice's; the jury named the winner.")
    rendered = (
        "<p>Winner: Alice &mdash; <em>not</em> Bob &mdash; said <em>the</em> jury &mdash; "
        "and <em>the</em> award &mdash; was hers.</p>"
    )
    feed = f"<rss><item><description>{html.escape(rendered)}</description></item></rss>"
    (tmp_path / "feed_rss_created.xml").write_text(feed, encoding="utf-8")
    assert outputs(check, tmp_path) == ["feed_rss_created.xml"]


def test_backslashes_of_sealed_text_are_found_in_a_json_string(tmp_path: Path) -> None:
    """LaTeX in a sealed page reads the same where a search index escapes its backslashes."""
    check = LeakCheck()
    formula = r"the angle \theta meets the \nabla of \beta at the keeper's lamp"
    check.seal(formula, "docs/maths.md")
    check.publish(r"angle theta meets nabla of beta at the keeper's lamp")
    (tmp_path / "search_index.json").write_text(json.dumps({"text": formula}), encoding="utf-8")
    assert outputs(check, tmp_path) == ["search_index.json"]


def test_a_file_the_check_cannot_read_is_an_error_not_a_pass(
    check: LeakCheck, tmp_path: Path
) -> None:
    """An output that is there but cannot be read is not proven clean: the check says so."""
    write_pages(check, tmp_path, {"index.html": "<p>Welcome.</p>", "part.html": "<p>Part.</p>"})
    # Another plugin leaves a page that no one can open (a link to itself; root cannot either).
    (tmp_path / "part.html").unlink()
    (tmp_path / "part.html").symlink_to("part.html")
    with pytest.raises(RevealError, match=r"part\.html cannot be read \(.*\), so the site is not"):
        check.finish(tmp_path, {})


# Copies the sealed page's list into the public page, as a careless include would.
LIST_HOOK = '''
from pathlib import Path


def on_page_markdown(markdown, page, config, **kwargs):
    """Append the sealed page's body to the public one."""
    if page.file.src_uri == "public.md":
        sealed = Path(config.docs_dir, "sealed.md").read_text(encoding="utf-8")
        return markdown + "\\n\\n" + sealed.split("---", 2)[-1]
    return markdown
'''


@pytest.mark.parametrize("extensions", [["pymdownx.superfences"], ["pymdownx.emoji"]])
def test_a_sealed_word_is_not_explained_by_code_the_build_never_ran(
    site: SiteFactory, extensions: list[str]
) -> None:
    # "Volcano" and "Cyclone" are emoji names in pymdownx's emoji tables, which the site
    # loads only with its emoji extension; and with it, only `:volcano:` would write them.
    pages = {
        "index.md": "# Home\n\nWelcome.\n",
        "public.md": "# Public\n\nOpen to all.\n",
        "sealed.md": "---\ntitle: Sealed\n---\n\n- Volcano\n- Cyclone\n",
    }
    reveal = {"timezone": "Europe/Oslo", "schedule": {"sealed.md": "2026-01-05"}}
    project = site(pages, reveal=reveal, hooks=["leaky.py"], markdown_extensions=extensions)
    project.write("leaky.py", LIST_HOOK)
    build = project.build(ok=False, env=NOW)
    assert build.returncode != 0, build.log
    assert "public/index.html holds sealed text of docs/sealed.md" in build.log
    assert build.containing("cyclone") == []


def test_an_emoji_s_long_title_on_a_public_page_is_no_leak(site: SiteFactory) -> None:
    # `title: long` writes ":smile:" as "smiling face with open mouth and smiling eyes", words
    # of pymdownx's emoji table that neither page's source holds.
    pages = {
        "index.md": "# Home\n\nWelcome :smile:\n",
        "sealed.md": "---\ntitle: Sealed\n---\n\nZorbelwick opened her mouth.\n\n- Mouth\n",
    }
    reveal = {"timezone": "Europe/Oslo", "schedule": {"sealed.md": "2026-01-05"}}
    emoji = {"pymdownx.emoji": {"title": "long"}}
    build = site(pages, reveal=reveal, markdown_extensions=[emoji]).build("--strict", env=NOW)
    assert 'title="smiling face with open mouth and smiling eyes"' in build.text("index.html")
    assert build.containing("zorbelwick") == []
