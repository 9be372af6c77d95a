"""The extension alone reads a page's `reveal:` by the plugin's reader: any case, any date.

Under Zensical (real `zensical build --clean`s by the recipe in docs/zensical.md) and under
MkDocs without the plugin, the extension is the whole guarantee, so a `Reveal:` key seals the
page and a date that does not exist stops the build at the page's line, with no traceback of
PyYAML's own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import recipes
from planted import BODY, leaks
from sitebuild import make_site

NOW = "2025-11-12T12:00:00+01:00"
OPTIONS = {"timezone": "Europe/Oslo", "now": NOW}
INDEX = "# Home\n\nNothing sealed here.\n"
TEASER = '# Home\n\n<PostPreview post="part.md">\nThe public teaser.\n</PostPreview>\n'
CAPITALISED = f"---\ntitle: Part 2\nReveal: 2025-12-01\n---\n\n{BODY}"
IMPOSSIBLE = f"---\ntitle: Part 2\nreveal: 2025-11-31\n---\n\n{BODY}"


def test_a_capitalised_reveal_seals_the_page_under_zensical(tmp_path: Path) -> None:
    pages = {"index.md": INDEX, "part.md": CAPITALISED}
    build = recipes.zensical_build(recipes.zensical_site(tmp_path, pages, OPTIONS))
    assert leaks(build) == {}
    stand_in = build.text("part/index.html")
    assert "is-sealed" in stand_in
    assert 'datetime="2025-12-01T00:00:00+01:00"' in stand_in
    assert "docs/part.md:3: front matter `reveal`: write `reveal:` in lower case" in build.log


def test_a_capitalised_reveal_stops_a_strict_zensical_build(tmp_path: Path) -> None:
    pages = {"index.md": INDEX, "part.md": CAPITALISED}
    site = recipes.zensical_site(tmp_path, pages, {**OPTIONS, "strict": True})
    build = recipes.zensical_build(site, ok=False)
    assert build.returncode != 0
    assert "docs/part.md:3: front matter `reveal`: write `reveal:` in lower case" in build.log
    assert leaks(build) == {}


@pytest.mark.parametrize("index", [INDEX, TEASER], ids=["own-page", "named-by-a-preview"])
def test_an_impossible_reveal_date_stops_a_zensical_build_at_its_line(
    tmp_path: Path, index: str
) -> None:
    pages = {"index.md": index, "part.md": IMPOSSIBLE}
    build = recipes.zensical_build(recipes.zensical_site(tmp_path, pages, OPTIONS), ok=False)
    assert build.returncode != 0
    assert "part.md:3: the front matter cannot be read (day is out of range" in build.log
    assert "ValueError" not in build.log, build.log
    assert leaks(build) == {}


def test_a_capitalised_reveal_stops_mkdocs_running_the_extension_without_the_plugin(
    tmp_path: Path,
) -> None:
    pages = {"index.md": INDEX, "part.md": CAPITALISED}
    extensions = [{"mkdocs_reveal": OPTIONS}]
    site = make_site(tmp_path, pages, plugins=["search"], markdown_extensions=extensions)
    build = site.build(ok=False)
    assert build.returncode != 0
    assert "part.md: this page is scheduled, but MkDocs runs the mkdocs_reveal extension" in (
        build.log
    )
    assert leaks(build) == {}
