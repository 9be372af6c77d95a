"""What a MkDocs project schedules, read the same way by the plugin and by the CLI.

The plugin reads these during a build; `mkdocs-reveal` reads them without building. Both go
through this module, so a CI job asking "is a reveal due?" judges by exactly the clock and
schedule the next build will use.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, time, tzinfo
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_build_datetime
from mkdocs.utils.meta import get_data

from mkdocs_reveal.diagnostics import Problem, RevealError
from mkdocs_reveal.integration import front_matter, series
from mkdocs_reveal.integration.config import RevealConfig
from mkdocs_reveal.integration.languages import (
    Languages,
    covering,
    lookup,
    naming,
    other_languages,
    scheduled_instant,
)
from mkdocs_reveal.integration.option_lines import where
from mkdocs_reveal.markup import code, names
from mkdocs_reveal.markup.front_matter import page_anchor
from mkdocs_reveal.markup.page_schedule import schedule_date, unknown_posts
from mkdocs_reveal.markup.transform import Outcome, Settings, transform
from mkdocs_reveal.timeline.clock import ENV_NOW, resolve_clock
from mkdocs_reveal.timeline.dates import (
    RevealDate,
    parse_time_of_day,
    parse_timezone,
)
from mkdocs_reveal.timeline.schedule import HELD, Entry, Hold, Schedule, is_hold, normalise_path

# Either of these pins MkDocs' build date, and so the clock, whatever the real time is.
PINS = (ENV_NOW, "SOURCE_DATE_EPOCH")


def read_clock(
    options: RevealConfig,
    env: Mapping[str, str] | None = None,
    warnings: list[str] | None = None,
) -> tuple[tzinfo, time, datetime]:
    """The site's time zone, its reveal time and the clock, as every build reads them.

    A clock pinned inside a DST gap or overlap adds a warning to `warnings`.
    """
    tz = parse_timezone(options.timezone)
    reveal_time = parse_time_of_day(options.reveal_time)
    clock = resolve_clock(
        env=os.environ if env is None else env,
        option=options.now,
        fallback=get_build_datetime(),
        tz=tz,
        reveal_time=reveal_time,
        where=f"{where(options.config_file_path, 'now')}: ",
        warnings=warnings,
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
    """Every schedule source, read whole: config, series, front matter, meta files, previews."""
    schedule = Schedule()
    warnings: list[str] = []
    for path, value in options.schedule.items():
        key = normalise_path(path)
        if is_hold(value):
            schedule.hold(key, "config")
            continue
        place = where(config.config_file_path, "schedule", path)
        when = _parse(value, f"{place}: schedule: {path}", settings, warnings)
        schedule.add(Entry(key, when, "config", place))
    doc_uris = {file.src_uri for file in files.documentation_pages()}
    cadenced, late = series.entries(
        options.series,
        lambda value, place: _parse(value, place, settings, warnings),
        settings.tz,
        # A series may name its pages in any language, or in none, as a schedule key may.
        naming(doc_uris, other_languages(config)),
        config.config_file_path,
    )
    warnings.extend(late)
    if cadenced:
        place = where(config.config_file_path, "series")
        cadenced = [dataclasses.replace(entry, where=place) for entry in cadenced]
    warnings.extend(filter(None, map(schedule.add, cadenced)))
    pages = files.documentation_pages()
    schedule_pages(
        schedule, pages, files=files, settings=settings, config=config, warnings=warnings
    )
    return schedule, warnings


def schedule_pages(
    schedule: Schedule,
    pages: Iterable[File],
    *,
    files: Files,
    settings: Settings,
    config: MkDocsConfig,
    warnings: list[str],
) -> None:
    """Add what these pages' sources and meta files schedule, and the posts their previews date."""
    pages = list(pages)
    defaults = meta_file_dates(files, settings, config, warnings)
    for file in pages:
        entry = page_entry(file, settings, config, warnings) or _inherited(file, defaults)
        if isinstance(entry, Hold):
            schedule.hold(file.src_uri, "front matter")
        elif entry is not None:
            _add(schedule, entry, warnings)
    _date_posts(schedule, pages, files=files, settings=settings, config=config, warnings=warnings)


def check_schedule_paths(
    options: RevealConfig, doc_uris: set[str], config: MkDocsConfig, languages: Languages
) -> None:
    """Every page the config schedules must exist once all plugins have added theirs.

    A path may name the page in any of its languages, or in none (`blog/part.md` where the
    i18n plugin keeps `en/blog/part.md` and `fr/blog/part.md`): the build seals every one.
    """
    pages = {languages.neutral_path(uri) for uri in doc_uris}
    for path in options.schedule:
        if languages.neutral_path(normalise_path(path)) not in pages:
            place = where(config.config_file_path, "schedule", path)
            raise RevealError(
                f"{place}: schedule: '{path}' names no page in "
                f"docs_dir ({config.docs_dir}); write the path relative to docs_dir, "
                "such as blog/part-1.md"
            )


def page_entry(
    file: File, settings: Settings, config: MkDocsConfig, warnings: list[str]
) -> Entry | Hold | None:
    """A page's own `reveal:`, read whole from its source; unreadable is an error."""
    shown = display_path(file.src_uri, config)
    try:
        found = front_matter.read_reveal(file.content_string)
    except RevealError as error:
        raise RevealError(f"{shown}:{error}") from None
    if found is None:
        return None
    place = f"{shown}:{found.line}"
    if found.warning:
        warnings.append(f"{place}: front matter `reveal`: {found.warning}")
    if is_hold(found.value):
        return HELD
    when = _parse(found.readable, f"{place}: front matter `reveal`", settings, warnings)
    return Entry(file.src_uri, when, "front matter", place)


def meta_file_dates(
    files: Files, settings: Settings, config: MkDocsConfig, warnings: list[str]
) -> dict[str, RevealDate | Hold]:
    """`reveal:` set in meta files (Material's meta plugin), by the folder they apply to."""
    name = _meta_file_name(config)
    dates: dict[str, RevealDate | Hold] = {}
    for file in files:
        if posixpath.basename(file.src_uri) != name or file.abs_src_path is None:
            continue
        shown = display_path(file.src_uri, config)
        try:
            text = Path(file.abs_src_path).read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise RevealError(
                f"{shown}: this meta file is not UTF-8, so its `reveal:` cannot be read: save "
                "it as UTF-8"
            ) from None
        try:
            found = front_matter.read_reveal(f"---\n{text}\n---\n")
        except RevealError as error:
            line, _, message = str(error).partition(":")
            raise RevealError(f"{shown}:{int(line) - 1}:{message}") from None
        if found is not None:
            place = f"{shown}:{found.line - 1}: `reveal`"
            value = found.readable
            folder = posixpath.dirname(file.src_uri)
            dates[folder] = HELD if is_hold(value) else _parse(value, place, settings, warnings)
    return dates


def _meta_file_name(config: MkDocsConfig) -> str:
    """The file name Material's meta plugin reads defaults from (`.meta.yml` unless set)."""
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] == "meta" and "meta_file" in getattr(plugin, "config", {}):
            return str(plugin.config["meta_file"])
    return ".meta.yml"


def _inherited(file: File, defaults: dict[str, RevealDate | Hold]) -> Entry | Hold | None:
    """A page's date from the deepest meta file that covers it (its own front matter wins)."""
    # Covered as Material's meta plugin covers pages: by a plain prefix of the path, so that
    # `blog/.meta.yml` covers `blogroll/` too. Where Material applies a date, so do we.
    covering = [folder for folder in defaults if file.src_uri.startswith(folder)]
    if not covering:
        return None
    date = defaults[max(covering, key=len)]
    return date if isinstance(date, Hold) else Entry(file.src_uri, date, "meta file")


def _date_posts(
    schedule: Schedule,
    pages: list[File],
    *,
    files: Files,
    settings: Settings,
    config: MkDocsConfig,
    warnings: list[str],
) -> None:
    """A dated preview that names a post seals that post until the later of the two dates."""
    doc_uris = {file.src_uri for file in files.documentation_pages()}
    languages = other_languages(config)
    # A post may be named in any language, or in none, as a schedule key may.
    named = naming(doc_uris, languages)
    for found in find_previews(pages, settings, schedule, config, doc_uris):
        for outcome in found.outcomes:
            if not outcome.post:
                continue
            post = normalise_path(outcome.post)
            if outcome.instant is None and outcome.state == "sealed" and post in named:
                # The preview's date cannot be read (it warns): its post waits with it.
                if scheduled_instant(schedule, post, languages) is None:
                    shown = display_path(found.src_uri, config)
                    warnings.append(
                        f"{shown}:{outcome.line}: this PostPreview has no date that can be read, "
                        f"so {post}, which has no date of its own, stays sealed too: give the "
                        "preview or the page a date"
                    )
                    schedule.hold(post, "preview")
                continue
            if outcome.instant is None:
                continue
            # The post in any language: a French preview may name the French copy of a page
            # scheduled by its English or neutral path.
            known = scheduled_instant(schedule, post, languages)
            if post not in named or isinstance(known, Hold):
                continue  # a held page stays sealed whatever a preview says
            if known is not None and known >= outcome.instant:
                continue
            shown = display_path(found.src_uri, config)
            before = f"at {known.isoformat()}" if known else "with no date of its own"
            warnings.append(
                f"{shown}:{outcome.line}: this PostPreview reveals {post} at "
                f"{outcome.instant.isoformat()}, but the page itself is scheduled {before}: "
                "the page stays sealed until the preview's date; give both the same date"
            )
            words = outcome.words or outcome.instant.isoformat()
            date = RevealDate(outcome.instant, words, date_only=False)
            schedule.entries[post] = Entry(post, date, "preview")


def _add(schedule: Schedule, entry: Entry, warnings: list[str]) -> None:
    """Add an entry, noting where two sources disagree (the later one wins)."""
    disagreement = schedule.add(entry)
    if disagreement:
        warnings.append(disagreement)


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
    pages: Iterable[File],
    settings: Settings,
    schedule: Schedule,
    config: MkDocsConfig,
    doc_uris: set[str],
) -> list[Found]:
    """Judge every page's tags at the clock, as a build would, without rendering anything."""
    rules = code.dialect(name for name in config.markdown_extensions if isinstance(name, str))
    languages = other_languages(config)
    named = naming(doc_uris, languages)
    found: list[Found] = []
    for file in pages:
        entry, held = covering(schedule, file.src_uri, languages)
        if held or (entry and not entry.revealed(settings.clock)):
            # A build shows a sealed page's stand-in, not its own tags: they are not on the site.
            continue
        source = file.content_string
        if not names.mentions(source):
            continue
        markdown, meta = get_data(source)
        result = transform(
            markdown,
            settings,
            lambda html: "",  # nothing is rendered: only the outcomes are wanted
            page_date=page_anchor(meta, settings),
            schedule=lookup(schedule, languages),
            first_line=body_line(source, markdown),
            rules=rules,
        )
        problems = sorted(
            [*result.problems, *unknown_posts(result.outcomes, named)],
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
