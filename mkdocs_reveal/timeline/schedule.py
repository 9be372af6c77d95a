"""The schedule: which page reveals when, its state at an instant, and the next reveal."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum
from typing import Literal

from mkdocs_reveal.timeline.clock import is_revealed
from mkdocs_reveal.timeline.dates import RevealDate

Source = Literal["config", "series", "front matter", "meta file", "preview"]


class Hold(Enum):
    """The schedule value of a page held back: sealed, with no date, until the hold is lifted."""

    HELD = "hold"


HELD = Hold.HELD


def is_hold(value: object) -> bool:
    """Whether a schedule value or `reveal:` front matter holds the page: `hold`."""
    return isinstance(value, str) and value.strip().lower() == HELD.value


@dataclass(frozen=True)
class Entry:
    """One scheduled page: its path, its reveal instant, and where that came from."""

    path: str
    date: RevealDate
    source: Source

    @property
    def instant(self) -> datetime:
        """The reveal instant."""
        return self.date.instant

    def revealed(self, clock: datetime) -> bool:
        """Revealed once the clock has reached the instant."""
        return is_revealed(self.instant, clock)


class Schedule:
    """Page path → entry, merged from the config, series and front matter; and held pages."""

    def __init__(self) -> None:
        """Start empty."""
        self.entries: dict[str, Entry] = {}
        self.held: dict[str, Source] = {}  # held pages: sealed, no date, whatever else says

    def add(self, entry: Entry) -> str | None:
        """Add an entry; when the page is already scheduled otherwise, keep the later and say so."""
        if entry.path in self.held:
            return None  # a hold is deliberate and later than any date: it is not a conflict
        known = self.entries.get(entry.path)
        if known is None:
            self.entries[entry.path] = entry
            return None
        if same_instant(known.instant, entry.instant):
            return None
        later = max(known, entry, key=lambda item: item.instant)
        self.entries[entry.path] = later
        return (
            f"{entry.path}: the {known.source} reveals it at {known.instant.isoformat()} but its "
            f"{entry.source} says {entry.instant.isoformat()}: make them agree; until then it "
            f"follows the later one, {later.instant.isoformat()}"
        )

    def hold(self, path: str, source: Source) -> None:
        """Hold a page: it stays sealed with no date, and any date given elsewhere is dropped."""
        self.held.setdefault(path, source)
        self.entries.pop(path, None)

    def instant(self, path: str) -> datetime | Hold | None:
        """The reveal instant of a page, HELD if it is held, None if it is not scheduled."""
        if path in self.held:
            return HELD
        entry = self.entries.get(path)
        return entry.instant if entry else None

    def __contains__(self, path: object) -> bool:
        """Whether the page is scheduled or held."""
        return path in self.entries or path in self.held


def same_instant(first: datetime, second: datetime) -> bool:
    """Compare instants in UTC: wall times in a DST overlap never compare equal across zones."""
    return first.astimezone(timezone.utc) == second.astimezone(timezone.utc)


def next_reveal(instants: Iterable[datetime | None], clock: datetime) -> datetime | None:
    """The earliest instant after the clock, or None when nothing is pending."""
    pending = [instant for instant in instants if instant is not None and instant > clock]
    return min(pending, default=None)


def normalise_path(path: str) -> str:
    """A docs-relative page path in the form MkDocs uses for `src_uri`."""
    return posixpath.normpath(path.strip().lstrip("/")).removeprefix("./")
