"""The GitHub Pages workflow: valid, with its three triggers, and a decision step that works."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import series
import yaml
from actions import DOCS, REPO, WORKFLOW, StepRun, docs_workflow, run_script
from localhttp import deployed
from sitebuild import Site
from test_check_command import without_the_plugin

SiteFactory = Callable[..., Site]
CRON_FIELD = r"(\*|\d+)(-\d+)?(/\d+)?(,(\d+)(-\d+)?)*"


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    """The `on:` mapping (YAML 1.1 reads the bare key `on` as True)."""
    found = workflow.get("on", workflow.get(True))
    assert isinstance(found, dict)
    return found


def decide_script(workflow: dict[Any, Any]) -> str:
    """The shell script of the step that decides whether to deploy."""
    steps = workflow["jobs"]["build"]["steps"]
    step = next(step for step in steps if step.get("id") == "decide")
    return str(step["run"])


@pytest.mark.parametrize("source", ["repository", "docs"])
def test_workflow_is_valid_with_three_triggers(source: str) -> None:
    workflow = (
        yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
        if source == "repository"
        else docs_workflow()
    )
    on = triggers(workflow)
    assert set(on) == {"push", "workflow_dispatch", "schedule"}
    for entry in on["schedule"]:
        fields = entry["cron"].split()
        assert len(fields) == 5 and all(re.fullmatch(CRON_FIELD, field) for field in fields)
        assert fields[0] not in ("0", "*"), "off the top of the hour, where runs are delayed"
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["outputs"]["deploy"] == "${{ steps.decide.outputs.deploy }}"
    assert deploy["needs"] == "build"
    assert deploy["if"] == "needs.build.outputs.deploy == 'true'"
    assert deploy["environment"]["name"] == "github-pages"
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    script = decide_script(workflow)
    assert 'mkdocs-reveal due --since "$generated" --grace "$GRACE_MINUTES"' in script
    steps = build["steps"]
    uploads = [step for step in steps if "upload-pages-artifact" in step.get("uses", "")]
    assert uploads and uploads[0]["if"] == "steps.decide.outputs.deploy == 'true'"
    # The proof runs on the built site, after the build and before the upload.
    runs = [str(step.get("run", "")) for step in steps]
    build_at = next(index for index, run in enumerate(runs) if "mkdocs build" in run)
    check_at = runs.index("mkdocs-reveal check --site-dir site")
    assert build_at < check_at < steps.index(uploads[0])
    assert steps[check_at]["if"] == uploads[0]["if"]
    assert uploads[0]["with"]["path"] == "site"


def test_workflows_decide_the_same_way() -> None:
    repository = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # Comments aside, users get the very script this repository runs.
    strip = functools.partial(re.sub, r"(?m)^\s*#.*\n", "")
    assert strip(decide_script(repository)) == strip(decide_script(docs_workflow()))


@pytest.fixture
def live_site(site: SiteFactory) -> Iterator[tuple[Site, str]]:
    """The series, built and deployed at 2025-11-12 to a local web server."""
    project = site(series.pages(), reveal=series.reveal_options())
    with deployed(project, "2025-11-12T09:00:00+01:00") as url:
        yield project, url


def decide(root: Path, tmp_path: Path, *, event: str, site_url: str, now: str) -> str:
    """Run the workflow's decision step as GitHub would; return what it set `deploy` to."""
    environment = {
        "GITHUB_EVENT_NAME": event,
        "GRACE_MINUTES": "15",
        "SITE_URL": site_url,
        "MKDOCS_REVEAL_NOW": now,
    }
    script = decide_script(yaml.safe_load(WORKFLOW.read_text(encoding="utf-8")))
    done = run_script(script, root, tmp_path, environment)
    assert done.returncode == 0, done.log
    decided = done.outputs.get("deploy", [])
    assert len(decided) == 1, done.outputs
    return decided[0]


def test_scheduled_runs_deploy_only_after_a_reveal(
    live_site: tuple[Site, str], tmp_path: Path
) -> None:
    project, url = live_site
    # The live build judged by 2025-11-12 09:00; part 3 reveals on 2025-11-24 at 09:00.
    assert decide(project.root, tmp_path, event="schedule", site_url=url, now="2025-11-20") == (
        "false"
    )
    late_run = "2025-11-24T10:23:00+01:00"  # a delayed run still sees the reveal
    assert decide(project.root, tmp_path, event="schedule", site_url=url, now=late_run) == "true"
    assert (tmp_path / "summary.md").read_text(encoding="utf-8").startswith("Next reveal:")
    # No reveal.json to compare with: deploy rather than miss a part.
    gone = url.rsplit(":", 1)[0] + ":9/"
    assert decide(project.root, tmp_path, event="schedule", site_url=gone, now="2025-11-20") == (
        "true"
    )
    for event in ("push", "workflow_dispatch"):
        assert decide(project.root, tmp_path, event=event, site_url=url, now="2025-11-20") == "true"


def test_docs_page_is_in_the_nav_and_explains_the_cron_limits() -> None:
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert {"Publishing on GitHub Pages": "publishing.md"} in config["nav"]
    text = " ".join(DOCS.read_text(encoding="utf-8").split())
    for fact in (
        "Cron is in UTC",
        "Five minutes is the shortest interval",
        "delayed most at the top of the hour",
        "disables scheduled workflows after 60 days without activity",
    ):
        assert fact in text


def test_the_check_step_stops_a_site_with_sealed_text_before_the_upload(
    site: SiteFactory,
) -> None:
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    script = next(
        str(step["run"]) for step in steps if "mkdocs-reveal check" in step.get("run", "")
    )
    now = "2025-11-12T12:00:00+01:00"

    def check(root: Path) -> StepRun:
        """Run the workflow's check step as GitHub would."""
        return run_script(script, root, root / "github", {"MKDOCS_REVEAL_NOW": now})

    project = site(series.pages(), reveal=series.reveal_options())
    project.build(env={"MKDOCS_REVEAL_NOW": now})
    assert check(project.root).returncode == 0
    # The same site from a generator that ignores MkDocs plugins: the step fails the job.
    without_the_plugin(project, "site")
    done = check(project.root)
    assert done.returncode == 1
    assert "series/collective/index.html holds sealed text" in done.log
