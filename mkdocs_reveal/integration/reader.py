"""What a MkDocs project schedules, read the same way by the plugin and by the CLI.

The plugin reads these during a build; `mkdocs-reveal` reads them without building. Both go
through this module, so a CI job asking "is a reveal due?" judges by exactly the clock and
schedule the next build will use.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_build_datetime
from mkdocs.utils.meta import get_data

from mkdocs_reveal.diagnostics import Problem, RevealError
from mkdocs_reveal.integration.config import RevealConfig
from mkdocs_reveal.markup import tags
from mkdocs_reveal.markup.front_matter import front_matter_line, page_anchor
from mkdocs_reveal.markup.page_schedule import schedule_date, unknown_posts
from mkdocs_reveal.markup.transform import Outcome, Settings, transform
from mkdocs_reveal.timeline.clock import ENV_NOW, resolve_clock
from mkdocs_reveal.timeline.dates import (
    RevealDate,
    parse_time_of_day,
    parse_timezone,
)
from mkdocs_reveal.timeline.schedule import Entry, Schedule, normalise_path

# Either of these pins MkDocs' build date, and so the clock, whatever the real time is.
PINS = (ENV_NOW, "SOURCE_DATE_EPOCH")


def read_clock(
    options: RevealConfig, env: Mapping[str, str] | None = None
) -> tuple[tzinfo, time, datetime]:
    """The site's time zone, its reveal time and the clock, as every build reads them."""
    tz = parse_timezone(options.timezone)
    reveal_time = parse_time_of_day(options.reveal_time)
    clock = resolve_clock(
        env=os.environ if env is None else env,
        option=options.now,
        fallback=get_build_datetime(),
        tz=tz,
        reveal_time=reveal_time,
    )
    return tz, reveal_time, clock


def clock_follows_time(options: RevealConfig, env: Mapping[str, str] | None = None) -> bool:
    """Whether the clock is the real time (nothing pins it), so it moves between builds."""
    environment = os.environ if env is None else env
    if any(environment.get(name, "").strip() for name in PINS):
        return False
    now = options.now
    return now is None or (isinstance(now, str) and not now.strip())


def read_schedule(
    options: RevealConfig, files: Files, settings: Settings, config: MkDocsConfig
) -> tuple[Schedule, list[str]]:
    """Merge the config's schedule with `reveal:` front matter; return it and its warnings."""
    schedule = Schedule()
    warnings: list[str] = []
    doc_uris = {file.src_uri for file in files.documentation_pages()}
    for path, value in options.schedule.items():
        key = normalise_path(path)
        if key not in doc_uris:
            raise RevealError(
                f"{config.config_file_path}: schedule: '{path}' names no page in "
                f"docs_dir ({config.docs_dir}); write the path relative to docs_dir, "
                "such as blog/part-1.md"
            )
        when = _parse(value, f"{config.config_file_path}: schedule: {path}", settings, warnings)
        schedule.add(Entry(key, when, "config"))
    for file in files.documentation_pages():
        text = file.content_string
        # Cheap test first: front matter is only parsed on pages that can have `reveal:`.
        if not text.startswith("---") or "reveal" not in text[:2000]:
            continue
        _, meta = get_data(text)
        if "reveal" not in meta:
            continue
        line, written = front_matter_line(text, "reveal")
        where = f"{display_path(file.src_uri, config)}:{line}: front matter `reveal`"
        value = meta["reveal"]
        # What the author wrote, not Python's repr of what YAML made of it.
        when = _parse(
            value if isinstance(value, str | date) else written, where, settings, warnings
        )
        disagreement = schedule.add(Entry(file.src_uri, when, "front matter"))
        if disagreement:
            warnings.append(disagreement)
    return schedule, warnings


def _parse(value: Any, where: str, settings: Settings, warnings: list[str]) -> RevealDate:
    """Parse a schedule date; a bad one is an error, since nothing can be judged by it."""
    parsed = schedule_date(value, where, settings)
    warnings.extend(f"{where}: {warning}" for warning in parsed.warnings)
    return parsed


def body_line(source: str, markdown: str) -> int:
    """The source line the Markdown body starts on, after the front matter is removed."""
    if not source.endswith(markdown):
        return 1
    return source[: len(source) - len(markdown)].count("\n") + 1


@dataclass
class Found:
    """The previews and stamps of one page, and what was wrong with them."""

    src_uri: str
    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def find_previews(
    files: Files, settings: Settings, schedule: Schedule, config: MkDocsConfig
) -> list[Found]:
    """Judge every page's tags at the clock, as a build would, without rendering anything."""
    fences = tags.fence_rule(name for name in config.markdown_extensions if isinstance(name, str))
    found: list[Found] = []
    doc_uris = {file.src_uri for file in files.documentation_pages()}
    for file in files.documentation_pages():
        entry = schedule.entries.get(file.src_uri)
        if entry is not None and not entry.revealed(settings.clock):
            # A build shows a sealed page's stand-in, not its own tags: they are not on the site.
            continue
        source = file.content_string
        if not tags.MENTION.search(source):
            continue
        markdown, meta = get_data(source)
        result = transform(
            markdown,
            settings,
            lambda html: "",  # nothing is rendered: only the outcomes are wanted
            anchor=page_anchor(meta, settings),
            schedule=lambda post: schedule.instant(normalise_path(post)),
            first_line=body_line(source, markdown),
            fences=fences,
        )
        problems = sorted(
            [*result.problems, *unknown_posts(result.outcomes, doc_uris)],
            key=lambda problem: problem.line,
        )
        if result.outcomes or problems:
            found.append(Found(file.src_uri, result.outcomes, problems))
    return found


def display_path(src_uri: str, config: MkDocsConfig) -> str:
    """A docs file's path as the author sees it: relative to the config file's folder."""
    prefix = _docs_prefix(config.docs_dir, config.config_file_path)
    return f"{prefix}/{src_uri}" if prefix else src_uri


@functools.cache
def _docs_prefix(docs_dir: str, config_file: str | None) -> str | None:
    """docs_dir relative to the config file's folder, worked out once per site."""
    root = Path(config_file or ".").parent.resolve()
    try:
        return Path(docs_dir).resolve().relative_to(root).as_posix()
    except ValueError:
        return None


def not_utf8(files: Iterable[File], config: MkDocsConfig) -> str:
    """Describe the first page that is not UTF-8: where it goes wrong, and how to fix it."""
    root = Path(config.config_file_path or ".").resolve().parent
    for file in files:
        if not file.is_documentation_page() or file.abs_src_path is None:
            continue
        data = Path(file.abs_src_path).read_bytes()
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            # `start` counts from the end of a BOM if there is one.
            at = error.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
            line = data.count(b"\n", 0, at) + 1
            column = at - (data.rfind(b"\n", 0, at) + 1) + 1
            path = Path(file.abs_src_path).resolve()
            shown = path.relative_to(root) if path.is_relative_to(root) else path
            return (
                f"{shown}:{line}: this page is not UTF-8 (byte 0x{data[at]:02x} at column "
                f"{column}); MkDocs reads pages as UTF-8: save it as UTF-8 and build again"
            )
    return "a page is not UTF-8; MkDocs reads pages as UTF-8: save it as UTF-8"
