"""A series: parts that reveal one after another at a steady cadence, from one start date."""

from __future__ import annotations

import re
from datetime import MAXYEAR, timedelta, tzinfo

from mkdocs_reveal.diagnostics import RevealError
from mkdocs_reveal.timeline.dates import RevealDate, localize

__all__ = ["cadence", "parse_every"]

EVERY = re.compile(r"(?P<count>[0-9]+)\s*(?P<unit>days?|weeks?)", re.IGNORECASE)
HOW = "write it as N days or N weeks, such as `every: 1 week` or `every: 3 days`"


def parse_every(value: object) -> timedelta:
    """Read a cadence such as "1 week" or "3 days" as a whole number of calendar days."""
    found = EVERY.fullmatch(value.strip()) if isinstance(value, str) else None
    if found is None:
        raise RevealError(f"{value!r} is not a cadence: {HOW}")
    count = int(found.group("count"))
    if count < 1:
        raise RevealError(f"{value!r} would reveal every part at once: {HOW}, at least 1")
    days = count * 7 if found.group("unit").lower().startswith("week") else count
    try:
        return timedelta(days=days)
    except OverflowError:
        raise RevealError(f"{value!r} is longer than any calendar: {HOW}") from None


def cadence(start: RevealDate, every: timedelta, count: int, tz: tzinfo) -> list[RevealDate]:
    """The reveal dates of `count` parts: part i at start + i × every, in `tz`'s wall time.

    The steps are taken on the wall clock, not in UTC, so a weekly 09:00 stays 09:00 when
    daylight saving time begins or ends between two parts; each wall time is then placed in the
    zone as any written date is (a time in a DST gap moves to the first instant after it).
    """
    wall = start.instant.astimezone(tz).replace(tzinfo=None)
    dates = [start]
    for index in range(1, count):
        try:
            step = wall + index * every
            instant, warning = localize(step, tz)
        except OverflowError:
            raise RevealError(
                f"part {index + 1} would come after the year {MAXYEAR}: use a shorter cadence"
            ) from None
        text = step.date().isoformat() if start.date_only else step.isoformat(timespec="minutes")
        warnings = () if warning is None else (warning,)
        dates.append(RevealDate(instant, text, start.date_only, warnings))
    return dates
