"""Pages that must build a certain way, one per case, and what a build of them must show."""

from __future__ import annotations

from dataclasses import dataclass

from sitebuild import Build

NOW = "2025-11-12T12:00:00+01:00"
SEALED = 'date="2025-11-24"'
REVEALED = 'date="2025-11-01"'


@dataclass(frozen=True)
class Case:
    """One odd page: what must stay sealed, what must show and where, what is reported."""

    text: str
    sealed: tuple[str, ...] = ()
    shown: tuple[str, ...] = ()
    inside: str | None = None  # an element (tag.class) every shown word must sit in
    message: str | None = None  # "line: words" expected in the log for this page
    encoding: str = "utf-8"


def assert_sealed_and_said(build: Build, name: str, case: Case) -> None:
    """No traceback, none of the case's sealed words in any file, and its message logged."""
    assert "Traceback" not in build.log
    for word in case.sealed:
        assert build.containing(word) == [], f"{word!r} leaked"
    if case.message:
        assert f"WARNING -  reveal: docs/{name}.md:{case.message}" in build.log
