"""`reveal:` however YAML lets its key be written, in a page or in a meta file, seals the page.

MkDocs reads `"reveal":`, `'reveal':`, `{reveal: …}` and `? reveal` all as the key `reveal`; so
must the plugin. Each case plants words only in the scheduled page and reads every output file.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from planted import BODY, leaks
from sitebuild import Site

SiteFactory = Callable[..., Site]
NOW = "2025-11-12T12:00:00+01:00"
OPTIONS = {"timezone": "Europe/Oslo", "now": NOW}
INDEX = "# Home\n\nNothing sealed here.\n"
STAND_IN_DATE = 'datetime="2025-12-01T00:00:00+01:00"'
# Every way of writing the key MkDocs reads as `reveal`, as lines of a YAML mapping.
KEY_STYLES = {
    "double-quoted": '"reveal": 2025-12-01\ntitle: Part 2\n',
    "single-quoted": "'reveal': 2025-12-01\ntitle: Part 2\n",
    "flow-mapping": "{reveal: 2025-12-01, title: Part 2}\n",
    "complex-key": "? reveal\n: 2025-12-01\ntitle: Part 2\n",
    "merge-key": "dates: &dates {reveal: 2025-12-01}\n<<: *dates\ntitle: Part 2\n",
}


@pytest.mark.parametrize("mapping", KEY_STYLES.values(), ids=KEY_STYLES.keys())
def test_front_matter_seals_the_page_whatever_the_key_style(
    site: SiteFactory, mapping: str
) -> None:
    page = f"---\n{mapping}---\n\n{BODY}"
    build = site({"index.md": INDEX, "part.md": page}, reveal=OPTIONS).build()
    assert leaks(build) == {}
    stand_in = build.text("part/index.html")
    assert "is-sealed" in stand_in and STAND_IN_DATE in stand_in


@pytest.mark.parametrize("mapping", KEY_STYLES.values(), ids=KEY_STYLES.keys())
def test_a_meta_file_seals_its_pages_whatever_the_key_style(
    site: SiteFactory, mapping: str
) -> None:
    pages = {"index.md": INDEX, "series/.meta.yml": mapping, "series/part.md": BODY}
    build = site(pages, plugins=["search", "meta", {"reveal": OPTIONS}]).build()
    assert leaks(build) == {}
    stand_in = build.text("series/part/index.html")
    assert "is-sealed" in stand_in and STAND_IN_DATE in stand_in


@pytest.mark.parametrize(
    ("mapping", "line", "says"),
    [
        ('"reveal": 2025-12-01\ntitle: Part 2: The Workflow\n', 3, "not valid YAML"),
        ("{reveal: 2025-12-01, tags: [one, two}\n", 2, "not valid YAML"),
        ("{reveal: 2025-11-31, title: Part 2}\n", 2, "cannot be read"),
        ("? 'reveal'\n: 2025-11-31\n", 2, "cannot be read"),
    ],
    ids=["quoted-key-colon-in-title", "flow-unclosed-list", "flow-impossible-date", "complex"],
)
def test_front_matter_mkdocs_cannot_read_stops_the_build_whatever_the_key_style(
    site: SiteFactory, mapping: str, line: int, says: str
) -> None:
    page = f"---\n{mapping}---\n\n{BODY}"
    build = site({"index.md": INDEX, "part.md": page}, reveal=OPTIONS).build(ok=False)
    assert build.returncode != 0
    assert f"docs/part.md:{line}: the front matter" in build.log, build.log
    assert says in build.log
    assert "Traceback" not in build.log
    assert leaks(build) == {}


def test_reveal_written_twice_in_two_styles_stops_the_build(site: SiteFactory) -> None:
    page = f"---\nreveal: 2025-12-01\n'reveal': 2025-11-01\n---\n\n{BODY}"
    build = site({"index.md": INDEX, "part.md": page}, reveal=OPTIONS).build(ok=False)
    assert build.returncode != 0
    assert "docs/part.md:3: `reveal:` is written on lines 2 and 3: keep one" in build.log
    assert leaks(build) == {}
