"""`mkdocs-reveal`: what is scheduled, when the next reveal is and whether one is due.

It reads `mkdocs.yml` (or `properdocs.yml`), the pages and the clock exactly as a build does
(through `project`), but builds nothing, so a CI job can ask cheaply whether a deploy is worth it.

Exit codes: 0 yes / done, 1 no (nothing pending, nothing due), 2 a usage or input error. A
workflow reads 1 as "nothing to deploy", so nothing but a real answer may end with 0 or 1: every
error, even one this program did not foresee, ends with 2.
"""

from __future__ import annotations

# First: where only ProperDocs is installed, it makes the MkDocs imports below reach ProperDocs.
from mkdocs_reveal.publishing import host  # isort: skip

import argparse
import functools
import json
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import Files, get_files

from mkdocs_reveal.diagnostics import RevealError
from mkdocs_reveal.integration import reader as project
from mkdocs_reveal.integration.config import RevealConfig, unloadable_value
from mkdocs_reveal.integration.languages import other_languages
from mkdocs_reveal.integration.plugin import RevealPlugin
from mkdocs_reveal.markup.transform import Settings
from mkdocs_reveal.publishing import announce, asset_files, check_command, missed
from mkdocs_reveal.publishing.deploy_notices import publishing_notices
from mkdocs_reveal.publishing.manifest import Item, ordered, page_items
from mkdocs_reveal.timeline.clock import read_instant, until, utc
from mkdocs_reveal.timeline.schedule import next_reveal

PROG = "mkdocs-reveal"


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
    config: MkDocsConfig
    files: Files


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "assets":  # copies files; reads no project
        return asset_files.run(args)
    _show_mkdocs_messages()
    try:
        site = _read_site(getattr(args, "config_file", None), getattr(args, "at", None))
        _say_warnings(site.warnings, getattr(args, "strict", False))
        command: Callable[[Site, argparse.Namespace], int] = args.run
        return command(site, args)
    except UsageError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader stopped reading (`| head`): the output is cut short, so it is no answer.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 2
    except Exception as error:  # exit 1 would tell a workflow "nothing due": never on a crash
        traceback.print_exc()
        print(
            f"{PROG}: error: unexpected {type(error).__name__}: {error}. This is a bug in "
            f"{PROG}, not an answer: please report it with the lines above",
            file=sys.stderr,
        )
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
        help="the config file (default: properdocs.yml or mkdocs.yml in the current folder)",
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
        help="iso: ISO 8601 with the site's offset (default); cron: 'minute hour day month *' "
        "in UTC, for one run at that instant (cron repeats it every year on that day, so "
        "replace it after the run); a comment saying so goes to stderr",
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
    due.add_argument(
        "--json",
        action="store_true",
        help="print what was revealed as a JSON array (path, title, url, reveal)",
    )
    due.set_defaults(run=_due)
    _announce_parser(commands, config)
    _missed_parser(commands, config)
    assets = commands.add_parser(
        "assets", help="copy reveal.css and reveal.js into DIR, for generators without the plugin"
    )
    asset_files.add_arguments(assets)
    check = commands.add_parser(
        "check",
        parents=[config],
        help="prove a built site holds nothing sealed; exit 1 naming each file that does",
    )
    check_command.add_arguments(check)
    check.set_defaults(run=check_command.run)
    return parser


def _announce_parser(commands: Any, config: argparse.ArgumentParser) -> None:
    """`announce`: ping WebSub hubs and IndexNow about what was revealed since WHEN."""
    ping = commands.add_parser(
        "announce",
        parents=[config],
        help="tell WebSub hubs and IndexNow what was revealed in (WHEN, now]; exit 1 if nothing",
    )
    ping.add_argument(
        "--since", metavar="WHEN", required=True, help="ISO 8601: the live build's clock"
    )
    ping.add_argument(
        "--websub", metavar="HUB", action="append", default=[], help="a hub to ping (repeatable)"
    )
    ping.add_argument("--indexnow-key", metavar="KEY", help="your IndexNow key (docs/KEY.txt)")
    ping.add_argument(
        "--indexnow-endpoint",
        metavar="URL",
        default=announce.INDEXNOW,
        help=f"where to submit the URLs (default: {announce.INDEXNOW})",
    )
    ping.add_argument("--site-url", metavar="URL", help="the live site (default: site_url)")
    ping.set_defaults(run=_announce, grace=0)


def _missed_parser(commands: Any, config: argparse.ArgumentParser) -> None:
    """`missed`: exit 1 when the live site still shows sealed a part that is long due."""
    alarm = commands.add_parser(
        "missed",
        parents=[config],
        help="exit 1 when the live reveal.json shows a part sealed long after its instant",
    )
    live = alarm.add_mutually_exclusive_group()
    live.add_argument("--live-url", metavar="URL", help="default: site_url + reveal.json")
    live.add_argument("--live-file", metavar="PATH", help="a copy of the live reveal.json")
    alarm.add_argument(
        "--intervals",
        metavar="N",
        type=_intervals,
        default=2,
        help="how many cron_intervals late a reveal may be before it counts as missed",
    )
    alarm.set_defaults(run=_missed)


def _show_mkdocs_messages() -> None:
    """Print MkDocs' own warnings and errors (a bad config option is explained there)."""
    for name in host.LOGGERS:
        logger = logging.getLogger(name)
        if not logger.handlers:
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
            handler.setLevel(logging.WARNING)
            logger.addHandler(handler)
            logger.propagate = False


def _config_path(given: str | None) -> Path:
    """The config file to read: the one given, else properdocs.yml or mkdocs.yml (.yaml) here."""
    if given is not None:
        path = Path(given)
        if not path.is_file():
            raise UsageError(f"no config file at {path}: pass -f path/to/mkdocs.yml")
        return path
    for name in host.CONFIG_NAMES:
        if Path(name).is_file():
            return Path(name)
    raise UsageError(
        f"no mkdocs.yml in {Path.cwd()} (nor properdocs.yml): run {PROG} in your project's "
        "folder or pass -f path/to/mkdocs.yml"
    )


def _read_site(given: str | None, at: str | None) -> Site:
    """Read the config, the clock and every scheduled item, as a build would."""
    path = _config_path(given)
    try:
        config: MkDocsConfig = load_config(config_file=str(path))
    except MkDocsException as error:
        # MkDocs has already printed what was wrong with the config.
        raise UsageError(f"{path}: {error.format_message()}") from None
    except (ValueError, OverflowError, TypeError, yaml.YAMLError) as error:
        # YAML's own loader fails on an unquoted impossible date with no file or line.
        raise UsageError(
            unloadable_value(str(path))
            or f"{path}: cannot be read: {error}; correct the value and run again"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: cannot be read: {error}") from None
    plugin = next((p for p in config.plugins.values() if isinstance(p, RevealPlugin)), None)
    if plugin is None:
        raise UsageError(f"{path}: the `reveal` plugin is not in `plugins`, so nothing is sealed")
    options = plugin.config
    if not options.enabled:
        raise UsageError(f"{path}: the `reveal` plugin has enabled: false, so nothing is sealed")
    clock_warnings: list[str] = []
    files = None
    try:
        tz, reveal_time, clock = project.read_clock(options, warnings=clock_warnings)
        if at is not None:
            clock = _place(at, "--at", tz, reveal_time, clock_warnings)
        settings = Settings(clock, tz, reveal_time)
        files = get_files(config)
        schedule, warnings = project.read_schedule(options, files, settings, config)
        doc_uris = {file.src_uri for file in files.documentation_pages()}
        languages = other_languages(config)
        project.check_schedule_paths(options, doc_uris, config, languages)
        found = project.find_previews(
            files.documentation_pages(), settings, schedule, config, doc_uris
        )
    except RevealError as error:
        raise UsageError(str(error)) from None
    except UnicodeDecodeError:
        raise UsageError(project.not_utf8(files or [], config)) from None
    except OSError as error:
        # A page that cannot be read (a dangling link, a permission) fails the build too.
        raise UsageError(
            f"{error.filename or path}: cannot be read ({error.strerror or error}): fix or "
            "remove it, then run again"
        ) from None
    warnings[:0] = clock_warnings
    # A copy in a language the build leaves out is never on the site: not listed, not announced.
    items = [
        item
        for item in page_items(schedule, doc_uris, languages, settings.clock)
        if languages.builds(item.source)
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
    return Site(path, options, settings, ordered(items, by_source=True), warnings, config, files)


def _say_warnings(warnings: list[str], strict: bool) -> None:
    """Print warnings to stderr; in strict mode, stop on them as `mkdocs build --strict` does."""
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if warnings and strict:
        raise UsageError(f"{len(warnings)} warning(s) in strict mode: fix them first")


def _place(
    text: str, name: str, tz: tzinfo, reveal_time: time, warnings: list[str] | None = None
) -> datetime:
    """An ISO 8601 WHEN as an instant: a date at reveal_time, a naive time in the site's zone."""
    # The same reading as the clock's: DST gaps move forward, overlaps take the earlier.
    try:
        return read_instant(
            text,
            tz,
            reveal_time,
            f"{name}: '{text}'",
            "write it like 2025-11-03 or 2025-11-03T09:00",
            warnings=warnings,
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


def _intervals(text: str) -> int:
    """A --intervals value: a whole number of cron intervals, 1 or more."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected whole intervals, 1 or more, got {text!r}")
    return int(text)


def _left(instant: datetime | None, clock: datetime) -> str:
    """Time left until an instant, as 11d 21h 00m; '-' once it has passed."""
    if instant is None:
        return "never (no readable date)"
    left = until(instant, clock)
    if left <= timedelta(0):
        return "-"
    minutes = int(left.total_seconds() + 59) // 60  # round up: never early
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
        left = "on hold" if item.state == "held" else _left(item.instant, settings.clock)
        rows.append((item.kind, where, when, item.state, left))
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
    if args.format == "cron":
        # The label goes to stderr so that `$(mkdocs-reveal next --format cron)` stays one line.
        print(f"# {_cron_label(upcoming)}", file=sys.stderr)
        print(_cron(upcoming))
    else:
        print(iso)
    return 0


def _cron_minute(instant: datetime) -> datetime:
    """The first whole UTC minute at or after an instant: cron never runs before the reveal."""
    moment = utc(instant)
    if moment.second or moment.microsecond:
        # Cron counts whole minutes: running at 09:00 for a 09:00:30 reveal would be early.
        moment = moment.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return moment


def _cron(instant: datetime) -> str:
    """A cron line in UTC (minute hour day month *) for one run at or just after the instant."""
    moment = _cron_minute(instant)
    return f"{moment.minute} {moment.hour} {moment.day} {moment.month} *"


def _cron_label(instant: datetime) -> str:
    """What the cron line means: UTC, and one-off only if it is replaced after its run."""
    moment = _cron_minute(instant)
    return (
        f"UTC, one-off: runs at {moment:%Y-%m-%d %H:%M} UTC; cron repeats it every year on "
        "that day, so replace it after that run"
    )


def _github_output(**values: str) -> None:
    """Append name=value lines to the file GitHub Actions names in $GITHUB_OUTPUT, if any."""
    target = os.environ.get("GITHUB_OUTPUT")
    if not target:
        return
    with Path(target).open("a", encoding="utf-8") as output:
        for name, value in values.items():
            output.write(f"{name}={value}\n")


def _revealed_since(site: Site, args: argparse.Namespace) -> tuple[datetime, list[Item]]:
    """The start of the window (WHEN less the grace) and what was revealed in it."""
    settings = site.settings
    warnings: list[str] = []
    since = _place(args.since, "--since", settings.tz, settings.reveal_time, warnings)
    _say_warnings(warnings, getattr(args, "strict", False))
    since -= timedelta(minutes=args.grace)
    return since, announce.revealed_between(site.items, since, settings.clock)


def _due(site: Site, args: argparse.Namespace) -> int:
    """Exit 0 when anything was revealed after WHEN and up to the clock, else 1."""
    settings = site.settings
    since, due = _revealed_since(site, args)
    if args.json:
        described = announce.describe(
            due, site.config, site.files, settings.tz, site.config.site_url
        )
        print(json.dumps(described, indent=2, ensure_ascii=False))
        _github_output(revealed=json.dumps(described, ensure_ascii=False))
        announce.summarise(described)
        return 0 if due else 1
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


def _announce(site: Site, args: argparse.Namespace) -> int:
    """Ping WebSub hubs and IndexNow about what was revealed; exit 1 when nothing was."""
    _, due = _revealed_since(site, args)
    site_url = args.site_url or site.config.site_url
    if not site_url:
        raise UsageError("announcing needs the site's address: set site_url or pass --site-url")
    site_url = site_url.rstrip("/") + "/"
    if not args.websub and not args.indexnow_key:
        raise UsageError("nothing to announce to: pass --websub HUB or --indexnow-key KEY")
    if args.indexnow_key:
        try:
            announce.check_key(args.indexnow_key, site.files)
        except RevealError as error:
            raise UsageError(str(error)) from None
    if not due:
        print(f"nothing revealed since {args.since}: nothing to announce")
        return 1
    described = announce.describe(due, site.config, site.files, site.settings.tz, site_url)
    urls = announce.page_urls(described, site_url)
    topics = announce.feed_urls(site.config, site_url)
    if args.websub and not topics:
        print("warning: no mkdocs-rss-plugin feed to announce to WebSub hubs", file=sys.stderr)
    pings: list[tuple[str, Callable[[], int]]] = [
        (f"WebSub {hub}", functools.partial(announce.websub_publish, hub, topics))
        for hub in (args.websub if topics else ())
    ]
    if args.indexnow_key and urls:
        submit = functools.partial(
            announce.indexnow_submit, args.indexnow_endpoint, site_url, args.indexnow_key, urls
        )
        pings.append((f"IndexNow {args.indexnow_endpoint}", submit))
    failed = 0
    for name, ping in pings:
        try:
            print(f"{name}: {ping()}")
        except RevealError as error:
            failed += 1
            _report(f"announcing failed: {name}: {error}", "warning")
    print(f"{len(urls)} page(s) revealed: {' '.join(urls)}")
    return 3 if failed else 0


def _missed(site: Site, args: argparse.Namespace) -> int:
    """Exit 1 when the live site shows a part sealed more than N cron intervals after it was due."""
    settings = site.settings
    url = args.live_url
    if url is None and args.live_file is None:
        if not site.config.site_url:
            raise UsageError("no live site to check: pass --live-url, --live-file or set site_url")
        url = urljoin(site.config.site_url.rstrip("/") + "/", "reveal.json")
    try:
        live = missed.read_live(url, args.live_file)
        allowance = timedelta(minutes=site.options.cron_interval * args.intervals)
        late = missed.late_reveals(live, settings.clock, allowance)
    except RevealError as error:
        raise UsageError(str(error)) from None
    if not late:
        print(f"no missed reveal at {settings.clock.isoformat()} on {url or args.live_file}")
        return 0
    for found in late:
        _report(missed.explain(found, settings.clock, settings.tz, live.get("generated")), "error")
    return 1


def _report(message: str, level: str) -> None:
    """Print a problem; on GitHub Actions also as an annotation, shown on the run's summary."""
    print(f"{PROG}: {level}: {message}", file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print(missed.annotation(message, level))


if __name__ == "__main__":
    sys.exit(main())
