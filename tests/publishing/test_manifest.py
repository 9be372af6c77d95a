"""`reveal.json` and `reveals.ics`, from real builds, read back from disk."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import series
from icalendar import Calendar
from sitebuild import Build, Site

from mkdocs_reveal.publishing.deploy_notices import publishing_notices

SiteFactory = Callable[..., Site]
NOW = "2025-11-12T12:00:00+01:00"  # parts 1 and 2 revealed, part 3 sealed
UTC = timezone.utc


def events(build: Build) -> list[Any]:
    """The calendar's events, parsed back with the library."""
    calendar = Calendar.from_ical((build.site / "reveals.ics").read_bytes())
    return list(calendar.walk("VEVENT"))


def secret_free(build: Build, parts: list[int]) -> None:
    """No secret word of the given parts is in any output file."""
    for part in parts:
        for word in series.SECRETS[part]:
            assert build.containing(word) == [], f"part {part}'s {word!r} leaked"


def test_manifest_and_calendar_of_a_placeholder_series(site: SiteFactory) -> None:
    build = site(series.pages(), reveal=series.reveal_options()).build(
        "--strict", env={"MKDOCS_REVEAL_NOW": NOW}
    )
    manifest = json.loads(build.text("reveal.json"))
    assert manifest["generated"] == NOW
    assert manifest["timezone"] == "Europe/Oslo"
    assert manifest["next_reveal"] == series.INSTANTS[3]
    pages = [item for item in manifest["items"] if item["kind"] == "page"]
    assert pages == [
        {
            "kind": "page",
            "reveal": series.INSTANTS[part],
            "state": "revealed" if part < 3 else "sealed",
            # A placeholder page is on the site, title and all, from day one.
            "url": f"https://example.org/series/{series.SLUGS[part]}/",
            "title": f"Part {part} of the series",
            "post": None,
        }
        for part in (1, 2, 3)
    ]
    previews = [item for item in manifest["items"] if item["kind"] == "preview"]
    assert [(item["reveal"], item["state"]) for item in previews] == [
        (series.INSTANTS[1], "revealed"),
        (series.INSTANTS[2], "revealed"),
        (series.INSTANTS[3], "sealed"),
    ]
    assert {item["url"] for item in previews} == {"https://example.org/series/"}
    assert {item["title"] for item in previews} == {"The Series"}
    assert previews[2]["post"] == "https://example.org/series/collective/"

    # One event per reveal: a page and the preview announcing it reveal together.
    found = events(build)
    assert [event.decoded("dtstart") for event in found] == [
        datetime.fromisoformat(series.INSTANTS[part]).astimezone(UTC) for part in (1, 2, 3)
    ]
    assert [str(event["summary"]) for event in found] == [
        f"Part {part} of the series" for part in (1, 2, 3)
    ]
    assert [str(event["url"]) for event in found] == [
        f"https://example.org/series/{series.SLUGS[part]}/" for part in (1, 2, 3)
    ]
    assert len({str(event["uid"]) for event in found}) == 3
    stamp = datetime.fromisoformat(NOW).astimezone(UTC)
    assert {event.decoded("dtstamp") for event in found} == {stamp}
    calendar = Calendar.from_ical((build.site / "reveals.ics").read_bytes())
    assert str(calendar["version"]) == "2.0" and "mkdocs-reveal" in str(calendar["prodid"])

    # Readers find the calendar next to what is still sealed, and only there.
    landing = build.text("series/index.html")
    links = re.findall(r'</time> <a class="reveal-calendar" href="([^"]+)"', landing)
    assert links == ["../reveals.ics"]
    assert '<link rel="alternate" type="text/calendar"' in landing
    # The link is for readers of the page: the search index holds the page's words alone.
    index = build.text("search/search_index.json")
    assert "Coming" in index and "Add to calendar" not in index
    assert 'href="../../reveals.ics"' in build.text("series/collective/index.html")
    assert "reveal-calendar" not in build.text("series/workflow/index.html")
    secret_free(build, [3])


def test_excluded_sealed_page_is_only_an_instant_and_uids_survive_the_reveal(
    site: SiteFactory,
) -> None:
    project = site(series.pages(), reveal=series.reveal_options(sealed_pages="exclude"))
    before = project.build("--strict", env={"MKDOCS_REVEAL_NOW": NOW})
    manifest = json.loads(before.text("reveal.json"))
    part3 = [item for item in manifest["items"] if item["reveal"] == series.INSTANTS[3]]
    assert part3 == [
        {
            "kind": "page",
            "reveal": series.INSTANTS[3],
            "state": "sealed",
            "url": None,
            "title": None,
            "post": None,
        },
        {
            "kind": "preview",
            "reveal": series.INSTANTS[3],
            "state": "sealed",
            "url": "https://example.org/series/",  # the landing page is public
            "title": "The Series",
            "post": None,  # the post it names is not built
        },
    ]
    # Neither file names what the site does not show: not the path, not the title.
    for name in ("reveal.json", "reveals.ics"):
        text = before.text(name)
        assert "collective" not in text and "Part 3" not in text, name
    sealed_event = events(before)[2]
    assert str(sealed_event["summary"]) == "Reveal on The Series"
    assert str(sealed_event["url"]) == "https://example.org/series/"
    secret_free(before, [3])
    uids = [str(event["uid"]) for event in events(before)]

    after = project.build("--strict", env={"MKDOCS_REVEAL_NOW": "2025-11-25"})
    revealed = json.loads(after.text("reveal.json"))
    assert revealed["next_reveal"] is None
    assert {item["state"] for item in revealed["items"]} == {"revealed"}
    found = events(after)
    assert [str(event["uid"]) for event in found] == uids  # updated, never duplicated
    assert str(found[2]["summary"]) == "Part 3 of the series"
    assert str(found[2]["url"]) == "https://example.org/series/collective/"


def test_notices_are_info_by_default_and_warnings_on_request(site: SiteFactory) -> None:
    pages = {
        "index.md": "# Home\n",
        "a.md": "---\nreveal: 2026-03-02\n---\n\n# A\n",
        "b.md": "---\nreveal: 2026-03-02 09:30\n---\n\n# B\n",
    }
    options = {"timezone": "Europe/Oslo", "reveal_time": "09:00", "now": "2025-11-12"}
    project = site(pages, reveal=options, theme="mkdocs")
    quiet = project.build("--strict")
    assert re.search(
        r"INFO +- +reveal: the next reveal, 2026-03-02T09:00:00\+01:00, is 110 days away: "
        r"GitHub disables scheduled workflows in public repositories after 60 days",
        quiet.log,
    )
    assert re.search(
        r"INFO +- +reveal: the reveals at 2026-03-02T09:00:00\+01:00 and "
        r"2026-03-02T09:30:00\+01:00 are 30 minutes apart, closer than cron_interval "
        r"\(60 minutes\)",
        quiet.log,
    )
    project.config["plugins"] = ["search", {"reveal": {**options, "cron_interval": 30}}]
    assert "closer than cron_interval" not in project.build("--strict").log

    project.config["plugins"] = ["search", {"reveal": {**options, "notices": "warning"}}]
    strict = project.build("--strict", ok=False)
    assert strict.returncode != 0
    assert "WARNING -  reveal: the next reveal" in strict.log

    project.config["plugins"] = ["search", {"reveal": {**options, "cron_interval": 3}}]
    wrong = project.build(ok=False)
    assert wrong.returncode != 0 and "cron_interval" in wrong.log and "5 or more" in wrong.log
    assert "Traceback" not in wrong.log


def test_notices_at_their_edges() -> None:
    clock = datetime(2025, 11, 12, 12, tzinfo=UTC)
    hour = timedelta(hours=1)
    assert publishing_notices([], clock, hour, UTC) == []
    assert publishing_notices([clock + timedelta(days=60)], clock, hour, UTC) == []
    far = publishing_notices([clock + timedelta(days=60, minutes=1)], clock, hour, UTC)
    assert len(far) == 1 and "is 60 days away" in far[0]
    # Past reveals, undated ones and one reveal written twice are not worth a notice.
    soon = clock + timedelta(days=1)
    same = soon.astimezone(timezone(timedelta(hours=1)))
    assert publishing_notices([clock - hour, None, soon, same], clock, hour, UTC) == []
    assert publishing_notices([soon, soon + hour], clock, hour, UTC) == []  # one run apart
    close = publishing_notices([soon, soon + hour - timedelta(seconds=1)], clock, hour, UTC)
    assert len(close) == 1 and "3599 seconds apart" in close[0]
