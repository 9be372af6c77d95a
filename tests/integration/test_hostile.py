"""Hostile and odd input, through real builds: each case renders right or says where it is wrong.

Every case seals words that must never reach the site, and most also reveal words that must
show up inside the right container. No case may end in a traceback.
"""

from __future__ import annotations

import io
import logging
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from cases import NOW, REVEALED, SEALED, Case, assert_sealed_and_said
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from sitebuild import Build, make_site

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


CASES = {
    "crlf": Case(
        f"# CRLF\r\n\r\n<PostPreview blurred {SEALED}>\r\n  crlfsecret words\r\n</PostPreview>"
        f"\r\n\r\n<PostPreview {REVEALED}>\r\n  crlfshown words\r\n</PostPreview>\r\n\r\n"
        "</PostPreview>\r\n",
        sealed=("crlfsecret",),
        shown=("crlfshown",),
        inside="div.reveal-preview",
        message="11: </PostPreview> closes nothing",
    ),
    "bom": Case(
        "\ufeff---\ntitle: With a BOM\n---\n\n"
        f"<PostPreview blurred {SEALED}>\nbomsecret\n</PostPreview>\n\n"
        f"<PostPreview {REVEALED}>\nbomshown\n</PostPreview>\n\n<RevealStamp />\n",
        sealed=("bomsecret",),
        shown=("bomshown",),
        inside="div.reveal-preview",
        message="13: RevealStamp has no date",
    ),
    "tabs": Case(
        f"# Tabs\n\n- one\n\n\t<PostPreview\tblurred\t{SEALED}>\n\ttabsecret here\n"
        f"\t</PostPreview>\n\n- two\n\n\t<PostPreview\t{REVEALED}>\n\ttabshown\n\t</PostPreview>\n",
        sealed=("tabsecret",),
        shown=("tabshown",),
        inside="li",
    ),
    "case": Case(
        f"# Case\n\n<postpreview blurred {SEALED}>\nlowersecret\n</postpreview>\n\n"
        f"<POSTPREVIEW {SEALED}>\nuppersecret\n</PostPREVIEW>\n\n"
        f'<postPreview>\n<revealstamp date="2025-11-01" />\nmixedshown\n</POSTpreview>\n',
        sealed=("lowersecret", "uppersecret"),
        shown=("mixedshown",),
        inside="div.reveal-preview",
    ),
    "admonition": Case(
        f'# Admonition\n\n!!! note "Teaser"\n\n    <PostPreview blurred {SEALED}>\n'
        "    admsecret words\n    </PostPreview>\n\n"
        f"    <PostPreview {REVEALED}>\n    admshown words\n    </PostPreview>\n",
        sealed=("admsecret",),
        shown=("admshown",),
        inside="div.admonition",
    ),
    "tabbed": Case(
        f'# Tabbed\n\n=== "One"\n\n    <PostPreview blurred {SEALED}>\n'
        "    tabbedsecret words\n    </PostPreview>\n\n"
        f'=== "Two"\n\n    <PostPreview {REVEALED}>\n    tabbedshown words\n    </PostPreview>\n',
        sealed=("tabbedsecret",),
        shown=("tabbedshown",),
        inside="div.tabbed-block",
    ),
    "lists": Case(
        f"# Lists\n\n1. first\n\n    <PostPreview blurred {SEALED}>\n    - listsecret one\n"
        f"    - two\n    </PostPreview>\n\n2. second\n\n    <PostPreview {REVEALED}>\n"
        "    - listshown one\n    </PostPreview>\n",
        sealed=("listsecret",),
        shown=("listshown",),
        inside="ol",
    ),
    "quote": Case(
        f"# Quote\n\n> <PostPreview blurred {SEALED}>\n> quotesecret words\n> </PostPreview>\n\n"
        f"> <PostPreview {REVEALED}>\n> quoteshown\n> </PostPreview>\n",
        sealed=("quotesecret",),
        shown=("quoteshown",),
        inside="blockquote",
    ),
    "nested": Case(
        f"# Nested\n\n<PostPreview blurred {REVEALED}>\nnestouter\n<PostPreview {SEALED}>\n"
        "nestsecret\n</PostPreview>\nnesttail\n</PostPreview>\n",
        # Both stay sealed: the outer one cannot be trusted.
        sealed=("nestsecret", "nestouter", "nesttail"),
        message="5: PostPreview opened inside the PostPreview of line 3",
    ),
    "interleaved": Case(
        f"# Interleaved\n\n> <PostPreview {REVEALED}>\n> interone\n\n<PostPreview {SEALED}>\n"
        "interleavesecret\n> </PostPreview>\n</PostPreview>\n",
        sealed=("interone", "interleavesecret"),
        message="6: PostPreview opened inside the PostPreview of line 3",
    ),
    "stray": Case(
        "# Stray\n\nText before.\n\n</PostPreview>\n\nText after strayshown.\n",
        shown=("strayshown",),
        inside="p",
        message="5: </PostPreview> closes nothing",
    ),
    "unquoted": Case(
        "# Unquoted\n\n<PostPreview blurred date=2025-11-01>\nunquotedshown\n</PostPreview>\n\n"
        "<PostPreview blurred date=Monday, November 24th>\nunquotedsecret\n</PostPreview>\n",
        sealed=("unquotedsecret",),
        shown=("unquotedshown",),  # HTML allows a value without spaces to go unquoted
        inside="div.reveal-preview",
        message="7: attribute values must be in quotes",
    ),
    "one-line": Case(
        f"# One line\n\nSome <PostPreview {SEALED}>inlinesecret</PostPreview> text.\n",
        sealed=("inlinesecret",),
        message="3: a PostPreview or RevealStamp tag must stand alone on its line",
    ),
    "unclosed": Case(
        f"# Unclosed\n\n<PostPreview {REVEALED}>\nunclosedsecret\n\n## Later heading\n",
        sealed=("unclosedsecret",),
        message="3: PostPreview is never closed",
    ),
}


class Ancestry(HTMLParser):
    """Records the open elements (tag.class) around each text node of an HTML page."""

    def __init__(self) -> None:
        """Start outside every element."""
        super().__init__()
        self.stack: list[str] = []
        self.texts: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open an element, named by its tag and each of its classes."""
        if tag in VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        self.stack.append(" ".join([tag, *(f"{tag}.{name}" for name in classes)]))

    def handle_endtag(self, tag: str) -> None:
        """Close the innermost open element of that tag."""
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].split()[0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        """Remember where a piece of text sits."""
        if data.strip():
            self.texts.append((data, list(self.stack)))


def ancestors(html: str, word: str) -> set[str]:
    """The elements a word's text node sits in."""
    parser = Ancestry()
    parser.feed(html)
    for text, stack in parser.texts:
        if word in text:
            return {name for entry in stack for name in entry.split()}
    raise AssertionError(f"{word!r} is not in the page")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """One site holding every hostile page, built once."""
    root = tmp_path_factory.mktemp("hostile")
    site = make_site(
        root,
        {"index.md": "# Home\n"},
        reveal={"now": NOW},
        markdown_extensions=[
            "admonition",
            "pymdownx.superfences",
            {"pymdownx.tabbed": {"alternate_style": True}},
        ],
    )
    for name, case in CASES.items():
        site.write(f"docs/{name}.md", case.text, encoding=case.encoding)
    return site.build()


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_page(hostile: Build, name: str) -> None:
    case = CASES[name]
    assert_sealed_and_said(hostile, name, case)
    html = hostile.text(f"{name}/index.html")
    # A tag is never shown as text: it was read, or left out and reported.
    assert "&lt;postpreview" not in html.lower() and "&lt;/postpreview" not in html.lower()
    for word in case.shown:
        where = ancestors(html, word)
        assert case.inside in where, f"{word!r} sits in {sorted(where)}"
    if not case.message:
        assert f"docs/{name}.md" not in hostile.log


def test_hostile_pages_fail_strict_with_every_message(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.md": "# Home\n", **{"stray.md": CASES["stray"].text}})
    site.config["plugins"] = ["search", {"reveal": {"now": NOW}}]
    build = site.build("--strict", ok=False)
    assert build.returncode != 0
    assert "docs/stray.md:5: </PostPreview> closes nothing" in build.log
    assert "Traceback" not in build.log


def test_ten_megabyte_page(tmp_path: Path) -> None:
    """A 10 MB page with two thousand previews builds, in seconds, and leaks nothing."""
    filler = "A public paragraph of ordinary words that anyone may read on this page. " * 6
    parts = ["# Huge\n\n"]
    for index in range(2000):
        parts.append((filler + "\n\n") * 12)
        date = SEALED if index % 2 else REVEALED
        parts.append(
            f"<PostPreview blurred {date}>\n**Lead {index}:** "
            f"{'hugesecret' if index % 2 else 'hugeshown'} words.\n</PostPreview>\n\n"
        )
    text = "".join(parts)
    assert len(text.encode("utf-8")) >= 10_000_000
    build = make_site(tmp_path, {"index.md": text}, reveal={"now": NOW}).build("--strict")
    html = build.text("index.html")
    assert html.count("reveal-preview is-sealed") == 1000
    assert html.count("hugeshown") == 1000
    assert build.containing("hugesecret") == []


def test_page_that_is_not_utf8_stops_the_build_and_says_where(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.md": "# Home\n"}, reveal={"now": NOW})
    site.write(
        "docs/latin.md",
        f"---\ntitle: Latin\n---\n\n<PostPreview {SEALED}>\nlatinsecret café\n</PostPreview>\n",
        encoding="latin-1",
    )
    build = site.build(ok=False)
    assert build.returncode != 0
    assert (
        "reveal: docs/latin.md:6: this page is not UTF-8 (byte 0xe9 at column 16); MkDocs "
        "reads pages as UTF-8: save it as UTF-8 and build again" in build.log
    )
    assert "Traceback" not in build.log
    assert build.containing("latinsecret") == []


# Random small sites, built in-process: MkDocs' own `build` with the real plugin stack.
SECRET = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=6, max_size=9).map(lambda w: "zq" + w)
# An indented block at the top level is code (shown as written), so no bare indentation.
CONTAINERS = st.sampled_from(["", "> ", "- "])


@dataclass
class RandomSite:
    """A generated site: its pages, and the words that must not or must be published."""

    pages: dict[str, str] = field(default_factory=dict)
    schedule: dict[str, str] = field(default_factory=dict)
    sealed: set[str] = field(default_factory=set)
    shown: set[str] = field(default_factory=set)


@st.composite
def random_site(draw: st.DrawFn) -> RandomSite:
    """Two to four pages: some scheduled, some holding previews, in containers, linking."""
    site = RandomSite()
    count = draw(st.integers(2, 4))
    names = [f"page-{index}.md" for index in range(count)]
    for name in names:
        sealed_page = False
        if draw(st.booleans()):
            sealed_page = draw(st.booleans())
            site.schedule[name] = "2025-11-24" if sealed_page else "2025-11-01"
        words = draw(st.lists(SECRET, min_size=1, max_size=3, unique=True))
        (site.sealed if sealed_page else site.shown).update(words)
        title = f"# Page {name[5]}\n\n" if sealed_page or draw(st.booleans()) else ""
        lines = [f"{title}Body of the page: {' '.join(words)}.\n"]
        for _ in range(draw(st.integers(0, 3))):
            sealed_preview = draw(st.booleans())
            prefix = draw(CONTAINERS)
            inner = "    " if prefix == "- " else prefix
            teaser = draw(st.lists(SECRET, min_size=1, max_size=3, unique=True))
            # Words of a preview on a sealed page are sealed with the page.
            (site.sealed if sealed_preview or sealed_page else site.shown).update(teaser)
            date = SEALED if sealed_preview else REVEALED
            opener = draw(st.sampled_from(["PostPreview", "postpreview", "POSTPREVIEW"]))
            lines.append(
                f"{prefix}<{opener} blurred {date}>\n{inner}**{teaser[0]}:** "
                f"{' '.join(teaser[1:])}\n{inner}</PostPreview>\n"
            )
        other = draw(st.sampled_from(names))
        lines.append(f"See [another page]({other}).\n")
        newline = draw(st.sampled_from(["\n", "\r\n"]))
        site.pages[name] = "\n".join(lines).replace("\n", newline)
    return site


def build_in_process(root: Path) -> None:
    """Run MkDocs' build on a project folder, its log kept out of the test's output."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        mkdocs_build(load_config(str(root / "mkdocs.yml")))
    finally:
        logger.removeHandler(handler)
    assert "Traceback" not in stream.getvalue()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    random_site(),
    st.sampled_from(["placeholder", "exclude"]),
    st.sampled_from(["material", "mkdocs"]),
)
def test_random_sites_never_publish_a_sealed_word(
    generated: RandomSite, mode: str, theme: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        reveal = {"now": NOW, "sealed_pages": mode, "schedule": generated.schedule}
        make_site(
            root,
            generated.pages,
            reveal=reveal,
            theme=theme,
            site_name="Random",
            markdown_extensions=["admonition"],
        )
        build_in_process(root)
        output = Build(0, "", root / "site")
        leaked = {word: found for word in generated.sealed if (found := output.containing(word))}
        assert leaked == {}
        missing = [word for word in generated.shown if not output.containing(word)]
        assert missing == []
