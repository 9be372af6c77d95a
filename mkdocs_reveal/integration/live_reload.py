"""`mkdocs serve` rebuilds when a reveal instant passes, and the browser reloads by itself.

MkDocs' live-reload server rebuilds when a watched file changes, and its only public way in is
`server.watch(path)`. So the timer watches a folder of its own and, when the next reveal is
due, writes a file there: the server notices, rebuilds (the new build reads a new clock, which
has passed the instant) and tells every open browser tab to reload. Nothing in the author's
project is touched, and nothing private of the server is used.
"""

from __future__ import annotations

import shutil
import signal
import tempfile
import threading
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from types import FrameType
from typing import Protocol

from mkdocs_reveal.diagnostics import log
from mkdocs_reveal.timeline.clock import until

# Wake at least this often: a laptop that slept must not sleep through a reveal, and a
# monotonic timeout does not count the time the machine was suspended.
LONGEST_WAIT = 30.0


class Watcher(Protocol):
    """The part of MkDocs' LiveReloadServer the timer uses."""

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """Rebuild when a file under the path changes."""


class RevealTimer:
    """Triggers a rebuild of `mkdocs serve` when the next reveal instant has passed."""

    def __init__(self, now: Callable[[], datetime] | None = None) -> None:
        """Make the folder the server watches; start with nothing due.

        `now` reads the real time (the default: the system clock, in UTC).
        """
        self.now = now or _system_time
        self.folder = Path(tempfile.mkdtemp(prefix="mkdocs-reveal-serve-"))
        self.due: datetime | None = None
        self.condition = threading.Condition()
        self.stopped = False
        self.said_pinned = False
        self.fired = False  # a rebuild is on its way because a reveal passed
        self.thread = threading.Thread(target=self._run, name="mkdocs-reveal-timer", daemon=True)

    def attach(self, server: Watcher) -> None:
        """Have the server watch the timer's folder, and start waiting."""
        server.watch(str(self.folder))
        self.thread.start()

    def arm(self, instant: datetime | None, *, live: bool) -> None:
        """Rebuild once the next reveal has passed, if the clock follows the real time."""
        # A pinned clock does not move, so a rebuild would show the same site.
        due = instant if live else None
        with self.condition:
            changed, self.due = due != self.due, due
            self.condition.notify_all()
        if not live and not self.said_pinned:
            self.said_pinned = True
            log.info(
                "reveal: the clock is pinned (MKDOCS_REVEAL_NOW, `now` or SOURCE_DATE_EPOCH), "
                "so the site is not rebuilt when a reveal passes"
            )
        elif due is not None and changed:
            log.info("reveal: the site rebuilds by itself at the next reveal, %s", due.isoformat())

    def take_fired(self) -> bool:
        """Whether this rebuild is for a reveal (once: the flag is cleared)."""
        with self.condition:
            fired, self.fired = self.fired, False
        return fired

    def stop(self) -> None:
        """Stop waiting and remove the folder."""
        with self.condition:
            self.stopped = True
            self.condition.notify_all()
        if self.thread.is_alive():
            self.thread.join(timeout=5)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self) -> None:
        """Wait for the due instant by the wall clock, then nudge the server."""
        while True:
            with self.condition:
                if self.stopped:
                    return
                due = self.due
                now = self.now()
                left = until(due, now).total_seconds() if due else LONGEST_WAIT
                if due is None or left > 0:
                    self.condition.wait(timeout=min(max(left, 0.01), LONGEST_WAIT))
                    continue
                self.due = None  # the rebuild arms the next one
                self.fired = True
            log.info("reveal: %s has passed: rebuilding the site", due.isoformat())
            # The content only has to differ: the server reacts to any change in the folder.
            (self.folder / "reveal").write_text(f"{due.isoformat()} {now.isoformat()}\n")


def _system_time() -> datetime:
    """The system's clock, in UTC."""
    return datetime.now(timezone.utc)


def interrupt_on_sigterm() -> Callable[[], None]:
    """Let SIGTERM stop `mkdocs` as Ctrl+C does, so its cleanup runs; return the undo.

    MkDocs removes its temporary site and calls every plugin's `on_shutdown` when `serve` is
    interrupted, but SIGTERM (what `kill`, systemd and container runtimes send) ends Python
    without either: our stand-ins and the timer's folder would stay in the temp folder.
    """
    if threading.current_thread() is not threading.main_thread():
        return lambda: None  # only the main thread may set signal handlers
    previous = signal.getsignal(signal.SIGTERM)
    if previous is not signal.SIG_DFL:
        return lambda: None  # someone else handles SIGTERM: leave it to them

    def interrupt(number: int, frame: FrameType | None) -> None:
        """Raise KeyboardInterrupt in the main thread, which `mkdocs serve` handles."""
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)

    def restore() -> None:
        """Put the default SIGTERM behaviour back."""
        if signal.getsignal(signal.SIGTERM) is interrupt:
            signal.signal(signal.SIGTERM, previous)

    return restore
