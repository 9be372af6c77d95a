"""The clock: the one instant a build judges sealed and revealed by, and instants compared."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from mkdocs_reveal.diagnostics import RevealError
from mkdocs_reveal.timeline.dates import impossible_iso, localize, read_iso

__all__ = [
    "ENV_NOW",
    "between",
    "earliest",
    "is_revealed",
    "latest",
    "resolve_clock",
    "same_instant",
    "until",
    "utc",
]

ENV_NOW = "MKDOCS_REVEAL_NOW"


def utc(instant: datetime) -> datetime:
    """Return an aware instant in UTC, the one form in which instants are compared.

    Python compares and subtracts two datetimes that share a `tzinfo` by their wall clocks and
    ignores `fold`: in a repeated DST hour, 02:29+01:00 would come before 02:30+02:00, an hour
    earlier. In UTC every instant has one reading.
    """
    if instant.utcoffset() is None:
        raise RevealError(
            f"cannot compare the naive datetime {instant.isoformat()}: give reveal dates and the "
            "clock a timezone"
        )
    return instant.astimezone(timezone.utc)


def is_revealed(instant: datetime, clock: datetime) -> bool:
    """Return whether something revealed at `instant` is public at `clock` (both aware)."""
    return utc(clock) >= utc(instant)


def same_instant(first: datetime, second: datetime) -> bool:
    """Return whether two aware datetimes are the same instant, whatever their zones."""
    return utc(first) == utc(second)


def until(instant: datetime, clock: datetime) -> timedelta:
    """Return the time from `clock` to `instant` (negative once it has passed)."""
    return utc(instant) - utc(clock)


def between(instant: datetime, start: datetime, end: datetime) -> bool:
    """Return whether an instant lies in (start, end]: after `start`, at or before `end`."""
    return utc(start) < utc(instant) <= utc(end)


def earliest(instants: Iterable[datetime]) -> datetime | None:
    """Return the earliest of some instants (as given, in its own zone), or None."""
    return min(instants, key=utc, default=None)


def latest(*instants: datetime) -> datetime:
    """Return the latest of some instants, as given."""
    return max(instants, key=utc)


def resolve_clock(
    *,
    env: Mapping[str, str],
    option: str | date | datetime | None,
    fallback: datetime,
    tz: tzinfo,
    reveal_time: time,
    where: str = "",
    warnings: list[str] | None = None,
) -> datetime:
    """Return the build's clock from MKDOCS_REVEAL_NOW, else the `now` option, else `fallback`.

    `where` locates the `now` option in messages (such as "mkdocs.yml:12: "); a pinned clock
    inside a DST gap or overlap adds a warning to `warnings`.
    """
    raw = env.get(ENV_NOW, "")
    if raw.strip():
        how = f"set it like {ENV_NOW}=2025-11-03 or {ENV_NOW}=2025-11-03T09:00"
        return read_instant(raw, tz, reveal_time, f"{ENV_NOW}='{raw}'", how, warnings=warnings)
    # An empty `now:` in mkdocs.yml means "not set", the same as an empty variable.
    if option is not None and not (isinstance(option, str) and not option.strip()):
        how = "write it like now: 2025-11-03 or now: '2025-11-03T09:00'"
        what = f"{where}the 'now' option '{option}'"
        return read_instant(option, tz, reveal_time, what, how, warnings=warnings)
    if fallback.utcoffset() is None:
        # MkDocs' build date is always aware; a naive one means the caller passed the wrong thing.
        raise RevealError(
            f"the fallback build time {fallback.isoformat()} has no timezone: pass an aware "
            "datetime such as mkdocs.utils.get_build_datetime()"
        )
    return _in_zone(fallback, tz)


def read_instant(
    value: str | date | datetime,
    tz: tzinfo,
    reveal_time: time,
    what: str,
    how: str,
    *,
    warnings: list[str] | None = None,
) -> datetime:
    """Return a clock value as an aware instant in `tz`: dates at `reveal_time`, naive in `tz`.

    `what` names the value in a message and `how` says how to write it. A wall time that DST
    skips or repeats is placed as reveal dates are, and `warnings` is told so.
    """
    if isinstance(value, datetime):
        found, date_only = value, False
    elif isinstance(value, date):
        found, date_only = datetime.combine(value, time()), True
    elif isinstance(value, str):
        try:
            found, date_only = read_iso(value)
        except RevealError as error:
            impossible = impossible_iso(value)
            if impossible is not None:
                raise RevealError(f"{what} is not a date: {impossible} ({how})") from error
            raise RevealError(f"{what} is not a full ISO 8601 date or datetime: {how}") from error
    else:
        raise RevealError(f"{what} is not a full ISO 8601 date or datetime: {how}")
    if date_only:
        found = datetime.combine(found.date(), reveal_time.replace(tzinfo=None))
    instant, warning = localize(found, tz)
    if warning is not None and warnings is not None:
        # A clock the author pinned inside a gap or overlap is not the moment they meant.
        warnings.append(f"{what}: {warning}")
    return _in_zone(instant, tz)


def _in_zone(instant: datetime, tz: tzinfo) -> datetime:
    """Return an aware instant expressed in `tz`."""
    try:
        return instant.astimezone(tz)
    except OverflowError as error:
        raise RevealError(
            f"the clock {instant.isoformat()} is outside the calendar in this timezone: use a date "
            "between years 2 and 9998"
        ) from error
