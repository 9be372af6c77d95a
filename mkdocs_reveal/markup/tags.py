"""Line-based parser of the two tags, `<PostPreview>` and `<RevealStamp />`, into a small tree."""

from __future__ import annotations

import re
import threading
from collections.abc import Set
from dataclasses import dataclass, field
from html.parser import HTMLParser

from mkdocs_reveal.diagnostics import Problem
from mkdocs_reveal.markup import names
from mkdocs_reveal.markup.code import PLAIN, Dialect, Kind, code_lines
from mkdocs_reveal.markup.names import PREVIEW, SPELLING, STAMP, Name

KNOWN_ATTRIBUTES = {PREVIEW: ("blurred", "date", "post"), STAMP: ("date",)}
WRITTEN = '<PostPreview blurred date="..."> or <RevealStamp date="..." />'

# A tag alone on its line, behind an optional container prefix: indentation, block quotes,
# and a list marker (the tag is then the list item's content). Any name: `names` says whether
# it is one of ours, or close enough to be meant as one.
TAG_LINE = re.compile(
    r"^(?P<prefix>(?P<quotes>(?:[ \t]*>)*)(?P<indent>[ \t]*)(?P<marker>(?:[-*+]|\d+[.)])[ \t]+)?)"
    r"(?P<tag><[ \t]*/?[ \t]*[A-Za-z][^<>]*>)[ \t]*$"
)
# Pages whose parse is remembered: every page with tags of a large site, a few MB.
PARSED_PAGES = 1024
_PARSED: dict[tuple[str, int, Dialect, frozenset[int]], Document] = {}
_PARSING = threading.Lock()  # builds may run side by side in threads
UNQUOTED = re.compile(r"=\s*[^\s\"']")
# A code span as Python-Markdown reads one: a run of backticks not escaped by a backslash
# (an even number of backslashes before it escape each other), closed by a run as long.
INLINE_CODE = re.compile(r"(?<![\\`])(?:\\\\)*(`+)(?!`).+?(?<!`)\1(?!`)")


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
    numbers: list[int] = field(default_factory=list, compare=False)


Node = Text | Stamp | Preview


@dataclass
class Document:
    """The parsed page: nodes in order, and the problems found on the way."""

    nodes: list[Node]
    problems: list[Problem]
    code_tags: set[int] = field(default_factory=set)  # lines with a tag, left as code


@dataclass
class Tag:
    """One recognised tag line: its kind, attributes and whether it closes."""

    name: str
    closing: bool
    attrs: dict[str, str | None]
    self_closing: bool = False


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
        self.tag = Tag(tag, False, dict(attrs), self_closing=True)

    def handle_endtag(self, tag: str) -> None:
        """Record a closing tag."""
        self.tag = Tag(tag, True, {})


def read_tag(source: str) -> Tag | None:
    """Parse the text of one tag, or return None when HTML rules do not see a tag in it."""
    # Normalise `< /PostPreview >` spacing, which HTML would not read as a tag at all.
    reader = _TagReader()
    reader.feed(re.sub(r"^<\s*(/?)\s*", r"<\1", source))
    reader.close()
    return reader.tag


def normalise(text: str) -> str:
    """Read CRLF, CR and a UTF-8 BOM the same as LF."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse(
    text: str, first_line: int = 1, rules: Dialect = PLAIN, not_code: Set[int] = frozenset()
) -> Document:
    """Parse Markdown text into text runs, stamps and previews, with line numbers.

    Lines numbered in `not_code` are read as text even where they look like code. The document
    is shared by every caller that parses the same text the same way: it is only read.
    """
    if not names.mentions(text):
        lines = normalise(text).split("\n")
        return Document([Text(lines, list(range(first_line, first_line + len(lines))))], [])
    # A build parses each page with tags twice, to read the schedule and to seal it: the
    # second time costs a lookup.
    key = (text, first_line, rules, frozenset(not_code))
    known = _PARSED.get(key)
    if known is None:
        known = _parse(text, first_line, rules, not_code)
        with _PARSING:
            if len(_PARSED) >= PARSED_PAGES:
                del _PARSED[next(iter(_PARSED))]  # the oldest
            _PARSED[key] = known
    return known


def _parse(text: str, first_line: int, rules: Dialect, not_code: Set[int]) -> Document:
    """Parse a page anew."""
    lines = normalise(text).split("\n")
    numbers = list(range(first_line, first_line + len(lines)))
    parser = _Parser()
    code = code_lines(lines, rules)
    for index, (line, number) in enumerate(zip(lines, numbers, strict=True)):
        kind = None if number in not_code else code.kind(index)
        parser.feed(line, number, code=kind)
    return parser.finish()


def outside_code(line: str) -> str:
    """A line without its code spans: what Python-Markdown renders as more than text."""
    return INLINE_CODE.sub("", line)


@dataclass
class _Container:
    """A stamp written as a container (`<RevealStamp …>` … `</RevealStamp>`), still open."""

    line: int
    prefix: str
    inner: str
    start: int  # the index of the first node it holds (its own stamp, if it is one)
    lines: list[int] = field(default_factory=list)  # the plain lines it holds


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
        self.numbers: list[int] = []  # of the lines in `run`
        self.code_tags: set[int] = set()
        self.container: _Container | None = None

    def feed(self, line: str, number: int, *, code: Kind | None) -> None:
        """Take one line of the page."""
        if "<" not in line:
            self.plain(line, number)  # no tag, nor anything like one: most lines of a page
            return
        if code is not None and names.mentions(line):
            self.code_tags.add(number)
        if code == "fenced":
            self.plain(line, number)  # a code example, shown as written
            return
        match = TAG_LINE.match(line)
        name = names.read_name(match.group("tag")) if match else None
        if code == "indented":
            if match and name and name.tag == PREVIEW and not name.closing:
                self.shown_as_code(match, number)
            self.plain(line, number)
        elif match is None or name is None:
            self.text(line, number)
        else:
            self.tag(match, name, line, number)

    def tag(self, match: re.Match[str], name: Name, line: str, number: int) -> None:
        """A line that holds one tag of ours, or one meant as ours."""
        written = match.group("tag").strip()
        tag = read_tag(written)
        if tag is None:
            self.warn(number, f"cannot read the tag {written!r}: write it as {WRITTEN}")
            self.doubtful(name, number, match)
        elif not name.exact:
            self.near_miss(name, tag, match, number)
        elif tag.name != name.tag:
            # Python-Markdown reads tags by HTML rules: a name HTML reads otherwise (a no-break
            # or invisible space in it, a look-alike letter) is not our tag to it, whatever
            # `names` saw, so what it holds would be published.
            self.warn(
                number,
                f"HTML reads the name of the tag {written!r} as {tag.name!r}, not "
                f"{SPELLING[name.tag]}: write it as {WRITTEN}, without invisible or look-alike "
                "characters; what it holds stays sealed until then",
            )
            self.doubtful(name, number, match, tag)
        elif name.tag == STAMP:
            self.check_attributes(tag, match, number)
            self.stamp(tag, match, line, number)
        elif tag.closing:
            self.close(number)
        else:
            self.open(tag, match, number, broken=self.check_attributes(tag, match, number))

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
            self.nodes.append(Text(self.run.copy(), self.numbers.copy()))
            self.run.clear()
            self.numbers.clear()

    def begin(self) -> None:
        """Start a preview at the top: what came before is the page's, stamps' included."""
        self.container = None
        self.flush()

    def plain(self, line: str, number: int) -> None:
        """A line that is not a tag: in the open preview's body, or in the page."""
        if self.stack:
            self.stack[0].body.append(line)
            self.stack[0].body_lines.append(number)
            return
        self.run.append(line)
        self.numbers.append(number)
        if self.container is not None:
            self.container.lines.append(number)

    def text(self, line: str, number: int) -> None:
        """A line with no tag of its own: plain, unless a tag hides in it."""
        found = list(names.find(outside_code(line)))
        if found:
            self.tag_inside_text(found, number)
        else:
            self.plain(line, number)

    def tag_inside_text(self, found: list[Name], number: int) -> None:
        """A tag that does not stand alone on its line: the line is left out, sealed."""
        slips = "".join(
            f"; <{name.shown}> is not a tag of mkdocs-reveal: did you mean {name.fix}?"
            for name in found
            if not name.exact
        )
        self.warn(
            number,
            "a PostPreview or RevealStamp tag must stand alone on its line; this line "
            f"was left out of the page: put the tag on a line of its own{slips}",
        )
        # Fail closed: the line may hold a whole one-line preview with its hidden words,
        # and an opening left open seals what follows, up to its </PostPreview>. In running
        # text only an opening outside any preview counts: prose that mentions a tag is not
        # trusted to end a preview, nor to nest one.
        previews = [name for name in found if name.tag == PREVIEW]
        opens = bool(previews) and not self.stack and not any(name.closing for name in previews)
        self.doubtful(previews[-1] if opens else None, number)

    def near_miss(self, name: Name, tag: Tag, match: re.Match[str], number: int) -> None:
        """A tag close to one of ours: meant as ours, so what it holds stays sealed."""
        self.warn(
            number,
            f"<{'/' if name.closing else ''}{name.shown}> is not a tag of mkdocs-reveal: "
            f"did you mean {name.fix}? What it holds stays sealed until it is spelt so",
        )
        self.doubtful(name, number, match, tag)

    def doubtful(
        self,
        name: Name | None,
        number: int,
        match: re.Match[str] | None = None,
        tag: Tag | None = None,
    ) -> None:
        """A tag the parser is unsure of, already said: what it may hold stays sealed."""
        # Whatever the tag is, the open preview can no longer be trusted to end where it says.
        self.break_open()
        if name is None:
            return
        self_closing = tag is not None and tag.self_closing
        if name.tag == STAMP:
            if name.closing:
                self.close_container(number)
            elif match is not None and not self_closing and not self.stack:
                self.hold(match, number)
        elif name.closing:
            self.close(number, said=True)
        else:
            # Even `<PostPreview … />` opens: the author meant a preview, and its words follow.
            self.open(tag, match, number, broken=True)

    def shown_as_code(self, match: re.Match[str], number: int) -> None:
        """A preview in an indented code block: shown as code by design, but said."""
        indent = match.group("indent")
        how = "by a tab" if "\t" in indent else f"{len(indent.expandtabs(4))} spaces"
        self.warn(
            number,
            f"this PostPreview is indented {how}, so Markdown shows it as code, sealed words "
            "included: unindent it, or put it in a fenced block if you meant to show the tag",
        )

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
            # `</RevealStamp>` is redundant after a self-closing stamp; after one that is not,
            # it closes what the author took for a container.
            self.close_container(number)
            return
        if not tag.attrs.get("date"):
            self.warn(
                number, 'RevealStamp has no date: write <RevealStamp date="Monday, November 3rd" />'
            )
        stamp = Stamp(number, match.group("prefix"), tag.attrs.get("date") or None)
        if self.stack:
            self.stack[0].stamps.append(stamp)
            self.plain(line, number)
            return
        if not tag.self_closing:
            self.hold(match, number)
        self.flush()
        self.nodes.append(stamp)

    def hold(self, match: re.Match[str], number: int) -> None:
        """Start holding what follows a stamp written as a container, in case it is closed."""
        if self.container is None:
            self.flush()
            prefix = match.group("prefix")
            self.container = _Container(number, prefix, _inner(match), len(self.nodes))

    def close_container(self, number: int) -> None:
        """A closing tag after a stamp written as a container: what it held is sealed."""
        box, self.container = self.container, None
        if box is None or self.stack or not box.lines:
            return
        self.warn(
            box.line,
            "RevealStamp is a badge, not a container: the lines up to the closing tag on line "
            f'{number} stay sealed; write <RevealStamp date="…" /> and put the teaser in a '
            "<PostPreview>",
        )
        self.seal_since(box.start, Preview(box.line, box.prefix, box.inner), number)

    def seal_since(self, start: int, preview: Preview, end: int) -> None:
        """Fold the nodes from index `start` on into a preview that ends at line `end`, sealed."""
        self.flush()
        held, self.nodes = self.nodes[start:], self.nodes[:start]
        for node in held:
            if isinstance(node, Text):
                preview.body.extend(node.lines)
                preview.body_lines.extend(node.numbers)
            elif isinstance(node, Stamp):
                preview.stamps.append(node)
        preview.end_line = end
        preview.broken = True
        self.nodes.append(preview)

    def open(
        self, tag: Tag | None, match: re.Match[str] | None, number: int, *, broken: bool
    ) -> None:
        """A `<PostPreview>`: a new preview, or a nested one that breaks the outer.

        Without a tag (unreadable) or a match (a tag inside text) it opens bare, at the margin.
        """
        attrs = tag.attrs if tag is not None else {}
        preview = Preview(
            number,
            match.group("prefix") if match else "",
            _inner(match) if match else "",
            blurred="blurred" in attrs,
            date=attrs.get("date") or None,
            post=attrs.get("post") or None,
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
            self.begin()
        self.stack.append(preview)

    def close(self, number: int, *, said: bool = False) -> None:
        """A `</PostPreview>`: ends the innermost open preview; `said` when already warned of."""
        if not self.stack:
            if self.container is not None and self.container.lines:
                # After a stamp written as a container, what stands before it is what it held.
                self.close_container(number)
            elif not self.reopen(number) and not said:
                self.warn(
                    number,
                    "</PostPreview> closes nothing: remove it or add the <PostPreview> it "
                    "belongs to",
                )
            return
        preview = self.stack.pop()
        if self.stack:
            return  # a nested preview closed; the outer one stays open and broken
        preview.end_line = number
        self.nodes.append(preview)

    def reopen(self, number: int) -> bool:
        """A closing tag after a closed preview: that one ended too early, and ends here, sealed.

        Its first `</PostPreview>` may sit in a multi-line code span, or in a fence the site
        does not read as one: to Python-Markdown that is code, not a tag, so the words up to
        this closing tag are the preview's and must not be published.
        """
        self.flush()
        found = [index for index, node in enumerate(self.nodes) if isinstance(node, Preview)]
        if not found:
            return False
        last = found[-1]
        preview = self.nodes[last]
        # Only blank lines since: the earlier tag hid nothing, so this one is merely stray.
        if not isinstance(preview, Preview) or all(
            isinstance(node, Text) and not "".join(node.lines).strip()
            for node in self.nodes[last + 1 :]
        ):
            return False
        self.warn(
            number,
            f"</PostPreview> closes nothing, so the PostPreview of line {preview.line} was "
            f"closed too early, on line {preview.end_line} (in a code span or code block?): "
            f"it now ends on line {number} and everything up to here stays sealed; remove the "
            "closing tag that does not belong, or show a tag in a code span on one line",
        )
        self.container = None  # what a stamp container held is folded in too
        self.seal_since(last, preview, number)
        return True

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
        return Document(self.nodes, self.problems, self.code_tags)


def _inner(match: re.Match[str]) -> str:
    """What stands before each line that continues a tag (a list marker becomes indentation)."""
    return match.group("quotes") + match.group("indent") + ("    " if match.group("marker") else "")


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
