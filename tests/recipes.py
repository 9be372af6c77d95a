"""Sites built by the other generators: Zensical by docs/zensical.md's recipe, and ProperDocs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from localhttp import serving
from sitebuild import Build, Site, environment, make_site

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO = Path(__file__).resolve().parents[1]
ASSET_URIS = ["assets/mkdocs-reveal/reveal.css", "assets/mkdocs-reveal/reveal.js"]
# The demo's clock pins Part 3 sealed; these are its words, on its page and in its teaser.
DEMO_SEALED = (
    "The setup is almost boring",
    "as well as a message bus between sessions",
    "nothing more exotic than issue comments",
    "Claiming work so that no two sessions collide",
)
# Part 2's teaser and page, revealed at the demo's clock: a build that shows them is working.
DEMO_SHOWN = ("A principle needs a habit", "Part 2 turns the stalactite into a routine")


def python(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run this Python with ARGS in a project's folder, in the tests' quiet environment."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=root,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def copy_assets(root: Path) -> str:
    """Copy reveal.css and reveal.js into the project's docs, as the recipe says."""
    done = python(root, "-m", "mkdocs_reveal.publishing.cli", "assets")
    assert done.returncode == 0, done.stderr
    return done.stdout


def zensical_config(options: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A Zensical site's mkdocs.yml by the recipe: the extension with the plugin's options."""
    return {
        "site_name": "Test site",
        "site_url": "https://example.org/",
        "theme": {"name": "material", "font": False},
        "markdown_extensions": [{"mkdocs_reveal": options}],
        "extra_css": [ASSET_URIS[0]],
        "extra_javascript": [ASSET_URIS[1]],
        **extra,
    }


def zensical_site(root: Path, pages: dict[str, str], options: dict[str, Any], **extra: Any) -> Site:
    """A project built by Zensical: pages, the recipe's mkdocs.yml, and the copied assets."""
    site = Site(root, zensical_config(options, **extra))
    for path, text in pages.items():
        site.page(path, text)
    site.save_config()
    copy_assets(root)
    return site


def zensical_build(
    site: Site, *args: str, env: dict[str, str] | None = None, ok: bool = True
) -> Build:
    """`zensical build --clean`: Zensical's cache ignores the clock, so the recipe cleans it."""
    return site.build("--clean", *args, env=env, ok=ok, program="zensical")


def demo_config() -> dict[str, Any]:
    """This repository's own mkdocs.yml."""
    loaded = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def demo(root: Path, generator: str) -> Site:
    """This repository's demo site, set up for `zensical` (by the recipe) or `properdocs`."""
    shutil.copytree(REPO / "docs", root / "docs")
    config = demo_config()
    if generator == "properdocs":
        # ProperDocs' own name for the file, which it (and mkdocs-reveal) looks for first.
        return Site(root, config, config_file="properdocs.yml")
    plugin = next(entry["reveal"] for entry in config["plugins"] if isinstance(entry, dict))
    config["markdown_extensions"].append({"mkdocs_reveal": plugin})
    config["extra_css"] = [ASSET_URIS[0]]
    config["extra_javascript"] = [ASSET_URIS[1]]
    site = Site(root, config)
    site.save_config()
    copy_assets(root)
    return site


def properdocs_site(root: Path, pages: dict[str, str], reveal: dict[str, Any]) -> Site:
    """A project with `properdocs.yml`, ProperDocs' own name for its config file."""
    site = make_site(root, pages, reveal=reveal)
    (root / "mkdocs.yml").unlink()
    site.config_file = "properdocs.yml"
    site.save_config()
    return site


def stamp_style(browser: Browser, folder: Path, clock: datetime) -> tuple[str, str, str]:
    """In a browser at `clock`: a sealed stamp's display and corner, and the filler's filter.

    Waits for the countdown first, so the script is known to run.
    """
    with serving(folder) as base:
        page = browser.new_page()
        page.clock.install(time=clock)
        page.goto(base + "chronicles/")
        page.wait_for_selector(".reveal-stamp-countdown")
        display, corner = page.locator("time.reveal-stamp.is-sealed").first.evaluate(
            "e => { const s = getComputedStyle(e); return [s.display, s.borderTopLeftRadius]; }"
        )
        blur = page.locator(".reveal-preview.is-sealed .reveal-placeholder").first.evaluate(
            "e => getComputedStyle(e).filter"
        )
        page.close()
    return str(display), str(corner), str(blur)
