"""Announcing a reveal: what a deploy revealed, as JSON, and pings to WebSub hubs and IndexNow.

A static site changes only when it is deployed, so nobody learns of a part at the moment it
appears unless someone tells them. `mkdocs-reveal due --json` lists what a deploy revealed for
a notifier step; `mkdocs-reveal announce` tells feed hubs (WebSub) and search engines
(IndexNow) itself. Both read the project as a build does and build nothing.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.utils.meta import get_data

from mkdocs_reveal.diagnostics import RevealError
from mkdocs_reveal.integration.languages import translated_url
from mkdocs_reveal.integration.material_blog import built_url
from mkdocs_reveal.markup.whole_page import page_title
from mkdocs_reveal.publishing.manifest import Item, absolute
from mkdocs_reveal.timeline.clock import between

INDEXNOW = "https://api.indexnow.org/indexnow"  # shares each submission with every engine
INDEXNOW_KEY = re.compile(r"[A-Za-z0-9-]{8,128}")
TIMEOUT = 30  # seconds; a hub that does not answer in that time is reported, not waited for
FEED_FILES = {  # mkdocs-rss-plugin's defaults, for versions without `feeds_filenames`
    "rss_created": "feed_rss_created.xml",
    "rss_updated": "feed_rss_updated.xml",
    "json_created": "feed_json_created.json",
    "json_updated": "feed_json_updated.json",
}


def revealed_between(items: Iterable[Item], since: datetime, clock: datetime) -> list[Item]:
    """The items revealed after `since` and up to the clock: what a deploy now reveals."""
    # Compared in UTC: a repeated DST hour holds two instants with the same wall time.
    return [
        item for item in items if item.instant is not None and between(item.instant, since, clock)
    ]


@dataclass(frozen=True)
class Shown:
    """A page as the site shows it: its title and its URL."""

    title: str
    url: str


def shown_pages(paths: Iterable[str], config: MkDocsConfig, files: Files) -> dict[str, Shown]:
    """The title and URL of each page, read as a build would, without building."""
    found: dict[str, Shown] = {}
    for path in dict.fromkeys(paths):
        file = files.get_file_from_path(path)
        if file is None:
            continue
        markdown, meta = get_data(file.content_string)
        url = built_url(file, config)
        if url == file.url:  # not a blog post, which its blog places (and i18n then drops)
            url = translated_url(file, config) or url
        found[path] = Shown(page_title(meta, markdown, path), url)
    return found


def describe(
    items: list[Item], config: MkDocsConfig, files: Files, tz: tzinfo, site_url: str | None
) -> list[Any]:
    """The revealed items as JSON objects: what, where (path, line), title, URL and instant."""
    shown = shown_pages((item.source for item in items), config, files)
    described = []
    for item in items:
        page = shown.get(item.source)
        assert item.instant is not None  # only revealed items are described
        described.append(
            {
                "kind": item.kind,
                "path": item.source,
                "line": item.line,
                "title": page.title if page else None,
                "url": absolute(page.url, site_url) if page else None,
                "reveal": item.instant.astimezone(tz).isoformat(),
            }
        )
    return described


def page_urls(described: list[Any], site_url: str) -> list[str]:
    """The distinct absolute URLs of the pages a deploy changed, all on the site."""
    pages = [urljoin(site_url, entry["url"]) for entry in described if entry["url"]]
    # Only the site's own pages: a key file vouches for URLs below its folder, no others.
    return [url for url in dict.fromkeys(pages) if url.startswith(site_url)]


def summarise(described: list[Any]) -> None:
    """Add what was revealed to the GitHub Actions job summary, when there is one."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and described:
        with Path(summary).open("a", encoding="utf-8") as handle:
            handle.write(summary_markdown(described))


def summary_markdown(described: list[Any]) -> str:
    """A Markdown table of what was revealed, for the run's summary page."""
    lines = ["", "### Revealed by this deploy", "", "| Reveal | Kind | Title |", "|---|---|---|"]
    for entry in described:
        title = _cell(entry["title"] or entry["path"])
        link = f"[{title}]({entry['url']})" if entry["url"] else title
        lines.append(f"| {entry['reveal']} | {entry['kind']} | {link} |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell and link label."""
    return re.sub(r"([|\[\]\\])", r"\\\1", text)


def feed_urls(config: MkDocsConfig, site_url: str) -> list[str]:
    """The absolute URLs of the site's mkdocs-rss-plugin feeds: the WebSub topics."""
    urls: list[str] = []
    for plugin in config.plugins.values():
        if not type(plugin).__module__.startswith("mkdocs_rss_plugin"):
            continue
        options = plugin.config
        if not options.get("enabled", True):
            continue
        names = options.get("feeds_filenames") or {}
        for kind in ("rss", "json"):
            if options.get(f"{kind}_feed_enabled", True):
                for when in ("created", "updated"):
                    key = f"{kind}_{when}"
                    urls.append(urljoin(site_url, names.get(key) or FEED_FILES[key]))
    return list(dict.fromkeys(urls))


def websub_publish(hub: str, topics: list[str]) -> int:
    """Tell a WebSub hub the feeds changed: one form POST, `hub.url` once per feed."""
    # PubSubHubbub 0.3 "publish", the ping every public hub accepts; W3C WebSub leaves the
    # publisher's side to the hub, and the hub fetches each topic itself.
    fields = [("hub.mode", "publish"), *(("hub.url", topic) for topic in topics)]
    body = urllib.parse.urlencode(fields).encode("ascii")
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    return _post(hub, body, headers)


def indexnow_submit(endpoint: str, site_url: str, key: str, urls: list[str]) -> int:
    """Tell IndexNow search engines the pages changed: one JSON POST for every URL."""
    payload = {
        "host": urlsplit(site_url).hostname,
        "key": key,
        # The key file is published with the site; under a project site's path it vouches
        # only for URLs below that path, which is all the site has.
        "keyLocation": urljoin(site_url, f"{key}.txt"),
        "urlList": urls,
    }
    body = json.dumps(payload).encode("utf-8")
    return _post(endpoint, body, {"Content-Type": "application/json; charset=utf-8"})


def _post(url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST a body; return the HTTP status, or raise RevealError saying what went wrong."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise RevealError(f"{url!r} is not an http(s) URL")
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        detail = error.read(300).decode("utf-8", "replace").strip()
        raise RevealError(f"{url} answered {error.code} {error.reason}: {detail}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise RevealError(f"{url} could not be reached: {reason}") from None


def check_key(key: str, files: Files) -> None:
    """Refuse an IndexNow key the engines would refuse: badly formed, or not on the site."""
    if not INDEXNOW_KEY.fullmatch(key):
        raise RevealError(f"the IndexNow key {key!r} must be 8 to 128 letters, digits or dashes")
    if files.get_file_from_path(f"{key}.txt") is None:
        raise RevealError(
            f"no {key}.txt in docs_dir: IndexNow checks the key at the site's root; save a "
            f"file named {key}.txt containing only {key} in docs_dir, deploy, then announce"
        )
