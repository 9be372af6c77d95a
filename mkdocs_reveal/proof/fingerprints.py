"""Fingerprints of sealed text, and the one-pass search for them in what a build wrote.

Nothing here imports Python-Markdown until sealed text is fingerprinted: the leak check's
worker process imports this module at its start.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import re
import zlib
from collections.abc import Iterable
from html.parser import HTMLParser
from itertools import filterfalse
from typing import Any

from mkdocs_reveal.markup.placeholder import VOCABULARY

CHUNK_END = "</li>"
# Every fingerprint starts at a word's start: after a character that is not a letter or digit,
# taken as part of the match. Profiling showed rejecting positions inside a word before the
# branch is tried made the search several times faster; consuming that character rather than
# looking behind for it lets the engine skip to candidates in C, a fifth faster again.
WORD_START = "[^A-Za-z0-9]"
# Between the chunks of an output searched at once: whitespace would let a match run on from
# one chunk into the next, where the output had markup between them.
BETWEEN = "\x00"
# JSON and JavaScript write a line break as `\n` and a non-ASCII character as `\u201c`: the
# letter that ends the escape would hide the next word's start from the matcher, so a line of
# sealed text starting a paragraph of the search index or a feed would go unseen. Read as a space.
ESCAPE = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|[nrt])")
# Shorter fingerprints matched public text by chance on repetitive sites.
MIN_LENGTH = 48
# Long runs are cut into pieces, so an excerpt that keeps only part of a sentence still matches.
PIECE = 64
# A piece that is one very long word is cut here: the matcher is built one character deep
# at a time, and its start is enough to tell it.
LONGEST = 200
# Only characters every channel writes the same way: HTML, JSON (ASCII-escaped) and XML escape
# quotes, ampersands, angle brackets and non-ASCII differently, so fingerprints stop at them.
# Words joined by single spaces, as the folded output reads.
PLAIN_RUN = re.compile(r"[A-Za-z0-9,.;:!?()\-]+(?: [A-Za-z0-9,.;:!?()\-]+)*")
BLANK = {" ": r"\s+"}
WORD = re.compile(r"[A-Za-z]+")
FILLER = frozenset(VOCABULARY)
# Files that cannot hold text a reader could see; everything else is read.
BINARY = frozenset(
    {
        *(".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".bmp", ".woff", ".woff2"),
        *(".ttf", ".otf", ".eot", ".pdf", ".zip", ".mp3", ".mp4", ".webm", ".ogg", ".wasm"),
    }
)


class _Text(HTMLParser):
    """Collects the text nodes of rendered HTML."""

    def __init__(self) -> None:
        """Start with no text."""
        super().__init__(convert_charrefs=True)
        self.nodes: list[str] = []

    def handle_data(self, data: str) -> None:
        """Keep one text node."""
        self.nodes.append(data)


def text_nodes(html: str) -> list[str]:
    """The text a reader would see in an HTML fragment, node by node."""
    reader = _Text()
    reader.feed(html)
    reader.close()
    return reader.nodes


def fingerprints(text: str) -> set[str]:
    """Cut text into plain runs of at least MIN_LENGTH characters, in PIECE-sized pieces."""
    found: set[str] = set()
    for line in text.split("\n"):
        for match in PLAIN_RUN.finditer(line):
            words = match.group(0).split(" ")
            if match.start() and line[match.start() - 1].isalnum():
                # Mid-word, after a non-ASCII letter (written \u00e9 in JSON): every piece
                # must start at a word's start, where the matcher looks.
                words = words[1:]
            run = " ".join(words)
            if len(run) < MIN_LENGTH:
                continue
            piece: list[str] = []
            for word in words:
                piece.append(word)
                if len(" ".join(piece)) >= PIECE:
                    found.add(" ".join(piece))
                    piece = []
            tail = " ".join(piece)
            if len(tail) >= MIN_LENGTH:
                found.add(tail)
            elif piece:
                # Too short alone: the run's last words, enough of them to be a piece.
                last: list[str] = []
                for word in reversed(words):
                    last.insert(0, word)
                    if len(" ".join(last)) >= MIN_LENGTH:
                        break
                found.add(" ".join(last))
    # The plugin's own filler is public by design; a piece made only of it proves nothing.
    return {
        piece[:LONGEST].rstrip()
        for piece in found
        if not set(WORD.findall(piece.lower())) <= FILLER
    }


class Fingerprints:
    """The fingerprints of sealed Markdown, as the site would render it and as written."""

    def __init__(self) -> None:
        """Start with no sealed text."""
        self.sources: dict[str, str] = {}  # fingerprint → the source page of its sealed text
        self._renderer: Any = None

    def add(self, markdown_text: str, source: str) -> None:
        """Fingerprint one sealed text of a source page."""
        if self._renderer is None:
            # Imported on first use: the leak check's worker may never get sealed text.
            import markdown  # noqa: PLC0415

            # One Markdown instance: creating one per sealed text cost more than rendering it.
            self._renderer = markdown.Markdown()
        rendered = self._renderer.reset().convert(markdown_text)
        for text in [*text_nodes(rendered), markdown_text]:
            for piece in fingerprints(text):
                self.sources.setdefault(piece, source)


def trie_pattern(pieces: Iterable[str]) -> str:
    """A regex matching any of the pieces, shaped as a trie.

    Profiling showed a plain alternation costs time per character times per piece: the engine
    tries every piece at every position. Branching on shared prefixes makes it one pass over
    the text whatever the number of pieces. A piece that is a prefix of another is enough.
    """
    trie: dict[str, Any] = {}
    for piece in pieces:
        node = trie
        for char in piece:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        """The pattern below one trie node."""
        if "" in node:
            return ""
        branches = [
            BLANK.get(char, re.escape(char)) + build(child) for char, child in sorted(node.items())
        ]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return build(trie)


class Matcher:
    """Finds the fingerprints in outputs, reading each chunk of text only the first time."""

    def __init__(self, pieces: Iterable[str]) -> None:
        """Compile one pattern for every fingerprint."""
        pieces = list(pieces)
        self.pattern = re.compile(f"{WORD_START}({trie_pattern(pieces)})") if pieces else None
        self.seen: set[str] = set()

    def found(self, text: str) -> set[str]:
        """The fingerprints in one output; only chunks not seen before are searched."""
        if self.pattern is None:
            return set()
        # Chunks end at `</li>`: a theme's nav is a list repeated on every page, and
        # fingerprints never hold a `<`, so no cut falls inside one. Profiling a 1,000-page
        # Material site (300 MB of pages, 30,000 lines each) showed line-sized pieces cost
        # five times as much to hash as the chunks do. In order (text re-flowed across lines
        # must still read as one), once each, with no Python-level loop: filterfalse runs in C.
        fresh = list(filterfalse(self.seen.__contains__, dict.fromkeys(text.split(CHUNK_END))))
        self.seen.update(fresh)
        # The first chunk starts at a word's start too. Escapes are read only in what is new:
        # a few percent of a site's pages, so the cost is a pass over tens of megabytes.
        hits = self.pattern.findall(ESCAPE.sub(" ", BETWEEN + BETWEEN.join(fresh)))
        # Read as the fingerprints are written: words joined by single spaces.
        return {" ".join(hit.split()) for hit in hits}


# What tells one version of a file from another (inode, size, last change): a file written
# again after it was matched is matched again.
Version = tuple[int, int, int]


def version(path: str) -> Version | None:
    """The version of a file on disk now; None when there is no file."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns)


def read_output(path: str) -> tuple[str, Version | None]:
    """An output file as text, `.gz` decompressed, and the version read; a file gone is empty."""
    try:
        with open(path, "rb") as file:
            status = os.fstat(file.fileno())
            data = file.read()
    except OSError:
        return "", None
    # Shorter or longer than its size: it was being written, so this read proves nothing.
    read: Version | None = None
    if len(data) == status.st_size:
        read = (status.st_ino, status.st_size, status.st_mtime_ns)
    if path.endswith(".gz"):
        # Not really gzip? Then the bytes are scanned as they are.
        with contextlib.suppress(OSError, EOFError, zlib.error):
            data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace"), read
