"""The site's navigation without the pages that are not built."""

from __future__ import annotations

from typing import Any

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from mkdocs_reveal.timeline.schedule import normalise_path


def prune_nav(nav: Any, gone: set[str]) -> Any:
    """Drop nav entries that point at pages which are not built."""
    if isinstance(nav, list):
        kept = [prune_nav(item, gone) for item in nav]
        return [item for item in kept if item is not None]
    if isinstance(nav, dict):
        pruned = {key: prune_nav(value, gone) for key, value in nav.items()}
        pruned = {key: value for key, value in pruned.items() if value is not None}
        return pruned or None
    if isinstance(nav, str) and "://" not in nav and normalise_path(nav) in gone:
        return None
    return nav


def prune_built(nav: Navigation, gone: set[str]) -> Navigation:
    """The built navigation without pages that are not built, whichever plugin made it."""
    items = _without(nav.items, gone)
    pages = [page for page in nav.pages if page.file.src_uri not in gone]
    if len(pages) == len(nav.pages) and items == nav.items:
        return nav
    pruned = Navigation(items, pages)
    # As MkDocs links them: previous and next in page order, parents for sections.
    bookended = [None, *pages, None]
    for before, page, after in zip(bookended[:-2], pages, bookended[2:], strict=True):
        page.previous_page, page.next_page = before, after
    return pruned


def _without(items: list[Any], gone: set[str]) -> list[Any]:
    """Nav items without pages that are not built, and without sections left empty."""
    kept = []
    for item in items:
        if isinstance(item, Page) and item.file.src_uri in gone:
            continue
        if isinstance(item, Section):
            item.children = _without(item.children, gone)
            if not item.children:
                continue
        kept.append(item)
    return kept
