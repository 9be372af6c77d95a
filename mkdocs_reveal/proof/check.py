"""The post-build self-check: proof that no sealed text reached any output file."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs_reveal.diagnostics import RevealError, log
from mkdocs_reveal.proof import worker as scanworker
from mkdocs_reveal.proof.fingerprints import (
    BINARY,
    Fingerprints,
    Matcher,
    Version,
    read_output,
    trie_pattern,
    version,
)


@dataclass(frozen=True)
class Leak:
    """Sealed text of a source page found in an output file."""

    output: str
    source: str


@dataclass
class LeakCheck:
    """Fingerprints of this build's sealed content, and the check of every file the build wrote.

    Sealed text is fingerprinted, and files are matched as they are on disk, each once: in a
    worker process beside the build when there is a core to spare (see `scanworker`), else
    here. `finish` gives the leaks.
    """

    parallel: bool = field(default_factory=scanworker.available)
    sealed: list[tuple[str, str]] = field(default_factory=list)  # sealed Markdown, source page
    # Fingerprint → source page: all of them when matching here, those found when in a worker.
    secrets: dict[str, str] = field(default_factory=dict)
    public: list[str] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)  # output → its file, as matched
    _hits: dict[str, set[str]] = field(default_factory=dict)  # output → fingerprints found
    _versions: dict[str, Version | None] = field(default_factory=dict)  # output → version read
    _waiting: tuple[str, str] | None = None  # the page being written
    _matcher: Matcher | None = None
    worker: scanworker.Worker | None = None  # matching beside the build, when it runs
    _started_with: int = -1  # how many sealed texts matching started with
    _local: Fingerprints = field(default_factory=Fingerprints)  # made here, when needed
    _fingerprinted: int = 0  # how many sealed texts `_local` has

    def seal(self, markdown_text: str, source: str) -> None:
        """Take sealed Markdown of a source page, to fingerprint (in the worker, if one runs)."""
        self.sealed.append((markdown_text, source))
        if self.parallel and self.worker is None and self._started_with < 0:
            # Started with the first sealed text: it fingerprints while MkDocs reads pages.
            self.worker = scanworker.Worker.start()
            self.parallel = self.worker is not None
        if self.worker is not None:
            self.worker.seal(markdown_text, source)

    def publish(self, text: str) -> None:
        """Remember text the site shows on purpose (a sealed teaser may quote it)."""
        self.public.append(text)

    def will_write(self, output: str, path: str) -> None:
        """MkDocs writes this page next: match the one before it, which is on disk by now."""
        # MkDocs writes each page right after its `on_post_page`. Should one not be there yet
        # (or be written again later), its version read differs from the file's at `finish`,
        # and it is matched again there.
        if self._waiting is not None:
            self._match(*self._waiting)
        self._waiting = (output, path)

    def take_first(self, site: Path, outputs: Iterable[str]) -> None:
        """Match these files of the site now, ahead of the walk at `finish`, if they exist."""
        # Other plugins write site-wide files last, and they are the largest (a 2,000-page
        # site's search index is 8.6 MB, 0.2 s to match): a worker matches them while this
        # process walks the rest of the site, rather than after.
        for relative in outputs:
            path = os.path.join(site, *relative.split("/"))
            if os.path.isfile(path):
                self._match(relative, path, now=True)

    def _start(self) -> None:
        """Start matching, once the build's sealed text is all known (pages come last)."""
        if self._started_with >= 0:
            return
        self._started_with = len(self.sealed)
        if self.worker is None:
            self._matcher = Matcher(self._fingerprints())

    def _match(self, output: str, path: str, *, now: bool = False) -> None:
        """Match one file, in the worker (`now`, or with the next batch) or here."""
        self._start()
        self.outputs[output] = path
        if self.worker is not None:
            self.worker.scan_file(output, path, now=now)
        elif self._matcher is not None and self._matcher.pattern is not None:
            self._read(self._matcher, output, path)

    def _read(self, matcher: Matcher, output: str, path: str) -> None:
        """Read one file and match it here."""
        text, self._versions[output] = read_output(path)
        self._hits[output] = matcher.found(text)

    def finish(self, site: Path, skip: set[str]) -> list[Leak]:
        """Match every file under the site not matched yet nor copied from the theme; the leaks."""
        if self._waiting is not None:
            self._match(*self._waiting)
            self._waiting = None
        # Each handed over as soon as found: the worker matches the search index (written
        # last, and large) while the rest of the site is walked.
        for path, relative in unscanned(site, {*self.outputs, *skip}):
            self._match(relative, path, now=True)
        self._start()
        if not self.sealed:
            return []
        where = "a worker process" if self.worker is not None else "the build's process"
        log.debug("reveal: leak check: %d files matched in %s", len(self.outputs), where)
        # Every file is written by now. Their versions are read while the worker finishes, then
        # compared with those matched: a file written late, or written again, is matched again.
        written = {output: version(path) for output, path in self.outputs.items()}
        again = self._collect()
        if len(self.sealed) != self._started_with:
            # Sealed text learnt after matching began: match everything with it.
            again = list(self.outputs)
        else:
            again += [out for out, now in written.items() if now != self._versions.get(out)]
        if again:
            # A fresh matcher: chunks seen in a file since rewritten are read again too.
            matcher = Matcher(self._fingerprints())
            for output in dict.fromkeys(again):
                self._read(matcher, output, self.outputs[output])
        return self._leaks()

    def _collect(self) -> list[str]:
        """Take the worker's results; the outputs it did not match, to match here."""
        if self.worker is None:
            return []
        worker, self.worker = self.worker, None
        results = worker.results()
        if results is None:
            log.info("reveal: the leak check's worker stopped; checking in this process")
            return list(self.outputs)
        self._hits, self._versions = results.found, results.versions
        for piece, source in results.sources.items():
            self.secrets.setdefault(piece, source)
        return []

    def _fingerprints(self) -> dict[str, str]:
        """The fingerprints of all sealed text, made here (each text once)."""
        for markdown_text, source in self.sealed[self._fingerprinted :]:
            self._local.add(markdown_text, source)
        self._fingerprinted = len(self.sealed)
        for piece, source in self._local.sources.items():
            self.secrets.setdefault(piece, source)
        return self._local.sources

    def _leaks(self) -> list[Leak]:
        """The fingerprints found, as leaks, in the order matched (public text is no leak)."""
        leaks: list[Leak] = []
        for output in self.outputs:
            pieces = [piece for piece in self._hits.get(output, ()) if not self._is_public(piece)]
            # Sorted: the report must not depend on the order of a set.
            sources = sorted({self.secrets[piece] for piece in pieces})
            leaks.extend(Leak(output, source) for source in sources)
        return leaks

    def _is_public(self, piece: str) -> bool:
        """Whether the site shows this text on purpose; asked only on a hit, so almost never."""
        # Public text mostly holds the piece as written; only text re-flowed across lines needs
        # the whitespace-tolerant search. Folding all public text into one string first cost
        # 0.2 s of a 2,000-page build for its single hit (sealed words the site also shows).
        if any(piece in text for text in self.public):
            return True
        pattern = re.compile(trie_pattern([piece]))
        return any(pattern.search(text) for text in self.public)

    def close(self) -> None:
        """Stop a worker left running by a build that did not finish."""
        if self.worker is not None:
            self.worker.stop()
            self.worker = None


def unscanned(site: Path, done: set[str]) -> Iterator[tuple[str, str]]:
    """The files under the site that may hold text and are not in `done`, in a stable order."""
    # os.walk: its directory entries know what is a file without a `stat` each. Its folders
    # start with the site's path as given, so the rest is the relative path (`relpath` was a
    # third of the walk's time).
    top = os.fspath(site)
    for folder, subfolders, names in os.walk(top):
        subfolders.sort()
        prefix = folder[len(top) :].lstrip(os.sep).replace(os.sep, "/")
        for name in sorted(names):
            relative = f"{prefix}/{name}" if prefix else name
            if relative not in done and os.path.splitext(name)[1].lower() not in BINARY:
                yield os.path.join(folder, name), relative


def prove(check: LeakCheck, site: Path, skip: set[str]) -> None:
    """Scan what the build wrote; on a leak, remove the leaking files and raise."""
    leaks = check.finish(site, skip)
    if not leaks:
        return
    lines = []
    for leak in leaks:
        (site / leak.output).unlink(missing_ok=True)
        lines.append(f"  - {leak.output} holds sealed text of {leak.source}")
    # The secret itself is never printed: build logs are often public.
    raise RevealError(
        "leak check failed: sealed content reached the built site. The files were "
        "removed; do not deploy this build. Look for a plugin or template that reads the "
        "sources directly, or set leak_check: false to investigate.\n" + "\n".join(lines)
    )
