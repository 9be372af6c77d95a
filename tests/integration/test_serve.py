"""`mkdocs serve` rebuilds by itself when a reveal instant passes: a real server, a real clock."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from localhttp import fetch, serve
from sitebuild import Site

SiteFactory = Callable[..., Site]
# Long enough for the server to start and show the sealed site first, short enough to wait for.
LEAD = timedelta(seconds=10)
EPOCH = re.compile(r"livereload\((\d+), \d+\)")


# `--dirty` rewrites only pages whose sources changed, and a reveal changes none.
@pytest.mark.parametrize("mode", [[], ["--dirty"]], ids=["clean", "dirty"])
def test_serve_rebuilds_and_reloads_when_a_reveal_passes(
    site: SiteFactory, tmp_path: Path, mode: list[str]
) -> None:
    # The real clock, nothing pinned: the instant is a few seconds ahead of now.
    instant = (datetime.now(timezone.utc) + LEAD).replace(microsecond=0)
    when = instant.isoformat()
    project = site(
        {
            "index.md": f'# Home\n\n<PostPreview date="{when}">\nembertide\n</PostPreview>\n',
            "soon.md": f"---\nreveal: {when}\n---\n\n# Soon\n\nlanternmoth body\n",
        },
        reveal={"timezone": "UTC"},
        theme="mkdocs",
    )
    log_path = tmp_path / "serve.log"
    with serve(project, log_path, *mode) as base:
        first = None
        deadline = time.monotonic() + 30
        while first is None and time.monotonic() < deadline:
            first = fetch(base)
            time.sleep(0.2)
        assert first is not None, log_path.read_text(encoding="utf-8")
        assert datetime.now(timezone.utc) < instant, "the server started too slowly to test"
        assert "embertide" not in first
        assert "lanternmoth" not in (fetch(base + "soon/") or "")
        epoch = EPOCH.search(first)
        assert epoch is not None  # the live-reload script the browser runs

        revealed_at = None
        deadline = time.monotonic() + LEAD.total_seconds() + 30
        while time.monotonic() < deadline:
            page = fetch(base)
            if page is not None and "embertide" in page:
                revealed_at = datetime.now(timezone.utc)
                break
            time.sleep(0.25)
        assert revealed_at is not None, log_path.read_text(encoding="utf-8")
        assert revealed_at >= instant  # never early
        assert "lanternmoth" in (fetch(base + "soon/") or "")
        # What the browser's live-reload script asks: a newer epoch means "reload now".
        newer = fetch(f"{base}livereload/{epoch.group(1)}/1", timeout=10)
        assert newer is not None and int(newer) > int(epoch.group(1))
    output = log_path.read_text(encoding="utf-8")
    assert f"reveal: the site rebuilds by itself at the next reveal, {when}" in output
    assert f"reveal: {when} has passed: rebuilding the site" in output
    assert "Traceback" not in output


def test_serve_with_a_pinned_clock_does_not_wait_for_reveals(
    site: SiteFactory, tmp_path: Path
) -> None:
    project = site(
        {"index.md": "# Home\n\n<PostPreview date='2025-11-24'>\nx\n</PostPreview>\n"},
        reveal={"timezone": "UTC", "now": "2025-11-12"},
        theme="mkdocs",
    )
    log_path = tmp_path / "serve.log"
    with serve(project, log_path) as base:
        deadline = time.monotonic() + 30
        while fetch(base) is None and time.monotonic() < deadline:
            time.sleep(0.2)
    output = log_path.read_text(encoding="utf-8")
    assert "Serving on" in output
    assert "reveal: the clock is pinned" in output
    assert "rebuilds by itself" not in output


def test_serve_dirty_rebuilds_a_teaser_whose_post_is_postponed(
    site: SiteFactory, tmp_path: Path
) -> None:
    project = site(
        {
            "index.md": '# Home\n\n<PostPreview post="part.md">\ntealquill teaser\n'
            "</PostPreview>\n",
            "part.md": "---\nreveal: 2025-11-01\n---\n\n# Part\n\nThe part.\n",
        },
        reveal={"timezone": "UTC", "now": "2025-11-12T12:00:00+00:00"},
        theme="mkdocs",
    )
    log_path = tmp_path / "serve.log"
    with serve(project, log_path, "--dirty") as base:
        deadline = time.monotonic() + 30
        first = None
        while (first is None or "tealquill" not in first) and time.monotonic() < deadline:
            first = fetch(base)
            time.sleep(0.2)
        assert first is not None and "tealquill" in first, log_path.read_text()
        time.sleep(1.1)  # a new modification time for the edit
        project.page("part.md", "---\nreveal: 2025-12-01\n---\n\n# Part\n\nThe part.\n")
        deadline = time.monotonic() + 30
        page: str | None = first
        while "tealquill" in (page or "tealquill") and time.monotonic() < deadline:
            page = fetch(base)
            time.sleep(0.25)
        assert page is not None and "tealquill" not in page, log_path.read_text()
        assert "is-sealed" in page
    assert "Traceback" not in log_path.read_text(encoding="utf-8")
