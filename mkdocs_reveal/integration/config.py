"""The plugin's options, validated by MkDocs' own config machinery."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption

from mkdocs_reveal.diagnostics import RevealError
from mkdocs_reveal.integration.option_lines import composed, normal_key, where
from mkdocs_reveal.integration.series import SeriesOption
from mkdocs_reveal.timeline.dates import parse_reveal_date, parse_time_of_day, parse_timezone
from mkdocs_reveal.timeline.schedule import is_hold

UTC = timezone.utc
MIDNIGHT = time()


def unloadable_value(config_file: str) -> str | None:
    """Say which value YAML itself cannot load (an impossible date), where, and how to fix it.

    YAML reads an unquoted 2027-02-29 as a date and fails with a bare ValueError that names
    neither the file nor the line; this finds the value on the file's nodes instead.
    """
    try:
        text = Path(config_file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    root = composed(text)
    loader = yaml.SafeLoader("")
    for node in _scalars(root):
        if node.tag != "tag:yaml.org,2002:timestamp":
            continue
        try:
            loader.construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            try:
                parse_reveal_date(node.value, tz=UTC, reveal_time=MIDNIGHT, anchor=_epoch(UTC))
                reason = "it is not a date"
            except RevealError as error:
                reason = str(error)
            return (
                f"{Path(config_file).name}:{node.start_mark.line + 1}: {node.value} is not a "
                f"date: {reason}"
            )
    return None


def _scalars(node: yaml.Node | None) -> list[yaml.ScalarNode]:
    """Every scalar node under a node, in the order they are written."""
    if isinstance(node, yaml.ScalarNode):
        return [node]
    if isinstance(node, yaml.SequenceNode):
        return [found for item in node.value for found in _scalars(item)]
    if isinstance(node, yaml.MappingNode):
        return [found for pair in node.value for item in pair for found in _scalars(item)]
    return []


class Timezone(c.Type[str]):
    """An IANA time zone name; a wrong one is a config error, never silently local time."""

    def __init__(self, default: str = "UTC") -> None:
        """Declare a string option with a default."""
        super().__init__(str, default=default)

    def post_validation(self, config: base.Config, key_name: str) -> None:
        """Reject names that are not IANA time zones, naming the option's line."""
        _located(config, key_name, parse_timezone)


class TimeOfDay(BaseConfigOption[str]):
    """A time of day such as "09:00" (YAML may hand "09:00" over as minutes: 540)."""

    def __init__(self, default: str = "00:00") -> None:
        """Declare the option with a default."""
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> str:
        """Accept HH:MM[:SS]."""
        if isinstance(value, int) and not isinstance(value, bool):
            # YAML 1.1 reads an unquoted 09:00 as sexagesimal 540; turn it back into a time.
            value = f"{value // 60:02d}:{value % 60:02d}"
        if not isinstance(value, str):
            raise base.ValidationError(f"expected a time of day such as '09:00', got {value!r}")
        return value

    def post_validation(self, config: base.Config, key_name: str) -> None:
        """Accept HH:MM[:SS], naming the option's line otherwise."""
        _located(config, key_name, parse_time_of_day)


def _located(config: base.Config, key_name: str, read: Callable[[str], object]) -> None:
    """Read an option's value; what cannot be read is an error at its line in mkdocs.yml."""
    try:
        read(config[key_name])
    except RevealError as error:
        raise base.ValidationError(f"{where(config.config_file_path, key_name)}: {error}") from None


DateValue = str | date | datetime


class Schedule(BaseConfigOption[dict[str, DateValue]]):
    """Page path (relative to docs_dir) → reveal date; each date is checked once all is read."""

    def __init__(self) -> None:
        """Declare an empty mapping by default."""
        super().__init__()
        self.default: dict[str, DateValue] = {}

    def run_validation(self, value: object) -> dict[str, DateValue]:
        """Check the shape: a mapping of paths to dates."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise base.ValidationError("expected a mapping of page paths to reveal dates")
        checked: dict[str, DateValue] = {}
        for key, when in value.items():
            if not isinstance(key, str) or not key.strip():
                raise base.ValidationError(f"{key!r} is not a page path such as blog/part-1.md")
            if not isinstance(when, str | date):
                raise base.ValidationError(
                    f"{key}: {when!r} is not a date; write 2025-11-03 or '2025-11-03 09:00'"
                )
            checked[normal_key(key)] = when
        return checked

    def post_validation(self, config: base.Config, key_name: str) -> None:
        """Parse every date in the configured time zone, naming the key of a bad one."""
        entries: dict[str, DateValue] = config[key_name]
        try:
            tz = parse_timezone(config["timezone"])
            reveal_time = parse_time_of_day(config["reveal_time"])
        except RevealError:
            return  # already reported by those options
        for path, when in entries.items():
            if is_hold(when):
                continue  # held: sealed with no date
            try:
                parse_reveal_date(when, tz=tz, reveal_time=reveal_time, anchor=_epoch(tz))
            except RevealError as error:
                place = where(config.config_file_path, key_name, path)
                raise base.ValidationError(f"{place}: schedule: {path}: {error}") from None


def _epoch(tz: Any) -> datetime:
    """An anchor for config dates; they must carry a year, so its value does not matter."""
    return datetime(2000, 1, 1, tzinfo=tz)


class Clock(BaseConfigOption[DateValue | None]):
    """An ISO 8601 date or datetime that pins the build's clock."""

    def run_validation(self, value: object) -> DateValue | None:
        """Accept an ISO string or a YAML date/datetime."""
        if value is None or isinstance(value, date):
            return value
        if not isinstance(value, str):
            raise base.ValidationError(f"expected an ISO 8601 date or datetime, got {value!r}")
        return value


class Minutes(BaseConfigOption[int]):
    """A whole number of minutes, at least GitHub's shortest schedule interval of 5."""

    def __init__(self, default: int) -> None:
        """Declare the option with a default."""
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> int:
        """Accept an integer number of minutes, 5 or more."""
        # bool is an int to Python, but `cron_interval: true` is a mistake, not one minute.
        if not isinstance(value, int) or isinstance(value, bool) or value < 5:
            raise base.ValidationError(
                f"expected the minutes between scheduled deploys, 5 or more (GitHub runs "
                f"schedules at most every 5 minutes), such as 60; got {value!r}"
            )
        return value


class RevealConfig(base.Config):
    """Options of the `reveal` plugin."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off (sealed content would then be published: use with care)."""

    timezone = Timezone(default="UTC")
    """IANA time zone of dates written without an offset."""

    reveal_time = TimeOfDay(default="00:00")
    """Time of day that date-only values take, in `timezone`."""

    schedule = Schedule()
    """Page path (relative to docs_dir) → reveal date or datetime, or `hold`."""

    series = SeriesOption()
    """Series name → start, every (N days or N weeks) and pages, revealed one per step."""

    sealed_pages = c.Choice(("placeholder", "exclude"), default="placeholder")
    """`placeholder`: a bookmarkable stub; `exclude`: no page at all until revealed."""

    preview = c.Type(bool, default=False)
    """Author preview: show sealed content, marked as such (env MKDOCS_REVEAL_PREVIEW=1)."""

    locale = c.Optional(c.Type(str))
    """Language of stamps and dates; default: the theme's language."""

    now = Clock()
    """Pin the clock (ISO 8601); env MKDOCS_REVEAL_NOW wins over it."""

    leak_check = c.Type(bool, default=True)
    """After the build, prove that no sealed text reached any output file."""

    cron_interval = Minutes(default=60)
    """Minutes between the deploy workflow's scheduled runs; closer reveals get a notice."""

    notices = c.Choice(("info", "warning"), default="info")
    """Level of the publishing notices; `warning` makes `mkdocs build --strict` fail on them."""
