"""The transform from parsed page + clock to safe Markdown: sealed content is gone, not hidden."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from typing import Literal

from mkdocs_reveal.diagnostics import Problem, RevealError
from mkdocs_reveal.markup import names, placeholder, tags
from mkdocs_reveal.markup.code import PLAIN, Dialect, code_lines
from mkdocs_reveal.markup.settings import Settings
from mkdocs_reveal.markup.stamp import held_stamp_html, reveal_date_text, stamp_html
from mkdocs_reveal.timeline.clock import is_revealed, latest, same_instant
from mkdocs_reveal.timeline.dates import RevealDate, parse_reveal_date
from mkdocs_reveal.timeline.schedule import Hold

# "held": sealed with no date, because the page a preview's `post` names is held.
State = Literal["sealed", "revealed", "held"]
# Stores an HTML fragment and returns the text to put in the Markdown in its place.
Stash = Callable[[str], str]
# Looks up the reveal instant of the page a preview's `post` names (HELD: it is held).
ScheduleLookup = Callable[[str], datetime | Hold | None]


__all__ = ["Outcome", "Sealed", "Settings", "State", "transform"]


@dataclass(frozen=True)
class Outcome:
    """What became of one preview or stand-alone stamp, for summaries and manifests."""

    kind: Literal["preview", "stamp"]
    line: int
    state: State
    instant: datetime | None
    words: str | None
    post: str | None = None


@dataclass
class Sealed:
    """The safe Markdown, what was found wrong, and what was sealed."""

    markdown: str
    problems: list[Problem] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    # The hidden Markdown of each sealed preview, kept only in memory for the self-check.
    secrets: list[str] = field(default_factory=list)


def transform(
    text: str,
    settings: Settings,
    stash: Stash,
    *,
    page_date: datetime | None = None,
    schedule: ScheduleLookup | None = None,
    first_line: int | Callable[[], int] = 1,
    rules: Dialect = PLAIN,
    seal_doubtful: bool = False,
) -> Sealed:
    """Turn the two tags in Markdown text into safe Markdown with stashed HTML.

    `page_date` is the page's own `date:`: dates written without a year are read against it
    where there is one, else against the clock. `first_line` may be a function, asked only when
    there are tags to report lines of. `rules` say what the site's Markdown makes code. With
    `seal_doubtful`, for hosts that do not stop on warnings, a preview or stamp whose date drew
    a warning stays sealed.
    """
    if not names.mentions(text):
        # Nothing of ours here: give the text back as it came, byte for byte.
        return Sealed(text)
    start = first_line() if callable(first_line) else first_line
    not_code: set[int] = set()
    while True:
        document = tags.parse(text, start, rules, not_code)
        page = _Page(
            settings, stash, page_date, schedule, document.code_tags, seal_doubtful=seal_doubtful
        )
        page.render(document)
        # Sealing changes the text Python-Markdown reads: a preview that held a `</div>` can
        # leave raw HTML open after it, or one that held a fence line can pair the fences
        # differently. A tag line left as code must still be code in what comes out.
        misread = page.misread(rules) - not_code
        if not misread:
            break
        not_code |= misread
    page.problems.sort(key=lambda problem: problem.line)
    return Sealed("\n".join(page.lines), page.problems, page.outcomes, page.secrets)


@dataclass
class _Dated:
    """A reveal date read from one place, or None where it could not be read."""

    date: RevealDate | None
    line: int
    words: str | None


@dataclass(frozen=True)
class _Said:
    """One reveal date a preview is given, and how a warning about a disagreement names it."""

    instant: datetime
    words: str | None
    line: int
    name: str  # before the date, where a later date disagrees with it: "the … on line 3 says"
    claim: str  # before the date, where it disagrees with an earlier one: "this … says"


class _Page:
    """The state of one transform: output lines, problems and outcomes."""

    def __init__(
        self,
        settings: Settings,
        stash: Stash,
        page_date: datetime | None,
        schedule: ScheduleLookup | None,
        code_tags: set[int],
        *,
        seal_doubtful: bool = False,
    ) -> None:
        """Start an empty output for one page."""
        self.settings = settings
        self.labels = settings.labels
        self.stash = stash
        self.page_date = page_date
        self.schedule = schedule
        self.lines: list[str] = []
        self.problems: list[Problem] = []
        self.outcomes: list[Outcome] = []
        self.secrets: list[str] = []
        self.separator: str | None = None
        self.code_tags = code_tags  # source lines with a tag that were left as code
        self.seal_doubtful = seal_doubtful
        self.left_as_code: dict[int, int] = {}  # output line -> source line, for those

    def render(self, document: tags.Document) -> None:
        """Emit the document, node by node."""
        self.problems.extend(document.problems)
        for node in document.nodes:
            if isinstance(node, tags.Text):
                for line, number in zip(node.lines, node.numbers, strict=True):
                    self.emit(line, number)
            elif isinstance(node, tags.Stamp):
                self.stamp(node)
            else:
                self.preview(node)

    def misread(self, rules: Dialect) -> set[int]:
        """The source lines of tags left as code that are not code in the output."""
        if not self.left_as_code:
            return set()  # the usual page: no tag was left as code, so none can be misread
        output = code_lines(self.lines, rules)
        return {number for index, number in self.left_as_code.items() if output.kind(index) is None}

    def read_date(self, words: str | None, line: int) -> _Dated:
        """Parse an author's date, turning each complaint into a located problem."""
        if not words:
            return _Dated(None, line, words)
        try:
            date = parse_reveal_date(
                words,
                tz=self.settings.tz,
                reveal_time=self.settings.reveal_time,
                anchor=self.settings.clock,
                page_date=self.page_date,
            )
        except RevealError as error:
            self.problems.append(Problem(line, f"{error} (this stays sealed until it is fixed)"))
            return _Dated(None, line, words)
        self.problems.extend(Problem(line, warning) for warning in date.warnings)
        return _Dated(date, line, words)

    def is_revealed(self, instant: datetime | None) -> bool:
        """Revealed once the clock has reached the instant; no instant means sealed."""
        return instant is not None and is_revealed(instant, self.settings.clock)

    def doubted(self, known: int, line: int) -> bool:
        """Whether a date drew warnings since `known`, on a host that keeps such content sealed.

        Asked only of what would be revealed: `and` stops short of it for anything sealed.
        """
        if not self.seal_doubtful or len(self.problems) == known:
            return False
        self.problems.append(
            Problem(
                line,
                "kept sealed until the warning about its date is fixed: this build does not "
                "stop on warnings, so nothing a warning doubts is revealed",
            )
        )
        return True

    def emit(self, line: str, number: int | None = None) -> None:
        """Add an output line, first closing the paragraph of a stashed block if one is open."""
        if self.separator is not None and line.strip(" \t>"):
            self.lines.append(self.separator)
        self.separator = None
        if number in self.code_tags:
            self.left_as_code[len(self.lines)] = number
        self.lines.append(line)

    def block(self, prefix: str, html: str) -> None:
        """Emit a stashed HTML block as its own paragraph inside the tag's container."""
        if self.lines and self.lines[-1].strip(" \t>"):
            self.lines.append(prefix.rstrip())
        self.emit(prefix + self.stash(html))
        # The blank line after it is added only if more follows: a trailing `>` line would
        # fold into the block quote's last paragraph and keep the block from standing alone.
        self.separator = prefix.rstrip()

    def stamp(self, node: tags.Stamp) -> None:
        """Render a stamp standing on its own, outside any preview."""
        known = len(self.problems)
        dated = self.read_date(node.date, node.line)
        instant = dated.date.instant if dated.date else None
        revealed = self.is_revealed(instant) and not self.doubted(known, node.line)
        self.block(node.prefix, self.stamp_markup(instant, node.date or "", revealed))
        self.outcomes.append(Outcome("stamp", node.line, _state(revealed), instant, node.date))

    def stamp_markup(self, instant: datetime | None, words: str, revealed: bool) -> str:
        """The stamp's HTML in a paragraph of its own."""
        html = stamp_html(instant, revealed, self.settings, words)
        return f'<p class="reveal-stamp-line">{html}</p>'

    def preview(self, node: tags.Preview) -> None:
        """Render a preview: its teaser when revealed, a stamp and a same-shape filler when not."""
        held = self.holds(node.post)
        # A held post keeps its teaser sealed whatever date the preview gives: no warning,
        # since holding a part is how a writer postpones it without a new date.
        known = len(self.problems)
        instant, words = (None, None) if held else self.preview_date(node)
        revealed = (
            self.is_revealed(instant) and not node.broken and not self.doubted(known, node.line)
        )
        body = _lists_as_commonmark(_dedent(node))
        state: State = "held" if held else _state(revealed)
        self.outcomes.append(Outcome("preview", node.line, state, instant, words, node.post))
        if revealed:
            self.render_body(node, body, instant, "is-revealed", marker=None)
            return
        hidden = [line for line, number in body if number not in _stamp_lines(node)]
        self.secrets.append("\n".join(hidden))
        date_words = reveal_date_text(instant, self.settings, words)
        if self.settings.preview:
            marker = self.labels.sealed_until.format(date=date_words or "a date not yet set")
            self.render_body(node, body, instant, "is-sealed is-preview", marker=marker)
            return
        self.block(node.prefix, self.sealed_markup(node, instant, date_words, hidden, held=held))

    def holds(self, post: str | None) -> bool:
        """Whether the page a preview's `post` names is held."""
        return bool(post and self.schedule and isinstance(self.schedule(post), Hold))

    def preview_date(self, node: tags.Preview) -> tuple[datetime | None, str | None]:
        """Find a preview's reveal instant: the latest of its dates; none if one is unreadable."""
        # Every date is read first, so each one that cannot be read is reported, not only one.
        written = [("PostPreview", self.read_date(node.date, node.line))] if node.date else []
        written += [
            ("RevealStamp", self.read_date(stamp.date, stamp.line))
            for stamp in node.stamps
            if stamp.date
        ]
        said: list[_Said] = []
        for tag, dated in written:
            if dated.date is None:
                # It may be the latest of them: late is forgivable, early is not.
                return None, dated.words
            name = f"the {tag} on line {dated.line} says"
            said.append(
                _Said(dated.date.instant, dated.words, dated.line, name, f"this {tag} says")
            )
        scheduled = self.schedule(node.post) if self.schedule and node.post else None
        if isinstance(scheduled, datetime):
            claim = f"the schedule reveals {node.post} at"
            said.append(_Said(scheduled, None, node.line, claim, claim))
        if not said:
            self.problems.append(
                Problem(
                    node.line,
                    "this PostPreview has no reveal date, so it stays sealed: give it "
                    'date="…", a <RevealStamp date="…" /> inside, or post="…" naming a '
                    "scheduled page",
                )
            )
            return None, None
        # One rule for every source: the later date wins, and each disagreement is said where
        # the disagreeing date is written, naming the date it disagrees with.
        chosen = said[0]
        for other in said[1:]:
            if same_instant(other.instant, chosen.instant):
                continue
            later = other if latest(chosen.instant, other.instant) is other.instant else chosen
            self.problems.append(
                Problem(
                    other.line,
                    f"{chosen.name} {chosen.instant.isoformat()} but {other.claim} "
                    f"{other.instant.isoformat()}: make them agree; until then it follows the "
                    f"later one, {later.instant.isoformat()}",
                )
            )
            chosen = later
        return chosen.instant, chosen.words

    def render_body(
        self,
        node: tags.Preview,
        body: list[tuple[str, int]],
        instant: datetime | None,
        state: str,
        marker: str | None,
    ) -> None:
        """Emit the teaser's own Markdown between stashed wrapper tags."""
        stamps = {stamp.line: stamp for stamp in node.stamps}
        self.block(node.prefix, f'<div class="reveal-preview {state}">')
        if marker is not None:
            self.block(node.inner, f'<p class="reveal-preview-marker">{escape(marker)}</p>')
        for line, number in body:
            if number in stamps:
                stamp = stamps[number]
                self.block(node.inner, self.stamp_markup(instant, stamp.date or "", marker is None))
            else:
                self.emit(node.inner + line if line.strip() else node.inner.rstrip(), number)
        self.block(node.inner, "</div>")

    def sealed_markup(
        self,
        node: tags.Preview,
        instant: datetime | None,
        words: str,
        hidden: list[str],
        *,
        held: bool = False,
    ) -> str:
        """The whole HTML of a sealed preview: stamps, notice and (if blurred) the filler."""
        written = [stamp for stamp in node.stamps if stamp.date] or None
        if held:
            # No date at all: the stamp's own words would promise one.
            stamps = [f'<p class="reveal-stamp-line">{held_stamp_html(self.labels)}</p>']
        elif written:
            stamps = [self.stamp_markup(instant, stamp.date or "", False) for stamp in written]
        else:
            stamps = [self.stamp_markup(instant, words, False)]
        notice = self.labels.available.format(date=words) if words else ""
        parts = [f'<div class="reveal-preview is-sealed"{_at(instant)}>', *stamps]
        if node.blurred:
            parts.append(f'<p class="reveal-notice">{escape(notice)}</p>')
            parts.append(placeholder.render(placeholder.shape(hidden)))
        parts.append("</div>")
        return "\n".join(parts)


def _state(revealed: bool) -> State:
    """Name the state."""
    return "revealed" if revealed else "sealed"


def _at(instant: datetime | None) -> str:
    """The `data-reveal-at` attribute a countdown reads, where the instant is known."""
    return f' data-reveal-at="{instant.isoformat()}"' if instant else ""


def _stamp_lines(node: tags.Preview) -> set[int]:
    """The line numbers of the stamps inside a preview."""
    return {stamp.line for stamp in node.stamps}


def _lists_as_commonmark(body: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Put a blank line between a paragraph line and a list right after it, as MDX meant.

    The teaser's revealed Markdown and the placeholder's shape are both made from the result,
    so the two agree.
    """
    before = set(placeholder.blank_before_lists([line for line, _ in body]))
    lines: list[tuple[str, int]] = []
    for index, (line, number) in enumerate(body):
        if index in before:
            lines.append(("", number))
        lines.append((line, number))
    return lines


def _dedent(node: tags.Preview) -> list[tuple[str, int]]:
    """Strip the preview's container prefix and common indentation from its body lines."""
    prefix = node.inner
    rests = [line[len(prefix) :] if line.startswith(prefix) else line for line in node.body]
    indents = [len(rest) - len(rest.lstrip(" \t")) for rest in rests if rest.strip()]
    common = min(indents, default=0)
    return [
        (rest[common:] if rest[:common].strip() == "" else rest.lstrip(" \t"), number)
        for rest, number in zip(rests, node.body_lines, strict=True)
    ]
