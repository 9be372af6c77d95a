"""Photograph the demo as Zensical and ProperDocs build it: `python tests/generator_screenshots.py`.

Zensical builds by the recipe in docs/zensical.md; ProperDocs from `properdocs.yml`. Each is
photographed as `screenshots.py` photographs MkDocs' build, at the demo's clock.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import recipes
from browser import ARGS, CHROMIUM
from localhttp import serving
from playwright.sync_api import sync_playwright
from screenshots import DEMO_CLOCK, LANDING, OUT, reader, series


def main() -> None:
    """Build with each generator, serve and photograph."""
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = reader(browser)
        for generator in ("zensical", "properdocs"):
            site = recipes.demo(Path(folder) / generator, generator)
            if generator == "zensical":
                built = recipes.zensical_build(site)
            else:
                built = site.build("--strict", program="properdocs")
            with serving(built.site) as base:
                page = context.new_page()
                page.clock.install(time=DEMO_CLOCK)
                page.goto(base + LANDING)
                page.wait_for_selector(".reveal-stamp-countdown")
                series(page, OUT / f"series-{generator}.png")
                page.close()
            print(OUT / f"series-{generator}.png")
        browser.close()


if __name__ == "__main__":
    main()
