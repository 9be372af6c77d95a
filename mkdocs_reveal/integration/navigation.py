"""The site's navigation without the pages that are not built."""

from __future__ import annotations

from typing import Any

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
