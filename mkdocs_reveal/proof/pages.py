"""What is new in a page, next to the page written before it: the rest was matched already.

A theme that repeats the site's navigation on every page makes the output grow with the square
of the site: a 2,000-page Material site writes 1.2 GB, most of it the same navigation again,
while what differs from one page to the next (its title, the active entry, the table of
contents, the content, the footer) is a few kilobytes. Searching 1.2 GB costs more than the
whole budget of the check, so each page is compared with the one before it, piece by piece,
with `str.startswith` (a memory comparison, no copy), and only what differs is handed on to be
matched, with MARGIN characters of its neighbours on either side, so a passage that runs across
the edge of a change is read whole.

This is sound by induction: every part skipped is equal, character for character, to a part of
the previous page, which was matched or skipped the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ENTRY_END = "</li>"
# The size the previous page is kept in: a change costs at most one piece's comparison.
PIECE = 4096
# Text after a change that must match the previous page for the two to be aligned again.
ANCHOR = 128
# A sealed passage of WINDOW words runs over less than this, markup between its words included.
MARGIN = 128
# Text after an anchor that must follow too for an alignment to be trusted: more than one
# navigation entry, which differs from the next by a few characters only.
CONFIRM = 2 * ANCHOR
# Offsets into a piece of the previous page, after a change, where its rest is looked for.
SKIPS = (1, ANCHOR, 4 * ANCHOR, 16 * ANCHOR)
# How many later pieces of the previous page are looked for when the current one is gone.
LOOKAHEAD = 6
# How far ahead (characters) the page is searched for where the previous one goes on, nearest
# first: an entry marked active, then a table of contents, then a whole new content.
REACHES = (1024, 64 * 1024, None)
# Changes a page may have next to the previous one before the rest of it is read whole: past
# that it is another kind of page, and looking for where the two agree costs more than reading.
CHANGES = 64
# Places an anchor is tried at before a weaker alignment is taken.
OCCURRENCES = 4

# Pieces smaller than this are joined to a neighbour: each edge between two pieces is one
# more comparison, and a change that falls on one costs a search.
SMALL = PIECE // 4


def utf8_size(text: str) -> int:
    """How many bytes a text takes in UTF-8; free for ASCII (CPython knows it is ASCII)."""
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def common_prefix(page: str, position: int, piece: str) -> int:
    """How many characters of `piece` the page has from `position` on."""
    low, high = 0, len(piece)
    while low < high:
        middle = (low + high + 1) // 2
        if page.startswith(piece[:middle], position):
            low = middle
        else:
            high = middle - 1
    return low


def resync(page: str, position: int, old: list[str], index: int) -> tuple[int, int, int] | None:
    """Where the page goes on with the previous page after a change: (at, piece, offset).

    Navigation entries differ by a few characters (their URL and title), so an anchor can turn
    up an entry too early. A place where CONFIRM characters follow is taken first; one where
    only the anchor matches, only when there is nothing better.
    """
    within = [(index, skip) for skip in SKIPS if skip < len(old[index])]
    later = [(number, 0) for number in range(index + 1, min(index + 1 + LOOKAHEAD, len(old)))]
    weak: tuple[int, int, int] | None = None
    for reach in REACHES:
        if reach is None and weak is not None:
            break
        end = len(page) if reach is None else min(position + reach + ANCHOR, len(page))
        # Near, a few characters changed inside the piece; further on, a whole new content
        # most likely took the place of the previous one's, and the next pieces are found first.
        for number, skip in within + later if reach == REACHES[0] else later + within:
            rest = old[number][skip:]
            anchor = rest[:ANCHOR]
            at = page.find(anchor, position, end)
            for _ in range(OCCURRENCES):
                if at < 0:
                    break
                if page.startswith(rest[:CONFIRM], at):
                    return at, number, skip
                if weak is None:
                    weak = (at, number, skip)
                at = page.find(anchor, at + 1, end)
    return weak


class _Walk:
    """One page compared with the previous one: the pieces it is kept in, and what is new."""

    def __init__(self, page: str, pages: Pages) -> None:
        """Start at the top of both pages."""
        self.page, self.previous = page, pages.previous
        self.old, self.old_sizes = pages.texts.copy(), pages.sizes.copy()
        self.texts: list[str] = []
        self.sizes: list[int] = []
        self.spans: list[tuple[int, int]] = []
        self.position = 0

    def add(self, text: str, size: int) -> None:
        """Keep a piece of this page, joined to the one before when either is small."""
        texts = self.texts
        small = texts and (len(text) < SMALL or len(texts[-1]) < SMALL)
        if small and len(texts[-1]) + len(text) <= 2 * PIECE:
            texts[-1] += text
            self.sizes[-1] += size
        else:
            texts.append(text)
            self.sizes.append(size)

    def take(self, end: int) -> None:
        """Keep the page up to `end` in pieces of its own."""
        for start in range(self.position, end, PIECE):
            part = self.page[start : min(start + PIECE, end)]
            self.add(part, utf8_size(part))
        self.position = end

    def run(self) -> None:
        """Walk the page, piece by piece of the previous one."""
        page, old, old_sizes = self.page, self.old, self.old_sizes
        index, changes, length = 0, 0, len(page)
        while self.position < length:
            if index >= len(old) or changes > CHANGES:
                # Many changes (every relative link of a section, on the first page of the
                # next one), or another kind of page: the rest is compared entry by entry.
                self.spans.extend(changed_entries(page, self.position, self.previous))
                self.take(length)
                return
            text = old[index]
            if page.startswith(text, self.position):
                self.add(text, old_sizes[index])
                self.position += len(text)
                index += 1
                continue
            same = common_prefix(page, self.position, text)
            if same:
                head = text[:same]
                head_size = utf8_size(head)
                self.add(head, head_size)
                old[index] = text[same:]
                old_sizes[index] -= head_size
                self.position += same
            changes += 1
            found = resync(page, self.position, old, index)
            if found is None:
                changes = CHANGES + 1
                continue
            at, index, skip = found
            if skip:
                old[index] = old[index][skip:]
                old_sizes[index] = utf8_size(old[index])
            # New text, or none where the page only left some of the previous one out: either
            # way its edges are read, where text of two places now meets.
            self.spans.append((self.position, at))
            self.take(at)


@dataclass
class Pages:
    """The page written before, in pieces, to tell what is new in the next one."""

    # Two lists, not a list of pairs: a pair per piece and page is a million short-lived
    # objects for the garbage collector to walk in a large build.
    texts: list[str] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)  # each piece's size in UTF-8
    previous: str = ""

    def new_parts(self, page: str) -> tuple[list[str], int]:
        """The parts of a page not in the previous one, with margins; and its size in UTF-8."""
        walk = _Walk(page, self)
        walk.run()
        self.texts, self.sizes, self.previous = walk.texts, walk.sizes, page
        return margined(page, walk.spans), sum(walk.sizes)

    def forget(self) -> None:
        """Drop the previous page (the next one is read whole)."""
        self.texts, self.sizes, self.previous = [], [], ""


def changed_entries(page: str, start: int, previous: str) -> list[tuple[int, int]]:
    """The spans of the page from `start` on whose list entries the previous page does not have."""
    # A theme's navigation is a list: its entries are the pieces that repeat from page to page.
    known = set(previous.split(ENTRY_END))
    spans: list[tuple[int, int]] = []
    position = start
    for entry in page[start:].split(ENTRY_END):
        end = position + len(entry)
        if entry not in known:
            if spans and spans[-1][1] + len(ENTRY_END) >= position:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((position, end))
        position = end + len(ENTRY_END)
    return spans


def margined(page: str, spans: list[tuple[int, int]]) -> list[str]:
    """The spans of a page widened by MARGIN on either side, overlapping ones merged."""
    parts: list[str] = []
    start = end = -1
    for first, last in spans:
        low, high = max(first - MARGIN, 0), min(last + MARGIN, len(page))
        if low <= end:
            end = max(end, high)
            continue
        if end > start:
            parts.append(page[start:end])
        start, end = low, high
    if end > start:
        parts.append(page[start:end])
    return parts
