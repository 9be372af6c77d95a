"""Notices that save a release: schedules a scheduled deploy workflow cannot keep."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta, tzinfo
from itertools import pairwise

from mkdocs_reveal.timeline.clock import until, utc

# GitHub disables scheduled workflows in public repositories after 60 days without activity.
INACTIVITY = timedelta(days=60)


def publishing_notices(
    instants: Iterable[datetime | None], clock: datetime, interval: timedelta, tz: tzinfo
) -> list[str]:
    """Say when the next reveal is past the inactivity limit, or two come closer than a run."""
    # Only what is still pending can be missed; equal instants are one reveal, one deploy.
    now = utc(clock)
    pending = sorted({utc(i) for i in instants if i is not None and utc(i) > now})
    found: list[str] = []
    if pending and until(pending[0], now) > INACTIVITY:
        days = until(pending[0], now).days
        found.append(
            f"the next reveal, {_local(pending[0], tz)}, is {days} days away: GitHub disables "
            "scheduled workflows in public repositories after 60 days without activity, so "
            "push a commit or re-enable the workflow before then, or the part is not deployed"
        )
    minutes = int(interval.total_seconds() // 60)
    for first, second in pairwise(pending):
        if second - first < interval:
            gap = _duration(second - first)
            found.append(
                f"the reveals at {_local(first, tz)} and {_local(second, tz)} are {gap} apart, "
                f"closer than cron_interval ({minutes} minutes): a scheduled deploy can publish "
                "the second up to one interval late; reveal them together, further apart, or "
                "run the workflow more often"
            )
    return found


def _local(instant: datetime, tz: tzinfo) -> str:
    """An instant in the site's time zone, ISO 8601 with its offset."""
    return instant.astimezone(tz).isoformat()


def _duration(span: timedelta) -> str:
    """A short span in words: "10 minutes", "90 seconds"."""
    seconds = int(span.total_seconds())
    if seconds % 60:
        return f"{seconds} seconds"
    minutes = seconds // 60
    return "1 minute" if minutes == 1 else f"{minutes} minutes"
