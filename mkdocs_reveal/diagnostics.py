"""Problems found in an author's input, and the project's own error type."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

# Under the `mkdocs` logger on purpose: MkDocs' --strict counts only warnings logged there,
# and the Markdown layer must report the same way when it runs without the plugin.
log = logging.getLogger("mkdocs.plugins.reveal")

Severity = Literal["warning", "error"]


class RevealError(Exception):
    """An input the project cannot make sense of; the only exception the project raises."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a page: where, what, and how to fix it."""

    line: int
    message: str
    severity: Severity = "warning"

    def located(self, path: str | None) -> str:
        """Return the message prefixed with `path:line` (or `line N` without a path)."""
        where = f"{path}:{self.line}" if path else f"line {self.line}"
        return f"{where}: {self.message}"


def report(problems: list[Problem], path: str | None) -> None:
    """Log each problem through the reveal logger, with its location."""
    for problem in problems:
        level = logging.ERROR if problem.severity == "error" else logging.WARNING
        log.log(level, "reveal: %s", problem.located(path))
