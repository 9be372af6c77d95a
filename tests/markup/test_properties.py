"""Properties of the Markdown layer over random documents: sealed words never come out."""

from __future__ import annotations

import logging
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_reveal.markup import code
from mkdocs_reveal.markup.extension import Fragments, RevealExtension
from mkdocs_reveal.markup.transform import Sealed, transform

NOW = "2025-11-12T12:00:00+01:00"

# Words of the surrounding, public Markdown; never the secret words.
PUBLIC = st.sampled_from(["alpha", "beta", "gamma", "delta", "**bold**", "`code`", "[a](b.md)"])
SECRET = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=6, max_size=10).map(
    lambda word: "zz" + word
)
# Lines that may stand around the previews, some of them malformed on purpose. Fenced code
# is always closed here: a preview inside a closed fence is a code example, shown as written.
NOISE = st.sampled_from(
    [
        "",
        "```\nx = 1\n```",
        "~~~\ny = 2\n~~~",
        "    indented code",
        "- a list item",
        "1. an ordered item",
        "> a quote",
        "!!! note",
        "`",
        "</PostPreview>",
        '<RevealStamp date="2020-01-01" />',
        '<RevealStamp date="not a date" />',
        "<div>",
        "</div>",
        "<div markdown>",
        "<section>",
        "<details>\n<summary>More</summary>",
        "</details>",
        "<!-- comment",
        "-->",
        "# Heading",
        "## Part `two",
        "| a | b |",
        # Backticks Python-Markdown does not read as code, and one it reads as a span.
        "An escaped \\` backtick",
        "```make``` runs it",
        "``",
        "a `span` here",
        # Indentation, and names close to ours that mean ours.
        "\tindented by a tab",
        "</PostPreveiw>",
        "<Preview>",
        '<RevealStmap date="2020-01-01" />',
    ]
)
# Openings: ours, and near misses, which seal whatever their date says.
OPENINGS = st.sampled_from(
    [
        '<PostPreview blurred date="2030-01-01">',
        '<postpreview date="Monday, January 7th 2030">',
        "<PostPreview blurred>",  # no date at all: sealed, reported
        '<PostPreview date="2030-02-30">',  # impossible: sealed, reported
        '<PostPreveiw blurred date="2020-01-01">',
        '<PostPreviews date="2020-01-01">',
        '<Post-Preview date="2020-01-01">',
        '<Post Preview blurred date="2020-01-01">',
    ]
)
CLOSINGS = st.sampled_from(["</PostPreview>", "</postpreview>", "</PostPreveiw>", "</Revealstamp>"])


@st.composite
def sealed_preview(draw: st.DrawFn, secrets: list[str]) -> str:
    """A preview that is sealed at the test's clock, its body full of secret words."""
    prefix = draw(st.sampled_from(["", "  ", "    ", "\t", "> ", "- "]))
    inner = "    " if prefix == "- " else prefix
    opening = draw(OPENINGS)
    body: list[str] = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["para", "item", "bold", "stamp", "fence", "quote"]))
        words = " ".join(draw(st.lists(SECRET, min_size=1, max_size=4)))
        secrets.extend(words.split())
        body.append(
            {
                "para": words,
                "item": f"- {words}",
                "bold": f"**{words}:**",
                "stamp": '<RevealStamp date="2030-01-01" />',
                "fence": f"```\n{words}\n```",
                "quote": f"> {words}",
            }[kind]
        )
        body.append("")
    lines = [opening, *body, draw(CLOSINGS)]
    if draw(st.booleans()):
        lines = lines[:-1]  # unclosed: everything after it stays sealed
    first = prefix + lines[0]
    rest = [(inner + line if line else inner.rstrip()) for line in "\n".join(lines[1:]).split("\n")]
    # Sometimes after a blank line (indented, it is then code), or in a raw HTML block.
    before, after = draw(
        st.sampled_from(
            [
                ("", ""),
                ("\n", ""),
                ("<div>\n\n", "\n\n</div>"),
                ("<div markdown>\n\n", "\n\n</div>"),
            ]
        )
    )
    return before + "\n".join([first, *rest]) + after


@st.composite
def document(draw: st.DrawFn) -> tuple[str, list[str]]:
    """Random public Markdown around sealed previews, and the secret words inside them."""
    secrets: list[str] = []
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        parts.extend(draw(st.lists(NOISE, max_size=3)))
        parts.append(" ".join(draw(st.lists(PUBLIC, min_size=1, max_size=5))))
        parts.append(draw(sealed_preview(secrets)))
    parts.extend(draw(st.lists(NOISE, max_size=3)))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(parts), secrets


EXTENSIONS = st.sampled_from(
    [
        [],
        ["admonition"],
        ["fenced_code"],
        ["pymdownx.superfences"],
        ["md_in_html"],
        ["md_in_html", "pymdownx.superfences", "admonition"],
    ]
)


class Prose(HTMLParser):
    """The text of an HTML page outside code: what a reader sees as prose, or as raw HTML."""

    def __init__(self) -> None:
        """Start outside code."""
        super().__init__()
        self.depth = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Enter code."""
        self.depth += tag in ("code", "pre")

    def handle_endtag(self, tag: str) -> None:
        """Leave code."""
        self.depth -= tag in ("code", "pre") and self.depth > 0

    def handle_data(self, data: str) -> None:
        """Keep text outside code."""
        if not self.depth:
            self.text.append(data)

    def handle_comment(self, data: str) -> None:
        """Comments are in the page's source for anyone to read."""
        self.text.append(data)


def outside_code(html: str) -> str:
    """The text of an HTML page outside `<pre>` and `<code>`, comments included."""
    parser = Prose()
    parser.feed(html)
    return " ".join(parser.text)


def check(text: str, secrets: list[str], html: str, said_code: bool) -> None:
    """No secret outside code; a secret in code only where the page shows code on purpose."""
    leaked = [word for word in secrets if word in outside_code(html)]
    assert leaked == [], f"{leaked} leaked from:\n{text}\n---\n{html}"
    if not said_code and not any(fence in text for fence in ("```", "~~~")):
        shown = [word for word in secrets if word in html]
        assert shown == [], f"{shown} shown as code unsaid, from:\n{text}\n---\n{html}"


@pytest.fixture(autouse=True)
def quiet() -> None:
    """Random pages make many warnings; only the ones a test asks for are read."""
    logging.getLogger("mkdocs.plugins.reveal").setLevel(logging.CRITICAL)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document(), EXTENSIONS)
def test_no_secret_word_of_a_sealed_preview_reaches_the_output(
    case: tuple[str, list[str]], extensions: list[str]
) -> None:
    text, secrets = case
    html = markdown.markdown(
        text,
        extensions=["mkdocs_reveal", *extensions],
        extension_configs={"mkdocs_reveal": {"now": NOW}},
    )
    check(text, secrets, html, said_code(first_pass(text, extensions)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document(), EXTENSIONS)
def test_no_secret_word_survives_the_first_pass(
    case: tuple[str, list[str]], extensions: list[str]
) -> None:
    """The plugin's pass over raw Markdown, read back without the extension (as feeds do)."""
    text, secrets = case
    sealed = first_pass(text, extensions)
    html = markdown.markdown(sealed.markdown, extensions=extensions)
    check(text, secrets, html, said_code(sealed))


def first_pass(text: str, extensions: list[str]) -> Sealed:
    """The plugin's pass over a page's raw Markdown, for a site with these extensions."""
    settings = RevealExtension(now=NOW).settings()
    return transform(text, settings, Fragments().store, rules=code.dialect(extensions))


def said_code(sealed: Sealed) -> bool:
    """Whether the seal said that a preview on the page is shown as code."""
    return any("so Markdown shows it as code" in problem.message for problem in sealed.problems)
