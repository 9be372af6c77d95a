"""The placeholder of a sealed teaser has the shape its revealed teaser will have.

Both are rendered through the extension: the same preview once sealed (the placeholder) and once
revealed (the teaser), and their top-level blocks compared: paragraphs (opening in bold or not),
headings, and lists with their number of items. Writing habits from MDX come first: a list right
after a paragraph line (the seed's `**Lead:**` then `- item`) is a list once revealed, as the
blurred placeholder promised.
"""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
from hypothesis import assume, given, settings
from hypothesis import strategies as st

SEALED_AT = "2025-11-01T12:00:00+01:00"
REVEALED_AT = "2025-12-01T12:00:00+01:00"
OPENING = '<PostPreview blurred date="2025-11-24">'


class _Blocks(HTMLParser):
    """The top-level blocks inside one element (found by its class), described by shape."""

    def __init__(self, container: str) -> None:
        """Look for the element with `container` in its class."""
        super().__init__()
        self.container = container
        self.depth = 0  # depth inside the container; 0: not inside it
        self.blocks: list[str] = []
        self.items = 0
        self.opened_with_strong = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note each block and each item of a list directly inside the container."""
        classes = (dict(attrs).get("class") or "").split()
        if self.depth == 0:
            if self.container in classes:
                self.depth = 1
            return
        self.depth += 1
        if self.depth == 2:
            if "reveal-stamp-line" in classes:
                self.blocks.append("stamp")
            elif "reveal-placeholder-heading" in classes or tag in ("h1", "h2", "h3", "h4"):
                self.blocks.append("heading")
            elif tag in ("ul", "ol"):
                self.blocks.append(tag)
                self.items = 0
            elif tag == "p":
                self.blocks.append("p")
                self.opened_with_strong = True
        elif self.depth == 3 and tag == "li":
            self.items += 1
        elif self.depth == 3 and tag == "strong" and self.opened_with_strong:
            self.blocks[-1] = "p-bold"
        if self.depth >= 3:
            self.opened_with_strong = False

    def handle_data(self, data: str) -> None:
        """Text before any bold in a paragraph: it does not open in bold."""
        if self.depth == 2 and data.strip():
            self.opened_with_strong = False

    def handle_endtag(self, tag: str) -> None:
        """Close a list with its count, and leave the container at its end."""
        if self.depth == 0:
            return
        if self.depth == 2 and tag in ("ul", "ol"):
            self.blocks[-1] = f"{tag}:{self.items}"
        self.depth -= 1


def blocks(html: str, container: str) -> list[str]:
    """The shape of the blocks directly inside the element with class `container`."""
    parser = _Blocks(container)
    parser.feed(html)
    return [block for block in parser.blocks if block != "stamp"]


def render(body: str, now: str) -> str:
    """A preview with a body, rendered at a clock."""
    text = f"{OPENING}\n{body}\n</PostPreview>\n"
    return markdown.markdown(
        text, extensions=["mkdocs_reveal"], extension_configs={"mkdocs_reveal": {"now": now}}
    )


def shapes(body: str) -> tuple[list[str], list[str]]:
    """The placeholder's shape (sealed) and the teaser's (revealed)."""
    return (
        blocks(render(body, SEALED_AT), "reveal-placeholder"),
        blocks(render(body, REVEALED_AT), "reveal-preview"),
    )


def test_the_seeds_lead_and_list_are_a_list_once_revealed() -> None:
    body = (
        "  **What You'll Learn:**\n"
        "  - Why context is everything\n"
        "  - The stalactite principle\n"
        "  - How knowledge accretes\n"
    )
    revealed = render(body, REVEALED_AT)
    assert "<li>Why context is everything</li>" in revealed
    assert "- The stalactite" not in revealed
    assert shapes(body) == (["p-bold", "ul:3"], ["p-bold", "ul:3"])


def test_an_ordered_list_interrupts_a_paragraph_only_from_1_as_in_commonmark() -> None:
    assert shapes("Steps:\n1. one\n2. two") == (["p", "ol:2"], ["p", "ol:2"])
    assert shapes("In\n2025. was the year") == (["p"], ["p"])


def test_a_list_in_a_fence_stays_code() -> None:
    revealed = render("Lead:\n```\n- not an item\n```", REVEALED_AT)
    assert "<li>" not in revealed


WORDS = st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "epsilon"]), min_size=1)


@st.composite
def teaser(draw: st.DrawFn) -> str:
    """A teaser of the blocks authors write: paragraphs, bold lead-ins, headings and lists."""
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        words = " ".join(draw(WORDS))
        kind = draw(
            st.sampled_from(
                ["para", "lead", "lead+text", "heading", "item", "ordered", "first", "blank"]
            )
        )
        lines.extend(
            {
                "para": [words],
                "lead": [f"**{words}:**"],
                "lead+text": [f"**{words}:** {words}"],
                "heading": [f"### {words}"],
                "item": [f"- {words}"],
                "ordered": [f"{draw(st.integers(1, 3))}. {words}"],
                "first": [f"* {words}", f"  {words}"],  # an item and its continuation
                "blank": [""],
            }[kind]
        )
    return "\n".join(lines)


@settings(max_examples=300, deadline=None)
@given(teaser())
def test_placeholder_and_revealed_teaser_agree_in_shape(body: str) -> None:
    assume(body.strip())  # an empty teaser still gets a line of filler to blur
    sealed, revealed = shapes(body)
    assert sealed == revealed, body
