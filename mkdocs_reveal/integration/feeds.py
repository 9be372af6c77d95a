"""Feed dates: a revealed page enters mkdocs-rss-plugin's feeds dated by its reveal instant.

mkdocs-rss-plugin reads a page's dates in its `on_page_content` (priority -75) from the
`page.meta` keys its `date_from_meta` option names (`as_creation`, `as_update`; a dot path such
as `date.created` reaches into a mapping), unless the option says `git`. Writing the reveal
instant, timezone-aware, under those keys before then makes the feed item's publication date
the moment the part went live, for plain pages and Material blog posts alike.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from datetime import datetime
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from mkdocs_reveal.diagnostics import log
from mkdocs_reveal.integration.languages import covering, other_languages
from mkdocs_reveal.timeline.schedule import Schedule

GIT = "git"  # mkdocs-rss-plugin's value for "date from git", its default


def _feed_plugins(config: MkDocsConfig) -> list[Any]:
    """The configs of the enabled instances of mkdocs-rss-plugin."""
    return [
        plugin.config
        for plugin in config.plugins.values()
        # Matched by module rather than imported: the feed plugin is optional.
        if type(plugin).__module__.startswith("mkdocs_rss_plugin")
        and plugin.config.get("enabled", True)
    ]


def meta_keys(config: MkDocsConfig) -> list[str]:
    """The `page.meta` keys (dot paths) the site's feeds read a page's dates from."""
    keys: set[str] = set()
    for options in _feed_plugins(config):
        dates = options.date_from_meta
        keys.update(
            key
            for key in (dates.get("as_creation"), dates.get("as_update"))
            if isinstance(key, str) and key and key != GIT
        )
    return sorted(keys)


def dated_by_git(config: MkDocsConfig) -> bool:
    """Whether a feed of the site dates its items by git, so a reveal cannot date them."""
    plugins = _feed_plugins(config)
    return any(options.date_from_meta.get("as_creation") == GIT for options in plugins)


def date_by_reveal(meta: MutableMapping[str, Any], instant: datetime, keys: list[str]) -> None:
    """Write the (timezone-aware) reveal instant under each key the feeds read."""
    for key in keys:
        *parents, last = key.split(".")
        node = meta
        for part in parents:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        # A datetime, not text: the feed plugin keeps its offset as it is.
        node[last] = instant


def date_page(schedule: Schedule, clock: datetime, page: Page, config: MkDocsConfig) -> None:
    """Date a revealed scheduled page by its reveal instant, where the feeds will read it."""
    # A translation goes live with the page it translates (`blog/part.fr.md`, `fr/blog/…`).
    entry, _ = covering(schedule, page.file.src_uri, other_languages(config))
    if entry is not None and entry.revealed(clock):
        date_by_reveal(page.meta, entry.instant, meta_keys(config))


def advise(schedule: Schedule, config: MkDocsConfig) -> None:
    """Say once per build when feeds date revealed parts by git rather than by their reveal."""
    if schedule.entries and dated_by_git(config):
        # Information only: git dates are a sound choice for a site, not a mistake.
        log.info(
            "reveal: mkdocs-rss-plugin dates feed items by git, so a revealed part is filed "
            "under the day it was committed; set its `date_from_meta: {as_creation: date}` "
            "to date each part by its reveal"
        )
