"""The names of the two tags, and names close enough to them to be an author's slip."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

PREVIEW = "postpreview"
STAMP = "revealstamp"
SPELLING = {PREVIEW: "PostPreview", STAMP: "RevealStamp"}

# The start of anything shaped like a tag: `<` or `</`, a name, and a second word when one
# follows on its own (`<Post Preview blurred>`), which an attribute (`<div class="…">`) never is.
# The name ends where HTML ends it (Python's HTMLParser, which Python-Markdown reads tags with):
# a no-break or zero-width space is part of it, so `<PostPreview\xa0blurred>` is no exact name
# of ours. It also ends at a `<`, so no name swallows a tag written right after it.
TAG_START = re.compile(
    r"<[ \t]*(?P<closing>/?)[ \t]*(?P<name>[A-Za-z][^\t\n\r\f />\x00<]*)"
    r"(?:[ \t]+(?P<second>[A-Za-z][\w.:-]*)(?=[ \t]*/?>|[ \t]+[A-Za-z]))?"
)
SEPARATORS = re.compile(r"[-_.:\s]")
# How alike two names must be (difflib's ratio) to be one misspelt as the other: two letters
# swapped, dropped or added in our eleven-letter names; no HTML element name comes near.
CLOSE = 0.8
# A name of this many letters or more that is part of ours (`<Preview>`, `<Stamp>`), or that
# contains ours (`<PostPreviews>`), means ours.
PART = 5


@dataclass(frozen=True)
class Name:
    """A tag name found in the text: which of our tags it means, and whether it is spelt so."""

    tag: str  # PREVIEW or STAMP
    written: str  # as the author wrote it
    exact: bool  # our name in any case (HTML names are case-insensitive)
    closing: bool

    @property
    def shown(self) -> str:
        """The name as written, an invisible or no-break character in it spelt out."""
        # Said as written, `<PostPreview\xa0blurred>` would read as the very fix suggested.
        return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in self.written)

    @property
    def fix(self) -> str:
        """The tag as it should have been written."""
        return f"<{'/' if self.closing else ''}{SPELLING[self.tag]}>"


def mentions(text: str) -> bool:
    """Whether a text holds one of our tags or a name close to one: the fast path's test."""
    return any(True for _ in find(text))


def find(text: str) -> Iterator[Name]:
    """Every tag of ours, or near miss of one, in a text."""
    for match in TAG_START.finditer(text):
        name = _name(match)
        if name is not None:
            yield name


def read_name(tag: str) -> Name | None:
    """The meaning of the name a tag's text starts with, or None for any other tag."""
    match = TAG_START.match(tag)
    return None if match is None else _name(match)


def _name(match: re.Match[str]) -> Name | None:
    """The meaning of one tag start: our name, two words that join into one, or a slip."""
    closing = bool(match.group("closing"))
    name, second = match.group("name"), match.group("second")
    candidates = [name] if second is None else [name, f"{name} {second}"]
    if name.casefold() in SPELLING:
        return Name(name.casefold(), name, True, closing)
    for written in reversed(candidates):  # the joined words first: `<Reveal Stamp />`
        meant = _meant(written)
        if meant is not None:
            return Name(meant, written, False, closing)
    return None


@functools.lru_cache(maxsize=1024)
def _meant(name: str) -> str | None:
    """Which of our tags a name other than ours means as a slip; None for other names."""
    squashed = SEPARATORS.sub("", _visible(name).casefold())
    scores = {ours: _likeness(squashed, ours) for ours in SPELLING}
    best = max(scores, key=lambda ours: scores[ours])
    return best if scores[best] >= CLOSE else None


def _visible(name: str) -> str:
    """A name without format characters (Unicode Cf: zero-width spaces, joiners, marks)."""
    # They show as nothing, so `<Post\u200bPreview>` looks like ours to the author who wrote it.
    return "".join(char for char in name if unicodedata.category(char) != "Cf")


def _likeness(name: str, ours: str) -> float:
    """How alike a squashed name is to one of ours, from 0 to 1."""
    if len(name) >= PART and (name in ours or ours in name):
        return 1.0
    return difflib.SequenceMatcher(None, name, ours).ratio()
