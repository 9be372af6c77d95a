"""A series on a cadence and a held part, in real builds and through the `mkdocs-reveal` CLI."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import series
from revealcli import rows, run
from sitebuild import Site

SiteFactory = Callable[..., Site]
SLUGS = series.SLUGS
PARTS = [f"series/{SLUGS[part]}.md" for part in (1, 2, 3)]
# A weekly series from Monday 3 November 2025: part 3 reveals on the 17th, not the 24th.
WEEKLY = {"weekly": {"start": "2025-11-03", "every": "1 week", "pages": PARTS}}
PART_3 = "2025-11-17T09:00:00+01:00"
# Prose of a held part: another language, contractions, curly quotes, dashes, short items.
HELD_PROSE = (
    "Det blir ‘brumevoile’ — kanskje i morgen, kanskje ikke.\n\n"
    "It can’t wait – “ørnekrok” is what we’d call it.\n\n"
    "- né\n- skrivekløe\n"
)
HELD_WORDS = ("brumevoile", "ørnekrok", "skrivekløe")


def weekly_pages() -> dict[str, str]:
    """The series, its landing page's stamps moved to the weekly dates."""
    pages = series.pages()
    pages["series/index.md"] = pages["series/index.md"].replace(
        "Monday, November 24th", "Monday, November 17th"
    )
    return pages


def weekly_site(site: SiteFactory, **options: Any) -> Site:
    """The series released by a `series` option rather than a schedule."""
    reveal = {"timezone": "Europe/Oslo", "reveal_time": "09:00", "series": WEEKLY, **options}
    return site(weekly_pages(), reveal=reveal)


def test_a_series_reveals_one_part_per_step(site: SiteFactory) -> None:
    project = weekly_site(site)
    before = project.build("--strict", env={"MKDOCS_REVEAL_NOW": "2025-11-17T08:59:00+01:00"})
    for word in series.SECRETS[3]:
        assert before.containing(word) == []
    assert series.SECRETS[2][0] in before.text("series/workflow/index.html")
    manifest = json.loads(before.text("reveal.json"))
    pages = [item for item in manifest["items"] if item["kind"] == "page"]
    assert [(item["reveal"], item["state"]) for item in pages] == [
        ("2025-11-03T09:00:00+01:00", "revealed"),
        ("2025-11-10T09:00:00+01:00", "revealed"),
        (PART_3, "sealed"),
    ]
    assert manifest["next_reveal"] == PART_3
    assert "DTSTART:20251117T080000Z" in before.text("reveals.ics")
    after = project.build("--strict", env={"MKDOCS_REVEAL_NOW": PART_3})
    assert series.SECRETS[3][0] in after.text("series/collective/index.html")


def test_the_cli_sees_series_dates(site: SiteFactory) -> None:
    project = weekly_site(site)
    status = run(project.root, "status", now="2025-11-12T12:00:00+01:00")
    assert status.returncode == 0, status.stderr
    table = rows(status.stdout)
    assert ["page", PARTS[2], PART_3, "sealed"] == table[-2][:4]
    upcoming = run(project.root, "next", now="2025-11-12T12:00:00+01:00")
    assert upcoming.stdout.strip() == PART_3
    due = run(project.root, "due", "--since", "2025-11-16", now="2025-11-17T09:30")
    assert due.returncode == 0 and PARTS[2] in due.stdout


def test_a_page_scheduled_twice_follows_the_later_date_with_a_warning(site: SiteFactory) -> None:
    project = weekly_site(site, schedule={PARTS[2]: "2025-11-24"})
    strict = project.build("--strict", ok=False, env={"MKDOCS_REVEAL_NOW": "2025-11-20"})
    assert strict.returncode != 0
    warning = (
        f"the config (mkdocs.yml:20) reveals {PARTS[2]} at 2025-11-24T09:00:00+01:00 but its "
        f"series says {PART_3}: make them agree; until then it follows the later one"
    )
    assert warning in strict.log
    build = project.build(env={"MKDOCS_REVEAL_NOW": "2025-11-20"})
    assert build.containing(series.SECRETS[3][0]) == []
    # The CLI says the same and judges by the same later date.
    status = run(project.root, "status", now="2025-11-20")
    assert warning in status.stderr
    assert run(project.root, "next", now="2025-11-20").stdout.strip() == (
        "2025-11-24T09:00:00+01:00"
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"every": "1 fortnight"}, "series: weekly: every: '1 fortnight' is not a cadence"),
        ({"every": "0 weeks"}, "series: weekly: every: '0 weeks' would reveal every part"),
        ({"start": "someday"}, "series: weekly: start:"),
        ({"pages": ["series/nope.md"]}, "series: weekly: pages: 'series/nope.md' names no page"),
        ({"pages": [PARTS[0], PARTS[0]]}, "pages: series/stalactite.md is listed twice"),
        ({"often": "yes"}, "series: weekly: unknown key often"),
        ({"every": "99999999999 weeks"}, "every: '99999999999 weeks' is longer than any"),
        ({"start": "9999-06-01", "every": "52 weeks"}, "every: part 2 would come after the year"),
    ],
)
def test_bad_series_are_config_errors_naming_the_file_and_the_fix(
    site: SiteFactory, change: dict[str, Any], message: str
) -> None:
    project = weekly_site(site, series={"weekly": {**WEEKLY["weekly"], **change}})
    build = project.build(ok=False)
    assert build.returncode != 0
    assert message in build.log
    # The line of the series in mkdocs.yml, as schedule messages have.
    assert re.search(r"mkdocs\.yml:\d+: series: weekly", build.log)
    assert "Traceback" not in build.log
    cli = run(project.root, "status", now="2025-11-12")
    assert cli.returncode == 2
    assert message in cli.stderr


def held_site(site: SiteFactory, **options: Any) -> Site:
    """The weekly series with part 3 held in its front matter, full of prose of all kinds."""
    pages = weekly_pages()
    pages[PARTS[2]] = pages[PARTS[2]].replace("---\n", "---\nreveal: hold\n", 1) + HELD_PROSE
    reveal = {"timezone": "Europe/Oslo", "reveal_time": "09:00", "series": WEEKLY, **options}
    return site(pages, reveal=reveal)


def test_a_held_part_stays_sealed_with_no_date_under_any_clock(site: SiteFactory) -> None:
    project = held_site(site)
    # Long after its slot in the series: held all the same, and --strict has nothing to say.
    build = project.build("--strict", env={"MKDOCS_REVEAL_NOW": "2030-01-01"})
    for word in (*series.SECRETS[3], *HELD_WORDS):
        assert build.containing(word) == [], word
    stub = build.text("series/collective/index.html")
    held_stamp = (
        '<span class="reveal-stamp is-sealed is-held">'
        '<span class="reveal-stamp-label">Coming soon</span></span>'
    )
    assert held_stamp in stub
    assert 'name="robots" content="noindex"' in stub
    landing = build.text("series/index.html")
    # The landing page's teaser of the held part: sealed, "Coming soon", no date promised.
    assert landing.count(held_stamp) == 1
    assert "November 17" not in landing
    assert series.SECRETS[2][0] in landing  # part 2 is out
    manifest = json.loads(build.text("reveal.json"))
    held = [item for item in manifest["items"] if item["state"] == "held"]
    assert [(item["kind"], item["reveal"], item["title"]) for item in held] == [
        ("page", None, "Part 3 of the series"),
        ("preview", None, "The Series"),
    ]
    assert manifest["next_reveal"] is None
    assert "20251117" not in build.text("reveals.ics")


def test_status_lists_a_held_part_and_next_and_due_ignore_it(site: SiteFactory) -> None:
    project = held_site(site)
    status = run(project.root, "status", now="2025-11-12")
    assert status.returncode == 0, status.stderr
    held = rf"(?m)^page +{re.escape(PARTS[2])} +no date +held +on hold$"
    assert re.search(held, status.stdout), status.stdout
    assert re.search(r"(?m)^preview +series/index\.md:42 +no date +held +on hold$", status.stdout)
    assert status.stdout.endswith("next reveal: none pending\n")
    assert run(project.root, "next", now="2025-11-12").returncode == 1
    due = run(project.root, "due", "--since", "2025-11-12", now="2030-01-01")
    assert due.returncode == 1


def test_a_hold_in_the_schedule_speaks_the_sites_language_and_links_say_so(
    site: SiteFactory,
) -> None:
    pages = series.pages()
    pages["index.md"] = "# Home\n\n[The second part](series/workflow.md) is on its way.\n"
    options = series.reveal_options(locale="nb", sealed_pages="exclude")
    options["schedule"][PARTS[1]] = "hold"
    build = site(pages, reveal=options).build("--strict", env={"MKDOCS_REVEAL_NOW": "2026-01-01"})
    for word in series.SECRETS[2]:
        assert build.containing(word) == []
    assert not (build.site / "series/workflow/index.html").exists()
    home = build.text("index.html")
    assert '<span class="reveal-stamp-label">Kommer snart</span>' in home
    assert 'href="series/workflow/"' not in home
    # Part 3 was scheduled, and its day has come.
    assert series.SECRETS[3][0] in build.text("series/collective/index.html")


def test_lifting_a_hold_releases_the_part_at_its_slot(site: SiteFactory, tmp_path: Path) -> None:
    project = held_site(site)
    part = tmp_path / "docs" / PARTS[2]
    part.write_text(part.read_text(encoding="utf-8").replace("reveal: hold\n", ""), "utf-8")
    build = project.build("--strict", env={"MKDOCS_REVEAL_NOW": PART_3})
    assert "brumevoile" in build.text("series/collective/index.html")
