"""Time edge cases, end to end: DST gaps and overlaps, February 29th, the turn of the year,
a clock exactly at the instant, and clocks written in different offsets.

One site holds a preview for each case (and a whole page reveals inside the DST gap); each
build runs at one clock and every case is judged at once, so a clock just before and exactly
at each instant covers all of them.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sitebuild import Build, Site, make_site

# case -> (page source, word the preview reveals)
PAGES = {
    # Clocks go back at 03:00 CEST on 2025-10-26: 02:30 happens twice; the earlier is used.
    "overlap": ('---\ntitle: Overlap\n---\n\n<PostPreview date="2025-10-26 02:30">\n', "ovlword"),
    # No year: the page's date (December 2025) puts January 5th in 2026, a Monday.
    "year": (
        "---\ntitle: Year\ndate: 2025-12-20\n---\n\n<PostPreview blurred>\n"
        '<RevealStamp date="Monday, January 5th" />\n',
        "yrword",
    ),
    # Clocks jump from 02:00 to 03:00 on 2026-03-29: 02:30 does not exist; 03:00 CEST is used.
    "gap": ('---\ntitle: Gap\n---\n\n<PostPreview date="2026-03-29 02:30">\n', "gapword"),
    # No year: the page's date (late 2027) puts February 29th in 2028, a Tuesday.
    "leap": (
        "---\ntitle: Leap\ndate: 2027-11-02\n---\n\n"
        '<PostPreview blurred date="Tuesday, February 29th">\n',
        "leapword",
    ),
}
# The instants, in UTC, that the four dates must mean.
INSTANTS = {
    "overlap": "2025-10-26T00:30:00+00:00",
    "year": "2026-01-05T08:00:00+00:00",
    "gap": "2026-03-29T01:00:00+00:00",
    "leap": "2028-02-29T08:00:00+00:00",
}
# clock -> the cases revealed at it; each instant a second before and exactly at, in many
# offsets, and once as a date alone (which means 09:00 in the site's time zone).
CLOCKS = [
    ("2025-10-26T02:29:59+02:00", set()),
    ("2025-10-26T00:30:00Z", {"overlap"}),
    ("2026-01-05T08:59:59+01:00", {"overlap"}),
    ("2026-01-05T03:00:00-05:00", {"overlap", "year"}),
    ("2026-03-29T01:59:59+01:00", {"overlap", "year"}),
    ("2026-03-29T03:00:00+02:00", {"overlap", "year", "gap"}),
    ("2028-02-29T07:59:59Z", {"overlap", "year", "gap"}),
    ("2028-02-29T17:00:00+09:00", {"overlap", "year", "gap", "leap"}),
    ("2028-02-29", {"overlap", "year", "gap", "leap"}),
]


def edge_site(root: Path) -> Site:
    """The site: a page per case, plus a whole page scheduled inside the DST gap."""
    pages = {"index.md": "# Home\n"}
    for case, (opening, word) in PAGES.items():
        pages[f"{case}.md"] = f"{opening}The {word} teaser.\n</PostPreview>\n"
    pages["gap-page.md"] = "---\ntitle: Gap page\n---\n\nThe gappageword post.\n"
    reveal = {
        "timezone": "Europe/Oslo",
        "reveal_time": "09:00",
        "schedule": {"gap-page.md": "2026-03-29 02:30"},
    }
    return make_site(root, pages, reveal=reveal)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """One project for every clock."""
    return edge_site(tmp_path_factory.mktemp("edges"))


def revealed(build: Build) -> set[str]:
    """The cases whose teaser the build shows."""
    return {case for case, (_, word) in PAGES.items() if word in build.text(f"{case}/index.html")}


@pytest.mark.parametrize(("clock", "expected"), CLOCKS)
def test_each_edge_reveals_exactly_at_its_instant(
    project: Site, clock: str, expected: set[str]
) -> None:
    build = project.build(env={"MKDOCS_REVEAL_NOW": clock})
    assert revealed(build) == expected
    for case in set(PAGES) - expected:
        html = build.text(f"{case}/index.html")
        assert sealed_at(html) == datetime.fromisoformat(INSTANTS[case])
        assert build.containing(PAGES[case][1]) == []
    # The whole page in the gap follows the gap preview.
    page_open = "gap" in expected
    assert ("gappageword" in build.text("gap-page/index.html")) is page_open
    if not page_open:
        assert build.containing("gappageword") == []


def sealed_at(html: str) -> datetime:
    """The instant a page's sealed preview says it reveals at."""
    marker = 'data-reveal-at="'
    start = html.index(marker) + len(marker)
    return datetime.fromisoformat(html[start : html.index('"', start)])


def test_dst_gap_and_overlap_are_reported_and_others_are_not(project: Site) -> None:
    build = project.build(env={"MKDOCS_REVEAL_NOW": "2025-11-01"})
    assert "reveal: docs/gap.md:5: 2026-03-29 02:30 does not exist in this timezone" in build.log
    assert "reveal: docs/overlap.md:5: 2025-10-26 02:30 happens twice in this timezone" in build.log
    assert "gap-page.md: 2026-03-29 02:30 does not exist in this timezone" in build.log
    assert "docs/year.md" not in build.log and "docs/leap.md" not in build.log


def test_leap_day_and_new_year_stamps_name_the_inferred_year(project: Site) -> None:
    build = project.build(env={"MKDOCS_REVEAL_NOW": "2025-11-01"})
    assert 'datetime="2026-01-05T09:00:00+01:00"' in build.text("year/index.html")
    assert 'datetime="2028-02-29T09:00:00+01:00"' in build.text("leap/index.html")
