"""`mkdocs serve` rebuilds by itself when a reveal instant passes: a real server, a real clock."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sitebuild import QUIET, Site

SiteFactory = Callable[..., Site]
# Long enough for the server to start and show the sealed site first, short enough to wait for.
LEAD = timedelta(seconds=10)
EPOCH = re.compile(r"livereload\((\d+), \d+\)")


def _free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str, timeout: float = 5) -> str | None:
    """The body of a page, or None while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


@contextmanager
def serving(project: Site, log_path: Path, *args: str) -> Iterator[str]:
    """Run `mkdocs serve ARGS` on a free port, logging to a file; yield the site's URL."""
    project.save_config()
    port = _free_port()
    environment = {**os.environ, **QUIET}
    for name in ("MKDOCS_REVEAL_NOW", "MKDOCS_REVEAL_PREVIEW", "SOURCE_DATE_EPOCH"):
        environment.pop(name, None)
    with log_path.open("w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *args],
            cwd=project.root,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            stop(server)


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
    with serving(project, log_path, *mode) as base:
        first = None
        deadline = time.monotonic() + 30
        while first is None and time.monotonic() < deadline:
            first = _get(base)
            time.sleep(0.2)
        assert first is not None, log_path.read_text(encoding="utf-8")
        assert datetime.now(timezone.utc) < instant, "the server started too slowly to test"
        assert "embertide" not in first
        assert "lanternmoth" not in (_get(base + "soon/") or "")
        epoch = EPOCH.search(first)
        assert epoch is not None  # the live-reload script the browser runs

        revealed_at = None
        deadline = time.monotonic() + LEAD.total_seconds() + 30
        while time.monotonic() < deadline:
            page = _get(base)
            if page is not None and "embertide" in page:
                revealed_at = datetime.now(timezone.utc)
                break
            time.sleep(0.25)
        assert revealed_at is not None, log_path.read_text(encoding="utf-8")
        assert revealed_at >= instant  # never early
        assert "lanternmoth" in (_get(base + "soon/") or "")
        # What the browser's live-reload script asks: a newer epoch means "reload now".
        newer = _get(f"{base}livereload/{epoch.group(1)}/1", timeout=10)
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
    with serving(project, log_path) as base:
        deadline = time.monotonic() + 30
        while _get(base) is None and time.monotonic() < deadline:
            time.sleep(0.2)
    output = log_path.read_text(encoding="utf-8")
    assert "Serving on" in output
    assert "reveal: the clock is pinned" in output
    assert "rebuilds by itself" not in output


def stop(server: subprocess.Popen[str]) -> None:
    """Stop a server process, forcibly if it does not stop within ten seconds."""
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


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
    with serving(project, log_path, "--dirty") as base:
        deadline = time.monotonic() + 30
        first = None
        while (first is None or "tealquill" not in first) and time.monotonic() < deadline:
            first = _get(base)
            time.sleep(0.2)
        assert first is not None and "tealquill" in first, log_path.read_text()
        time.sleep(1.1)  # a new modification time for the edit
        project.page("part.md", "---\nreveal: 2025-12-01\n---\n\n# Part\n\nThe part.\n")
        deadline = time.monotonic() + 30
        page = first
        while "tealquill" in (page or "tealquill") and time.monotonic() < deadline:
            page = _get(base)
            time.sleep(0.25)
        assert page is not None and "tealquill" not in page, log_path.read_text()
        assert "is-sealed" in page
    assert "Traceback" not in log_path.read_text(encoding="utf-8")
