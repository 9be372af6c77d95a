"""The one line every build prints: what is sealed, what is revealed, and what comes next."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from babel.dates import format_timedelta

from mkdocs_reveal.markup.transform import Outcome, Settings
from mkdocs_reveal.timeline.clock import until
from mkdocs_reveal.timeline.schedule import next_reveal


def _count(noun: str, sealed: int, revealed: int) -> str:
    """Say "3 previews (1 sealed, 2 revealed)"."""
    total = sealed + revealed
    plural = noun if total == 1 else noun + "s"
    return f"{total} {plural} ({sealed} sealed, {revealed} revealed)"


def summary_line(
    outcomes: list[Outcome],
    *,
    sealed_pages: int,
    revealed_pages: int,
    instants: Iterable[datetime],
    settings: Settings,
) -> str:
    """Summarise a build: previews and pages by state, and the next reveal with its distance."""
    previews = [outcome for outcome in outcomes if outcome.kind == "preview"]
    sealed = sum(outcome.state != "revealed" for outcome in previews)  # held ones too
    parts = [
        _count("preview", sealed, len(previews) - sealed),
        _count("scheduled page", sealed_pages, revealed_pages),
    ]
    upcoming = next_reveal([*instants, *(outcome.instant for outcome in outcomes)], settings.clock)
    if upcoming is None:
        parts.append("nothing pending")
    else:
        local = upcoming.astimezone(settings.tz)
        distance = format_timedelta(
            until(upcoming, settings.clock), locale="en", add_direction=True, threshold=1.5
        )
        parts.append(f"next reveal {local.isoformat()} ({local.tzname()}), {distance}")
    mode = " [author preview]" if settings.preview else ""
    return "; ".join(parts) + mode
