"""The missed-reveal alarm: `mkdocs-reveal missed` against a live site served on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import series
from localhttp import deployed
from revealcli import run
from sitebuild import Site

SiteFactory = Callable[..., Site]
# Part 3 reveals at 09:00; with hourly runs (cron_interval 60) it is missed after 11:00.
ON_TIME = "2025-11-24T10:59:00+01:00"
MISSED = "2025-11-24T11:01:00+01:00"
MESSAGE = (
    "missed reveal: Part 3 of the series, a preview on The Series was due at "
    "2025-11-24T09:00:00+01:00 (2h 01m ago) but the live site, built at "
    "2025-11-20T09:00:00+01:00, still shows it sealed"
)


@pytest.fixture
def live(site: SiteFactory) -> Iterator[tuple[Site, str]]:
    """The series deployed on 20 November (part 3 sealed) and served as the live site."""
    project = site(series.pages(), reveal=series.reveal_options())
    with deployed(project, "2025-11-20") as url:
        yield project, url


def test_a_part_sealed_past_two_intervals_is_a_missed_reveal(live: tuple[Site, str]) -> None:
    project, url = live
    args = ("missed", "--live-url", f"{url}reveal.json")
    on_time = run(project.root, *args, now=ON_TIME)
    assert on_time.returncode == 0, on_time.stderr
    assert "no missed reveal" in on_time.stdout
    late = run(project.root, *args, now=MISSED)
    assert late.returncode == 1
    assert MESSAGE in late.stderr
    assert "::error" not in late.stdout  # annotations only on GitHub Actions
    github = run(project.root, *args, now=MISSED, env={"GITHUB_ACTIONS": "true"})
    assert github.stdout.startswith(f"::error::{MESSAGE}")


def test_the_allowance_follows_cron_interval_and_intervals(live: tuple[Site, str]) -> None:
    project, url = live
    args = ("missed", "--live-url", f"{url}reveal.json")
    assert run(project.root, *args, "--intervals", "1", now="2025-11-24T10:01").returncode == 1
    assert run(project.root, *args, "--intervals", "3", now=MISSED).returncode == 0
    refused = run(project.root, *args, "--intervals", "0", now=MISSED)
    assert refused.returncode == 2 and "expected whole intervals, 1 or more" in refused.stderr
    project.config["plugins"][1]["reveal"]["cron_interval"] = 30
    project.save_config()
    assert run(project.root, *args, now="2025-11-24T10:01").returncode == 1


def test_site_url_and_a_saved_copy_serve_as_the_live_site(
    live: tuple[Site, str], tmp_path: Path
) -> None:
    project, url = live
    copy = tmp_path / "live.json"
    copy.write_bytes((project.root / "site" / "reveal.json").read_bytes())
    assert run(project.root, "missed", "--live-file", str(copy), now=MISSED).returncode == 1
    project.config["site_url"] = url
    project.save_config()
    assert MESSAGE in run(project.root, "missed", now=MISSED).stderr


def test_a_live_site_with_the_part_out_or_held_has_missed_nothing(site: SiteFactory) -> None:
    pages = series.pages()
    pages["series/workflow.md"] = pages["series/workflow.md"].replace(
        "---\n", "---\nreveal: hold\n"
    )
    project = site(pages, reveal=series.reveal_options())
    with deployed(project, "2025-11-24T09:00") as url:
        done = run(project.root, "missed", "--live-url", f"{url}reveal.json", now="2030-01-01")
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--live-url", "http://127.0.0.1:9/reveal.json"], "could not be read"),
        (["--live-url", "{url}nothing.json"], "answered 404"),
        (["--live-url", "{url}index.html"], "is not a reveal.json"),
        (["--live-url", "ftp://example.org/reveal.json"], "is not an http(s) URL"),
    ],
)
def test_a_live_site_that_cannot_be_read_is_exit_2(
    live: tuple[Site, str], args: list[str], message: str
) -> None:
    project, url = live
    done = run(project.root, "missed", *[arg.format(url=url) for arg in args], now=MISSED)
    assert done.returncode == 2
    assert message in done.stderr


def test_without_site_url_the_live_site_must_be_named(live: tuple[Site, str]) -> None:
    project, _ = live
    del project.config["site_url"]
    project.save_config()
    done = run(project.root, "missed", now=MISSED)
    assert done.returncode == 2
    assert "pass --live-url, --live-file or set site_url" in done.stderr
