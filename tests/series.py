"""A small three-part series with a unique secret word in every part, for real builds."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

# Each part's secret words appear only in that part's post and teaser.
SECRETS = {
    1: ("quillfeather", "amberquartz"),
    2: ("moonbasalt", "tidewhistle"),
    3: ("glimmerfrost", "obsidianwren"),
}
# Reveal instants in Europe/Oslo (09:00, CET = UTC+1 in November 2025).
INSTANTS = {
    1: "2025-11-03T09:00:00+01:00",
    2: "2025-11-10T09:00:00+01:00",
    3: "2025-11-24T09:00:00+01:00",
}
# What `mkdocs-reveal due --json` says once part 3 is out (site_url https://example.org/).
ANNOUNCED_3 = [
    {
        "kind": "page",
        "path": "series/collective.md",
        "line": None,
        "title": "Part 3 of the series",
        "url": "https://example.org/series/collective/",
        "reveal": INSTANTS[3],
    },
    {
        "kind": "preview",
        "path": "series/index.md",
        "line": 42,
        "title": "The Series",
        "url": "https://example.org/series/",
        "reveal": INSTANTS[3],
    },
]
STAMPS = {1: "Monday, November 3rd", 2: "Monday, November 10th", 3: "Monday, November 24th"}
SLUGS = {1: "stalactite", 2: "workflow", 3: "collective"}


def landing(stamps: Mapping[int, str] = STAMPS) -> str:
    """The series' landing page: one preview per part, its stamp saying `stamps[part]`."""
    parts = []
    for part in (1, 2, 3):
        first, second = SECRETS[part]
        parts.append(
            f"## Part {part}\n\n"
            f"**[Read Part {part}]({SLUGS[part]}.md)**\n\n"
            f'<PostPreview blurred post="series/{SLUGS[part]}.md">\n'
            f'  <RevealStamp date="{stamps[part]}" />\n\n'
            f"  **Teaser {first}:**\n\n"
            f"  The {first} paragraph of part {part} tells a story.\n\n"
            f"  - {second} item one\n"
            f"  - another item\n"
            f"</PostPreview>\n"
        )
    return "---\ntitle: The Series\ndate: 2025-11-02\n---\n\n# The Series\n\n" + "\n".join(parts)


def post(part: int) -> str:
    """One post of the series, full of its secret words."""
    first, second = SECRETS[part]
    return (
        f"---\ntitle: Part {part} of the series\ndescription: All about {first}\n---\n\n"
        f"# Part {part} of the series\n\n"
        f"## The {second} heading\n\n"
        f"The {first} body text of part {part}, with {second} too.\n\n"
        f"![A picture](img-{part}.svg)\n"
    )


def pages(stamps: Mapping[int, str] = STAMPS) -> dict[str, str]:
    """Every page of the series, plus a home page."""
    result = {"index.md": "# Home\n\nWelcome.\n", "series/index.md": landing(stamps)}
    for part in (1, 2, 3):
        result[f"series/{SLUGS[part]}.md"] = post(part)
        result[f"series/img-{part}.svg"] = (
            '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">'
            f'<rect width="8" height="8"/></svg><!-- picture {part} -->\n'
        )
    return result


def reveal_options(dates: Mapping[int, str] | None = None, **overrides: Any) -> dict[str, Any]:
    """The plugin's options for the series (its parts on `dates`, ISO, if given)."""
    days = dates or {part: INSTANTS[part][:10] for part in (1, 2, 3)}
    return {
        "timezone": "Europe/Oslo",
        "reveal_time": "09:00",
        "schedule": {f"series/{SLUGS[part]}.md": days[part] for part in (1, 2, 3)},
        **overrides,
    }


def days_around(now: datetime) -> dict[int, str]:
    """Dates for a series read at the real time: parts 1 and 2 out, part 3 twelve days away."""
    today = now.astimezone(ZoneInfo("Europe/Oslo")).date()
    return {part: (today + timedelta(days=shift)).isoformat() for part, shift in SHIFTS.items()}


def instant_of(day: str) -> datetime:
    """The instant a part's date means: 09:00 in Oslo."""
    return datetime.combine(
        datetime.fromisoformat(day).date(), time(9, 0), tzinfo=ZoneInfo("Europe/Oslo")
    )


SHIFTS = {1: -10, 2: -3, 3: 12}
