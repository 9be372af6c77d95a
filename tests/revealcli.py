"""Running the `mkdocs-reveal` command as a user does, and reading its status table."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from sitebuild import environment

SCRIPT = Path(sys.executable).with_name("mkdocs-reveal")


def run(
    root: Path, *args: str, now: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs-reveal ARGS` in a folder, with the clock pinned (or not) by the environment."""
    pinned = {"MKDOCS_REVEAL_NOW": now} if now is not None else {}
    command = (
        [str(SCRIPT)] if SCRIPT.exists() else [shutil.which("mkdocs-reveal") or "mkdocs-reveal"]
    )
    return capture([*command, *args], root, environment(**{**(env or {}), **pinned}))


def capture(argv: list[str], root: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a command in a folder with exactly this environment; capture what it prints."""
    return subprocess.run(
        argv, cwd=root, env=env, capture_output=True, text=True, timeout=120, check=False
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
