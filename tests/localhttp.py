"""Local HTTP servers on 127.0.0.1 for tests: a folder served as a live site, a generator's
`serve`, and a recorder.
"""

from __future__ import annotations

import functools
import http.server
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitebuild import Site, environment


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, timeout: float = 5) -> str | None:
    """The body of a page, or None while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, seconds: float = 120) -> str:
    """The page at `url` once the server answers; fail if it takes too long."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = fetch(url)
        if body is not None:
            return body
        time.sleep(0.5)
    raise AssertionError(f"nothing answered at {url} in {seconds} s")


def stop(server: subprocess.Popen[Any], grace: float = 30) -> None:
    """Stop a server process (SIGTERM), forcibly if it does not stop within `grace` seconds."""
    server.terminate()
    try:
        server.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@contextmanager
def serve(
    project: Site,
    log_path: Path,
    *args: str,
    program: str = "mkdocs",
    env: dict[str, str] | None = None,
) -> Iterator[str]:
    """Run `PROGRAM serve ARGS` on a free port, logging to a file; yield the site's URL.

    Leaving the block stops the server with SIGTERM, as Ctrl-C or a service manager does.
    """
    project.save_config()
    port = free_port()
    with log_path.open("w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", program, "serve", "-a", f"127.0.0.1:{port}", *args],
            cwd=project.root,
            env=environment(**(env or {})),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            stop(server)


@contextmanager
def running(handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """Run a server with the handler on a free port; yield its base URL, ending in '/'."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:  # `format`: the base's name
        """Say nothing."""


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (a free port), as Pages serves a site; yield its URL."""
    with running(functools.partial(QuietHandler, directory=str(folder))) as url:
        yield url


@contextmanager
def deployed(project: Site, now: str) -> Iterator[str]:
    """Build a project at a clock and serve the build as its live site; yield the site's URL."""
    build = project.build(env={"MKDOCS_REVEAL_NOW": now})
    with serving(build.site) as url:
        yield url


@dataclass(frozen=True)
class Request:
    """One request a recorder received."""

    method: str
    path: str
    content_type: str
    body: str


@dataclass
class Recorder:
    """Records every POST it receives and answers with the status set for its path."""

    statuses: dict[str, int] = field(default_factory=dict)  # path -> status; default 202
    received: list[Request] = field(default_factory=list)

    def handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        """A request handler class bound to this recorder."""
        recorder = self

        class Handler(http.server.BaseHTTPRequestHandler):
            """Records the request and answers with the configured status."""

            def do_POST(self) -> None:
                """Record a POST."""
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length).decode("utf-8")
                recorder.received.append(
                    Request("POST", self.path, self.headers.get("Content-Type", ""), body)
                )
                self.send_response(recorder.statuses.get(self.path, 202))
                self.end_headers()
                self.wfile.write(b"recorded")

            def log_message(self, format: str, *args: object) -> None:
                """Keep the test output quiet."""

        return Handler
