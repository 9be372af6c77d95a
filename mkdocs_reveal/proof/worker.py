"""The leak check's worker: a second process that matches outputs while the build goes on.

Profiling a 2,000-page Material site showed the match itself (cutting 1.2 GB of pages into
chunks, hashing them, searching what is new) cost about 3% of the build, in the build's own
thread; handing the pages over a pipe still cost 1%, and fingerprinting sealed text (rendering
it) another 0.2%. MkDocs renders on one core: with a second one, this process fingerprints the
sealed text it is sent while MkDocs reads the pages, then reads each page from disk and matches
it while MkDocs renders the next. The build pays only for sending the text and the names.

A child process started here, not `multiprocessing`: its `spawn` re-imports the caller's
`__main__`, so a build script without an `if __name__ == "__main__"` guard would run twice.
"""

from __future__ import annotations

import contextlib
import json
import os
import struct
import subprocess
import sys
from pathlib import Path
from typing import IO, NamedTuple

from mkdocs_reveal.diagnostics import log
from mkdocs_reveal.proof.fingerprints import Fingerprints, Matcher, Version, read_output

HEADER = struct.Struct(">cIQ")  # frame kind, name length, body length
SEALED, FILE = b"S", b"P"  # sealed text (named by its source page); an output file
# -I: the user's folder and PYTHON* variables must not change what the worker imports (a
# `re.py` beside mkdocs.yml would shadow the standard library). The package's folder is
# appended, for a package importable only through them.
BOOT = (
    "import sys; sys.path.append({folder!r}); from mkdocs_reveal.proof.worker import main; main()"
)
# Once the pages are all handed over, only the files other plugins wrote are left to match.
FINISH_SECONDS = 300
# Waking the worker costs the build ~30 µs a time on a virtual machine: it is woken for a batch
# of pages at once, which it matches in a few milliseconds.
BATCH = 16
# Room in the pipe for the sealed text of a large site: the build need not wait for the
# worker's Python to start before it goes on.
PIPE_BYTES = 1 << 20


def available() -> bool:
    """Whether a worker can run beside the build: a spare core, and a Python to start it."""
    # A frozen application's executable is the application, not a Python to run code with.
    return usable_cores() > 1 and bool(sys.executable) and not getattr(sys, "frozen", False)


def usable_cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def widen(pipe: IO[bytes]) -> None:
    """Make the pipe to the worker PIPE_BYTES long, where the system allows (Linux)."""
    try:
        import fcntl  # noqa: PLC0415 (POSIX only)
    except ImportError:
        return
    option = getattr(fcntl, "F_SETPIPE_SZ", None)
    if option is not None:
        # Beyond the system's limit the pipe keeps its size: the build waits a little longer.
        with contextlib.suppress(OSError):
            fcntl.fcntl(pipe.fileno(), option, PIPE_BYTES)


def command() -> list[str]:
    """The command that starts a worker with this Python."""
    folder = str(Path(__file__).resolve().parent.parent)
    return [sys.executable, "-I", "-c", BOOT.format(folder=folder)]


class Report(NamedTuple):
    """What a worker found: fingerprints per output, versions read, and where each found is from."""

    found: dict[str, set[str]]
    versions: dict[str, Version | None]
    sources: dict[str, str]


class Worker:
    """The build's side of a worker: outputs go in as they are written, hits come out at the end."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        """Talk to a started worker process."""
        self.process = process
        self.sent: set[str] = set()  # the outputs handed over
        self.failed = False
        self.waiting = 0  # frames written since the worker was last woken

    @classmethod
    def start(cls, argv: list[str] | None = None) -> Worker | None:
        """A worker, waiting for sealed text and outputs; None when none can start."""
        try:
            process = subprocess.Popen(
                argv or command(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        except OSError:
            return None
        assert process.stdin is not None
        widen(process.stdin)
        return cls(process)

    def seal(self, markdown_text: str, source: str) -> None:
        """Hand over sealed Markdown of a source page, to fingerprint before matching starts."""
        self._send(SEALED, source, markdown_text.encode("utf-8", errors="surrogatepass"))

    def scan_file(self, output: str, path: str, *, now: bool = False) -> None:
        """Hand over one file to read and match, `now` or with the next batch."""
        self._send(FILE, output, os.fsencode(path))
        self.sent.add(output)
        if now:
            self._flush()

    def _send(self, kind: bytes, name: str, body: bytes) -> None:
        """Write one frame; a worker gone is noted, and its outputs are matched again later."""
        if self.failed:
            return
        stdin = self.process.stdin
        assert stdin is not None
        label = name.encode("utf-8", errors="surrogatepass")
        try:
            stdin.write(HEADER.pack(kind, len(label), len(body)) + label + body)
        except (OSError, ValueError):
            self.failed = True
        self.waiting += 1
        if self.waiting >= BATCH:
            self._flush()

    def _flush(self) -> None:
        """Wake the worker for what was written since it last was."""
        self.waiting = 0
        if self.failed or self.process.stdin is None:
            return
        try:
            self.process.stdin.flush()
        except (OSError, ValueError):
            self.failed = True

    def results(self) -> Report | None:
        """What the worker found; None if not every file was matched."""
        if self.failed:
            self.stop()
            return None
        try:
            answer, problem = self.process.communicate(timeout=FINISH_SECONDS)
        except (OSError, ValueError, subprocess.TimeoutExpired):
            self.stop()
            return None
        try:
            report = json.loads(answer)
        except ValueError:
            log.debug("reveal: leak check worker: %s", problem.decode(errors="replace")[-2000:])
            return None
        # Anything short of every output matched is no proof.
        if self.process.returncode != 0 or set(report.get("versions", ())) != self.sent:
            return None
        found = {output: set(pieces) for output, pieces in report["found"].items()}
        versions: dict[str, Version | None] = {
            output: None if read is None else (read[0], read[1], read[2])
            for output, read in report["versions"].items()
        }
        return Report(found, versions, dict(report["sources"]))

    def stop(self) -> None:
        """End the worker now, whatever it was doing."""
        if self.process.poll() is None:
            self.process.kill()
        with contextlib.suppress(OSError, ValueError, subprocess.TimeoutExpired):
            self.process.communicate(timeout=FINISH_SECONDS)


def serve(source: IO[bytes], sink: IO[bytes]) -> None:
    """Match every output read from `source` until it ends, then write what was found."""
    secrets = Fingerprints()
    matcher: Matcher | None = None
    found: dict[str, list[str]] = {}
    versions: dict[str, Version | None] = {}
    while header := source.read(HEADER.size):
        kind, name_size, body_size = HEADER.unpack(header)
        name = source.read(name_size).decode("utf-8", errors="surrogatepass")
        body = source.read(body_size)
        if len(body) != body_size:
            raise EOFError("the build stopped mid-output")
        if kind == SEALED:
            secrets.add(body.decode("utf-8", errors="surrogatepass"), name)
            # Compiled again at the next file. (Sealed text that comes after matching began
            # makes the build match every file again itself.)
            matcher = None
            continue
        if matcher is None:
            matcher = Matcher(secrets.sources)
        text, versions[name] = read_output(os.fsdecode(body))
        pieces = matcher.found(text)
        if pieces:
            found[name] = sorted(pieces)
    sources = {piece: secrets.sources[piece] for pieces in found.values() for piece in pieces}
    report = {"found": found, "versions": versions, "sources": sources}
    sink.write(json.dumps(report).encode("utf-8"))
    sink.flush()


def main() -> None:
    """The worker process: match what the build sends on stdin, report on stdout."""
    serve(sys.stdin.buffer, sys.stdout.buffer)
