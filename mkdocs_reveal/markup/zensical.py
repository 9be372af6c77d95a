"""The page Zensical renders, found from inside Python-Markdown (tested with Zensical 0.0.73).

Zensical hands an extension only the Markdown text: the front matter is gone and no page is
passed. It does register a preprocessor named `rendering_context` first on every page's Markdown
instance (`zensical/extensions/context.py`), holding the page (`path`, `url`, `meta`: the very
dict Zensical reads back after rendering) and the site's config. That is internal and
undocumented, so it is read by duck typing and checked: inside Zensical without it, the
extension stops the build rather than render a page it cannot judge.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from markdown import Markdown

from mkdocs_reveal.diagnostics import RevealError
from mkdocs_reveal.markup import front_matter

TESTED = "0.0.73"
CONTEXT = "rendering_context"
T = TypeVar("T")


class ContextMoved(RevealError):
    """Zensical runs, but its rendering context is not where this version finds it."""


@dataclass(frozen=True)
class ZensicalPage:
    """What Zensical tells about the page it renders."""

    path: str  # docs-relative with forward slashes, as MkDocs' `src_uri`
    meta: dict[str, Any]  # Zensical's own dict: a change here reaches the page's head and search
    config: Mapping[str, Any]  # the site's config: root_dir, docs_dir, strict, ...
    docs: Path

    @property
    def source(self) -> Path:
        """The page's source file."""
        return self.docs / self.path

    @property
    def shown(self) -> str:
        """The page's path as the author sees it, from the project's folder."""
        docs_dir = Path(str(self.config["docs_dir"]))
        return (docs_dir / self.path).as_posix() if not docs_dir.is_absolute() else self.path

    @property
    def strict(self) -> bool:
        """Whether the author asked for a strict build (`strict: true`, `zensical build -s`)."""
        # Zensical keeps `--strict` out of its config and stops on no warning of ours: the
        # extension stops instead, as `mkdocs build --strict` would.
        flags = {"--strict", "-s"}
        return self.config.get("strict") is True or bool(flags.intersection(sys.argv[1:]))


def running() -> bool:
    """Whether this process is Zensical's."""
    return "zensical" in sys.modules


def find(md: Markdown) -> ZensicalPage | None:
    """The page Zensical renders with this Markdown instance; None outside Zensical.

    Inside Zensical, a context that is missing or shaped otherwise raises `ContextMoved`.
    """
    if CONTEXT not in md.preprocessors:
        if running():
            raise ContextMoved(
                f"Zensical's rendering context ('{CONTEXT}') is not registered: this Zensical "
                f"is not one mkdocs-reveal knows (tested with {TESTED}), and without it a "
                "scheduled page cannot be told from another, so the build stops here. Install "
                f"zensical=={TESTED}, or a mkdocs-reveal that supports this Zensical."
            )
        return None
    processor = md.preprocessors[CONTEXT]
    page = getattr(processor, "page", None)
    config = getattr(processor, "config", None)
    path, meta = getattr(page, "path", None), getattr(page, "meta", None)
    if not (
        isinstance(path, str)
        and isinstance(meta, dict)
        and isinstance(config, Mapping)
        and isinstance(config.get("root_dir"), str)
        and isinstance(config.get("docs_dir"), str)
    ):
        raise ContextMoved(
            f"Zensical's rendering context has changed shape (no page path, meta or docs "
            f"folder where Zensical {TESTED} keeps them), so a scheduled page cannot be told "
            f"from another and the build stops here. Install zensical=={TESTED}, or a "
            "mkdocs-reveal that supports this Zensical."
        )
    return ZensicalPage(path, meta, config, Path(config["root_dir"], config["docs_dir"]))


class PerBuild(Generic[T]):
    """A value made once per Zensical build, although Zensical makes an extension per page.

    A build renders each page once; a page rendered again means a new build (`zensical serve`
    after a change), which reads the clock and the options again, as does a new config.
    """

    def __init__(self) -> None:
        """Hold nothing yet."""
        self.config: object = None
        self.seen: set[str] = set()
        self.value: T | None = None

    def get(self, page: ZensicalPage, make: Callable[[], T]) -> T:
        """The value of this page's build, made on its first page."""
        if self.value is None or self.config is not page.config or page.path in self.seen:
            self.value = make()  # made before anything is kept: an error leaves nothing half set
            self.config, self.seen = page.config, set()
        self.seen.add(page.path)
        return self.value


def source_lines(page: ZensicalPage, lines: list[str]) -> Callable[[int], int]:
    """Map a line of the Markdown the extension sees to its line in the page's source file.

    The lines the preprocessor gets are not the file's: the front matter is gone, and fenced
    code and snippets have been swapped by then. Lines that are still the same are matched,
    on the first line asked about: most pages have nothing to report.
    """
    found: list[tuple[int, list[difflib.Match]]] = []

    def match() -> tuple[int, list[difflib.Match]]:
        """The body's first line in the file, and the runs of lines the two share."""
        try:
            text = page.source.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return 0, []
        offset = front_matter.body_offset(text)
        source = [line.rstrip("\r") for line in text.split("\n")[offset:]]
        matcher = difflib.SequenceMatcher(None, lines, source, autojunk=False)
        return offset, matcher.get_matching_blocks()

    def locate(line: int) -> int:
        """The file line of a 1-based line of the rendered Markdown."""
        if not found:
            found.append(match())
        offset, blocks = found[0]
        index = at_line = line - 1
        for seen, at, _size in blocks:
            if seen > index:
                break
            # Counted from the start of the last matched run at or before the line: exact
            # inside the run, and as near as can be said in what no longer matches.
            at_line = at + (index - seen)
        return offset + at_line + 1

    return locate
