"""The proof that no sealed text reached a built site: in a build, and on any site after one.

A build hands over each page as it is written (`will_write`), and `finish` reads every other
file of the site from disk. Files are matched once, and of a page only what differs from the
page before (see `pages`). When anything sealed turns up, every file is read again whole, so
each file that holds sealed text is named, not only the first.
"""

from __future__ import annotations

import bisect
import contextlib
import gzip
import os
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs_reveal.diagnostics import RevealError, log
from mkdocs_reveal.proof.fingerprints import Fingerprints, Matcher
from mkdocs_reveal.proof.pages import Pages
from mkdocs_reveal.proof.text import fold, words

# Files that cannot hold text a reader could see; everything else is read.
BINARY = frozenset(
    {
        *(".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".bmp", ".woff", ".woff2"),
        *(".ttf", ".otf", ".eot", ".pdf", ".zip", ".mp3", ".mp4", ".webm", ".ogg", ".wasm"),
    }
)
# Between the folded texts of the site's public text: no fingerprint runs across it.
BETWEEN = "\x00"
# Words put between the parts of one output, and between outputs, matched together: they
# survive folding and are in no fingerprint, so none runs across them.
PART = " 0revealpart0 "
OUTPUT = " 0revealoutput0 "
# How much new text of pages is matched at once: searched page by page, the automaton was out
# of the processor's caches each time and searched at half the speed.
BATCH = 1 << 20
# The most new text of pages kept to be matched at the end: 20 MB at 2,000 pages.
QUEUED = 64 << 20
Texts = Callable[[], Iterable[str]]
# What tells one version of a file from another: a file written again is read again.
Version = tuple[int, int, int]


@dataclass(frozen=True)
class Leak:
    """Sealed text of a source page found in an output file."""

    output: str
    source: str


@dataclass
class Public:
    """Text that is no leak wherever it turns up.

    `texts` is what the site shows on purpose (public pages, titles, config, the plugin's own
    stamps), folded once when the fingerprints are made: no word of it is a distinctive one,
    and a run of words found in it is no leak. `later` is more of it, known only once the
    pages are read. `generators` is what the theme and the generator write by themselves
    (templates, class names, a search index's keys), nearest first: read only when a
    fingerprint is found that the site's own text does not explain.
    """

    texts: list[str] = field(default_factory=list)
    later: list[Texts] = field(default_factory=list)
    generators: list[Texts] = field(default_factory=list)
    _folded: list[str] = field(default_factory=list)  # the texts', then each generator's
    _texts_folded = 0
    _words: set[str] = field(default_factory=set)  # of the texts
    _words_read = 0

    def _own(self) -> str:
        """The site's own public text, folded (what was published since, added)."""
        for source in self.later:
            self.texts.extend(source())
        self.later.clear()
        if not self._folded:
            self._folded.append("")
        if self._texts_folded < len(self.texts):
            fresh = (fold(text) for text in self.texts[self._texts_folded :])
            self._folded[0] = BETWEEN.join([self._folded[0], *fresh])
            self._texts_folded = len(self.texts)
        return self._folded[0]

    def vocabulary(self) -> set[str]:
        """Every word of the text the site shows on purpose."""
        for source in self.later:
            self.texts.extend(source())
        self.later.clear()
        # Word by word, without the folded text `shows` needs: that is made only when a
        # fingerprint is found, which most builds never see.
        fresh = self.texts[self._words_read :]
        self._words.update(*(words(text) for text in fresh))
        self._words_read = len(self.texts)
        return self._words

    def shows(self, piece: str) -> bool:
        """Whether a fingerprint found in an output is text the site or its generator writes."""
        if piece in self._own():
            return True
        for index, generator in enumerate(self.generators, start=1):
            if index == len(self._folded):
                self._folded.append(BETWEEN.join(fold(text) for text in generator()))
            if piece in self._folded[index]:
                return True
        return False


@dataclass
class Written:
    """A page the build wrote: where, its size in UTF-8, and its version on disk just after."""

    path: str
    size: int
    version: Version | None = None


@dataclass
class LeakCheck:
    """Fingerprints of sealed content, and the check of every file a site holds."""

    sealed: list[tuple[str, str]] = field(default_factory=list)  # sealed text, source page
    public: Public = field(default_factory=Public)
    pages: Pages = field(default_factory=Pages)
    written: dict[str, Written] = field(default_factory=dict)  # output → the page written
    hits: dict[str, set[str]] = field(default_factory=dict)  # output → fingerprints found
    prints: Fingerprints | None = None
    matcher: Matcher | None = None
    _fingerprinted = 0  # how many sealed texts the matcher knows
    _last: str | None = None  # the page written last, whose version is not noted yet
    _queued: list[tuple[str, str]] = field(default_factory=list)  # output, its new text
    _queued_size = 0
    _matched = False  # whether any output was matched yet
    _stale = False  # whether outputs were matched with fewer fingerprints than there are

    def seal(self, text: str, source: str) -> None:
        """Take sealed text (Markdown, or a whole source) of a source page."""
        self.sealed.append((text, source))

    def publish(self, text: str) -> None:
        """Remember text the site shows on purpose (a sealed teaser may quote it)."""
        self.public.texts.append(text)

    def _start(self) -> Matcher:
        """The matcher of every fingerprint, made once the sealed and public text is known."""
        if self.matcher is None or self._fingerprinted != len(self.sealed):
            # Sealed text learnt after outputs were matched: they are all read again at the end.
            self._stale = self._stale or self._matched
            known = self.public.vocabulary()
            self.prints = Fingerprints()
            for text, source in self.sealed:
                self.prints.add(text, source, known)
            self._fingerprinted = len(self.sealed)
            self.matcher = Matcher([*self.prints.windows, *self.prints.words])
        return self.matcher

    def will_write(self, output: str, path: str, page: str) -> None:
        """Keep what is new in a page as MkDocs will write it now (the one before is on disk)."""
        self._note_written()
        if not self.sealed:
            return
        parts, size = self.pages.new_parts(page)
        self.written[output] = Written(path, size)
        self._last = output
        # Matched at the end, when every sealed text and all public text is known: the
        # fingerprints are made once, and nothing matched is matched again. A site so large
        # that this would hold more than QUEUED in memory is matched as it goes; sealed text
        # learnt after that has every output read again at the end (`_stale`).
        text = PART.join(parts)
        self._queued.append((output, text))
        self._queued_size += len(text)
        if self._queued_size >= QUEUED:
            self._match_queued()

    def _match_queued(self) -> None:
        """Match the new text of the pages queued, BATCH characters at a time."""
        batch: list[tuple[str, str]] = []
        size = 0
        for queued in self._queued:
            batch.append(queued)
            size += len(queued[1])
            if size >= BATCH:
                self._match_batch(batch)
                batch, size = [], 0
        self._match_batch(batch)
        self._queued.clear()
        self._queued_size = 0

    def _match_batch(self, batch: list[tuple[str, str]]) -> None:
        """Match the new text of some pages, all at once."""
        if not batch:
            return
        folded = fold(OUTPUT.join(text for _, text in batch))
        matches = self._start().matches(folded)
        self._matched = True
        if matches:
            # Which output each match is in: count the separators before it.
            starts, at = [0], folded.find(OUTPUT)
            while at >= 0:
                starts.append(at)
                at = folded.find(OUTPUT, at + 1)
            for end, piece in matches:
                self._found(batch[bisect.bisect(starts, end) - 1][0], {piece})

    def _note_written(self) -> None:
        """Note the version on disk of the page written last."""
        if self._last is not None:
            page = self.written[self._last]
            page.version = version(page.path)
            self._last = None

    def _found(self, output: str, pieces: set[str]) -> None:
        """Keep the fingerprints found in an output."""
        if pieces:
            self.hits.setdefault(output, set()).update(pieces)

    def finish(self, site: Path, copies: Mapping[str, int]) -> list[Leak]:
        """Match every file of the site not matched yet; the leaks, every file named.

        `copies` are outputs copied from the theme or the docs folder, with the size of what
        they are copied from: unchanged, they hold no page's words.
        """
        self._note_written()
        if not self.sealed:
            return []
        self._match_queued()
        matcher = self._start()
        if self._stale:
            return self._leaks(self._read_all(site, copies, matcher))
        for output, page in self.written.items():
            if version(page.path) != page.version or _size(page.path) != page.size:
                # Changed after it was matched (or by a plugin after this one): read as it is.
                self._found(output, self._match_file(matcher, page.path, whole=True))
        for path, output in site_files(site, copies):
            if output not in self.written:
                self._found(output, self._match_file(matcher, path, whole=False))
        found = set().union(*self.hits.values())
        real = self._real(found)
        assert self.prints is not None
        log.debug(
            "reveal: leak check: %d pages and the site's other files matched against %d runs "
            "of words and %d distinctive words; %d found, %d of them public text",
            len(self.written),
            len(self.prints.windows),
            len(self.prints.words),
            len(found),
            len(found) - len(real),
        )
        if not real:
            return []
        # Something sealed is there: read every file whole, so each one that holds it is named.
        return self._leaks(self._read_all(site, copies, matcher))

    def _real(self, pieces: Iterable[str]) -> list[str]:
        """The fingerprints found that are not public text after all."""
        return [piece for piece in pieces if not self.public.shows(piece)]

    def _read_all(
        self, site: Path, copies: Mapping[str, int], matcher: Matcher
    ) -> dict[str, set[str]]:
        """Every file of the site matched whole, from disk."""
        return {
            output: found
            for path, output in site_files(site, copies)
            if (found := self._match_file(matcher, path, whole=True))
        }

    def _leaks(self, hits: dict[str, set[str]]) -> list[Leak]:
        """The fingerprints found, as leaks, each output with each source it holds text of."""
        assert self.prints is not None
        leaks: list[Leak] = []
        for output in sorted(hits):
            sources = sorted({self.prints.source(piece) for piece in self._real(hits[output])})
            leaks.extend(Leak(output, source) for source in sources)
        return leaks

    def _match_file(self, matcher: Matcher, path: str, *, whole: bool) -> set[str]:
        """The fingerprints in one file on disk (a page only where it differs, unless `whole`)."""
        text = read_output(path)
        if text is None:
            return set()
        if whole or not path.endswith((".html", ".htm")):
            return matcher.found(fold(text))
        parts, _ = self.pages.new_parts(text)
        return matcher.found(fold(PART.join(parts)))

    def close(self) -> None:
        """Let go of the pages kept for comparison."""
        self.pages.forget()


def site_files(site: Path, copies: Mapping[str, int]) -> Iterator[tuple[str, str]]:
    """Every regular file under the site that may hold text, as path and output, in order."""
    # os.walk: its entries know what is a file without a `stat` each. Only regular files:
    # a FIFO or a device would block the read, or never end.
    top = os.fspath(site)
    for folder, subfolders, names in os.walk(top):
        subfolders.sort()
        prefix = folder[len(top) :].lstrip(os.sep).replace(os.sep, "/")
        for name in sorted(names):
            relative = f"{prefix}/{name}" if prefix else name
            path = os.path.join(folder, name)
            if os.path.splitext(name)[1].lower() in BINARY or not os.path.isfile(path):
                continue
            if relative in copies and _size(path) == copies[relative]:
                continue
            yield path, relative


def _size(path: str) -> int:
    """A file's size now; -1 when there is no file."""
    try:
        return os.stat(path).st_size
    except OSError:
        return -1


def version(path: str) -> Version | None:
    """The version of a file on disk now; None when there is no file."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns)


def read_output(path: str) -> str | None:
    """An output file as text, `.gz` decompressed; None when it is gone or not a regular file.

    A file that is there and cannot be read is not proven to hold nothing sealed: that is an
    error, never a pass.
    """
    try:
        # Without blocking: a FIFO put where a file was would wait for a writer forever.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _unreadable(path, error) from None
    with os.fdopen(descriptor, "rb") as file:
        try:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                return None
            data = file.read()
        except OSError as error:
            raise _unreadable(path, error) from None
    if path.endswith(".gz"):
        # Not really gzip? Then the bytes are matched as they are.
        with contextlib.suppress(OSError, EOFError, zlib.error):
            data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def _unreadable(path: str, error: OSError) -> RevealError:
    """The error of an output file that is there but cannot be read."""
    return RevealError(
        f"{path} cannot be read ({error.strerror}), so the site is not proven to hold no sealed "
        "text: do not deploy it; let this user read the file, and check again"
    )


def prove(check: LeakCheck, site: Path, copies: Mapping[str, int]) -> None:
    """Match what the build wrote; on a leak, remove every file that holds one, and raise."""
    leaks = check.finish(site, copies)
    if not leaks:
        return
    outputs = sorted({leak.output for leak in leaks})
    for output in outputs:
        (site / output).unlink(missing_ok=True)
    lines = [f"  - {leak.output} holds sealed text of {leak.source}" for leak in leaks]
    # The secret itself is never printed: build logs are often public.
    raise RevealError(
        f"leak check failed: sealed content reached {len(outputs)} file(s) of the built site; "
        "all of them were removed: do not deploy this build. Look for a plugin, hook or "
        "template that reads the sources directly, or set leak_check: false to investigate.\n"
        + "\n".join(lines)
    )
