"""The Pages workflow's steps, run as GitHub Actions runs them: bash, with the step's files."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from revealcli import capture
from sitebuild import environment

REPO = Path(__file__).resolve().parents[1]
WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
DOCS = REPO / "docs" / "publishing.md"


def repository_workflow() -> dict[Any, Any]:
    """This repository's workflow."""
    loaded = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def docs_workflow() -> dict[Any, Any]:
    """The workflow the docs page tells users to save."""
    text = DOCS.read_text(encoding="utf-8")
    block = re.search(r"## The workflow.*?```yaml\n(.*?)```", text, re.DOTALL)
    assert block is not None
    loaded = yaml.safe_load(block.group(1))
    assert isinstance(loaded, dict)
    return loaded


def step(workflow: dict[Any, Any], job: str, name: str) -> dict[str, Any]:
    """A job's step, found by its id or its name."""
    steps = workflow["jobs"][job]["steps"]
    found = [item for item in steps if name in (item.get("id"), item.get("name"))]
    assert len(found) == 1, name
    return dict(found[0])


@dataclass
class StepRun:
    """What a step did: its exit code, its log, its outputs and what it added to the summary."""

    returncode: int
    log: str
    outputs: dict[str, list[str]]
    summary: str


def run_script(script: str, root: Path, files: Path, env: dict[str, str]) -> StepRun:
    """Run a step's script in the project folder with GitHub's variables; `files` holds theirs."""
    files.mkdir(parents=True, exist_ok=True)
    output, summary = files / "github_output", files / "summary.md"
    output.write_text("", encoding="utf-8")
    summary.write_text("", encoding="utf-8")
    # GitHub's variables point at files of this run; the test run's own are never handed on.
    github = {
        "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_RUN_ID": "42",
    }
    done = capture(["bash", "-c", script], root, environment(**{**github, **env}))
    outputs: dict[str, list[str]] = {}
    for line in output.read_text(encoding="utf-8").splitlines():
        name, _, value = line.partition("=")
        outputs.setdefault(name, []).append(value)
    return StepRun(
        done.returncode, done.stdout + done.stderr, outputs, summary.read_text(encoding="utf-8")
    )
