"""Running the `mkdocs-reveal` command as a subprocess, and reading its status table."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from sitebuild import QUIET

SCRIPT = Path(sys.executable).with_name("mkdocs-reveal")


def run(
    root: Path, *args: str, now: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs-reveal ARGS` in a folder, with the clock pinned (or not) by the environment."""
    environment = {**os.environ, **QUIET, **(env or {})}
    for name in ("MKDOCS_REVEAL_NOW", "SOURCE_DATE_EPOCH", "GITHUB_OUTPUT"):
        if not env or name not in env:
            environment.pop(name, None)
    if now is not None:
        environment["MKDOCS_REVEAL_NOW"] = now
    command = (
        [str(SCRIPT)] if SCRIPT.exists() else [shutil.which("mkdocs-reveal") or "mkdocs-reveal"]
    )
    return subprocess.run(
        [*command, *args],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def rows(output: str) -> list[list[str]]:
    """The table's rows, split into columns (the time-left column may hold spaces)."""
    lines = output.splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith("KIND"))
    table = []
    for line in lines[start + 1 :]:
        if line.startswith("next reveal"):
            break
        kind, source, reveal, state, *left = line.split()
        table.append([kind, source, reveal, state, " ".join(left)])
    return table
