"""Fingerprints of sealed text, and the one-pass search for them in folded output.

Two kinds, both in folded text (see `text`), so they are found in any script and any channel:

- runs of WINDOW consecutive words of a sealed text, one at every STRIDE-th word: any sealed
  passage of six words or more holds one whole, whatever punctuation, quotes, dashes or markup
  surround it;
- every *distinctive* sealed word on its own: one that appears nowhere in the site's public
  text (its public pages, titles, config, the plugin's own stamps and filler), so a short list
  item or a name is found too. Whether the theme or the generator writes such a word by itself
  is asked only when one is found (see `check.Public`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick

from mkdocs_reveal.markup.placeholder import VOCABULARY
from mkdocs_reveal.proof.text import words

# Five words from every second word: a passage of six words starts a run at its first word
# or its second. Every word would double the automaton, and its search slows with its size
# (60,000 runs searched at a third of the speed of 10,000).
WINDOW = 5
STRIDE = 2
# Shorter words are the common ones of every language that uses spaces ("with", "und", "les").
SHORTEST_WORD = 4
# Scripts written without spaces fold to whole phrases, and two of their characters say more
# than four Latin letters.
SHORTEST_WIDE_WORD = 2
FILLER = frozenset(VOCABULARY)
# Markdown a renderer turns into something else: link and image targets (the text stays),
# and HTML tags. A second reading of sealed text without them gives the runs of words that
# text-only channels (a search index, a feed's summary) write.
TARGETS = re.compile(r"\]\([^)\n]*\)|<[A-Za-z/][^>\n]*>|^\s{0,3}\[[^\]\n]+\]:.*$", re.MULTILINE)
# pyahocorasick copies a searched text to four bytes per character for the search: a large
# output is searched in slices this long, overlapping by a fingerprint's length.
SLICE = 1 << 20


def is_distinctive(word: str) -> bool:
    """Whether a word says enough on its own to be a fingerprint (public words aside)."""
    if word in FILLER or word.isdigit():
        return False
    if len(word) >= SHORTEST_WORD:
        return True
    wide = all(unicodedata.east_asian_width(char) in "WF" for char in word)
    return len(word) >= SHORTEST_WIDE_WORD and wide


def readings(markdown_text: str) -> list[list[str]]:
    """Sealed Markdown as words: as written, as rendered text reads, backslashes as text."""
    found = [words(markdown_text), words(TARGETS.sub(" ", markdown_text))]
    if "\\" in markdown_text:
        # Folded as written, the `\t` of LaTeX's `\theta` is an escape (a tab); in a JSON
        # string the backslash is escaped itself, and `theta` stays a word.
        found.append(words(markdown_text.replace("\\", " ")))
    return [reading for index, reading in enumerate(found) if reading not in found[:index]]


@dataclass
class Fingerprints:
    """The fingerprints of one build's sealed text, each with the source page it is from."""

    windows: dict[str, str] = field(default_factory=dict)  # " w1 … w6 " → source
    words: dict[str, str] = field(default_factory=dict)  # " word " → source

    def add(self, markdown_text: str, source: str, public_words: set[str]) -> None:
        """Fingerprint one sealed text of a source page."""
        for tokens in readings(markdown_text):
            for start in range(0, len(tokens) - WINDOW + 1, STRIDE):
                run = tokens[start : start + WINDOW]
                if not FILLER.issuperset(run):
                    self.windows.setdefault(f" {' '.join(run)} ", source)
            for token in tokens:
                if token not in public_words and is_distinctive(token):
                    self.words.setdefault(f" {token} ", source)

    def source(self, piece: str) -> str:
        """The source page a fingerprint was taken from."""
        return self.windows.get(piece) or self.words[piece]


class Matcher:
    """Finds fingerprints in folded text, all at once (Aho-Corasick, in C)."""

    def __init__(self, pieces: Iterable[str]) -> None:
        """Build the automaton of every fingerprint."""
        self.automaton = ahocorasick.Automaton()
        self.longest = 0
        for piece in pieces:
            self.automaton.add_word(piece, piece)
            self.longest = max(self.longest, len(piece))
        self.empty = self.longest == 0
        if not self.empty:
            self.automaton.make_automaton()

    def matches(self, folded: str) -> list[tuple[int, str]]:
        """Where each fingerprint ends in a folded text, and which it is."""
        if self.empty:
            return []
        if len(folded) <= SLICE:
            return list(self.automaton.iter(folded))
        found: list[tuple[int, str]] = []
        step = SLICE - self.longest
        for start in range(0, len(folded), step):
            found.extend(
                (start + end, piece)
                for end, piece in self.automaton.iter(folded[start : start + SLICE])
            )
        return found

    def found(self, folded: str) -> set[str]:
        """The fingerprints in a folded text."""
        return {piece for _, piece in self.matches(folded)}
