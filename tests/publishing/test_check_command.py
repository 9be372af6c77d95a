"""`mkdocs-reveal check`: the leak check on a site already built, by MkDocs or any generator."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import series
from sitebuild import Site
from test_cli import run

SiteFactory = Callable[..., Site]
NOW = "2025-11-12T12:00:00+01:00"  # parts 1 and 2 revealed, part 3 sealed


def without_the_plugin(project: Site, site_dir: str) -> None:
    """Build the project as a generator that ignores MkDocs plugins would, into `site_dir`."""
    project.build_without_the_plugin(site_dir, env={"MKDOCS_REVEAL_NOW": NOW})
    assert (project.root / site_dir / "series" / "collective" / "index.html").is_file()


def test_check_catches_a_site_built_without_the_plugin(site: SiteFactory) -> None:
    project = site(series.pages(), reveal=series.reveal_options())
    without_the_plugin(project, "generated")
    done = run(project.root, "check", "--site-dir", "generated", now=NOW)
    assert done.returncode == 1, done.stdout + done.stderr
    for output in ("series/collective/index.html", "search/search_index.json"):
        assert f"{output} holds sealed text of docs/series/collective.md" in done.stderr
    # The sealed teaser of part 3, on the landing page.
    assert "series/index.html holds sealed text of docs/series/index.md" in done.stderr
    for word in series.SECRETS[3]:
        assert word not in done.stdout + done.stderr, "the secret itself is never printed"
    # Nothing is removed: the command only reports.
    assert (project.root / "generated" / "series" / "collective" / "index.html").is_file()


def test_check_passes_a_clean_mkdocs_build(site: SiteFactory) -> None:
    project = site(series.pages(), reveal=series.reveal_options())
    build = project.build(env={"MKDOCS_REVEAL_NOW": NOW})
    done = run(project.root, "check", now=NOW)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no sealed text found" in done.stdout
    # The same site judged at a later clock: part 3 is public then, and the build older.
    assert run(project.root, "check", now="2025-11-25").returncode == 0
    assert build.containing(series.SECRETS[3][0]) == []


def test_check_reads_the_config_and_site_dir_it_is_given(site: SiteFactory, tmp_path: Path) -> None:
    project = site(series.pages(), reveal=series.reveal_options())
    project.build(env={"MKDOCS_REVEAL_NOW": NOW})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = run(
        elsewhere,
        "check",
        "-f",
        str(project.root / "mkdocs.yml"),
        "--site-dir",
        str(project.root / "site"),
        now=NOW,
    )
    assert done.returncode == 0, done.stderr


def test_check_says_what_is_wrong_with_its_input(site: SiteFactory) -> None:
    project = site(series.pages(), reveal=series.reveal_options())
    done = run(project.root, "check", "--site-dir", "nowhere", now=NOW)
    assert done.returncode == 2
    assert "no built site at nowhere" in done.stderr
    assert run(project.root, "check", "-f", "missing.yml", now=NOW).returncode == 2
