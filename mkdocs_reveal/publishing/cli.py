"""`mkdocs-reveal`: what is scheduled, when the next reveal is and whether one is due.

It reads `mkdocs.yml`, the pages and the clock exactly as a build does (through `project`),
but builds nothing, so a CI job can ask cheaply whether a deploy is worth it.

Exit codes: 0 yes / done, 1 no (nothing pending, nothing due), 2 a usage or input error.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone, tzinfo
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import get_files

from mkdocs_reveal.diagnostics import RevealError
from mkdocs_reveal.integration import reader as project
from mkdocs_reveal.integration.config import RevealConfig
from mkdocs_reveal.integration.plugin import RevealPlugin
from mkdocs_reveal.markup.transform import Settings
from mkdocs_reveal.publishing import check_command
from mkdocs_reveal.publishing.deploy_notices import publishing_notices
from mkdocs_reveal.publishing.manifest import Item, ordered
from mkdocs_reveal.timeline.clock import read_instant
from mkdocs_reveal.timeline.schedule import next_reveal

PROG = "mkdocs-reveal"
DEFAULT_CONFIGS = ("mkdocs.yml", "mkdocs.yaml")


class UsageError(Exception):
    """Something the user must fix before the command can answer: exit 2."""


@dataclass
class Site:
    """A project read without building: its options, its settings and what it schedules."""

    path: Path
    options: RevealConfig
    settings: Settings
    items: list[Item]
    warnings: list[str]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    _show_mkdocs_messages()
    try:
        site = _read_site(getattr(args, "config_file", None), getattr(args, "at", None))
        for warning in site.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if site.warnings and getattr(args, "strict", False):
            # As `mkdocs build --strict` would stop on the same warnings.
            raise UsageError(f"{len(site.warnings)} warning(s) in strict mode: fix them first")
        command: Callable[[Site, argparse.Namespace], int] = args.run
        return command(site, args)
    except UsageError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    """The command line: three commands, each taking -f like `mkdocs` does."""
    config = argparse.ArgumentParser(add_help=False)
    config.add_argument(
        "-f",
        "--config-file",
        metavar="FILE",
        # SUPPRESS: given before or after the command, neither default hides the other.
        default=argparse.SUPPRESS,
        help="the MkDocs config file (default: mkdocs.yml in the current folder)",
    )
    config.add_argument(
        "-s",
        "--strict",
        action="store_true",
        default=argparse.SUPPRESS,
        help="exit 2 on any warning, as `mkdocs build --strict` stops on it",
    )
    parser = argparse.ArgumentParser(
        prog=PROG,
        parents=[config],
        description="When is the next reveal, and is one due? Reads mkdocs.yml and the same "
        "clock as `mkdocs build` (MKDOCS_REVEAL_NOW, the `now` option, the real time); "
        "builds nothing.",
        epilog="Exit codes: 0 yes, 1 no (nothing pending or due), 2 a usage or input error.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    status = commands.add_parser(
        "status", parents=[config], help="every scheduled item: its instant, state, time left"
    )
    status.add_argument(
        "--at", metavar="WHEN", help="judge at this ISO 8601 instant instead of the clock"
    )
    status.set_defaults(run=_status)
    upcoming = commands.add_parser(
        "next", parents=[config], help="the next reveal instant; exit 1 when nothing is pending"
    )
    upcoming.add_argument(
        "--format",
        choices=("iso", "cron"),
        default="iso",
        help="iso: ISO 8601 with the site's offset (default); cron: a one-off UTC cron line",
    )
    upcoming.set_defaults(run=_next)
    due = commands.add_parser(
        "due", parents=[config], help="exit 0 when anything was revealed in (WHEN, now], else 1"
    )
    due.add_argument(
        "--since", metavar="WHEN", required=True, help="ISO 8601, such as the last deploy"
    )
    due.add_argument(
        "--grace",
        metavar="MINUTES",
        type=_minutes,
        default=0,
        help="look back this many minutes more before WHEN, for clocks that disagree",
    )
    due.set_defaults(run=_due)
    check = commands.add_parser(
        "check",
        parents=[config],
        help="prove a built site holds nothing sealed; exit 1 naming each file that does",
    )
    check_command.add_arguments(check)
    check.set_defaults(run=check_command.run)
    return parser


def _show_mkdocs_messages() -> None:
    """Print MkDocs' own warnings and errors (a bad config option is explained there)."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        handler.setLevel(logging.WARNING)
        logger.addHandler(handler)
        logger.propagate = False


def _config_path(given: str | None) -> Path:
    """The config file to read: the one given, else mkdocs.yml (or .yaml) here."""
    if given is not None:
        path = Path(given)
        if not path.is_file():
            raise UsageError(f"no config file at {path}: pass -f path/to/mkdocs.yml")
        return path
    for name in DEFAULT_CONFIGS:
        if Path(name).is_file():
            return Path(name)
    raise UsageError(
        f"no mkdocs.yml in {Path.cwd()}: run {PROG} in your project's folder or pass "
        "-f path/to/mkdocs.yml"
    )


def _read_site(given: str | None, at: str | None) -> Site:
    """Read the config, the clock and every scheduled item, as a build would."""
    path = _config_path(given)
    try:
        config: MkDocsConfig = load_config(config_file=str(path))
    except MkDocsException as error:
        # MkDocs has already printed what was wrong with the config.
        raise UsageError(f"{path}: {error.format_message()}") from None
    plugin = next((p for p in config.plugins.values() if isinstance(p, RevealPlugin)), None)
    if plugin is None:
        raise UsageError(f"{path}: the `reveal` plugin is not in `plugins`, so nothing is sealed")
    options = plugin.config
    if not options.enabled:
        raise UsageError(f"{path}: the `reveal` plugin has enabled: false, so nothing is sealed")
    try:
        tz, reveal_time, clock = project.read_clock(options)
        if at is not None:
            clock = _place(at, "--at", tz, reveal_time)
        settings = Settings(clock, tz, reveal_time)
        files = get_files(config)
        schedule, warnings = project.read_schedule(options, files, settings, config)
        found = project.find_previews(files, settings, schedule, config)
    except RevealError as error:
        raise UsageError(str(error)) from None
    items = [
        Item("page", entry.instant, "revealed" if entry.revealed(settings.clock) else "sealed", src)
        for src, entry in schedule.entries.items()
    ]
    for page in found:
        items.extend(
            Item(outcome.kind, outcome.instant, outcome.state, page.src_uri, outcome.line)
            for outcome in page.outcomes
        )
        warnings.extend(
            f"{project.display_path(page.src_uri, config)}:{problem.line}: {problem.message}"
            for problem in page.problems
        )
    return Site(path, options, settings, ordered(items, by_source=True), warnings)


def _place(text: str, name: str, tz: tzinfo, reveal_time: time) -> datetime:
    """An ISO 8601 WHEN as an instant: a date at reveal_time, a naive time in the site's zone."""
    # The same reading as the clock's: DST gaps move forward, overlaps take the earlier.
    try:
        return read_instant(
            text,
            tz,
            reveal_time,
            f"{name}: '{text}'",
            "write it like 2025-11-03 or 2025-11-03T09:00",
        )
    except RevealError as error:
        raise UsageError(str(error)) from None


def _minutes(text: str) -> int:
    """A --grace value: whole minutes, zero or more."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected whole minutes, 0 or more, got {text!r}")
    return value


def _left(instant: datetime | None, clock: datetime) -> str:
    """Time left until an instant, as 11d 21h 00m; '-' once it has passed."""
    if instant is None:
        return "never (no readable date)"
    if instant <= clock:
        return "-"
    minutes = int((instant - clock).total_seconds() + 59) // 60  # round up: never early
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    return f"{days}d {hours:02d}h {minutes:02d}m" if days else f"{hours}h {minutes:02d}m"


def _status(site: Site, args: argparse.Namespace) -> int:
    """Print every scheduled item with its instant, state and time left."""
    settings, tz_name = site.settings, site.options.timezone
    print(f"clock: {settings.clock.isoformat()} ({tz_name})")
    rows = [("KIND", "SOURCE", f"REVEAL ({tz_name})", "STATE", "LEFT")]
    for item in site.items:
        where = f"{item.source}:{item.line}" if item.line else item.source
        when = item.instant.astimezone(settings.tz).isoformat() if item.instant else "no date"
        rows.append((item.kind, where, when, item.state, _left(item.instant, settings.clock)))
    if len(rows) == 1:
        print("nothing is scheduled: no `schedule`, `reveal:` front matter or tags")
    else:
        widths = [max(len(row[column]) for row in rows) for column in range(4)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            print("  ".join([*cells, row[4]]).rstrip())
    upcoming = next_reveal([item.instant for item in site.items], settings.clock)
    if upcoming is None:
        print("next reveal: none pending")
    else:
        local = upcoming.astimezone(settings.tz).isoformat()
        print(f"next reveal: {local}, in {_left(upcoming, settings.clock)}")
    interval = timedelta(minutes=site.options.cron_interval)
    for notice in publishing_notices(
        [item.instant for item in site.items], settings.clock, interval, settings.tz
    ):
        print(f"notice: {notice}")
    return 0


def _next(site: Site, args: argparse.Namespace) -> int:
    """Print the next reveal instant; exit 1 when nothing is pending."""
    settings = site.settings
    upcoming = next_reveal([item.instant for item in site.items], settings.clock)
    iso = upcoming.astimezone(settings.tz).isoformat() if upcoming else ""
    _github_output(next_reveal=iso, next_reveal_cron=_cron(upcoming) if upcoming else "")
    if upcoming is None:
        print(f"nothing pending at {settings.clock.isoformat()}", file=sys.stderr)
        return 1
    print(_cron(upcoming) if args.format == "cron" else iso)
    return 0


def _cron(instant: datetime) -> str:
    """A one-off cron line in UTC (minute hour day month *), never before the instant."""
    utc = instant.astimezone(timezone.utc)
    if utc.second or utc.microsecond:
        # Cron counts whole minutes: running at 09:00 for a 09:00:30 reveal would be early.
        utc = utc.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return f"{utc.minute} {utc.hour} {utc.day} {utc.month} *"


def _github_output(**values: str) -> None:
    """Append name=value lines to the file GitHub Actions names in $GITHUB_OUTPUT, if any."""
    target = os.environ.get("GITHUB_OUTPUT")
    if not target:
        return
    with Path(target).open("a", encoding="utf-8") as output:
        for name, value in values.items():
            output.write(f"{name}={value}\n")


def _due(site: Site, args: argparse.Namespace) -> int:
    """Exit 0 when anything was revealed after WHEN and up to the clock, else 1."""
    settings = site.settings
    since = _place(args.since, "--since", settings.tz, settings.reveal_time)
    since -= timedelta(minutes=args.grace)
    due = [
        item
        for item in site.items
        if item.instant is not None and since < item.instant <= settings.clock
    ]
    window = f"({since.astimezone(settings.tz).isoformat()}, {settings.clock.isoformat()}]"
    if not due:
        print(f"nothing revealed in {window}")
        return 1
    print(f"{len(due)} revealed in {window}:")
    for item in due:
        where = f"{item.source}:{item.line}" if item.line else item.source
        assert item.instant is not None
        print(f"  {item.instant.astimezone(settings.tz).isoformat()}  {item.kind}  {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
