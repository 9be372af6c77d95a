"""Both DST transitions in three zones, judged the same by the build, the CLI and `serve`'s timer.

The case that started it: `timezone: Europe/Oslo`, `reveal_time: "02:30"`, a page due on
2026-10-25, the night clocks go back from 03:00 CEST to 02:00 CET. 02:30 CEST is 00:30Z. At
02:29 CET (01:29Z, 59 minutes later) the page must stay revealed, the build must not announce
a "next reveal in 13 minutes" at 01:17Z, and `due --since 00:17Z` must say yes. Two datetimes
in one zone compare by their wall clocks in Python, whatever their `fold`: every comparison of
instants is made in UTC.
"""

from __future__ import annotations

import time as clock_time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from revealcli import rows, run
from sitebuild import Site

from mkdocs_reveal.integration.live_reload import RevealTimer
from mkdocs_reveal.timeline.dates import parse_timezone
from mkdocs_reveal.timeline.schedule import next_reveal

SiteFactory = Callable[..., Site]
UTC = timezone.utc


@dataclass(frozen=True)
class Night:
    """A night clocks change: the zone, the reveal time that falls in it, the day and instant."""

    zone: str
    reveal_time: str
    day: str
    instant: str  # the reveal instant the day's reveal_time means, in UTC
    # Pinned clocks (with the offset a reader's wall clock shows) and whether the page is out.
    clocks: tuple[tuple[str, bool], ...]


NIGHTS = {
    # Autumn: the wall time happens twice; the earlier (summer time) is the instant.
    "oslo-autumn": Night(
        "Europe/Oslo",
        "02:30",
        "2026-10-25",
        "2026-10-25T00:30:00+00:00",
        (
            ("2026-10-25T02:29:00+02:00", False),
            ("2026-10-25T02:31:00+02:00", True),
            ("2026-10-25T02:17:00+01:00", True),  # 01:17Z: wall 02:17, the second time round
            ("2026-10-25T02:29:00+01:00", True),  # 01:29Z: sealed again before the fix
        ),
    ),
    "new-york-autumn": Night(
        "America/New_York",
        "01:30",
        "2026-11-01",
        "2026-11-01T05:30:00+00:00",
        (
            ("2026-11-01T01:29:00-04:00", False),
            ("2026-11-01T01:10:00-05:00", True),
            ("2026-11-01T01:29:00-05:00", True),
        ),
    ),
    "sydney-autumn": Night(
        "Australia/Sydney",
        "02:30",
        "2026-04-05",
        "2026-04-04T15:30:00+00:00",
        (
            ("2026-04-05T02:29:00+11:00", False),
            ("2026-04-05T02:10:00+10:00", True),
            ("2026-04-05T02:29:00+10:00", True),
        ),
    ),
    # Spring: the wall time does not exist; the first instant after the gap is the instant.
    "oslo-spring": Night(
        "Europe/Oslo",
        "02:30",
        "2026-03-29",
        "2026-03-29T01:00:00+00:00",
        (("2026-03-29T01:59:59+01:00", False), ("2026-03-29T03:00:00+02:00", True)),
    ),
    "new-york-spring": Night(
        "America/New_York",
        "02:30",
        "2026-03-08",
        "2026-03-08T07:00:00+00:00",
        (("2026-03-08T01:59:59-05:00", False), ("2026-03-08T03:00:00-04:00", True)),
    ),
    "sydney-spring": Night(
        "Australia/Sydney",
        "02:30",
        "2026-10-04",
        "2026-10-03T16:00:00+00:00",
        (("2026-10-04T01:59:59+10:00", False), ("2026-10-04T03:00:00+11:00", True)),
    ),
}


def night_site(site: SiteFactory, night: Night) -> Site:
    """A page due on the night, and a landing page whose preview is due with it."""
    return site(
        {
            "index.md": "# Home\n\n"
            '<PostPreview blurred post="part.md">\nThe nightjarword teaser.\n</PostPreview>\n',
            "part.md": "# Part\n\nThe owlmothword post.\n",
        },
        reveal={
            "timezone": night.zone,
            "reveal_time": night.reveal_time,
            "schedule": {"part.md": night.day},
        },
    )


@pytest.mark.parametrize("name", NIGHTS)
def test_the_build_reveals_at_the_instant_on_both_transitions(site: SiteFactory, name: str) -> None:
    night = NIGHTS[name]
    project = night_site(site, night)
    for clock, revealed in night.clocks:
        build = project.build(env={"MKDOCS_REVEAL_NOW": clock})
        assert ("owlmothword" in build.text("part/index.html")) is revealed, clock
        assert ("nightjarword" in build.text("index.html")) is revealed, clock
        if revealed:
            assert "nothing pending" in build.log, clock
        else:
            assert build.containing("owlmothword") == [] == build.containing("nightjarword")
            instant = datetime.fromisoformat(night.instant)
            left = int((instant - datetime.fromisoformat(clock)).total_seconds())
            assert left > 0
            # The summary's distance is the real one, never a wall-clock difference.
            assert f"next reveal {instant.astimezone(parse_timezone(night.zone)).isoformat()}" in (
                build.log
            ), clock


@pytest.mark.parametrize("name", NIGHTS)
def test_status_next_and_due_agree_with_the_build(site: SiteFactory, name: str) -> None:
    night = NIGHTS[name]
    project = night_site(site, night)
    instant = datetime.fromisoformat(night.instant)
    for clock, revealed in night.clocks:
        status = run(project.root, "status", now=clock)
        assert status.returncode == 0, status.stderr
        states = {row[3] for row in rows(status.stdout)}
        assert states == {"revealed" if revealed else "sealed"}, (clock, status.stdout)
        upcoming = run(project.root, "next", now=clock)
        assert upcoming.returncode == (1 if revealed else 0), (clock, upcoming.stdout)
        if not revealed:
            assert datetime.fromisoformat(upcoming.stdout.strip()) == instant
        # Asked as a scheduled deploy asks: did anything come out in the two hours before?
        since = (datetime.fromisoformat(clock) - timedelta(hours=2)).isoformat()
        due = run(project.root, "due", "--since", since, now=clock)
        just_revealed = revealed and datetime.fromisoformat(clock) - instant < timedelta(hours=2)
        assert due.returncode == (0 if just_revealed else 1), (clock, since, due.stdout)


def test_the_issues_night_exactly(site: SiteFactory) -> None:
    """Oslo, 02:30, 2026-10-25: every answer at 01:17Z and 01:29Z, as the issue lists them."""
    project = night_site(site, NIGHTS["oslo-autumn"])
    at_0117 = project.build(env={"MKDOCS_REVEAL_NOW": "2026-10-25T01:17:00Z"})
    assert "owlmothword" in at_0117.text("part/index.html")
    assert "in 13 minutes" not in at_0117.log and "nothing pending" in at_0117.log
    status = run(project.root, "status", now="2026-10-25T01:17:00Z")
    assert [row[3] for row in rows(status.stdout)] == ["revealed", "revealed"]
    assert "next reveal: none pending" in status.stdout
    due = run(project.root, "due", "--since", "2026-10-25T00:17:00Z", now="2026-10-25T01:17:00Z")
    assert due.returncode == 0, due.stdout + due.stderr
    assert "2 revealed in (2026-10-25T02:17:00+02:00, 2026-10-25T02:17:00+01:00]" in due.stdout
    at_0129 = project.build(env={"MKDOCS_REVEAL_NOW": "2026-10-25T02:29:00+01:00"})
    assert "owlmothword" in at_0129.text("part/index.html")


@pytest.mark.parametrize(
    ("clock", "words"),
    [
        ("2026-03-29T02:30", "2026-03-29 02:30 does not exist in this timezone"),
        ("2026-10-25T02:30", "2026-10-25 02:30 happens twice in this timezone"),
    ],
)
def test_a_pinned_clock_in_a_gap_or_overlap_warns(
    site: SiteFactory, clock: str, words: str
) -> None:
    project = night_site(site, NIGHTS["oslo-autumn"])
    build = project.build("--strict", env={"MKDOCS_REVEAL_NOW": clock}, ok=False)
    assert build.returncode != 0
    assert f"reveal: MKDOCS_REVEAL_NOW='{clock}': {words}" in build.log
    status = run(project.root, "status", now=clock)
    assert status.returncode == 0 and f"warning: MKDOCS_REVEAL_NOW='{clock}': {words}" in (
        status.stderr
    )
    assert run(project.root, "--strict", "status", now=clock).returncode == 2
    # The `now` option names its line in mkdocs.yml.
    project.config["plugins"][1]["reveal"]["now"] = clock
    option = project.build()
    lines = (project.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if text.strip().startswith("now:"))
    assert f"reveal: mkdocs.yml:{line}: the 'now' option '{clock}': {words}" in option.log
    # An explicit offset says which of the two readings is meant: nothing to warn about.
    project.config["plugins"][1]["reveal"]["now"] = "2026-10-25T02:30:00+01:00"
    assert "the 'now' option" not in project.build().log


@pytest.mark.parametrize("name", NIGHTS)
def test_the_serve_timer_fires_at_the_instant_on_both_transitions(
    tmp_path: Path, name: str
) -> None:
    """Armed for the night's instant, the timer waits at every sealed clock and fires at every
    revealed one: in autumn at 02:29 winter time, 59 minutes after 02:30 summer time."""
    night = NIGHTS[name]
    zone = parse_timezone(night.zone)
    instant = datetime.fromisoformat(night.instant).astimezone(zone)
    if "autumn" in name:
        # The second reading of the repeated hour, in the site's zone: fold=1, same tzinfo.
        last = datetime.fromisoformat(night.clocks[-1][0]).astimezone(zone)
        assert last.tzinfo is instant.tzinfo and last.fold == 1
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    clock = {"now": instant}
    timer = RevealTimer(now=lambda: clock["now"])
    nudge = timer.folder / "reveal"
    try:
        timer.attach(server)
        for written, revealed in night.clocks:
            now = datetime.fromisoformat(written).astimezone(zone)
            clock["now"] = now
            # What the plugin arms the timer with after a build at that clock.
            assert (next_reveal([instant], now) is None) is revealed, written
            nudge.unlink(missing_ok=True)
            timer.arm(instant, live=True)  # armed as an earlier build would have
            deadline = clock_time.monotonic() + (10 if revealed else 0.5)
            while not nudge.exists() and clock_time.monotonic() < deadline:
                clock_time.sleep(0.05)
            assert nudge.exists() is revealed, written
    finally:
        timer.stop()
        server.shutdown()
