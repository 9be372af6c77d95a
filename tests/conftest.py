"""Shared fixtures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sitebuild import Site, make_site

SEED = Path(__file__).parent / "data" / "chronicles-chapter-1.md"


@pytest.fixture
def site(tmp_path: Path) -> Callable[..., Site]:
    """Make a small MkDocs project in tmp_path."""

    def factory(pages: dict[str, str], **options: Any) -> Site:
        """Create the project."""
        return make_site(tmp_path, pages, **options)

    return factory
