"""Driving Debian's Chromium over a built site: launching it, measuring colours."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = Path("/usr/bin/chromium")
# Playwright's own browser download does not work everywhere; Debian's Chromium does, offline.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"Chromium is not installed at {CHROMIUM}"
    try:
        import playwright.sync_api  # noqa: F401, PLC0415  # only needed when there is a browser
    except ImportError:
        return "the playwright package is not installed"
    return None


def in_ci() -> bool:
    """Whether this run is CI, where the browser tests must run rather than be skipped."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@contextmanager
def launched() -> Iterator[Browser]:
    """Debian's Chromium, or a skip (a failure in CI) where it cannot run."""
    reason = missing_reason()
    if reason is not None:
        if in_ci():
            pytest.fail(f"the browser tests must run in CI, but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright  # noqa: PLC0415  # only with a browser

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


# Runs in the page: the contrast of an element's text against what is painted behind it.
# Colours are read back through a canvas, which understands every CSS colour syntax
# (rgb(), color(srgb …) from color-mix(), …); translucent layers are composited in order.
CONTRAST_JS = """
(element) => {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const context = canvas.getContext("2d", { willReadFrequently: true });
  const rgba = (css) => {
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = "#000";
    context.fillStyle = css;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };
  const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3]));
  const layers = [];
  for (let node = element; node; node = node.parentElement) {
    const layer = rgba(getComputedStyle(node).backgroundColor);
    if (layer[3] > 0) layers.push(layer);
    if (layer[3] >= 1) break;
  }
  let behind = [255, 255, 255];
  for (const layer of layers.reverse()) behind = over(layer, behind);
  const text = over(rgba(getComputedStyle(element).color), behind);
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(text), luminance(behind)].sort((x, y) => y - x);
  return {
    ratio: (light + 0.05) / (dark + 0.05),
    text: text.map(Math.round),
    behind: behind.map(Math.round),
    words: element.textContent.trim(),
  };
}
"""
