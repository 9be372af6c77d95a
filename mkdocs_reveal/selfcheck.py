"""The post-build self-check: proof that no sealed text reached any output file."""

from __future__ import annotations

import contextlib
import gzip
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import filterfalse
from pathlib import Path
from typing import Any

import markdown

from .placeholder import VOCABULARY

CHUNK_END = "</li>"
WORD_START = r"(?<![A-Za-z0-9])"
# Shorter fingerprints matched public text by chance on repetitive sites.
MIN_LENGTH = 48
# Long runs are cut into pieces, so an excerpt that keeps only part of a sentence still matches.
PIECE = 64
# Only characters every channel writes the same way: HTML, JSON (ASCII-escaped) and XML escape
# quotes, ampersands, angle brackets and non-ASCII differently, so fingerprints stop at them.
# Words joined by single spaces, as the folded output reads.
PLAIN_RUN = re.compile(r"[A-Za-z0-9,.;:!?()\-]+(?: [A-Za-z0-9,.;:!?()\-]+)*")
SPACES = re.compile(r"\s+")
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
    return {piece for piece in found if not set(WORD.findall(piece.lower())) <= FILLER}


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
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return build(trie)


def anchors(pieces: Iterable[str]) -> frozenset[str] | None:
    """One telling word per fingerprint, to skip text that cannot hold any of them.

    A fingerprint found in text has each inner word between spaces there too (its first and
    last may be glued to markup). The longest inner word is the rarest. Without an inner
    word for every fingerprint there is no safe shortcut, and None says so.
    """
    chosen: set[str] = set()
    for piece in pieces:
        inner = piece.split(" ")[1:-1]
        if not inner:
            return None
        chosen.add(max(inner, key=len))
    return frozenset(chosen)


@dataclass(frozen=True)
class Leak:
    """Sealed text of a source page found in an output file."""

    output: str
    source: str


@dataclass
class LeakCheck:
    """Fingerprints of this build's sealed content, and the scan of what the build wrote."""

    secrets: dict[str, str] = field(default_factory=dict)  # fingerprint → source page
    public: list[str] = field(default_factory=list)
    leaks: list[Leak] = field(default_factory=list)
    scanned: set[str] = field(default_factory=set)
    _seen: set[str] = field(default_factory=set)
    _matcher: re.Pattern[str] | None = None
    _anchors: frozenset[str] | None = None
    _corpus: str | None = None
    _renderer: markdown.Markdown | None = None
    _ready: bool = False

    def seal(self, markdown_text: str, source: str) -> None:
        """Fingerprint sealed Markdown as the site would render it, and as written."""
        # One Markdown instance per check: creating one per secret cost more than rendering.
        if self._renderer is None:
            self._renderer = markdown.Markdown()
        rendered = self._renderer.reset().convert(markdown_text)
        for text in [*text_nodes(rendered), markdown_text]:
            for piece in fingerprints(text):
                self.secrets.setdefault(piece, source)

    def publish(self, text: str) -> None:
        """Remember text the site shows on purpose (a sealed teaser may quote it)."""
        self.public.append(text)

    def ready(self) -> None:
        """Compile one matcher for every fingerprint, once the build's secrets are all known."""
        if self._ready:
            return
        self._ready = True
        if self.secrets:
            # Every fingerprint starts at a word's start: rejecting positions inside a word
            # before the branch is tried made the search several times faster.
            self._matcher = re.compile(WORD_START + trie_pattern(self.secrets))
            self._anchors = anchors(self.secrets)

    def _is_public(self, piece: str) -> bool:
        """Whether the site shows this text on purpose; asked only on a hit, so almost never."""
        if self._corpus is None:
            self._corpus = SPACES.sub(" ", "\n".join(self.public))
        return piece in self._corpus

    def found(self, text: str) -> set[str]:
        """The fingerprints in one output; only chunks not seen before are searched."""
        self.ready()
        if self._matcher is None:
            return set()
        # Chunks end at `</li>`: a theme's nav is a list repeated on every page, and
        # fingerprints never hold a `<`, so no cut falls inside one. Profiling a 1,000-page
        # Material site (300 MB of pages, 30,000 lines each) showed line-sized pieces cost
        # five times as much to hash as the chunks do. In order (text re-flowed across lines
        # must still read as one), once each, with no Python-level loop: filterfalse runs in C.
        fresh = list(filterfalse(self._seen.__contains__, dict.fromkeys(text.split(CHUNK_END))))
        self._seen.update(fresh)
        # Whitespace folded as in the fingerprints (search indexes and feeds re-flow text);
        # str.split is the cheap way, and only text not seen before is folded at all.
        folded = " ".join(" ".join(fresh).split())
        if self._anchors is not None and self._anchors.isdisjoint(folded.split(" ")):
            return set()  # not one fingerprint's telling word is here
        return {match.group(0) for match in self._matcher.finditer(folded)}

    def record(self, output: str, pieces: Iterable[str]) -> None:
        """Record the leaks among fingerprints found in an output (public text is no leak)."""
        # Sorted: the report must not depend on the order of a set.
        sources = sorted({self.secrets[piece] for piece in pieces if not self._is_public(piece)})
        self.leaks.extend(Leak(output, source) for source in sources)

    def scan(self, text: str, output: str) -> None:
        """Scan one output in this process."""
        self.scanned.add(output)
        self.record(output, self.found(text))

    def scan_folder(self, site: Path, skip: set[str]) -> None:
        """Scan every file under the site not scanned yet and not copied from the theme."""
        for path, relative in unscanned(site, self.scanned | skip):
            self.scan(read_output(path), relative)


def unscanned(site: Path, done: set[str]) -> list[tuple[Path, str]]:
    """The files under the site that may hold text and are not in `done`, in a stable order."""
    found = []
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if relative in done or path.suffix.lower() in BINARY or not path.is_file():
            continue
        found.append((path, relative))
    return found


def read_output(path: Path) -> str:
    """An output file as text, `.gz` decompressed; a file gone or unreadable holds nothing."""
    try:
        data = path.read_bytes()
    except OSError:
        return ""
    if path.suffix == ".gz":
        # Not really gzip? Then the bytes are scanned as they are.
        with contextlib.suppress(OSError, EOFError, zlib.error):
            data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")
