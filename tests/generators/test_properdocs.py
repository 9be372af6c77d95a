"""ProperDocs, the fork that continues MkDocs 1.x: real `properdocs build`s and `serve`, and the
`mkdocs-reveal` command where ProperDocs is the only generator installed.
"""

from __future__ import annotations

import subprocess
from datetime import datetime
from importlib.metadata import entry_points, version
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import recipes
import series
from localhttp import serve, wait_for
from sitebuild import Build

CLOCK = "2025-11-12T12:00:00+01:00"

if TYPE_CHECKING:
    from playwright.sync_api import Browser


def test_the_plugin_is_registered_for_properdocs_too() -> None:
    found = {entry.name: entry.value for entry in entry_points(group="properdocs.plugins")}
    assert found["reveal"] == "mkdocs_reveal.plugin:RevealPlugin"


def test_the_docs_name_the_properdocs_tested() -> None:
    docs = (recipes.REPO / "docs" / "zensical.md").read_text(encoding="utf-8")
    assert f"ProperDocs {version('properdocs')}" in docs


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The series built by `properdocs build` from `properdocs.yml`, at the demo's clock."""
    root = tmp_path_factory.mktemp("properdocs")
    site = recipes.properdocs_site(root, series.pages(), series.reveal_options(now=CLOCK))
    return site.build("--strict", program="properdocs")


def test_properdocs_build_seals_part_3(built: Build) -> None:
    for word in series.SECRETS[3]:
        assert built.containing(word) == [], word
    for word in (*series.SECRETS[1], *series.SECRETS[2]):
        assert "search/search_index.json" in built.containing(word), word
    stand_in = built.text("series/collective/index.html")
    assert 'class="reveal-preview is-sealed reveal-page"' in stand_in
    assert '<meta name="robots" content="noindex">' in stand_in
    assert (built.site / "reveal.json").is_file()
    assert "3 previews (1 sealed, 2 revealed); 3 scheduled pages (1 sealed" in built.log
    assert "should be renamed" not in built.log  # properdocs.yml is ProperDocs' own name


def test_properdocs_strict_stops_on_our_warnings(tmp_path: Path) -> None:
    page = '<PostPreview date="Tuesday, November 3rd 2025">\nquartzfallow\n</PostPreview>\n'
    site = recipes.properdocs_site(tmp_path, {"index.md": page}, {"now": CLOCK})
    build = site.build("--strict", ok=False, program="properdocs")
    assert build.returncode == 1
    assert "docs/index.md:1: November 3rd 2025 is a Monday" in build.log
    assert "Aborted with 1 warnings in strict mode" in build.log


def test_properdocs_serve_shows_the_sealed_series(tmp_path: Path) -> None:
    site = recipes.properdocs_site(tmp_path, series.pages(), series.reveal_options(now=CLOCK))
    log_path = tmp_path / "serve.log"
    with serve(site, log_path, "--no-livereload", program="properdocs") as base:
        landing = wait_for(base + "series/")
        stand_in = wait_for(base + "series/collective/")
        style = wait_for(base + recipes.ASSET_URIS[0])
    log = log_path.read_text(encoding="utf-8")
    assert landing.count('class="reveal-preview is-revealed"') == 2
    assert 'class="reveal-preview is-sealed reveal-page"' in stand_in
    assert ".reveal-stamp" in style
    for word in series.SECRETS[3]:
        assert word not in landing and word not in stand_in, word
    assert "reveal: 3 previews (1 sealed, 2 revealed)" in log


def _cli(root: Path, *args: str, script: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs-reveal ARGS` in a project (or a script that runs it)."""
    command = ["-c", script] if script else ["-m", "mkdocs_reveal.publishing.cli"]
    return recipes.python(root, *command, *args)


def test_the_command_reads_properdocs_yml_before_mkdocs_yml(tmp_path: Path) -> None:
    site = recipes.properdocs_site(tmp_path, series.pages(), series.reveal_options(now=CLOCK))
    # A stale mkdocs.yml beside it schedules nothing.
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Old\nplugins:\n  - reveal:\n      now: 2025-11-12\n", encoding="utf-8"
    )
    done = _cli(site.root, "status")
    assert done.returncode == 0, done.stderr
    assert "series/collective.md" in done.stdout


# The command where MkDocs is not installed: `mkdocs` cannot be imported until ProperDocs'
# alias answers for it.
PROPERDOCS_ONLY = """
import importlib.abc, sys

class NoMkDocs(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "mkdocs" or name.startswith("mkdocs."):
            raise ModuleNotFoundError(f"No module named {name!r} (refused by the test)")
        return None

sys.meta_path.insert(0, NoMkDocs())
from mkdocs_reveal.publishing import cli, host

assert host.GENERATOR == "properdocs", host.GENERATOR
import mkdocs.config, properdocs.config
assert mkdocs.config is properdocs.config
sys.exit(cli.main(sys.argv[1:]))
"""


def test_the_command_works_where_only_properdocs_is_installed(tmp_path: Path) -> None:
    site = recipes.properdocs_site(tmp_path, series.pages(), series.reveal_options(now=CLOCK))
    done = _cli(site.root, "next", script=PROPERDOCS_ONLY)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == series.INSTANTS[3]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """This repository's demo, built by `properdocs build --strict` from `properdocs.yml`."""
    site = recipes.demo(tmp_path_factory.mktemp("demo"), "properdocs")
    return site.build("--strict", program="properdocs")


def test_the_demo_built_by_properdocs_keeps_part_3_sealed(demo: Build) -> None:
    for words in recipes.DEMO_SEALED:
        assert demo.containing(words) == [], words
    for words in recipes.DEMO_SHOWN:
        assert demo.containing(words), words


def test_stamps_are_styled_and_count_down_in_a_browser(demo: Build, chromium: Browser) -> None:
    display, corner, blur = recipes.stamp_style(chromium, demo.site, datetime.fromisoformat(CLOCK))
    assert display == "inline-flex"
    assert corner != "0px"
    assert "blur" in blur
