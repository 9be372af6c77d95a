"""A series' cadence: `every` read strictly, and steps taken on the zone's wall clock."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from mkdocs_reveal.diagnostics import RevealError
from mkdocs_reveal.timeline.dates import parse_reveal_date
from mkdocs_reveal.timeline.series import cadence, parse_every

OSLO = ZoneInfo("Europe/Oslo")
ANCHOR = datetime(2025, 1, 1, tzinfo=OSLO)


@pytest.mark.parametrize(
    ("text", "days"),
    [("1 week", 7), ("2 weeks", 14), ("1 day", 1), ("3 days", 3), (" 10 Days ", 10), ("1week", 7)],
)
def test_every_reads_days_and_weeks(text: str, days: int) -> None:
    assert parse_every(text) == timedelta(days=days)


@pytest.mark.parametrize("text", ["weekly", "1 month", "0 days", "-1 week", "1.5 weeks", 7, None])
def test_every_rejects_anything_else_saying_how_to_write_it(text: object) -> None:
    with pytest.raises(RevealError, match=r"such as `every: 1 week` or `every: 3 days`"):
        parse_every(text)


def start(value: str | date) -> object:
    """A start date read as the schedule reads it: dates at 09:00 in Oslo."""
    return parse_reveal_date(value, tz=OSLO, reveal_time=time(9), anchor=ANCHOR)


def test_a_weekly_nine_oclock_stays_nine_oclock_across_both_dst_changes() -> None:
    # Summer time begins on 2026-03-29 and ends on 2026-10-25 in Oslo.
    weekly = cadence(start(date(2026, 3, 16)), timedelta(weeks=1), 4, OSLO)
    assert [item.instant.isoformat() for item in weekly] == [
        "2026-03-16T09:00:00+01:00",
        "2026-03-23T09:00:00+01:00",
        "2026-03-30T09:00:00+02:00",
        "2026-04-06T09:00:00+02:00",
    ]
    autumn = cadence(start(date(2026, 10, 19)), timedelta(days=7), 2, OSLO)
    assert [item.instant.astimezone(timezone.utc).hour for item in autumn] == [7, 8]
    assert [item.text for item in weekly] == [
        "2026-03-16",
        "2026-03-23",
        "2026-03-30",
        "2026-04-06",
    ]
    assert all(item.date_only and not item.warnings for item in weekly)


def test_a_part_that_falls_in_a_dst_gap_moves_past_it_and_says_so() -> None:
    parts = cadence(start("2026-03-22 02:30"), timedelta(weeks=1), 3, OSLO)
    assert [item.instant.isoformat() for item in parts] == [
        "2026-03-22T02:30:00+01:00",
        "2026-03-29T03:00:00+02:00",  # 02:30 does not exist that night
        "2026-04-05T02:30:00+02:00",
    ]
    assert parts[1].warnings and "does not exist" in parts[1].warnings[0]
    assert parts[1].text == "2026-03-29T02:30" and not parts[1].date_only


def test_the_first_part_is_the_start_as_written() -> None:
    first = start("Monday, November 3rd 2025")
    assert cadence(first, timedelta(days=1), 1, OSLO) == [first]
