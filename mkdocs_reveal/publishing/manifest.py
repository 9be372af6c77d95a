"""`reveal.json`: what the built site reveals when, for CI jobs and other tools to read.

The manifest is a public file, so it names only what the site already shows: a page's URL and
title where the page is built (revealed, or a sealed placeholder whose title is on the stub),
nothing but the instant for a page that is excluded while sealed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone, tzinfo
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin

from mkdocs.structure.pages import Page

from mkdocs_reveal.integration.languages import Languages, covering, naming
from mkdocs_reveal.markup.transform import Outcome, State
from mkdocs_reveal.timeline.schedule import Schedule, next_reveal, normalise_path

FILENAME = "reveal.json"
Kind = Literal["page", "preview", "stamp"]
_KIND_ORDER = {"page": 0, "preview": 1, "stamp": 2}


@dataclass(frozen=True)
class Item:
    """One scheduled page, preview or stamp: when it reveals, its state, and where it is shown."""

    kind: Kind
    instant: datetime | None  # None: its date could not be read, so it stays sealed
    state: State
    source: str  # docs-relative source path: for the author's eyes only, never written out
    line: int | None = None
    url: str | None = None  # site-relative; only where the site shows it
    title: str | None = None  # only where the site shows it
    post_url: str | None = None  # the built page a preview's `post` names


@dataclass
class Ledger:
    """What one build rendered: every page, and the previews and stamps found in each."""

    pages: dict[str, Page] = field(default_factory=dict)
    placed: list[tuple[Page, list[Outcome]]] = field(default_factory=list)
    pending: set[str] = field(default_factory=set)  # pages showing something still sealed

    def clear(self) -> None:
        """Forget the last build."""
        self.pages.clear()
        self.placed.clear()
        self.pending.clear()

    def record(self, page: Page, outcomes: list[Outcome]) -> None:
        """Note a page that is built, and what its tags became."""
        self.pages[page.file.src_uri] = page
        if outcomes:
            self.placed.append((page, outcomes))
        if any(outcome.state == "sealed" for outcome in outcomes):
            self.pending.add(page.file.src_uri)

    def _built(self, path: str, languages: Languages) -> Page | None:
        """The page a path names, as this build built it, in any language or in none."""
        named = normalise_path(path)
        # The path as written first: the copy it names, where this build has that one.
        paths = (named, *languages.paths(named))
        return next((self.pages[name] for name in paths if name in self.pages), None)

    def items(self, schedule: Schedule, clock: datetime, languages: Languages) -> list[Item]:
        """Every scheduled page and every preview and stamp, with what the site shows of each."""
        found: list[Item] = []
        for item in page_items(schedule, self.pages, languages, clock):
            # A page that was not built (excluded while sealed) shows nothing but its instant.
            page = self.pages.get(item.source)
            found.append(replace(item, url=page.url, title=page.title) if page else item)
        for page, outcomes in self.placed:
            for outcome in outcomes:
                post = self._built(outcome.post, languages) if outcome.post else None
                found.append(
                    Item(
                        outcome.kind,
                        outcome.instant,
                        outcome.state,
                        page.file.src_uri,
                        outcome.line,
                        url=page.url,
                        title=page.title,
                        post_url=post.url if post else None,
                    )
                )
        return found


def page_items(
    schedule: Schedule, sources: Iterable[str], languages: Languages, clock: datetime
) -> list[Item]:
    """One item per scheduled page of `sources`, each language's copy its own, without URLs.

    A key that names none of them (a page left out of the build while it is sealed, or one
    another plugin adds) is listed too, by its key. Held pages have no instant.
    """
    sources = sorted(sources)
    named = naming(sources, languages)
    unnamed = [src for src in [*schedule.entries, *schedule.held] if src not in named]
    items = []
    for src in [*sources, *unnamed]:
        entry, held = covering(schedule, src, languages)
        if held:
            items.append(Item("page", None, "held", src))
        elif entry is not None:
            revealed = entry.revealed(clock)
            items.append(Item("page", entry.instant, "revealed" if revealed else "sealed", src))
    return items


def ordered(items: list[Item], *, by_source: bool = False) -> list[Item]:
    """Items by instant (undated last), then kind and URL: the same order for the same site.

    Only the author's own tools (`by_source`) order by source path: the site's files must not,
    since their order would hint at the paths of pages they do not name.
    """
    return sorted(
        items,
        key=lambda item: (
            item.instant is None,
            item.instant.astimezone(timezone.utc).isoformat() if item.instant else "",
            _KIND_ORDER[item.kind],
            item.url or "",
            item.title or "",
            item.post_url or "",
            *((item.source, item.line or 0) if by_source else ()),
        ),
    )


def absolute(url: str | None, site_url: str | None) -> str | None:
    """A site-relative URL made absolute with `site_url`, where there is one."""
    if url is None:
        return None
    return urljoin(site_url, url) if site_url else url


def document(
    items: list[Item],
    *,
    clock: datetime,
    tz: tzinfo,
    timezone_name: str,
    site_url: str | None,
    cron_interval: int | None = None,
) -> dict[str, Any]:
    """The manifest's content: the clock, the time zone, the next reveal and every item.

    The reader's script reads `generated` (is the published build newer than a reveal?) and
    `cron_interval` (how long until the scheduled deploy publishes it).
    """
    upcoming = next_reveal([item.instant for item in items], clock)
    return {
        "generated": clock.astimezone(tz).isoformat(),
        "timezone": timezone_name,
        "cron_interval": cron_interval,
        "next_reveal": upcoming.astimezone(tz).isoformat() if upcoming else None,
        "items": [
            {
                "kind": item.kind,
                "reveal": item.instant.astimezone(tz).isoformat() if item.instant else None,
                "state": item.state,
                "url": absolute(item.url, site_url),
                "title": item.title,
                "post": absolute(item.post_url, site_url),
            }
            for item in ordered(items)
        ],
    }


def write(site_dir: Path, content: dict[str, Any]) -> Path:
    """Write `reveal.json` at the root of the site."""
    path = site_dir / FILENAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
