"""The `series` option: a start, a cadence and pages in order, read into schedule entries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, cast

from mkdocs.config import base
from mkdocs.config.base import BaseConfigOption

from mkdocs_reveal.diagnostics import RevealError
from mkdocs_reveal.integration.option_lines import where
from mkdocs_reveal.timeline.dates import RevealDate
from mkdocs_reveal.timeline.schedule import Entry, normalise_path
from mkdocs_reveal.timeline.series import cadence, parse_every

EXAMPLE = (
    "write it like\n"
    "  series:\n"
    "    chronicles:\n"
    "      start: 2025-11-03\n"
    "      every: 1 week\n"
    "      pages:\n"
    "        - chronicles/part-1.md\n"
    "        - chronicles/part-2.md"
)
KEYS = ("start", "every", "pages")
# Reads a schedule value, given where it is written for messages (the reader's own parser).
Parse = Callable[[Any, str], RevealDate]


@dataclass(frozen=True)
class Series:
    """One series as configured: its start, its cadence and its pages in reveal order."""

    start: str | date | datetime
    every: timedelta
    pages: tuple[str, ...]


class SeriesOption(BaseConfigOption[dict[str, Series]]):
    """Series name → start, cadence and pages; read once the config file is known."""

    def __init__(self) -> None:
        """Declare no series by default."""
        super().__init__()
        self.default: dict[str, Series] = {}

    def run_validation(self, value: object) -> dict[str, Series]:
        """Accept a mapping; its content is read in post_validation, which knows the file."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise base.ValidationError(f"expected a mapping of series names to series: {EXAMPLE}")
        return cast("dict[str, Series]", value)

    def post_validation(self, config: base.Config, key_name: str) -> None:
        """Read every series, naming the config file, the series and the key of a mistake."""
        raw: dict[Any, Any] = config[key_name]
        read: dict[str, Series] = {}
        listed: dict[str, str] = {}
        for name, spec in raw.items():
            place = _place(config.config_file_path, name)
            try:
                series = _read(name, spec)
            except RevealError as error:
                raise base.ValidationError(f"{place}: {error}") from None
            for page in series.pages:
                other = listed.setdefault(page, name)
                if other != name or series.pages.count(page) > 1:
                    raise base.ValidationError(
                        f"{place}: pages: {page} is listed twice (also in {other}): "
                        "a page has one place in one series; remove the second"
                    )
            read[name] = series
        config[key_name] = read


def _read(name: object, spec: object) -> Series:
    """Check one series' keys and read its cadence (its start is read with the schedule)."""
    if not isinstance(name, str) or not name.strip():
        raise RevealError(f"{name!r} is not a series name: {EXAMPLE}")
    if not isinstance(spec, dict):
        raise RevealError(f"expected start, every and pages: {EXAMPLE}")
    unknown = sorted(str(key) for key in spec if key not in KEYS)
    if unknown:
        raise RevealError(f"unknown key {', '.join(unknown)}: {EXAMPLE}")
    missing = [key for key in KEYS if spec.get(key) in (None, "", [])]
    if missing:
        raise RevealError(f"{', '.join(missing)} missing: {EXAMPLE}")
    start = spec["start"]
    if not isinstance(start, str | date):
        raise RevealError(f"start: {start!r} is not a date; write 2025-11-03 or '2025-11-03 09:00'")
    try:
        every = parse_every(spec["every"])
    except RevealError as error:
        raise RevealError(f"every: {error}") from None
    pages = spec["pages"]
    if not isinstance(pages, list) or not all(isinstance(p, str) and p.strip() for p in pages):
        raise RevealError(f"pages: expected a list of page paths: {EXAMPLE}")
    return Series(start, every, tuple(normalise_path(page) for page in pages))


def entries(
    configured: dict[str, Series],
    parse: Parse,
    tz: tzinfo,
    doc_uris: set[str],
    config_file: str | None,
) -> tuple[list[Entry], list[str]]:
    """Each series page's schedule entry (page i at start + i × every), and DST warnings."""
    found: list[Entry] = []
    warnings: list[str] = []
    for name, series in configured.items():
        place = _place(config_file, name)
        for page in series.pages:
            if page not in doc_uris:
                raise RevealError(
                    f"{place}: pages: '{page}' names no page in docs_dir; write the "
                    "path relative to docs_dir, such as blog/part-1.md"
                )
        start = parse(series.start, f"{place}: start")
        try:
            dates = cadence(start, series.every, len(series.pages), tz)
        except RevealError as error:
            raise RevealError(f"{place}: every: {error}") from None
        for number, (page, when) in enumerate(zip(series.pages, dates, strict=True), start=1):
            if number > 1:  # the start's own warnings came with it from `parse`
                warnings.extend(
                    f"{place}: part {number} ({page}): {warning}" for warning in when.warnings
                )
            found.append(Entry(page, when, "series"))
    return found, warnings


def _place(config_file: str | None, name: object) -> str:
    """Where a series is written, for its messages: `mkdocs.yml:14: series: weekly`."""
    return f"{where(config_file, 'series', str(name))}: series: {name}"
