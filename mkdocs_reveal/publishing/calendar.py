"""`reveals.ics`: an RFC 5545 calendar of the site's reveals that readers can subscribe to.

One event per reveal instant: a scheduled page and the preview that announces it reveal
together, so they are one event, not two. The UID is made from the instant and the site, never
from a page path, so it is the same before and after the reveal (calendar apps update the event
instead of adding a second one) and names nothing the site does not already show.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta, timezone
from html import escape
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from mkdocs.utils import get_relative_url

from mkdocs_reveal.markup.labels import labels_for
from mkdocs_reveal.publishing.manifest import Item, absolute, ordered

if TYPE_CHECKING:
    from icalendar import Event

FILENAME = "reveals.ics"
# Subscribed calendars are fetched again on the app's own schedule; ask for twice a day.
REFRESH = timedelta(hours=12)
SEALED_STAMP = re.compile(r'<time class="reveal-stamp is-sealed"[^>]*>.*?</time>', re.DOTALL)


def calendar(items: list[Item], *, site_name: str, site_url: str | None, stamp: datetime) -> bytes:
    """The calendar: one event per reveal instant, linking to the part where the site shows it."""
    # Imported here, not at the top: every build imports the plugin, and needs this only when
    # it writes the calendar.
    from icalendar import Calendar  # noqa: PLC0415 - only when the calendar is written

    cal = Calendar()
    cal.add("prodid", "-//mkdocs-reveal//reveal calendar//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", f"{site_name}: reveals")
    cal.add("x-wr-calname", f"{site_name}: reveals")
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    dated = [item for item in ordered(items) if item.instant is not None]
    for instant, group in groupby(dated, key=lambda item: _utc(item.instant)):
        cal.add_component(_event(instant, list(group), site_name, site_url, stamp))
    return bytes(cal.to_ical())


def _event(
    instant: datetime, group: list[Item], site_name: str, site_url: str | None, stamp: datetime
) -> Event:
    """One reveal: its instant, what it reveals (as far as the site shows it) and a link."""
    from icalendar import Event  # noqa: PLC0415 - only when the calendar is written

    titles = list(dict.fromkeys(item.title for item in group if item.kind == "page" and item.title))
    holders = [item.title for item in group if item.kind != "page" and item.title]
    # The calendar's name already says these are reveals: the title alone reads best.
    if titles:
        summary = ", ".join(titles)
    elif holders:
        summary = f"Reveal on {holders[0]}"
    else:
        summary = f"Reveal on {site_name}"
    link = absolute(_link(group), site_url) if site_url else None
    event = Event()
    event.add("uid", _uid(instant, site_name, site_url))
    event.add("dtstamp", _utc(stamp))
    event.add("dtstart", instant)
    event.add("summary", summary)
    # A moment, not a meeting: the event must not show the reader as busy.
    event.add("transp", "TRANSPARENT")
    if link:
        event.add("url", link)
        event.add("description", f"{summary} — {site_name}\n{link}")
    else:
        event.add("description", f"{summary} — {site_name}")
    return event


def _link(group: list[Item]) -> str | None:
    """Where a reveal is read: the page itself, else the post a preview names, else its page."""
    for candidates in (
        [item.url for item in group if item.kind == "page"],
        [item.post_url for item in group],
        [item.url for item in group],
    ):
        found = next((url for url in candidates if url is not None), None)
        if found is not None:
            return found
    return None


def _uid(instant: datetime, site_name: str, site_url: str | None) -> str:
    """A UID that stays the same from build to build, and across the reveal itself."""
    site = site_url or site_name
    digest = hashlib.sha256(site.encode("utf-8")).hexdigest()[:12]
    host = urlsplit(site_url).hostname if site_url else None
    return f"reveal-{instant:%Y%m%dT%H%M%SZ}-{digest}@{host or 'mkdocs-reveal'}"


def _utc(instant: datetime | None) -> datetime:
    """An aware instant in UTC: the calendar needs no time zone definitions that way."""
    assert instant is not None  # undated items were filtered out before
    return instant.astimezone(timezone.utc)


def write(site_dir: Path, content: bytes) -> Path:
    """Write `reveals.ics` at the root of the site."""
    path = site_dir / FILENAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def link_stamps(html: str, page_url: str, locale: str) -> str:
    """Follow each sealed stamp in a page's HTML with a link to the calendar."""
    href = escape(get_relative_url(FILENAME, page_url))
    words = labels_for(locale).add_to_calendar
    anchor = f' <a class="reveal-calendar" href="{href}" type="text/calendar">{escape(words)}</a>'
    return SEALED_STAMP.sub(lambda stamp: stamp.group(0) + anchor, html)


def head_link(page_url: str, site_name: str) -> str:
    """The `<link>` in a page's head that points feed readers and browsers at the calendar."""
    href = escape(get_relative_url(FILENAME, page_url))
    title = escape(f"{site_name}: reveals")
    return f'<link rel="alternate" type="text/calendar" title="{title}" href="{href}">'
