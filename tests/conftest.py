"""Shared fixtures."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from browser import launched
from sitebuild import Site, make_site

if TYPE_CHECKING:
    from playwright.sync_api import Browser

SEED = Path(__file__).parent / "data" / "chronicles-chapter-1.md"


@pytest.fixture
def site(tmp_path: Path) -> Callable[..., Site]:
    """Make a small MkDocs project in tmp_path."""

    def factory(pages: dict[str, str], **options: Any) -> Site:
        """Create the project."""
        return make_site(tmp_path, pages, **options)

    return factory


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium for the whole session (one Playwright per process), or a skip."""
    with launched() as browser:
        yield browser
