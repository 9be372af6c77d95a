"""The missed-reveal alarm: the live site still shows sealed what should have gone live.

Scheduled deploys are late, sometimes dropped, and a deploy can fail; any of these leaves a part
sealed on the live site with nobody told. The live `reveal.json` says what the deployed build
sealed and when each part was due, so comparing it with the clock finds a part that is late by
more than the scheduler's own slack (a few cron intervals).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from itertools import groupby
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs_reveal.diagnostics import RevealError

TIMEOUT = 30  # seconds


@dataclass(frozen=True)
class Late:
    """A reveal instant the live site has not caught up with, and what it should show."""

    instant: datetime
    names: tuple[str, ...]  # titles, else URLs, of what is still sealed


def read_live(url: str | None = None, path: str | None = None) -> dict[str, Any]:
    """The live site's `reveal.json`, read from its URL or from a file."""
    where = url or path or ""
    try:
        if url is not None:
            if urlsplit(url).scheme not in ("http", "https"):
                raise RevealError(f"{url!r} is not an http(s) URL")
            # Ask caches in front of the site for the file as it is now.
            request = urllib.request.Request(url, headers={"Cache-Control": "no-cache"})
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                text = response.read().decode("utf-8")
        else:
            text = Path(where).read_text(encoding="utf-8")
        content = json.loads(text)
    except urllib.error.HTTPError as error:
        raise RevealError(
            f"{where} answered {error.code} {error.reason}: is the site deployed, with the "
            "reveal plugin, at that address?"
        ) from None
    except (urllib.error.URLError, OSError) as error:
        raise RevealError(f"{where} could not be read: {getattr(error, 'reason', error)}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise RevealError(f"{where} is not a reveal.json ({error})") from None
    if not isinstance(content, dict) or not isinstance(content.get("items"), list):
        raise RevealError(f"{where} is not a reveal.json: it has no list of items")
    return content


def late_reveals(live: dict[str, Any], clock: datetime, allowance: timedelta) -> list[Late]:
    """The instants more than `allowance` past at which the live site still shows parts sealed."""
    overdue: list[tuple[datetime, str]] = []
    for item in live["items"]:
        if not isinstance(item, dict) or item.get("state") != "sealed" or not item.get("reveal"):
            continue  # revealed, held, or a date the build could not read: nothing is late
        instant = _instant(str(item["reveal"]))
        if clock - instant > allowance:
            overdue.append((instant, _name(item)))
    overdue.sort()
    return [
        Late(instant, tuple(dict.fromkeys(name for _, name in group)))
        for instant, group in groupby(overdue, key=lambda pair: pair[0])
    ]


def _name(item: dict[str, Any]) -> str:
    """What the live site shows of a late item: a page's title, where a preview or stamp is."""
    shown = item.get("title") or item.get("url")
    kind = str(item.get("kind", "part"))
    if kind == "page":
        return str(shown or "a page excluded while sealed")
    return f"a {kind} on {shown}" if shown else f"a {kind}"


def _instant(text: str) -> datetime:
    """An ISO 8601 instant with its offset, as reveal.json writes it."""
    try:
        found = datetime.fromisoformat(text)
    except ValueError:
        found = None
    if found is None or found.utcoffset() is None:
        raise RevealError(f"{text!r} in reveal.json is not an ISO 8601 instant with an offset")
    return found


def explain(late: Late, clock: datetime, tz: tzinfo, generated: object) -> str:
    """Say which part is late, by how much, and what to do about it."""
    behind = clock - late.instant
    hours, minutes = divmod(int(behind.total_seconds()) // 60, 60)
    ago = f"{hours}h {minutes:02d}m" if hours else f"{minutes}m"
    return (
        f"missed reveal: {', '.join(late.names)} was due at "
        f"{late.instant.astimezone(tz).isoformat()} ({ago} ago) but the live site, built at "
        f"{generated}, still shows it sealed: the last deploy failed or scheduled runs were "
        "dropped. Run the deploy workflow by hand (or deploy again), then check its logs."
    )


def annotation(message: str, level: str = "error") -> str:
    """A GitHub Actions annotation (`error`, `warning`), shown on the run's summary page."""
    escaped = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{level}::{escaped}"
