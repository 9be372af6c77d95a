"""Every output channel, closed: words planted in sealed content reach no file of the site.

One site combines what users combine: Material with its blog, tags and search plugins,
mkdocs-rss-plugin (RSS and JSON feeds, git dates), `pymdownx.snippets`, attachments, a
template that writes OpenGraph tags from front matter, and the 404 page. Each planted word sits
in one channel. A control build with the clock after every reveal shows each word where its
channel puts it, so the sealed builds' "found nowhere" cannot pass by accident.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import series
import yaml
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from sitebuild import Build, Site, make_site

from mkdocs_reveal.integration.attachments import Attachments

SEALED_NOW = "2025-11-12T12:00:00+01:00"  # parts 1 and 2 revealed, everything else sealed
REVEALED_NOW = "2025-11-25T12:00:00+01:00"  # after every reveal

# channel -> (planted word, output file the control build shows it in)
PLANTED = {
    "blog post body (after <!-- more -->)": ("lanternmoth", "blog/2025/11/24/the-sealed-post/"),
    "blog post excerpt (before <!-- more -->)": ("fernlantern", "blog/index.html"),
    "blog heading and its TOC entry": ("copperwillow", "blog/2025/11/24/the-sealed-post/"),
    "description meta tag": ("saffronkettle", "blog/2025/11/24/the-sealed-post/"),
    "OpenGraph tag from other front matter": ("velvetorchard", "blog/2025/11/24/the-sealed-post/"),
    "blog category used only by a sealed post": ("marrowgate", "blog/category/marrowgate/"),
    "tag used only by a sealed post": ("thistlecrown", "tags/index.html"),
    "preview in a published post's excerpt": ("brindlewharf", "blog/index.html"),
    "preview in a published post's feed abstract": ("brindlewharf", "feed_rss_created.xml"),
    "snippet pulled into a preview": ("cobaltheron", "extras/index.html"),
    "heading inside a preview (TOC)": ("gildedmarsh", "extras/index.html"),
    "attachment only a sealed post shows": ("emberquill", "blog/sealed-cover.svg"),
    "attachment only a sealed preview links": ("saltmeadow", "extras/teaser-notes.txt"),
    "sealed series post and its teaser": (series.SECRETS[3][0], "series/collective/"),
    "sealed post in the search index": (series.SECRETS[3][1], "search/search_index.json"),
    "sealed blog post in the JSON feed": ("saffronkettle", "feed_json_created.json"),
}
# The title of a sealed page: public on its stand-in (`placeholder`), gone with `exclude`.
TITLE_WORD = "juniperforge"
OVERRIDE = """{% extends "base.html" %}
{% block extrahead %}
  {% if page and page.meta %}
    <meta property="og:title" content="{{ page.title }}">
    {% if page.meta.summary %}
      <meta property="og:description" content="{{ page.meta.summary }}">
    {% endif %}
    {% if page.meta.image %}
      <meta property="og:image" content="{{ page.meta.image | url }}">
    {% endif %}
  {% endif %}
{% endblock %}
"""


def channel_pages() -> dict[str, str]:
    """The series plus a blog, a tags index, snippets and attachments, each with a planted word."""
    pages = series.pages()
    pages["blog/index.md"] = "# Blog\n"
    pages["tags.md"] = "# Tags\n\n<!-- material/tags -->\n"
    pages["blog/posts/open.md"] = (
        "---\ndate: 2025-11-01\ncategories: [Public]\ntags: [opentag]\n---\n\n"
        "# An open post\n\n"
        '<PostPreview blurred date="2025-11-24">\n'
        "  **Coming next brindlewharf:** a teaser inside the excerpt.\n"
        "</PostPreview>\n\n"
        "The open post is public; see [next week's post](sealed.md).\n\n"
        "<!-- more -->\n\nMore of the open post.\n"
    )
    for day in (2, 3):
        pages[f"blog/posts/older-{day}.md"] = (
            f"---\ndate: 2025-10-0{day}\ncategories: [Public]\n---\n\n# Older post {day}\n\n"
            f"An older public post.\n"
        )
    pages["blog/posts/sealed.md"] = (
        "---\ndate: 2025-11-24\ndescription: All about saffronkettle\n"
        "summary: Velvetorchard in a social card\nimage: sealed-cover.svg\n"
        "categories: [Marrowgate]\ntags: [thistlecrown]\n---\n\n"
        "# The sealed post\n\nThe fernlantern excerpt. ![cover](sealed-cover.svg)\n\n"
        "<!-- more -->\n\n## The copperwillow heading\n\nThe lanternmoth rest of it.\n"
    )
    # A sealed post that is also a draft: the blog would not build it, so neither does reveal.
    pages["blog/posts/draft.md"] = (
        "---\ndate: 2025-11-24\ndraft: true\n---\n\n# A draft\n\nThe nettlecairn draft.\n"
    )
    pages["blog/posts/sealed-cover.svg"] = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><!-- emberquill --></svg>\n'
    )
    pages["extras/index.md"] = (
        "---\ndate: 2025-11-02\n---\n\n# Extras\n\nPublic words. "
        "[Bookmark it](../blog/posts/sealed.md).\n\n"
        '<PostPreview blurred date="Monday, November 24th">\n'
        "  ## The gildedmarsh heading\n\n"
        '  --8<-- "secret-snippet.md"\n\n'
        "  [Notes](teaser-notes.txt)\n"
        "</PostPreview>\n"
    )
    pages["extras/teaser-notes.txt"] = "saltmeadow notes\n"
    pages["extras/hidden.md"] = (
        f"---\ntitle: The {TITLE_WORD.capitalize()} page\nreveal: 2025-11-24\n"
        "tags: [thistlecrown]\n---\n\nA sealed page with a planted title.\n"
    )
    return pages


def channel_site(root: Path, mode: str, *, theme: str = "material") -> Site:
    """The channel site in one `sealed_pages` mode, under git for mkdocs-rss-plugin's dates."""
    options = series.reveal_options(sealed_pages=mode)
    rss: dict[str, Any] = {"rss": {"date_from_meta": {"as_creation": "date"}}}
    plugins: list[Any] = ["search", {"reveal": options}, rss]
    extra: dict[str, Any] = {
        "markdown_extensions": [
            "toc",
            "attr_list",
            {"pymdownx.snippets": {"base_path": ["snippets"], "check_paths": True}},
        ]
    }
    pages = channel_pages()
    if theme == "material":
        plugins[1:1] = ["tags", {"blog": {"pagination_per_page": 2}}]
        options["schedule"]["blog/posts/sealed.md"] = "2025-11-24"
        options["schedule"]["blog/posts/draft.md"] = "2025-11-24"
    else:
        # The built-in theme has no blog or tags: keep the pages that do not need them.
        pages = {path: text for path, text in pages.items() if not path.startswith("blog/")}
        pages.pop("tags.md")
        pages["extras/index.md"] = pages["extras/index.md"].replace(
            "[Bookmark it](../blog/posts/sealed.md)", "No blog here"
        )
    site = make_site(root, pages, theme=theme, plugins=plugins, **extra)
    site.config["theme"]["custom_dir"] = "overrides"
    site.write("overrides/main.html", OVERRIDE)
    site.write("snippets/secret-snippet.md", "The cobaltheron snippet.\n")
    git = ["git", "-c", "user.name=Author", "-c", "user.email=author@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "site"], cwd=root, check=True)
    return site


def output_path(build: Build, where: str) -> Path:
    """An output file, `where` naming either a file or a page folder."""
    path = build.site / where
    return path / "index.html" if where.endswith("/") else path


@pytest.fixture(scope="module")
def control(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The channel site built after every reveal."""
    site = channel_site(tmp_path_factory.mktemp("control"), "placeholder")
    return site.build("--strict", env={"MKDOCS_REVEAL_NOW": REVEALED_NOW})


@dataclass
class Sealed:
    """A build of the channel site while the blog post, part 3 and the extras are sealed."""

    mode: str
    build: Build


@pytest.fixture(scope="module", params=["placeholder", "exclude"])
def sealed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Sealed:
    """The channel site built in one `sealed_pages` mode at a clock when much is sealed."""
    mode = str(request.param)
    site = channel_site(tmp_path_factory.mktemp(mode), mode)
    return Sealed(mode, site.build("--strict", env={"MKDOCS_REVEAL_NOW": SEALED_NOW}))


def article(html: str) -> str:
    """The page's own content in Material's layout, without the nav around it."""
    return html[html.index("<article") : html.index("</article>")]


@pytest.mark.parametrize("channel", list(PLANTED))
def test_control_build_shows_each_planted_word_in_its_channel(control: Build, channel: str) -> None:
    word, where = PLANTED[channel]
    path = output_path(control, where)
    assert path.is_file(), f"{channel}: {where} was not written"
    data = path.read_text(encoding="utf-8", errors="replace").lower()
    assert word in data, f"{channel}: {word!r} not in {where} once revealed"


def test_sealed_builds_write_no_planted_word(sealed: Sealed) -> None:
    leaks = {
        channel: found
        for channel, (word, _) in PLANTED.items()
        if (found := sealed.build.containing(word))
    }
    assert leaks == {}


def test_sealed_build_exercised_every_channel(sealed: Sealed) -> None:
    """The channels exist in the sealed build too: listings, feeds, indexes, the 404 page."""
    build = sealed.build
    for path in (
        "404.html",
        "sitemap.xml",
        "sitemap.xml.gz",
        "search/search_index.json",
        "feed_rss_created.xml",
        "feed_json_created.json",
        "tags/index.html",
        "blog/index.html",
        "blog/page/2/index.html",
        "blog/archive/2025/index.html",
        "blog/category/public/index.html",
        "extras/index.html",
    ):
        assert (build.site / path).is_file(), path
    # Published content still flows through every channel.
    assert "the open post is public" in build.text("blog/index.html").lower()
    assert "an-open-post" in build.text("feed_rss_created.xml")
    assert series.SECRETS[1][0] in build.text("search/search_index.json")
    assert "opentag" in article(build.text("tags/index.html"))
    assert (build.site / "series" / "img-1.svg").is_file()
    assert "public words" in build.text("extras/index.html").lower()


def test_sealed_post_keeps_its_url_only_with_placeholder(sealed: Sealed, control: Build) -> None:
    build, post = sealed.build, "blog/2025/11/24/the-sealed-post/index.html"
    assert (control.site / post).is_file()
    linking = [build.text("extras/index.html"), article(build.text("blog/index.html"))]
    if sealed.mode == "placeholder":
        html = build.text(post)
        assert "reveal-page" in html and '<meta name="robots" content="noindex">' in html
        # Links from other pages, and from a published post's excerpt, still reach it.
        assert 'href="../blog/2025/11/24/the-sealed-post/"' in linking[0]
        assert 'href="2025/11/24/the-sealed-post/"' in linking[1]
    else:
        assert not (build.site / post).exists()
        # Links to it are plain text with the stamp, in pages and in excerpts alike.
        for html in linking:
            assert '<span class="reveal-link is-sealed">' in html
            assert "sealed.md" not in html and "the-sealed-post" not in html
    # Never listed, indexed or fed, whichever the mode.
    for listing in ("blog/index.html", "blog/page/2/index.html", "blog/archive/2025/index.html"):
        assert "The sealed post" not in build.text(listing), listing
    for listing in (
        "sitemap.xml",
        "search/search_index.json",
        "feed_rss_created.xml",
        "feed_json_created.json",
    ):
        assert "the-sealed-post" not in build.text(listing), listing
    assert not (build.site / "blog" / "category" / "marrowgate").exists()
    assert not (build.site / "blog" / "sealed-cover.svg").exists()
    assert not (build.site / "series" / "img-3.svg").exists()
    assert not (build.site / "extras" / "teaser-notes.txt").exists()


def test_a_sealed_draft_post_is_not_built(sealed: Sealed, control: Build) -> None:
    for build in (sealed.build, control):
        assert build.containing("nettlecairn") == []
        assert not (build.site / "blog" / "2025" / "11" / "24" / "a-draft").exists()


def test_title_of_a_sealed_page(sealed: Sealed) -> None:
    """`exclude` conceals the title everywhere; `placeholder` shows it on the stand-in and nav."""
    build = sealed.build
    found = build.containing(TITLE_WORD)
    if sealed.mode == "exclude":
        assert found == []
        return
    assert TITLE_WORD in build.text("extras/hidden/index.html").lower()
    assert TITLE_WORD not in article(build.text("tags/index.html")).lower()
    listings = ("sitemap.xml", "sitemap.xml.gz", "search/search_index.json")
    assert not [path for path in found if path in listings or path.startswith("feed_")]


def test_feeds_list_only_published_pages(sealed: Sealed) -> None:
    feed = json.loads(sealed.build.text("feed_json_created.json"))
    urls = {item["url"] for item in feed["items"]}
    assert "https://example.org/blog/2025/11/01/an-open-post/" in urls
    assert "https://example.org/series/workflow/" in urls
    assert not [url for url in urls if "sealed" in url or "collective" in url or "hidden" in url]


@pytest.mark.parametrize("mode", ["placeholder", "exclude"])
def test_builtin_theme_search_and_feeds(tmp_path: Path, mode: str) -> None:
    """MkDocs' own theme and search plugin: the same words stay out."""
    site = channel_site(tmp_path, mode, theme="mkdocs")
    build = site.build("--strict", env={"MKDOCS_REVEAL_NOW": SEALED_NOW})
    assert (build.site / "404.html").is_file()
    index = json.loads(build.text("search/search_index.json"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "series/workflow/" in locations
    assert "series/collective/" not in locations and "extras/hidden/" not in locations
    leaks = {
        channel: found
        for channel, (word, _) in PLANTED.items()
        if (found := build.containing(word))
    }
    assert leaks == {}


def attachments_of(root: Path, names: list[str], **config: Any) -> Attachments:
    """An `Attachments` that knows the given files of a docs folder."""
    for name in names:
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text("x { background: url(shared.png) }\n")
    (root / "mkdocs.yml").write_text(yaml.safe_dump({"site_name": "x", **config}))
    mkdocs_config = load_config(str(root / "mkdocs.yml"))
    found = Attachments()
    found.start(get_files(mkdocs_config), mkdocs_config)
    return found


def test_attachment_references_are_read_broadly(tmp_path: Path) -> None:
    names = ["a/pic one.png", "a/b/deep.svg", "top.pdf", "a/srcset-2x.png", "a/ref.png", "a/q.png"]
    found = attachments_of(tmp_path, ["a/page.md", *names])
    text = (
        "![one](pic%20one.png) <img src='b/deep.svg'> [pdf](/top.pdf#page=2)\n"
        '<img srcset="srcset-2x.png 2x"> [r][ref] ![q](q.png?v=1 "title")\n\n[ref]: <ref.png>\n'
    )
    assert found.references(text, "a/page.md") == set(names)
    assert found.references("[x](https://example.org/top.pdf) nothing.png", "a/page.md") == set()


def test_an_attachment_is_withheld_only_if_nothing_published_uses_it(tmp_path: Path) -> None:
    names = ["sealed.png", "both.png", "shared.png", "logo.png", "style.css", "p.md"]
    found = attachments_of(tmp_path, names, theme={"name": "mkdocs", "logo": "logo.png"})
    found.seal("![a](sealed.png) ![b](both.png) ![c](shared.png) ![d](logo.png)", "p.md")
    found.publish("![b](both.png)", "p.md")
    # `shared.png` is named by a stylesheet, `logo.png` by the theme: both are public.
    assert found.withheld() == {"sealed.png": "p.md"}
