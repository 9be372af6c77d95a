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

# Python-Markdown's own markers: "1)" starts no list there, so it is not counted as one here.
LIST_ITEM = re.compile(r"^[ ]{0,3}(?:[*+-]|(?P<ordered>[0-9]+)\.)[ ]+")
# Python-Markdown reads any line starting with # as a heading, anywhere in a block.
HEADING = re.compile(r"^#{1,6}")
FENCE = re.compile(r"^[ ]{0,3}(?:`{3,}|~{3,})")
LEAD_IN = re.compile(r"^\s*(\*\*|__)(?P<lead>.+?)\1")
WORD = re.compile(r"[^\s*_`#>|\[\]()!-]+")


@dataclass(frozen=True)
class Block:
    """The shape of one block: its kind, word counts and whether it opens in bold."""

    kind: str  # "paragraph" | "lead" | "heading" | "ul" | "ol"
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


def blank_before_lists(lines: list[str]) -> list[int]:
    """The indexes of lines before which a blank line makes a list of what CommonMark reads so.

    CommonMark, and MDX after it, start a list on the line after a paragraph line (the seed's
    `**Lead:**` followed by `- item`); Python-Markdown needs a blank line first and would make
    one paragraph of both. An ordered list interrupts a paragraph only when it starts at 1, as
    in CommonMark. Fenced code is left alone.
    """
    found: list[int] = []
    fenced = False
    start = True  # the next line starts a block
    prose = False  # the block so far is a paragraph, not a list
    for index, line in enumerate(lines):
        if FENCE.match(line):
            fenced, start, prose = not fenced, True, False
            continue
        if fenced:
            continue
        if not line.strip() or HEADING.match(line):
            # A heading splits its block in Python-Markdown: a list after it is one already.
            start, prose = True, False
            continue
        item = LIST_ITEM.match(line)
        if item is None:
            prose = prose or (start and not line.startswith("    "))
        elif prose and item.group("ordered") in (None, "1"):
            found.append(index)
            prose = False
        start = False
    return found


def shape(markdown_lines: list[str]) -> list[Block]:
    """Describe hidden Markdown as blocks of counts; only lengths of blocks, never words.

    The blocks are those Python-Markdown makes of the same lines: a heading line splits its
    block, a block that starts with a list item is a list whose other lines continue its items,
    and a list right after a list (even across a blank line) continues it.
    """
    blocks: list[Block] = []
    chunk: list[str] = []
    for line in [*markdown_lines, ""]:
        if line.strip():
            chunk.append(line)
            continue
        if chunk:
            for block in _shape_chunk(chunk):
                _append(blocks, block)
            chunk = []
    return blocks


def _append(blocks: list[Block], block: Block) -> None:
    """Add a block; a list that follows a list continues it, in the first one's kind."""
    if blocks and block.kind in ("ul", "ol") and blocks[-1].kind in ("ul", "ol"):
        blocks[-1] = Block(blocks[-1].kind, blocks[-1].counts + block.counts)
    else:
        blocks.append(block)


def _shape_chunk(chunk: list[str]) -> list[Block]:
    """Describe one blank-line-separated chunk: headings split it, then a list or a paragraph."""
    blocks: list[Block] = []
    part: list[str] = []
    for line in chunk:
        if HEADING.match(line):
            blocks.extend(_shape_part(part))
            blocks.append(Block("heading", (approximate(count_words(line.lstrip("#"))),)))
            part = []
        else:
            part.append(line)
    blocks.extend(_shape_part(part))
    return blocks


def _shape_part(lines: list[str]) -> list[Block]:
    """Describe lines with no heading: a list if the first is an item, else one paragraph."""
    if not lines:
        return []
    first = LIST_ITEM.match(lines[0])
    if first is None:
        text = " ".join(lines)
        lead = LEAD_IN.match(text)
        total = count_words(text)
        if lead and count_words(lead.group("lead")) >= total:
            return [Block("lead", (approximate(total),))]
        if lead:
            lead_words = approximate(count_words(lead.group("lead")))
            return [Block("paragraph", (approximate(total),), lead_words)]
        return [Block("paragraph", (approximate(total),))]
    items: list[int] = []
    for line in lines:
        item = LIST_ITEM.match(line)
        if item is not None:
            items.append(count_words(line[item.end() :]))
        else:
            # Indented or not, a line in a list continues its last item.
            items[-1] += count_words(line)
    kind = "ol" if first.group("ordered") is not None else "ul"
    return [Block(kind, tuple(approximate(count) for count in items))]


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
        if block.kind == "heading":
            heading = words(block.counts[0]).capitalize()
            parts.append(f'<p class="reveal-placeholder-heading"><strong>{heading}</strong></p>')
        elif block.kind == "lead":
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
