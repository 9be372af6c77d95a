"""Which lines Python-Markdown shows as code, found the way it finds them.

The seal runs on raw text, so its idea of code must never be wider than Python-Markdown's: a
tag line wrongly taken for code reaches the page as raw HTML, its content visible. Fences are
found by the fence extension's own rules, raw HTML by Python-Markdown's own HTML extractor, and
whatever is left in doubt is not code.
"""

from __future__ import annotations

import bisect
import functools
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

import markdown
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.extensions.md_in_html import HTMLExtractorExtra
from markdown.htmlparser import HTMLExtractor

from mkdocs_reveal.markup import names

Fences = Literal["none", "top", "nested"]
Kind = Literal["fenced", "indented"]

QUOTE_PREFIX = re.compile(r"^(?:[ \t]*>[ \t]?)+")
# Openers of indented containers whose content is not an indented code block: list items,
# admonitions and details, content tabs, footnotes, definitions. Taking one for a container
# when the site has no such extension only makes fewer lines code.
CONTAINER = re.compile(r"^(?:[-*+][ \t]|\d+[.)][ \t]|!!!|\?\?\?\+?|===\+?|\[\^[^\]]+\]:|:[ \t])")
TAB_LENGTH = 4  # Python-Markdown's default, which MkDocs keeps
# The private Markdown instances below keep state while they read: one reader at a time, for
# builds that run side by side in threads.
_READING = threading.Lock()


@dataclass(frozen=True)
class Dialect:
    """What a site's Python-Markdown extensions make of code and raw HTML."""

    # Which fences are code: none (plain Python-Markdown, or fences already stashed by an
    # earlier preprocessor), top-level only (`fenced_code`), or nested too (`superfences`).
    fences: Fences = "none"
    # Whether `<div markdown>` holds Markdown (`md_in_html`), so indented code can be in it.
    md_in_html: bool = False


PLAIN = Dialect()


def dialect(extensions: Iterable[str]) -> Dialect:
    """The dialect of a site, from the names of its Markdown extensions."""
    found = {name.removeprefix("markdown.extensions.") for name in extensions}
    fences: Fences = "none"
    if "pymdownx.superfences" in found:
        fences = "nested"
    elif found & {"fenced_code", "extra"}:
        fences = "top"
    return Dialect(fences, bool(found & {"md_in_html", "extra", "pymdownx.extra"}))


@dataclass(frozen=True)
class Code:
    """The lines of a text that are code: in fences, and in indented code blocks."""

    fenced: frozenset[int]
    indented: frozenset[int]

    def kind(self, index: int) -> Kind | None:
        """How a line is code, if it is."""
        if index in self.fenced:
            return "fenced"
        return "indented" if index in self.indented else None


def code_lines(lines: list[str], rules: Dialect = PLAIN) -> Code:
    """Return the indexes of the lines Python-Markdown shows as code, fenced or indented.

    There are no multi-line code spans here, nor fences the site's extensions do not read: a tag
    line inside one is taken for a tag (fail closed). An opening seals what follows it; a
    closing ends its preview early, but the preview's own closing tag, which then closes
    nothing, reopens it up to there, sealed (`tags._Parser.reopen`).
    """
    # As Python-Markdown's `normalize_whitespace` leaves the text for everything after it.
    text = [line.expandtabs(TAB_LENGTH) if line.strip() else "" for line in lines]
    fenced = _fenced(text, rules.fences)
    raw = raw_html_lines(text, fenced, rules.md_in_html)
    indented = _whole_previews(text, _indented(text, fenced, raw))
    return Code(frozenset(fenced), frozenset(indented))


def _fenced(lines: list[str], fences: Fences) -> set[int]:
    """The lines inside fenced code, as the site's fence extension finds it."""
    if fences == "top":
        return _top_level_fences(lines)
    if fences == "nested":
        return _superfences(lines)
    return set()


def _top_level_fences(lines: list[str]) -> set[int]:
    """Fenced blocks as `fenced_code` finds them: its own pattern, searched its own way."""
    text = "\n".join(lines)
    starts = list(_line_starts(lines))
    found: set[int] = set()
    index = 0
    while match := FencedBlockPreprocessor.FENCED_BLOCK_RE.search(text, index):
        if match.group("attrs") and _unbalanced(match.group("attrs")):
            index = match.end("attrs")  # `fenced_code` skips a header it cannot read, too
            continue
        first = bisect.bisect_right(starts, match.start()) - 1
        last = bisect.bisect_right(starts, match.end() - 1) - 1
        found.update(range(first, last + 1))
        index = match.end()
    return found


def _unbalanced(attrs: str) -> bool:
    """Whether a fence's `{…}` header is one `fenced_code` rejects (braces that do not match)."""
    try:
        from markdown.extensions.attr_list import get_attrs_and_remainder  # noqa: PLC0415
    except ImportError:  # pragma: no cover - a Python-Markdown without it reads every header
        return False
    return bool(get_attrs_and_remainder(attrs)[1])


def _line_starts(lines: list[str]) -> Iterator[int]:
    """The offset of each line in the lines joined by newlines."""
    offset = 0
    for line in lines:
        yield offset
        offset += len(line) + 1


def _superfences(lines: list[str]) -> set[int]:
    """Fenced blocks as `pymdownx.superfences` finds them, by running it on the lines."""
    # Its rules (indentation, block quotes, headers it accepts, a fence abandoned when a line
    # is not indented enough) are its own: asked rather than imitated, it cannot be misread.
    preprocessor = _superfences_preprocessor()
    blocks: list[tuple[int, int]] = []
    reassemble = preprocessor.reassemble

    def collect(found: list[str]) -> list[str]:
        """Note each block's lines before the preprocessor puts the text back together."""
        blocks.extend((start, end) for _, start, end in preprocessor.stack)
        return list(reassemble(found))

    with _READING:
        preprocessor.reassemble = collect
        try:
            preprocessor.md.htmlStash.reset()
            preprocessor.run(list(lines))
        finally:
            del preprocessor.reassemble
    return {index for start, end in blocks for index in range(start, end)}


@functools.cache
def _superfences_preprocessor() -> Any:
    """A private `superfences` preprocessor, made once, that highlights only what matters."""
    md = markdown.Markdown(extensions=["pymdownx.superfences"])
    preprocessor: Any = md.preprocessors["fenced_code_block"]  # superfences' own class
    process = preprocessor.process_nested_block

    def process_nested_block(ws: str, content: str, start: int, end: int) -> None:
        """End a fence; highlight it only if a tag of ours is in it."""
        # Highlighting (Pygments) is most of what superfences costs, and only its failure
        # matters here: a fence whose highlighting fails is no code. Only a fence that holds
        # a tag needs that answer.
        if preprocessor.formatter is not None and not any(map(names.mentions, preprocessor.code)):
            preprocessor.formatter = _unhighlighted
        process(ws, content, start, end)

    preprocessor.process_nested_block = process_nested_block
    return preprocessor


def _unhighlighted(**_: Any) -> str:
    """A fence's HTML, where only where the fence is matters."""
    return ""


def raw_html_lines(lines: list[str], fenced: set[int], md_in_html: bool) -> set[int]:
    """The lines that start inside raw HTML, where nothing is Markdown and nothing is code."""
    # Fences are stashed before Python-Markdown looks for raw HTML: they hold none.
    text = "\n".join("" if index in fenced else line for index, line in enumerate(lines))
    with _READING:
        extractor = (_RawHtmlInMarkdown if md_in_html else _RawHtml)(_markdown(md_in_html))
        extractor.feed(text)
        extractor.close()
    raw: set[int] = set(extractor.spans)
    changes = iter(extractor.changes)
    state, pending = False, next(changes, None)
    for index in range(len(lines)):
        while pending is not None and pending[0] < index:
            state = pending[1]
            pending = next(changes, None)
        if state:
            raw.add(index)
    return raw


@functools.cache
def _markdown(md_in_html: bool) -> markdown.Markdown:
    """A private Markdown instance for the HTML extractor, with or without `md_in_html`."""
    return markdown.Markdown(extensions=["md_in_html"] if md_in_html else [])


class _RawHtml(HTMLExtractor):
    """Python-Markdown's own HTML extractor, noting on which lines raw HTML starts and ends."""

    def __init__(self, md: markdown.Markdown) -> None:
        """Extract as Python-Markdown would."""
        self.changes: list[tuple[int, bool]] = []  # (line, whether raw after it)
        self.spans: list[int] = []  # lines inside comments and other raw empty tags
        md.htmlStash.reset()
        super().__init__(md)

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        """A start tag, read as Python-Markdown reads it."""
        super().handle_starttag(tag, attrs)
        self.note()

    def handle_endtag(self, tag: str) -> None:
        """An end tag, read as Python-Markdown reads it."""
        super().handle_endtag(tag)
        self.note()

    def handle_empty_tag(self, data: str, is_block: bool) -> None:
        """A comment, declaration or empty tag: the lines it spans are not code."""
        line = self.getpos()[0] - 1
        self.spans.extend(range(line + 1, line + data.count("\n") + 1))
        super().handle_empty_tag(data, is_block)

    def note(self) -> None:
        """Note whether what follows the current position is raw HTML."""
        # With `md_in_html`, a `<div markdown>` holds Markdown; a span-level or `off` one not.
        mdstate = getattr(self, "mdstate", [])
        raw = self.inraw or bool(mdstate and mdstate[-1] != "block")
        self.changes.append((self.getpos()[0] - 1, raw))


class _RawHtmlInMarkdown(_RawHtml, HTMLExtractorExtra):
    """The same, as `md_in_html` extracts: it knows `<div markdown>`."""


def _indented(lines: list[str], fenced: set[int], raw: set[int]) -> set[int]:
    """The lines of indented code blocks: after a blank line, deeper than any container."""
    found: set[int] = set()
    prev_blank = True
    container = -1  # content indent of the innermost open list or admonition, -1 for none
    for index, whole in enumerate(lines):
        quote = QUOTE_PREFIX.match(whole)
        line = whole[quote.end() if quote else 0 :]
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if not stripped or index in fenced:
            prev_blank = not stripped
            continue
        if prev_blank and indent >= max(container, 0) + TAB_LENGTH and index not in raw:
            found.add(index)
            continue
        if CONTAINER.match(stripped):
            container = indent + TAB_LENGTH
        elif prev_blank and indent == 0:
            container = -1
        prev_blank = False
    return found


def _whole_previews(lines: list[str], indented: set[int]) -> set[int]:
    """The indented code blocks trusted as code: those that hold no half of a preview.

    A block with an opening tag whose closing tag comes later, outside it, holds the first line
    of a preview whose content Python-Markdown renders as text: none of it is taken for code.
    """
    closings = [
        index
        for index, line in enumerate(lines)
        if any(name.tag == names.PREVIEW and name.closing for name in names.find(line))
    ]
    trusted: set[int] = set()
    for block in _blocks(lines, indented):
        depth = sum(
            -1 if name.closing else 1
            for index in block
            for name in names.find(lines[index])
            if name.tag == names.PREVIEW
        )
        if depth <= 0 or not closings or closings[-1] <= block[-1]:
            trusted.update(block)
    return trusted


def _blocks(lines: list[str], indented: set[int]) -> Iterator[list[int]]:
    """Runs of indented code lines, joined across the blank lines between them."""
    block: list[int] = []
    for index in sorted(indented):
        gap = range(block[-1] + 1, index) if block else range(0)
        if block and any(lines[line].strip(" \t>") for line in gap):
            yield block
            block = []
        block.append(index)
    if block:
        yield block
