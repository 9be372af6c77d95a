"""The clock: the one instant a build judges sealed and revealed by."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, tzinfo

from mkdocs_reveal.diagnostics import RevealError
from mkdocs_reveal.timeline.dates import localize, read_iso

__all__ = ["ENV_NOW", "is_revealed", "resolve_clock"]

ENV_NOW = "MKDOCS_REVEAL_NOW"


def resolve_clock(
    *,
    env: Mapping[str, str],
    option: str | date | datetime | None,
    fallback: datetime,
    tz: tzinfo,
    reveal_time: time,
) -> datetime:
    """Return the build's clock from MKDOCS_REVEAL_NOW, else the `now` option, else `fallback`."""
    raw = env.get(ENV_NOW, "")
    if raw.strip():
        how = f"set it like {ENV_NOW}=2025-11-03 or {ENV_NOW}=2025-11-03T09:00"
        return read_instant(raw, tz, reveal_time, f"{ENV_NOW}='{raw}'", how)
    # An empty `now:` in mkdocs.yml means "not set", the same as an empty variable.
    if option is not None and not (isinstance(option, str) and not option.strip()):
        how = "write it like now: 2025-11-03 or now: '2025-11-03T09:00'"
        return read_instant(option, tz, reveal_time, f"the 'now' option '{option}'", how)
    if fallback.utcoffset() is None:
        # MkDocs' build date is always aware; a naive one means the caller passed the wrong thing.
        raise RevealError(
            f"the fallback build time {fallback.isoformat()} has no timezone: pass an aware "
            "datetime such as mkdocs.utils.get_build_datetime()"
        )
    return _in_zone(fallback, tz)


def read_instant(
    value: str | date | datetime, tz: tzinfo, reveal_time: time, what: str, how: str
) -> datetime:
    """Return a clock value as an aware instant in `tz`: dates at `reveal_time`, naive in `tz`.

    `what` names the value in a message and `how` says how to write it.
    """
    if isinstance(value, datetime):
        found, date_only = value, False
    elif isinstance(value, date):
        found, date_only = datetime.combine(value, time()), True
    elif isinstance(value, str):
        try:
            found, date_only = read_iso(value)
        except RevealError as error:
            raise RevealError(f"{what} is not a full ISO 8601 date or datetime: {how}") from error
    else:
        raise RevealError(f"{what} is not a full ISO 8601 date or datetime: {how}")
    if date_only:
        found = datetime.combine(found.date(), reveal_time.replace(tzinfo=None))
    # A clock inside a DST gap or overlap is resolved the same way as a reveal date; there is
    # nobody to warn (the clock is not the author's content), so the warning is dropped.
    instant, _warning = localize(found, tz)
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


def is_revealed(instant: datetime, clock: datetime) -> bool:
    """Return whether something revealed at `instant` is public at `clock` (both aware)."""
    if instant.utcoffset() is None or clock.utcoffset() is None:
        raise RevealError(
            "cannot compare a naive datetime with the clock: give reveal dates and the clock a "
            "timezone"
        )
    return clock >= instant
