"""One mkdocs.yml for MkDocs and Zensical: the plugin and the extension listed together."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import recipes
import series
from sitebuild import Build, Site, make_site

from mkdocs_reveal.integration.site_outputs import ASSETS

CLOCK = "2025-11-12T12:00:00+01:00"


def shared_site(root: Path) -> Site:
    """The series with the recipe's config: one mapping of options for plugin and extension."""
    options = series.reveal_options(now=CLOCK)
    # The same object twice: YAML writes it once, with an anchor, as the docs suggest.
    config: dict[str, Any] = {
        **recipes.zensical_config(options),
        "plugins": ["search", {"reveal": options}],
    }
    site = Site(root, config)
    for path, text in series.pages().items():
        site.page(path, text)
    site.save_config()
    recipes.copy_assets(root)
    return site


def test_mkdocs_builds_the_shared_config_and_links_the_assets_once(tmp_path: Path) -> None:
    site = shared_site(tmp_path)
    assert "&id001" in (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    build = site.build("--strict")
    for word in series.SECRETS[3]:
        assert build.containing(word) == [], word
    landing = build.text("series/index.html")
    assert re.findall(r'class="reveal-preview (is-\w+)"', landing) == [
        "is-revealed",
        "is-revealed",
        "is-sealed",
    ]
    for uri in recipes.ASSET_URIS:
        assert landing.count(uri) == 1, uri
        assert (build.site / uri).read_bytes() == (ASSETS / Path(uri).name).read_bytes()
    assert "reveal: 3 previews (1 sealed, 2 revealed)" in build.log


def test_an_outdated_copy_of_the_assets_is_reported(tmp_path: Path) -> None:
    site = shared_site(tmp_path)
    copy = tmp_path / "docs" / recipes.ASSET_URIS[0]
    copy.write_text(copy.read_text(encoding="utf-8") + "\n/* older */\n", encoding="utf-8")
    build = site.build("--strict", ok=False)
    assert build.returncode == 1
    assert (
        "reveal: docs/assets/mkdocs-reveal/reveal.css is not the reveal.css of this "
        "mkdocs-reveal: copy it again with `mkdocs-reveal assets docs/assets/mkdocs-reveal`"
    ) in build.log


def test_mkdocs_without_the_plugin_stops_on_a_scheduled_page(tmp_path: Path) -> None:
    pages = series.pages()
    site = make_site(tmp_path, pages, plugins=["search"])
    site.config["markdown_extensions"] = [{"mkdocs_reveal": series.reveal_options(now=CLOCK)}]
    build: Build = site.build(ok=False)
    assert build.returncode != 0
    assert "this page is scheduled, but MkDocs runs the mkdocs_reveal extension" in build.log
    assert "add `- reveal` to `plugins`" in build.log
