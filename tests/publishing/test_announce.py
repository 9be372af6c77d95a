"""Announcing a reveal: `due --json` for notifier steps, and `announce` pinging WebSub and IndexNow.

The pings go to a recording HTTP server on 127.0.0.1, never to a real hub or search engine.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs

import pytest
import series
from localhttp import Recorder, running
from revealcli import run
from sitebuild import Site

SiteFactory = Callable[..., Site]
NOW = "2025-11-24T10:00:00+01:00"  # part 3 went live an hour ago
KEY = "a1b2c3d4e5f60718"
PART_3, TEASER_3 = series.ANNOUNCED_3
FEEDS = [
    f"https://example.org/{name}"
    for name in (
        "feed_rss_created.xml",
        "feed_rss_updated.xml",
        "feed_json_created.json",
        "feed_json_updated.json",
    )
]


@pytest.fixture
def project(site: SiteFactory) -> Site:
    """The series with mkdocs-rss-plugin's feeds, and an IndexNow key file in docs/."""
    pages = {**series.pages(), f"{KEY}.txt": f"{KEY}\n"}
    plugins = ["search", {"reveal": series.reveal_options()}, "rss"]
    return site(pages, plugins=plugins)


def test_due_json_lists_what_was_revealed_and_hands_it_on(project: Site, tmp_path: Path) -> None:
    output, summary = tmp_path / "output", tmp_path / "summary.md"
    env = {"GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary)}
    done = run(project.root, "due", "--since", "2025-11-20", "--json", now=NOW, env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [PART_3, TEASER_3]
    (line,) = output.read_text(encoding="utf-8").splitlines()
    assert line.startswith("revealed=") and json.loads(line[9:]) == [PART_3, TEASER_3]
    assert (
        "| 2025-11-24T09:00:00+01:00 | page | "
        "[Part 3 of the series](https://example.org/series/collective/) |"
    ) in summary.read_text(encoding="utf-8")
    nothing = run(project.root, "due", "--since", "2025-11-20", "--json", now="2025-11-21")
    assert nothing.returncode == 1
    assert json.loads(nothing.stdout) == []


def test_due_json_urls_are_where_the_site_puts_pages(site: SiteFactory) -> None:
    pages = {
        **series.pages(),
        "blog/index.md": "# Blog\n",
        "blog/posts/news.md": "---\ndate: 2025-11-01\nreveal: 2025-11-24\n---\n\n# Big news\n",
    }
    project = site(pages, plugins=["search", "blog", {"reveal": series.reveal_options()}])
    del project.config["site_url"]
    project.save_config()
    before = sorted(project.root.rglob("*"))
    done = run(project.root, "due", "--since", "2025-11-20", "--json", now=NOW)
    found = {entry["path"]: entry["url"] for entry in json.loads(done.stdout)}
    # Without site_url, URLs are site-relative; a blog post is where the blog builds it.
    assert found == {
        "series/collective.md": "series/collective/",
        "blog/posts/news.md": "blog/2025/11/01/big-news/",
        "series/index.md": "series/",
    }
    assert sorted(project.root.rglob("*")) == before  # the blog's URL, not its build


@pytest.fixture
def recorder() -> Iterator[tuple[Recorder, str]]:
    """A local server standing in for WebSub hubs and an IndexNow endpoint."""
    found = Recorder()
    with running(found.handler()) as url:
        yield found, url


def test_announce_pings_every_hub_and_indexnow(
    project: Site, recorder: tuple[Recorder, str]
) -> None:
    server, url = recorder
    server.statuses["/hub-a"] = 204
    args = ["--websub", f"{url}hub-a", "--websub", f"{url}hub-b"]
    args += ["--indexnow-key", KEY, "--indexnow-endpoint", f"{url}indexnow"]
    done = run(project.root, "announce", "--since", "2025-11-20", *args, now=NOW)
    assert done.returncode == 0, done.stdout + done.stderr
    hubs = [request for request in server.received if request.path.startswith("/hub")]
    assert [request.path for request in hubs] == ["/hub-a", "/hub-b"]
    for request in hubs:
        assert request.content_type == "application/x-www-form-urlencoded"
        assert parse_qs(request.body) == {"hub.mode": ["publish"], "hub.url": FEEDS}
    (indexnow,) = [request for request in server.received if request.path == "/indexnow"]
    assert indexnow.content_type == "application/json; charset=utf-8"
    assert json.loads(indexnow.body) == {
        "host": "example.org",
        "key": KEY,
        "keyLocation": f"https://example.org/{KEY}.txt",
        "urlList": [PART_3["url"], TEASER_3["url"]],
    }
    assert f"WebSub {url}hub-a: 204" in done.stdout


def test_announce_on_a_project_site_stays_under_its_path(
    project: Site, recorder: tuple[Recorder, str]
) -> None:
    server, url = recorder
    # The address Pages reports wins over site_url (https://example.org/) in mkdocs.yml.
    site_url = "https://user.github.io/repo"
    args = ["--site-url", site_url, "--indexnow-key", KEY, "--indexnow-endpoint", url]
    done = run(project.root, "announce", "--since", "2025-11-20", *args, now=NOW)
    assert done.returncode == 0, done.stderr
    payload = json.loads(server.received[0].body)
    assert payload["host"] == "user.github.io"
    assert payload["keyLocation"] == f"{site_url}/{KEY}.txt"
    assert payload["urlList"] == [f"{site_url}/series/collective/", f"{site_url}/series/"]


def test_nothing_revealed_is_nothing_announced(
    project: Site, recorder: tuple[Recorder, str]
) -> None:
    server, url = recorder
    done = run(project.root, "announce", "--since", "2025-11-20", "--websub", url, now="2025-11-21")
    assert done.returncode == 1
    assert "nothing to announce" in done.stdout
    assert server.received == []


def test_a_failing_hub_is_reported_and_the_others_still_hear(
    project: Site, recorder: tuple[Recorder, str]
) -> None:
    server, url = recorder
    server.statuses["/down"] = 503
    args = ["--websub", f"{url}down", "--indexnow-key", KEY, "--indexnow-endpoint", f"{url}in"]
    done = run(
        project.root,
        "announce",
        "--since",
        "2025-11-20",
        *args,
        now=NOW,
        env={"GITHUB_ACTIONS": "true"},
    )
    assert done.returncode == 3
    assert f"announcing failed: WebSub {url}down: {url}down answered 503" in done.stderr
    assert f"::warning::announcing failed: WebSub {url}down" in done.stdout
    assert [request.path for request in server.received] == ["/down", "/in"]
    unreachable = run(
        project.root,
        "announce",
        "--since",
        "2025-11-20",
        "--websub",
        "http://127.0.0.1:9/",
        now=NOW,
    )
    assert unreachable.returncode == 3
    assert "could not be reached" in unreachable.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--indexnow-key", "short"], "must be 8 to 128 letters, digits or dashes"),
        (["--indexnow-key", "b1b2c3d4e5f60718"], "no b1b2c3d4e5f60718.txt in docs_dir"),
        (["--site-url", ""], "announcing needs the site's address"),
        ([], "nothing to announce to: pass --websub HUB or --indexnow-key KEY"),
    ],
)
def test_announce_refuses_what_would_fail_before_sending_anything(
    project: Site, recorder: tuple[Recorder, str], args: list[str], message: str
) -> None:
    server, _ = recorder
    if "--site-url" in args:
        del project.config["site_url"]
        project.save_config()
    done = run(project.root, "announce", "--since", "2025-11-20", *args, now=NOW)
    assert done.returncode == 2
    assert message in done.stderr
    assert server.received == []
