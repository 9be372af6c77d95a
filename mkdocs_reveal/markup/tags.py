"""Line-based parser of the two tags, `<PostPreview>` and `<RevealStamp />`, into a small tree."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Literal

from mkdocs_reveal.diagnostics import Problem

Fences = Literal["none", "top", "nested"]
PREVIEW = "postpreview"
STAMP = "revealstamp"
KNOWN_ATTRIBUTES = {PREVIEW: ("blurred", "date", "post"), STAMP: ("date",)}
SPELLING = {PREVIEW: "PostPreview", STAMP: "RevealStamp"}

# Fast path: a page that does not contain either tag name is returned untouched.
MENTION = re.compile(r"<\s*/?\s*(?:postpreview|revealstamp)\b", re.IGNORECASE)
# A tag alone on its line, behind an optional container prefix: indentation, block quotes,
# and a list marker (the tag is then the list item's content).
TAG_LINE = re.compile(
    r"^(?P<prefix>(?P<quotes>(?:[ \t]*>)*)(?P<indent>[ \t]*)(?P<marker>(?:[-*+]|\d+[.)])[ \t]+)?)"
    r"(?P<tag><\s*/?\s*(?:postpreview|revealstamp)\b[^<>]*>)[ \t]*$",
    re.IGNORECASE,
)
OPENING = re.compile(r"<\s*postpreview\b", re.IGNORECASE)
CLOSING = re.compile(r"<\s*/\s*postpreview\b", re.IGNORECASE)
UNQUOTED = re.compile(r"=\s*[^\s\"']")
FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})")
QUOTE_PREFIX = re.compile(r"^(?:[ \t]*>[ \t]?)+")
# Openers of indented containers whose content is not an indented code block.
CONTAINER = re.compile(
    r"^(?:[-*+][ \t]|\d+[.)][ \t]|!!!|\?\?\?\+?|===\+?|\[\^[^\]]+\]:|:[ \t])",
)
INLINE_CODE = re.compile(r"(`+).+?\1")
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)


@dataclass
class Stamp:
    """A `<RevealStamp date="…" />` tag."""

    line: int
    prefix: str
    date: str | None


@dataclass
class Preview:
    """A `<PostPreview …>` … `</PostPreview>` block and what it holds."""

    line: int
    prefix: str  # before the opening tag, as written
    inner: str  # before each line that continues it (a list marker becomes indentation)
    blurred: bool = False
    date: str | None = None
    post: str | None = None
    body: list[str] = field(default_factory=list)
    body_lines: list[int] = field(default_factory=list)
    stamps: list[Stamp] = field(default_factory=list)
    end_line: int | None = None
    # Set when the block cannot be trusted (unclosed, nested): it must render sealed.
    broken: bool = False


@dataclass
class Text:
    """Lines outside any tag, kept as they are."""

    lines: list[str]


Node = Text | Stamp | Preview


@dataclass
class Document:
    """The parsed page: nodes in order, and the problems found on the way."""

    nodes: list[Node]
    problems: list[Problem]


@dataclass
class Tag:
    """One recognised tag line: its kind, attributes and whether it closes."""

    name: str
    closing: bool
    attrs: dict[str, str | None]


class _TagReader(HTMLParser):
    """Reads one tag by HTML rules (case, quoting, boolean attributes, entities)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tag: Tag | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record an opening tag."""
        self.tag = Tag(tag, False, dict(attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record a self-closing tag."""
        self.tag = Tag(tag, False, dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        """Record a closing tag."""
        self.tag = Tag(tag, True, {})


def read_tag(source: str) -> Tag | None:
    """Parse the text of one tag, or return None when HTML rules do not see a tag in it."""
    # Normalise `< /PostPreview >` spacing, which HTML would not read as a tag at all.
    reader = _TagReader()
    reader.feed(re.sub(r"^<\s*(/?)\s*", r"<\1", source))
    reader.close()
    if reader.tag is None or reader.tag.name not in KNOWN_ATTRIBUTES:
        return None
    return reader.tag


def fence_rule(extensions: Iterable[str]) -> Fences:
    """Which fences Python-Markdown will read as code, given the names of its extensions."""
    names = {name.removeprefix("markdown.extensions.") for name in extensions}
    if "pymdownx.superfences" in names:
        return "nested"
    if names & {"fenced_code", "extra"}:
        return "top"
    return "none"


def code_lines(lines: list[str], fences: Fences = "none") -> set[int]:
    """Return the indexes of lines inside fenced code, indented code or multi-line code spans.

    `fences` says which fences are code: none (plain Python-Markdown, or fences already
    stashed by an earlier preprocessor), top-level only (`fenced_code`), or nested as well
    (`pymdownx.superfences`). Where in doubt a line is not code: a tag wrongly taken for code
    would reach the page as raw HTML, its content visible.
    """
    inside: set[int] = set()
    fence: str | None = None
    fence_start = 0
    prev_blank = True
    container_indent = -1  # content indent of the innermost open list/admonition, -1 for none
    paragraph: list[int] = []
    for index, raw in enumerate(lines):
        quote = QUOTE_PREFIX.match(raw)
        line = raw[len(quote.group(0)) if quote else 0 :]
        stripped = line.lstrip(" \t")
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
        if fence is not None:
            inside.add(index)
            if _closes(fence, raw, stripped, fences):
                fence = None
            continue
        if not stripped.strip():
            prev_blank = True
            inside |= _span_lines(lines, paragraph)
            paragraph = []
            continue
        opener = FENCE.match(stripped) if fences != "none" else None
        if opener and fences == "top" and not raw.startswith(opener.group("fence")):
            opener = None  # `fenced_code` reads fences only at the start of a top-level line
        if opener:
            inside |= _span_lines(lines, paragraph)
            paragraph = []
            fence = opener.group("fence")
            fence_start = index
            inside.add(index)
            prev_blank = False
            continue
        if prev_blank and indent >= max(container_indent, 0) + 4:
            # An indented code block: only after a blank line and deeper than any container.
            inside.add(index)
            continue
        if CONTAINER.match(stripped):
            container_indent = indent + 4
        elif prev_blank and indent < 4:
            container_indent = -1 if indent == 0 else container_indent
        paragraph.append(index)
        prev_blank = False
    if fence is not None:
        # Python-Markdown needs the closing fence: an unclosed one is not code, so it must
        # not hide the tags after it (they would reach the page as raw HTML, content and all).
        inside -= set(range(fence_start, len(lines)))
    inside |= _span_lines(lines, paragraph)
    return inside


def _closes(fence: str, raw: str, stripped: str, fences: Fences) -> bool:
    """Whether a line closes an open fence, as the site's fence extension reads it."""
    if fences == "top":
        return raw.rstrip(" ") == fence
    closer = stripped.rstrip()
    return closer.startswith(fence) and closer == closer[0] * len(closer)


def _span_lines(lines: list[str], paragraph: list[int]) -> set[int]:
    """Return the paragraph lines that lie wholly inside a code span of that paragraph."""
    if len(paragraph) < 2:
        return set()  # a tag alone on a one-line paragraph cannot be inside a code span
    starts, offset = [], 0
    for index in paragraph:
        starts.append(offset)
        offset += len(lines[index]) + 1
    joined = "\n".join(lines[index] for index in paragraph)
    inside: set[int] = set()
    # Only matched runs make a span; an unmatched backtick is literal and hides nothing.
    for span in CODE_SPAN.finditer(joined):
        for position, index in enumerate(paragraph):
            end = starts[position] + len(lines[index])
            if span.start() < starts[position] and end < span.end():
                inside.add(index)
    return inside


def normalise(text: str) -> str:
    """Read CRLF, CR and a UTF-8 BOM the same as LF."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse(text: str, first_line: int = 1, fences: Fences = "none") -> Document:
    """Parse Markdown text into text runs, stamps and previews, with line numbers."""
    lines = normalise(text).split("\n")
    if not MENTION.search(text):
        return Document([Text(lines)], [])
    parser = _Parser()
    in_code = code_lines(lines, fences)
    for index, line in enumerate(lines):
        parser.feed(line, index + first_line, code=index in in_code)
    return parser.finish()


class _Parser:
    """Reads a page line by line: plain runs, stamps, and previews that may nest or break.

    Every doubt breaks the outermost open preview: a broken preview stays sealed whatever
    its date says (fail closed).
    """

    def __init__(self) -> None:
        """Start outside any preview."""
        self.nodes: list[Node] = []
        self.problems: list[Problem] = []
        self.run: list[str] = []
        self.stack: list[Preview] = []  # open previews, outermost first

    def feed(self, line: str, number: int, *, code: bool) -> None:
        """Take one line of the page."""
        match = None if code else TAG_LINE.match(line)
        if match is None:
            if not code and MENTION.search(INLINE_CODE.sub("", line)):
                self.tag_inside_text(line, number)
            else:
                self.plain(line, number)
            return
        tag = read_tag(match.group("tag"))
        if tag is None:
            self.warn(
                number,
                f"cannot read the tag {match.group('tag').strip()!r}: write it as "
                '<PostPreview blurred date="..."> or <RevealStamp date="..." />',
            )
            # Fail closed: an unreadable tag line never reaches the output as text.
            self.break_open()
            return
        broken = self.check_attributes(tag, match, number)
        if tag.name == STAMP:
            self.stamp(tag, match, line, number)
        elif tag.closing:
            self.close(number)
        else:
            self.open(tag, match, number, broken=broken)

    def warn(self, number: int, message: str) -> None:
        """Note a problem at a line."""
        self.problems.append(Problem(number, message))

    def break_open(self) -> None:
        """Mark the outermost open preview broken, so it stays sealed."""
        if self.stack:
            self.stack[0].broken = True

    def flush(self) -> None:
        """Close the current run of plain lines."""
        if self.run:
            self.nodes.append(Text(self.run.copy()))
            self.run.clear()

    def plain(self, line: str, number: int) -> None:
        """A line that is not a tag: in the open preview's body, or in the page."""
        if self.stack:
            self.stack[0].body.append(line)
            self.stack[0].body_lines.append(number)
        else:
            self.run.append(line)

    def tag_inside_text(self, line: str, number: int) -> None:
        """A tag that does not stand alone on its line: the line is left out, sealed."""
        self.warn(
            number,
            "a PostPreview or RevealStamp tag must stand alone on its line; this line "
            "was left out of the page: put the tag on a line of its own",
        )
        # Fail closed: the line may hold a whole one-line preview with its hidden words,
        # and an opening left open seals what follows, up to its </PostPreview>.
        outside = INLINE_CODE.sub("", line)
        if self.stack:
            self.break_open()
        elif OPENING.search(outside) and not CLOSING.search(outside):
            self.flush()
            self.stack.append(Preview(number, "", "", broken=True))

    def check_attributes(self, tag: Tag, match: re.Match[str], number: int) -> bool:
        """Report unknown or unquoted attributes; whether the tag cannot be trusted."""
        unknown = _check_attributes(tag, number)
        # HTML allows unquoted values, but one with spaces splits into stray attributes:
        # then say the real cause once, and trust nothing the tag says.
        if not (unknown and UNQUOTED.search(match.group("tag"))):
            self.problems.extend(unknown)
            return False
        self.warn(
            number,
            'attribute values must be in quotes, as in <RevealStamp date="Monday, November 3rd" />',
        )
        self.break_open()
        return True

    def stamp(self, tag: Tag, match: re.Match[str], line: str, number: int) -> None:
        """A stamp, on its own or inside the open preview."""
        if tag.closing:
            # `</RevealStamp>` is redundant after a self-closing stamp; drop it quietly.
            return
        if not tag.attrs.get("date"):
            self.warn(
                number, 'RevealStamp has no date: write <RevealStamp date="Monday, November 3rd" />'
            )
        stamp = Stamp(number, match.group("prefix"), tag.attrs.get("date") or None)
        if self.stack:
            self.stack[0].stamps.append(stamp)
            self.plain(line, number)
        else:
            self.flush()
            self.nodes.append(stamp)

    def open(self, tag: Tag, match: re.Match[str], number: int, *, broken: bool) -> None:
        """A `<PostPreview>`: a new preview, or a nested one that breaks the outer."""
        inner = (
            match.group("quotes")
            + match.group("indent")
            + ("    " if match.group("marker") else "")
        )
        preview = Preview(
            number,
            match.group("prefix"),
            inner,
            blurred="blurred" in tag.attrs,
            date=tag.attrs.get("date") or None,
            post=tag.attrs.get("post") or None,
            broken=broken,
        )
        if self.stack:
            self.warn(
                number,
                f"PostPreview opened inside the PostPreview of line {self.stack[0].line}: "
                "close the first one with </PostPreview> before opening another",
            )
            self.break_open()
        else:
            self.flush()
        self.stack.append(preview)

    def close(self, number: int) -> None:
        """A `</PostPreview>`: ends the innermost open preview."""
        if not self.stack:
            self.warn(
                number,
                "</PostPreview> closes nothing: remove it or add the <PostPreview> it belongs to",
            )
            return
        preview = self.stack.pop()
        if self.stack:
            return  # a nested preview closed; the outer one stays open and broken
        preview.end_line = number
        self.nodes.append(preview)

    def finish(self) -> Document:
        """The document; a preview still open is broken and seals the rest of the page."""
        if self.stack:
            outer = self.stack[0]
            outer.broken = True
            self.warn(
                outer.line,
                "PostPreview is never closed: add </PostPreview> on its own line after "
                "the teaser; until then everything after it stays sealed",
            )
            self.nodes.append(outer)
        self.flush()
        return Document(self.nodes, self.problems)


def _check_attributes(tag: Tag, number: int) -> list[Problem]:
    """Report attributes the tag does not take."""
    known = KNOWN_ATTRIBUTES[tag.name]
    return [
        Problem(
            number,
            f"{SPELLING[tag.name]} has no attribute {attr!r}: it takes "
            + ", ".join(repr(name) for name in known),
        )
        for attr in tag.attrs
        if attr not in known
    ]
