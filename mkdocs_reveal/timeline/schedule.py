"""The schedule: which page reveals when, its state at an instant, and the next reveal."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Literal

from mkdocs_reveal.timeline.clock import earliest, is_revealed, same_instant, utc
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
    where: str = ""  # where the author wrote it, as `mkdocs.yml:12` or `docs/part.md:2`

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
        later = max(known, entry, key=lambda item: utc(item.instant))
        self.entries[entry.path] = later
        place = f"{entry.where}: " if entry.where else f"{entry.path}: "
        known_place = f" ({known.where})" if known.where else ""
        return (
            f"{place}the {known.source}{known_place} reveals {entry.path} at "
            f"{known.instant.isoformat()} but its {entry.source} says "
            f"{entry.instant.isoformat()}: make them agree; until then it follows the later "
            f"one, {later.instant.isoformat()}"
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


def next_reveal(instants: Iterable[datetime | None], clock: datetime) -> datetime | None:
    """The earliest instant after the clock, or None when nothing is pending."""
    now = utc(clock)
    return earliest(instant for instant in instants if instant is not None and utc(instant) > now)


__all__ = ["Entry", "Schedule", "next_reveal", "normalise_path", "same_instant"]


def normalise_path(path: str) -> str:
    """A docs-relative page path in the form MkDocs uses for `src_uri`."""
    return posixpath.normpath(path.strip().lstrip("/")).removeprefix("./")
