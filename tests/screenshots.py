"""Take the documentation's screenshots of the demo series: `python tests/screenshots.py`.

Builds the demo site (the repository's own `mkdocs.yml`, whose clock is pinned), serves it,
and photographs the series in Material's light and dark schemes. The browser keeps its own,
real clock: a page built at a pinned clock shows that moment ("in 12 days") on any day, so the
pictures are the same whenever they are taken, and show what a reader sees today.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from browser import ARGS, CHROMIUM
from localhttp import serving
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from sitebuild import environment

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "assets" / "screenshots"
LANDING = "chronicles/"


def build(site: Path) -> None:
    """Build the demo site into a folder."""
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
        cwd=ROOT,
        env=environment(),
        check=True,
    )


def dark(page: Page) -> None:
    """Switch Material to its dark scheme with the header's own toggle."""
    page.get_by_title("Switch to dark mode").first.click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")


def series(page: Page, path: Path) -> None:
    """Photograph the landing page from Part 2's heading to the end of Part 3's preview."""
    top = page.locator("h3", has_text="Part 2").bounding_box()
    previews = page.locator(".reveal-preview")
    bottom = previews.nth(previews.count() - 1).bounding_box()
    content = page.locator(".md-content__inner").bounding_box()
    assert top and bottom and content
    margin = 16
    page.screenshot(
        path=str(path),
        full_page=True,
        clip={
            "x": content["x"] - margin,
            "y": top["y"] - margin,
            "width": content["width"] + 2 * margin,
            "height": bottom["y"] + bottom["height"] - top["y"] + 2 * margin,
        },
    )


def reader(browser: Browser) -> BrowserContext:
    """A reader's browser in Oslo, on a large screen that makes sharp pictures."""
    return browser.new_context(
        viewport={"width": 1100, "height": 900},
        device_scale_factor=2,
        timezone_id="Europe/Oslo",
        locale="en-GB",
    )


def main() -> None:
    """Build, serve and photograph."""
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        site = Path(folder) / "site"
        build(site)
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = reader(browser)
        with serving(site) as base:
            page = context.new_page()
            page.goto(base + LANDING)
            page.wait_for_load_state("networkidle")
            # The pinned page's own words, untouched by the reader's clock: no "Out now".
            pending = page.locator(".reveal-preview.is-sealed .reveal-stamp-countdown")
            assert pending.inner_text() == "in 12 days"
            assert page.locator(".reveal-stamp-reload").count() == 0
            series(page, OUT / "series-light.png")
            dark(page)
            series(page, OUT / "series-dark.png")
        browser.close()
    for name in ("series-light.png", "series-dark.png"):
        print(OUT / name)


if __name__ == "__main__":
    main()
