"""The Pages workflow after a deploy: it lists what went live, announces it, and raises the alarm.

Each step's script runs as GitHub runs it (bash, GitHub's output and summary files) against a
live site and pings receivers served on 127.0.0.1.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
import series
from actions import docs_workflow, repository_workflow, run_script, step
from localhttp import Recorder, running, serving
from sitebuild import Site

SiteFactory = Callable[..., Site]
LIVE = "2025-11-12T09:00:00+01:00"  # the live build: parts 1 and 2
BUILT = "2025-11-24T10:23:00+01:00"  # this run's build: part 3 too
KEY = "a1b2c3d4e5f60718"
strip_comments = functools.partial(re.sub, r"(?m)^\s*#.*\n", "")


def scripts(workflow: dict[Any, Any]) -> dict[str, str]:
    """The scripts this issue's steps run, comments aside."""
    return {
        name: strip_comments(str(step(workflow, job, name)["run"]))
        for job, name in (
            ("build", "revealed"),
            ("announce", "announce"),
            ("missed", "Check the live site for a missed reveal"),
        )
    }


def test_the_docs_workflow_lists_announces_and_alarms_like_this_one() -> None:
    repository, docs = repository_workflow(), docs_workflow()
    assert scripts(repository) == scripts(docs)
    for workflow in (repository, docs):
        jobs = workflow["jobs"]
        outputs = jobs["build"]["outputs"]
        for name in ("revealed", "since", "built"):
            assert outputs[name] == f"${{{{ steps.revealed.outputs.{name} }}}}"
        assert outputs["site_url"] == "${{ steps.pages.outputs.base_url }}"
        listing = step(workflow, "build", "revealed")
        assert listing["if"] == "steps.decide.outputs.deploy == 'true'"
        # Announcing waits for the deploy (hubs fetch the feeds at once) and needs a reveal.
        announce = jobs["announce"]
        assert announce["needs"] == ["build", "deploy"]
        assert "needs.build.outputs.revealed != '[]'" in announce["if"]
        assert "vars.REVEAL_WEBSUB_HUBS" in announce["if"]
        assert "vars.REVEAL_INDEXNOW_KEY" in announce["if"]
        assert step(workflow, "announce", "announce")["continue-on-error"] is True
        # The alarm runs beside the build, so a late part is still deployed by this run.
        assert jobs["missed"]["if"] == "github.event_name == 'schedule'"
        assert "needs" not in jobs["missed"]


@pytest.fixture
def deployed(site: SiteFactory, tmp_path: Path) -> Iterator[tuple[Site, str]]:
    """The live site (built at LIVE) on a local server, and this run's build (at BUILT)."""
    pages = {**series.pages(), f"{KEY}.txt": f"{KEY}\n"}
    rss = {"rss": {"use_git": False}}  # the feeds' URLs are what matters here
    project = site(pages, plugins=["search", {"reveal": series.reveal_options()}, rss])
    live = tmp_path / "live"
    shutil.copytree(project.build(env={"MKDOCS_REVEAL_NOW": LIVE}).site, live)
    project.build("--strict", env={"MKDOCS_REVEAL_NOW": BUILT})
    with serving(live) as url:
        yield project, url


def test_a_deploy_that_reveals_hands_the_list_to_later_steps(
    deployed: tuple[Site, str], tmp_path: Path
) -> None:
    project, url = deployed
    script = str(step(repository_workflow(), "build", "revealed")["run"])
    done = run_script(script, project.root, tmp_path / "run", {"SITE_URL": url})
    assert done.returncode == 0, done.log
    assert done.outputs["built"] == [BUILT]
    assert done.outputs["since"] == [LIVE]
    (revealed,) = done.outputs["revealed"]
    assert json.loads(revealed) == series.ANNOUNCED_3
    assert (
        "| 2025-11-24T09:00:00+01:00 | preview | [The Series](https://example.org/series/) |"
        in (done.summary)
    )
    # The first deploy has no live reveal.json to compare with: nothing is announced.
    gone = run_script(script, project.root, tmp_path / "gone", {"SITE_URL": "http://127.0.0.1:9/"})
    assert gone.returncode == 0, gone.log
    assert gone.outputs["revealed"] == ["[]"]
    assert "::notice::No reveal.json on the live site" in gone.log


@pytest.mark.parametrize("indexnow", [True, False])
def test_the_announce_job_pings_the_configured_hubs_and_indexnow(
    deployed: tuple[Site, str], tmp_path: Path, indexnow: bool
) -> None:
    project, _ = deployed
    receiver = Recorder()
    with running(receiver.handler()) as url:
        environment = {
            "SITE_URL": "https://example.org/",
            "SINCE": LIVE,
            "BUILT": BUILT,
            "WEBSUB_HUBS": f"{url}hub-a {url}hub-b",
            "INDEXNOW_KEY": KEY if indexnow else "",
            "INDEXNOW_ENDPOINT": f"{url}indexnow",
        }
        script = str(step(repository_workflow(), "announce", "announce")["run"])
        done = run_script(script, project.root, tmp_path, environment)
    assert done.returncode == 0, done.log
    paths = [request.path for request in receiver.received]
    assert paths == ["/hub-a", "/hub-b", *(["/indexnow"] if indexnow else [])]
    topics = parse_qs(receiver.received[0].body)["hub.url"]
    assert topics[0] == "https://example.org/feed_rss_created.xml" and len(topics) == 4
    if indexnow:
        payload = json.loads(receiver.received[-1].body)
        assert payload["urlList"] == [entry["url"] for entry in series.ANNOUNCED_3]


def test_a_scheduled_run_fails_when_the_live_site_missed_a_reveal(
    deployed: tuple[Site, str], tmp_path: Path
) -> None:
    project, url = deployed
    script = str(
        step(repository_workflow(), "missed", "Check the live site for a missed reveal")["run"]
    )
    environment = {"SITE_URL": url, "GITHUB_ACTIONS": "true"}
    # Part 3 was due at 09:00; the live site still seals it. Two hourly runs of slack, then alarm.
    on_time = run_script(
        script, project.root, tmp_path / "a", {**environment, "MKDOCS_REVEAL_NOW": BUILT}
    )
    assert on_time.returncode == 0, on_time.log
    late = run_script(
        script,
        project.root,
        tmp_path / "b",
        {**environment, "MKDOCS_REVEAL_NOW": "2025-11-24T12:00"},
    )
    assert late.returncode == 1
    assert "::error::missed reveal: Part 3 of the series, a preview on The Series was due" in (
        late.log
    )
