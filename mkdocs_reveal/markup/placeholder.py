"""Same-shape placeholder text for sealed content, never derived from the hidden words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from itertools import cycle, islice

# A fixed filler vocabulary (Latin for veils and mists). It is deliberately not lorem ipsum,
# so that the placeholder never reproduces a teaser that is itself lorem ipsum.
VOCABULARY = (
    "velum",
    "nebula",
    "umbra",
    "caligo",
    "tacita",
    "arcana",
    "obscura",
    "vesper",
    "latens",
    "aurora",
    "silens",
    "crepusculum",
    "nubes",
    "opaca",
    "quieta",
    "sigillum",
    "clausa",
    "futura",
    "mox",
    "expectata",
    "promissa",
    "tempus",
    "hora",
    "dies",
    "lumen",
    "tectum",
    "operta",
    "secreta",
    "serena",
    "nocturna",
)

LIST_ITEM = re.compile(r"^\s*(?:[-*+]|(?P<ordered>\d+[.)]))\s+")
HEADING = re.compile(r"^\s*#{1,6}\s+")
LEAD_IN = re.compile(r"^\s*(\*\*|__)(?P<lead>.+?)\1")
WORD = re.compile(r"[^\s*_`#>|\[\]()!-]+")


@dataclass(frozen=True)
class Block:
    """The shape of one block: its kind, word counts and whether it opens in bold."""

    kind: str  # "paragraph" | "lead" | "ul" | "ol"
    counts: tuple[int, ...]
    lead: int = 0  # words of a bold lead-in at the start of a paragraph


def approximate(count: int) -> int:
    """Round a word count so the placeholder keeps the shape but not the exact length."""
    if count <= 3:
        return max(count, 1)
    if count <= 12:
        return 2 * round(count / 2)
    return 5 * round(count / 5)


def count_words(text: str) -> int:
    """Count the words of a Markdown line, markup aside."""
    return len(WORD.findall(text))


def shape(markdown_lines: list[str]) -> list[Block]:
    """Describe hidden Markdown as blocks of counts; only lengths of blocks, never words."""
    blocks: list[Block] = []
    chunk: list[str] = []
    for line in [*markdown_lines, ""]:
        if line.strip():
            chunk.append(line)
            continue
        if chunk:
            blocks.extend(_shape_chunk(chunk))
            chunk = []
    return blocks


def _shape_chunk(chunk: list[str]) -> list[Block]:
    """Describe one blank-line-separated chunk, splitting a lead-in line from a list after it."""
    blocks: list[Block] = []
    items: list[int] = []
    ordered = False
    prose: list[str] = []

    def close_prose() -> None:
        """Turn the pending prose lines into a paragraph or a bold lead-in."""
        if not prose:
            return
        text = " ".join(prose)
        lead = LEAD_IN.match(text)
        total = count_words(text)
        if lead and count_words(lead.group("lead")) >= total:
            blocks.append(Block("lead", (approximate(total),)))
        elif lead:
            lead_words = approximate(count_words(lead.group("lead")))
            blocks.append(Block("paragraph", (approximate(total),), lead_words))
        else:
            blocks.append(Block("paragraph", (approximate(total),)))
        prose.clear()

    def close_items() -> None:
        """Turn the pending list items into a list block."""
        if items:
            blocks.append(Block("ol" if ordered else "ul", tuple(items)))
            items.clear()

    for line in chunk:
        item = LIST_ITEM.match(line)
        if item:
            close_prose()
            if items and ordered != (item.group("ordered") is not None):
                close_items()
            ordered = item.group("ordered") is not None
            items.append(approximate(count_words(line[item.end() :])))
        elif items and line.startswith((" ", "\t")):
            items[-1] = approximate(items[-1] + count_words(line))
        else:
            close_items()
            prose.append(HEADING.sub("", line))
    close_prose()
    close_items()
    return blocks


def filler(words: int, start: int) -> str:
    """Return `words` words of the fixed vocabulary, from a position in its cycle."""
    first = start % len(VOCABULARY)
    return " ".join(islice(cycle(VOCABULARY), first, first + words))


def render(blocks: list[Block]) -> str:
    """Render block shapes as HTML filler, hidden from assistive technology and search."""
    position = 0
    parts: list[str] = []

    def words(count: int) -> str:
        """Take the next `count` filler words."""
        nonlocal position
        text = filler(count, position)
        position += count
        return escape(text)

    for block in blocks:
        if block.kind == "lead":
            parts.append(f"<p><strong>{words(block.counts[0]).capitalize()}:</strong></p>")
        elif block.kind == "paragraph" and block.lead:
            lead = words(block.lead).capitalize()
            rest = words(max(block.counts[0] - block.lead, 1))
            parts.append(f"<p><strong>{lead}:</strong> {rest}.</p>")
        elif block.kind == "paragraph":
            parts.append(f"<p>{words(block.counts[0]).capitalize()}.</p>")
        else:
            tag = block.kind
            items = "".join(f"<li>{words(count).capitalize()}</li>" for count in block.counts)
            parts.append(f"<{tag}>{items}</{tag}>")
    inner = "\n".join(parts) or f"<p>{words(12).capitalize()}.</p>"
    return (
        f'<div class="reveal-placeholder" aria-hidden="true" data-search-exclude>\n{inner}\n</div>'
    )


# Whole sealed pages get a fixed shape: even the shape of a sealed page is not shown.
PAGE_SHAPE = [
    Block("paragraph", (40,)),
    Block("lead", (3,)),
    Block("ul", (8, 6, 9)),
    Block("paragraph", (55,)),
]


def page_placeholder() -> str:
    """Return the placeholder HTML used for a whole sealed page."""
    return render(PAGE_SHAPE)
