"""Local HTTP servers on 127.0.0.1 for tests: a folder served as a live site, and a recorder."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitebuild import Site


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
