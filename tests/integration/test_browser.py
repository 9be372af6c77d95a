"""The reader's view in a real browser: styles in Material and MkDocs' themes, the countdown.

These tests drive Debian's Chromium (`/usr/bin/chromium`) with Playwright over sites built by
`mkdocs build` and served on 127.0.0.1. Without Chromium they are skipped, except in CI (the
`CI` environment variable), where a missing browser is a failure.

Two kinds of site: one whose clock is pinned (the demo's November 12th, 2025), which shows that
moment whatever the reader's clock says, and one built at the real time ("live"), whose part 3
is twelve days ahead and whose stamps count down in the reader's browser.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from mimetypes import guess_type
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import series
import yaml
from browser import CONTRAST_JS
from localhttp import serving
from sitebuild import Site, make_site

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Response, Route

# The demo's clock: Parts 1 and 2 are out, Part 3 is due in 12 days.
CLOCK = datetime.fromisoformat("2025-11-12T12:00:00+01:00")
PART_3 = datetime.fromisoformat(series.INSTANTS[3])
# A live site is built at the real time with Part 3 twelve days ahead: its dates, Part 3's
# instant, and the moment as far before it as the demo's clock is before the demo's Part 3.
LIVE_DAYS = series.days_around(datetime.now(timezone.utc))
LIVE_PART_3 = series.instant_of(LIVE_DAYS[3])
LIVE_CLOCK = LIVE_PART_3 - (PART_3 - CLOCK)
CRON_INTERVAL = timedelta(minutes=60)  # the plugin's default
PALETTE = [
    {"scheme": "default", "toggle": {"icon": "material/brightness-7", "name": "Dark"}},
    {"scheme": "slate", "toggle": {"icon": "material/brightness-4", "name": "Light"}},
]
# Everything a reader reads on our stamps and notices.
TEXT = (
    ".reveal-stamp-label, .reveal-stamp-date, .reveal-stamp-countdown, .reveal-notice, "
    ".reveal-stamp-reload"
)
MINIMUM_CONTRAST = 4.5  # WCAG 2 AA for normal text
# The built-in themes load highlight.js from here; the tests answer for it, offline.
THEME_CDN = "https://cdnjs.cloudflare.com/"
HLJS_STUB = "window.hljs = new Proxy({}, { get: () => () => undefined });"


def series_site(root: Path, theme: str = "material", live: bool = False, **reveal: Any) -> Site:
    """The three-part series with a home page linking to it: pinned at the demo's clock, or
    built at the real time with Part 3 twelve days ahead."""
    if live:
        pages = series.pages(stamps=LIVE_DAYS)
        options = series.reveal_options(LIVE_DAYS, **reveal)
    else:
        pages = series.pages()
        options = series.reveal_options(now=CLOCK.isoformat(), **reveal)
    pages["index.md"] = "# Home\n\nRead [the series](series/index.md).\n"
    site = make_site(root, pages, reveal=options)
    site.config["theme"] = {**site.config["theme"], "name": theme}
    if theme == "material":
        site.config["theme"]["palette"] = PALETTE  # the slate scheme's stylesheet needs it
        site.config["theme"]["features"] = ["navigation.instant"]
    return site


@dataclass(frozen=True)
class Served:
    """A built site and the URL it is served at."""

    folder: Path
    base: str
    site: Site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Served]]:
    """Build and serve a series site once per module and configuration."""
    sites: dict[str, Served] = {}
    with ExitStack() as servers:

        def build(theme: str = "material", *, live: bool = False, **options: Any) -> Served:
            """The served site for a theme, theme options (such as color_mode) and locale."""
            key = f"{theme}-{live}-{sorted(options.items())}"
            if key not in sites:
                sites[key] = make_served(tmp_path_factory, servers, theme, live, options)
            return sites[key]

        yield build


def make_served(
    factory: pytest.TempPathFactory, servers: ExitStack, theme: str, live: bool, options: Any
) -> Served:
    """Build a series site and serve it."""
    root = factory.mktemp(theme)
    options = dict(options)
    locale = options.pop("locale", None)
    site = series_site(root, theme, live, **({"locale": locale} if locale else {}))
    site.config["theme"].update(options)
    # Material's instant navigation only follows links to URLs in the sitemap, matched by
    # port too: the site must be built for the address it is served at.
    base = servers.enter_context(serving(root / "site"))
    site.config["site_url"] = base
    return Served(site.build().site, base, site)


@pytest.fixture
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Served]]:
    """A live site of the test's own, which the test may rebuild (publish) under the reader."""
    with ExitStack() as servers:
        yield lambda theme="material", **options: make_served(
            tmp_path_factory, servers, theme, True, options
        )


def publish(served: Served, at: datetime) -> None:
    """Rebuild a served site as the scheduled deploy would at an instant: a newer build."""
    served.site.build(env={"MKDOCS_REVEAL_NOW": at.isoformat()})


@dataclass
class Reader:
    """A browser tab on a served site, recording what went wrong and what was fetched."""

    page: Page
    base: str
    errors: list[str] = field(default_factory=list)
    bodies: dict[str, str] = field(default_factory=dict)  # what the server sent, by URL
    offsite: list[str] = field(default_factory=list)

    def keep(self, response: Response) -> None:
        """Record the body of everything the site sent."""
        if response.ok:
            self.bodies[response.url] = response.body().decode("utf-8", "replace")

    def only_local(self, route: Route) -> None:
        """Keep the test offline: serve the site, stub the themes' CDN, refuse the rest."""
        url = route.request.url
        if url.startswith(self.base):
            route.continue_()
        elif url.startswith(THEME_CDN):
            # highlight.js of the built-in themes: a stand-in that highlights nothing.
            body = HLJS_STUB if url.endswith(".js") else ""
            route.fulfill(status=200, body=body, content_type=guess_type(url)[0] or "text/plain")
        else:
            self.offsite.append(url)
            route.abort()

    def open(self, path: str = "series/", at: datetime | None = CLOCK) -> Page:
        """Load a page with the browser's clock starting at an instant."""
        if at is not None:
            self.page.clock.install(time=at)
        self.page.goto(self.base + path)
        return self.page

    def contrasts(self) -> list[dict[str, Any]]:
        """The contrast of every visible piece of our text on the page."""
        found = self.page.locator(TEXT)
        return [
            found.nth(index).evaluate(CONTRAST_JS)
            for index in range(found.count())
            if found.nth(index).is_visible()
        ]


@pytest.fixture
def reader(chromium: Browser, request: pytest.FixtureRequest) -> Iterator[Callable[..., Reader]]:
    """Open tabs on built sites; after the test, insist there were no console errors."""
    tabs: list[Reader] = []
    with ExitStack() as stack:

        def open_site(site: Served, **context_options: Any) -> Reader:
            """A fresh browser context on a served site."""
            context = chromium.new_context(timezone_id="Europe/Oslo", **context_options)
            stack.callback(context.close)
            tab = Reader(context.new_page(), site.base)
            tab.page.on(
                "console", lambda m: tab.errors.append(m.text) if m.type == "error" else None
            )
            tab.page.on("pageerror", lambda error: tab.errors.append(str(error)))
            tab.page.on("response", tab.keep)
            tab.page.route("**/*", tab.only_local)
            tabs.append(tab)
            return tab

        yield open_site
    for tab in tabs:
        assert tab.errors == [], f"console errors in {request.node.name}: {tab.errors}"
        assert tab.offsite == [], f"requests that left the site: {tab.offsite}"


def dark(page: Page) -> None:
    """Switch Material to its dark scheme with its own header toggle."""
    page.get_by_title("Dark").first.click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")


# --- Styles ---------------------------------------------------------------------------------


@pytest.mark.parametrize("theme", ["material", "mkdocs", "readthedocs"])
def test_sealed_previews_are_blurred_and_revealed_ones_are_crisp(
    built: Callable[..., Served], reader: Callable[..., Reader], theme: str
) -> None:
    page = reader(built(theme)).open()
    sealed = page.locator(".reveal-preview.is-sealed .reveal-placeholder")
    assert sealed.count() == 1
    assert "blur(" in sealed.evaluate("element => getComputedStyle(element).filter")
    revealed = page.locator(".reveal-preview.is-revealed")
    assert revealed.count() == 2
    for index in range(2):
        filters = revealed.nth(index).evaluate(
            "root => [root, ...root.querySelectorAll('*')].map(e => getComputedStyle(e).filter)"
        )
        assert set(filters) == {"none"}
        assert series.SECRETS[index + 1][0] in revealed.nth(index).inner_text()
    # The overlay line sits over the placeholder, in front of it, and is not blurred.
    notice = page.locator(".reveal-preview.is-sealed .reveal-notice")
    assert notice.is_visible()
    assert notice.evaluate("element => getComputedStyle(element).filter") == "none"
    box, under = notice.bounding_box(), sealed.bounding_box()
    assert box and under
    assert under["y"] < box["y"] < box["y"] + box["height"] <= under["y"] + under["height"]


# Runs in the page: the mean and largest difference of two PNG screenshots, pixel by pixel.
DIFFERENCE_JS = """
async ([first, second]) => {
  const load = (source) => new Promise((done) => {
    const image = new Image();
    image.onload = () => done(image);
    image.src = source;
  });
  const images = [await load(first), await load(second)];
  const canvas = document.createElement("canvas");
  canvas.width = images[0].width;
  canvas.height = images[0].height;
  const context = canvas.getContext("2d", { willReadFrequently: true });
  const pixels = images.map((image) => {
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0);
    return context.getImageData(0, 0, canvas.width, canvas.height).data;
  });
  let sum = 0;
  let most = 0;
  for (let i = 0; i < pixels[0].length; i += 4) {
    let difference = 0;
    for (let c = 0; c < 3; c++) difference += Math.abs(pixels[0][i + c] - pixels[1][i + c]);
    sum += difference / 3;
    most = Math.max(most, difference / 3);
  }
  return { mean: sum / (pixels[0].length / 4), most };
}
"""
# Runs in the page: every letter of the filler replaced by the letter 13 places on (ROT13), so
# that the words change and their lengths and the blocks do not.
OTHER_WORDS_JS = """
(root) => {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const letters = "abcdefghijklmnopqrstuvwxyz";
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    node.textContent = node.textContent.replace(/[a-z]/gi, (letter) => {
      const lower = letter.toLowerCase();
      const other = letters[(letters.indexOf(lower) + 13) % 26];
      return letter === lower ? other : other.toUpperCase();
    });
  }
}
"""


def screenshot(page: Page, selector: str) -> str:
    """A PNG of one element, as a data URL."""
    data = page.locator(selector).screenshot(animations="disabled")
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


@pytest.mark.parametrize("zoom", [1, 2, 4])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_blurred_filler_cannot_be_read_at_any_zoom(
    built: Callable[..., Served], reader: Callable[..., Reader], zoom: int, scheme: str
) -> None:
    """Other words in the filler change the blurred picture almost not at all.

    What a reader could make out of the blurred words is what differs between the picture of
    the filler and the picture of other words of the same lengths. Sharp, the two differ by
    letters (pixels 140 and more apart in brightness); blurred, only by faint smudges. The
    blur grows with the text (it is in em), so zooming in (a device scale of 2 or 4) shows the
    smudges bigger, never sharper.
    """
    page = reader(built(), device_scale_factor=zoom).open()
    if scheme == "dark":
        dark(page)
    filler = ".reveal-preview.is-sealed .reveal-placeholder"
    # The line over the filler hides part of it; for this picture it steps aside.
    page.add_style_tag(content=".reveal-preview.is-sealed > .reveal-notice { display: none }")
    sizes = page.locator(filler).evaluate(
        "element => [getComputedStyle(element).filter, getComputedStyle(element).fontSize]"
    )
    blur, font = (float(value.removeprefix("blur(").rstrip("px)")) for value in sizes)
    assert blur >= 0.4 * font, sizes  # at least 0.4em, at any zoom
    blurred = screenshot(page, filler)
    page.locator(filler).evaluate(OTHER_WORDS_JS)
    other_blurred = screenshot(page, filler)
    page.add_style_tag(content=f"{filler} {{ filter: none !important }}")
    other_sharp = screenshot(page, filler)
    page.locator(filler).evaluate(OTHER_WORDS_JS)  # ROT13 twice: the filler's own words
    sharp = screenshot(page, filler)
    letters = page.evaluate(DIFFERENCE_JS, [sharp, other_sharp])
    smudges = page.evaluate(DIFFERENCE_JS, [blurred, other_blurred])
    assert letters["most"] > 100, letters  # sharp, the words are plain to see
    assert smudges["most"] <= 0.15 * letters["most"], (smudges, letters)
    assert smudges["mean"] <= 0.15 * letters["mean"], (smudges, letters)


def test_the_filler_cannot_be_selected_or_copied(
    built: Callable[..., Served], reader: Callable[..., Reader]
) -> None:
    page = reader(built()).open()
    filler = page.locator(".reveal-placeholder")
    words = filler.evaluate("element => element.textContent").split()
    assert len(words) > 10
    assert filler.evaluate("element => getComputedStyle(element).userSelect") == "none"
    page.keyboard.press("Control+A")
    selected = page.evaluate("window.getSelection().toString()")
    assert "Coming" in selected  # the page around it is selected
    assert not [word for word in words if word.strip(".:") in selected.split()]
    assert filler.evaluate("element => getComputedStyle(element).pointerEvents") == "none"


# Theme, theme options and the scheme the reader sees.
VIEWS = {
    "material-light": ("material", {}, "light"),
    "material-dark": ("material", {}, "dark"),
    "mkdocs-light": ("mkdocs", {}, "light"),
    "mkdocs-dark": ("mkdocs", {"color_mode": "dark"}, "dark"),
    "readthedocs": ("readthedocs", {}, "light"),
}


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("moment", ["pinned", "counting", "on its way"])
def test_stamps_and_notices_have_enough_contrast(
    built: Callable[..., Served], reader: Callable[..., Reader], view: str, moment: str
) -> None:
    theme, options, scheme = VIEWS[view]
    live = moment != "pinned"
    tab = reader(built(theme, live=live, **options))
    at = {"pinned": CLOCK, "counting": LIVE_CLOCK, "on its way": LIVE_PART_3 + timedelta(minutes=1)}
    page = tab.open(at=at[moment])
    if theme == "material" and scheme == "dark":
        dark(page)
    page.wait_for_selector(".reveal-stamp-countdown")
    if moment == "on its way":
        page.wait_for_selector(".reveal-stamp.is-soon .reveal-stamp-countdown")
    measured = tab.contrasts()
    # Three stamps (two revealed, one pending) with label and date, the notice, and the
    # pending stamp's countdown.
    assert len(measured) == 8
    background = measured[0]["behind"]
    assert (sum(background) < 3 * 128) == (scheme == "dark"), background
    weak = [item for item in measured if item["ratio"] < MINIMUM_CONTRAST]
    assert weak == []


def test_stamp_looks_differ_between_pending_and_revealed(
    built: Callable[..., Served], reader: Callable[..., Reader]
) -> None:
    page = reader(built()).open()
    style = (
        "element => { const s = getComputedStyle(element);"
        " return [s.color, s.backgroundColor, s.borderTopColor, s.borderTopStyle]; }"
    )
    pending = page.locator(".reveal-stamp.is-sealed").evaluate(style)
    revealed = page.locator(".reveal-stamp.is-revealed").first.evaluate(style)
    assert pending[3] == revealed[3] == "solid"  # both are badges
    assert pending[0] != revealed[0] and pending[1] != revealed[1]
    for kind in ("is-sealed", "is-revealed"):
        # Each state has its own icon, drawn as a mask in the text colour.
        icon = page.locator(f".reveal-stamp.{kind}").first.evaluate(
            "element => getComputedStyle(element, '::before').maskImage"
        )
        assert icon.startswith('url("data:image/svg+xml')


def test_sites_adjust_the_look_with_custom_properties(
    built: Callable[..., Served], reader: Callable[..., Reader]
) -> None:
    page = reader(built()).open()
    page.add_style_tag(
        content=":root { --reveal-accent-color: rgb(140, 29, 24); --reveal-blur: 9px;"
        " --reveal-radius: 3px; }"
    )
    stamp = page.locator(".reveal-stamp.is-sealed")
    assert stamp.evaluate("element => getComputedStyle(element).color") == "rgb(140, 29, 24)"
    assert stamp.evaluate("element => getComputedStyle(element).borderTopLeftRadius") == "3px"
    placeholder = page.locator(".reveal-placeholder")
    assert placeholder.evaluate("element => getComputedStyle(element).filter") == "blur(9px)"


# --- A pinned clock: one moment, whatever the reader's clock -------------------------------


@pytest.mark.parametrize(
    "reader_clock",
    [None, PART_3 + timedelta(days=400), PART_3 - timedelta(minutes=1)],
    ids=["today", "long after", "a minute before"],
)
def test_a_pinned_site_shows_its_moment_whatever_the_readers_clock(
    built: Callable[..., Served], reader: Callable[..., Reader], reader_clock: datetime | None
) -> None:
    """The demo: pinned to November 12th, read on any day, its stamp is "in 12 days"."""
    tab = reader(built())
    page = tab.open(at=reader_clock)
    page.evaluate("window.mkdocsReveal.tick()")
    if reader_clock is not None:
        page.clock.run_for(120_000)  # two minutes of the script's timers, if it had any
    stamp = page.locator(".reveal-preview.is-sealed .reveal-stamp")
    assert stamp.inner_text().split() == [
        "Coming",
        *["Monday,", "November", "24,", "2025"],
        *["in", "12", "days"],
    ]
    assert page.locator(".reveal-stamp-reload").count() == 0
    assert page.locator(".is-due, .is-soon").count() == 0
    # The script asked nothing of the site: a pinned page has no later state to look for.
    assert not [url for url in tab.bodies if url.endswith("reveal.json")]


def test_the_demo_read_today_makes_sense(reader: Callable[..., Reader], tmp_path: Path) -> None:
    """The repository's own demo site, in a browser on the reader's real clock."""
    root = Path(__file__).resolve().parents[2]
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(root / "docs")
    config["theme"]["font"] = False  # offline: no web fonts
    demo = Site(tmp_path, config)
    build = demo.build("--strict")
    with serving(build.site) as base:
        tab = reader(Served(build.site, base, demo))
        page = tab.open("chronicles/", at=None)
        page.wait_for_load_state("networkidle")
        page.evaluate("window.mkdocsReveal.tick()")
        pending = page.locator(".reveal-preview.is-sealed .reveal-stamp")
        assert pending.locator(".reveal-stamp-label").inner_text() == "Coming"
        assert pending.locator(".reveal-stamp-countdown").inner_text() == "in 12 days"
        assert page.locator(".reveal-stamp-reload, .reveal-stamp.is-due").count() == 0
        # The page says which day it shows, so "in 12 days" is read from there.
        assert "pinned to November 12th, 2025" in page.locator(".admonition").inner_text()
        # The stand-in of Part 3 has the title the nav gives it, as Parts 1 and 2 do.
        tab.page.goto(base + "chronicles/claude-code-collective/")
        assert page.locator("h1").inner_text() == "Part 3: The Collective"
        # Closed while the site is still served: a request the theme makes later (a prefetch)
        # would otherwise meet a closed server and log a console error.
        tab.page.close()


# --- Countdown on a live site ---------------------------------------------------------------


def countdown_text(page: Page) -> str:
    """Run the countdown once at the paused clock and read the pending stamp's time left."""
    page.evaluate("window.mkdocsReveal.tick()")
    return page.locator(".reveal-preview.is-sealed .reveal-stamp-countdown").inner_text()


def test_countdown_shows_time_left_and_then_that_the_part_is_on_its_way(
    fresh: Callable[..., Served], reader: Callable[..., Reader]
) -> None:
    served = fresh()
    tab = reader(served)
    page = tab.open(at=LIVE_PART_3 - timedelta(minutes=10))
    page.clock.pause_at(LIVE_PART_3 - timedelta(seconds=90))
    stamp = page.locator(".reveal-preview.is-sealed .reveal-stamp")
    assert countdown_text(page) == "in 2 minutes"
    page.clock.run_for(30_000)
    assert countdown_text(page) == "in 1 minute"
    page.clock.run_for(1_000)
    assert countdown_text(page) == "in 59 seconds"
    page.clock.run_for(58_999)
    assert countdown_text(page) == "in 1 second"
    assert stamp.locator(".reveal-stamp-label").inner_text() == "Coming"
    page.clock.run_for(1)  # the instant itself
    # The site has not been rebuilt: no reload can show the part, so none is offered. The
    # stamp counts to the latest moment the scheduled deploy publishes it.
    page.evaluate("window.mkdocsReveal.tick()")
    page.wait_for_selector(".reveal-stamp.is-soon .reveal-stamp-countdown")
    assert stamp.locator(".reveal-stamp-label").inner_text() == "Coming soon"
    assert countdown_text(page) == "in 1 hour"
    page.clock.run_for(int(timedelta(minutes=15).total_seconds() * 1000))
    assert countdown_text(page) == "in 45 minutes"
    assert page.locator(".reveal-stamp-reload").count() == 0
    # The static date stays; the revealed stamps never count.
    assert stamp.locator(".reveal-stamp-date").inner_text() == LIVE_PART_3.strftime(
        "%A, %B %-d, %Y"
    )
    assert page.locator(".reveal-stamp.is-revealed .reveal-stamp-countdown").count() == 0
    # The deploy runs 20 minutes late; the stamp still says the part is on its way.
    publish(served, LIVE_PART_3 + timedelta(minutes=20))
    page.clock.run_for(int(timedelta(minutes=1).total_seconds() * 1000))
    reload = page.get_by_role("button", name="Reload")
    reload.wait_for()
    assert stamp.locator(".reveal-stamp-label").inner_text() == "Out now"
    assert stamp.locator(".reveal-stamp-countdown").count() == 0
    assert "is-due" in (page.locator(".reveal-preview.is-sealed").get_attribute("class") or "")
    with page.expect_navigation():
        reload.click()
    # The newer build has the part: the teaser is there, sharp.
    assert page.locator(".reveal-preview.is-sealed").count() == 0
    assert series.SECRETS[3][0] in page.locator(".reveal-preview.is-revealed").last.inner_text()


def test_the_due_stamp_and_its_button_are_readable_and_still_for_reduced_motion(
    fresh: Callable[..., Served], reader: Callable[..., Reader]
) -> None:
    served = fresh()
    tab = reader(served)
    page = tab.open(at=LIVE_PART_3 + timedelta(seconds=30))
    page.wait_for_selector(".reveal-stamp.is-soon")
    publish(served, LIVE_PART_3 + timedelta(minutes=5))
    page.clock.run_for(60_000)
    page.wait_for_selector(".reveal-stamp-reload")
    for scheme in ("light", "dark"):
        if scheme == "dark":
            dark(page)
        measured = tab.contrasts()
        assert [item["words"] for item in measured if item["words"] == "Reload"] == ["Reload"]
        assert [item for item in measured if item["ratio"] < MINIMUM_CONTRAST] == []
    pulse = "element => getComputedStyle(element, '::before').animationName"
    assert page.locator(".reveal-stamp.is-due").evaluate(pulse) == "reveal-pulse"
    page.emulate_media(reduced_motion="reduce")
    assert page.locator(".reveal-stamp.is-due").evaluate(pulse) == "none"


def test_countdown_updates_live(
    built: Callable[..., Served], reader: Callable[..., Reader]
) -> None:
    page = reader(built(live=True)).open(at=LIVE_CLOCK)
    countdown = page.locator(".reveal-preview.is-sealed .reveal-stamp-countdown")
    page.wait_for_selector(".reveal-stamp-countdown")
    assert countdown.inner_text() == "in 12 days"
    # Eleven and a half days on, without a reload: the script's own timer updates the text.
    page.clock.fast_forward(int(timedelta(days=11, hours=12).total_seconds() * 1000))
    page.wait_for_function(
        "document.querySelector('.reveal-preview.is-sealed .reveal-stamp-countdown')"
        ".textContent === 'in 9 hours'"
    )
    page.clock.fast_forward(int(timedelta(hours=9).total_seconds() * 1000))
    page.wait_for_selector(".reveal-stamp.is-soon")


def test_countdown_speaks_the_locale(
    built: Callable[..., Served], reader: Callable[..., Reader]
) -> None:
    page = reader(built(live=True, locale="nb")).open(at=LIVE_CLOCK)
    page.wait_for_selector(".reveal-stamp-countdown")
    stamp = page.locator(".reveal-preview.is-sealed .reveal-stamp")
    assert stamp.locator(".reveal-stamp-label").inner_text() == "Kommer"
    # Chromium's Norwegian for "in 12 days"; the number and "om" are what matter.
    assert stamp.locator(".reveal-stamp-countdown").inner_text().startswith("om 12 ")
    page.clock.fast_forward(int((LIVE_PART_3 - LIVE_CLOCK).total_seconds() * 1000))
    page.wait_for_selector(".reveal-stamp.is-soon .reveal-stamp-countdown")
    assert stamp.locator(".reveal-stamp-label").inner_text() == "Kommer snart"
    # An hour at most: the latest the scheduled deploy publishes it (a moment has passed).
    assert stamp.locator(".reveal-stamp-countdown").inner_text() in ("om 1 time", "om 60 minutter")


def test_countdown_follows_material_instant_navigation(
    built: Callable[..., Served], reader: Callable[..., Reader]
) -> None:
    page = reader(built(live=True)).open("", at=LIVE_CLOCK)
    page.evaluate("window.keptAcrossNavigation = true")
    page.get_by_role("link", name="the series").click()
    page.wait_for_url("**/series/")
    page.wait_for_selector(".reveal-stamp-countdown")
    # The same document: Material swapped the page in, and the script still found the stamp.
    assert page.evaluate("window.keptAcrossNavigation") is True
    assert page.locator(".reveal-stamp-countdown").inner_text() == "in 12 days"


def test_without_javascript_the_static_stamp_stands(
    built: Callable[..., Served], reader: Callable[..., Reader]
) -> None:
    for live in (False, True):
        page = reader(built(live=live), java_script_enabled=False).open(at=None)
        stamp = page.locator(".reveal-preview.is-sealed .reveal-stamp")
        words = stamp.inner_text().split()
        assert words[0] == "Coming"
        # A pinned page says how far its moment is; a live one leaves that to the script.
        assert (page.locator(".reveal-stamp-countdown").count() == 1) is not live
        assert "blur(" in page.locator(".reveal-placeholder").evaluate(
            "element => getComputedStyle(element).filter"
        )


def test_no_sealed_content_reaches_the_browser(
    built: Callable[..., Served], reader: Callable[..., Reader]
) -> None:
    tab = reader(built(live=True))
    page = tab.open(at=LIVE_PART_3 - timedelta(seconds=5))
    page.wait_for_selector(".reveal-stamp-countdown")
    page.clock.run_for(10_000)
    page.wait_for_selector(".reveal-stamp.is-soon")
    page.clock.run_for(60_000)
    tab.open("series/collective/", at=None)
    page.wait_for_selector(".reveal-stamp.is-soon")
    fetched = [url for url in tab.bodies if url.endswith("reveal.json")]
    assert fetched  # the script asked the site whether a newer build is out
    assert len(tab.bodies) >= 5  # the pages, their assets and the manifest, all recorded
    for word in series.SECRETS[3]:
        assert word not in page.content()
        assert [url for url, body in tab.bodies.items() if word in body] == []


# --- Accessibility, motion, print -----------------------------------------------------------


def test_sealed_preview_is_announced_with_its_date_and_placeholder_is_hidden(
    built: Callable[..., Served], reader: Callable[..., Reader]
) -> None:
    page = reader(built()).open(at=None)
    preview = page.locator(".reveal-preview.is-sealed")
    tree = preview.aria_snapshot()
    assert "Available Monday, November 24, 2025" in tree
    # The filler words never reach assistive technology.
    filler = page.locator(".reveal-placeholder").inner_text().split()[0]
    assert filler.lower() not in tree.lower()
    stamp = page.locator(".reveal-preview.is-sealed .reveal-stamp")
    assert stamp.evaluate("element => element.tagName") == "TIME"
    assert stamp.get_attribute("datetime") == series.INSTANTS[3]


def test_print_shows_the_notice_not_the_filler(
    built: Callable[..., Served], reader: Callable[..., Reader]
) -> None:
    page = reader(built()).open()
    page.wait_for_selector(".reveal-stamp-countdown")
    dark(page)  # the scheme on screen must not matter on paper
    page.emulate_media(media="print")
    assert not page.locator(".reveal-placeholder").is_visible()
    assert not page.locator(".reveal-stamp-countdown").is_visible()
    notice = page.locator(".reveal-preview.is-sealed .reveal-notice")
    assert notice.is_visible()
    assert notice.evaluate("element => getComputedStyle(element).position") == "static"
    # Paper is white in either scheme: the words are printed black, on no tint.
    for element in (notice, page.locator(".reveal-stamp.is-sealed")):
        colours = element.evaluate(
            "element => [getComputedStyle(element).color,"
            " getComputedStyle(element).backgroundColor]"
        )
        assert colours[0] == "rgb(0, 0, 0)"
        assert colours[1] in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")


def test_no_console_errors_on_any_page(
    built: Callable[..., Served], reader: Callable[..., Reader]
) -> None:
    for live in (False, True):
        site = built(live=live)
        tab = reader(site)
        pages = sorted(
            path.relative_to(site.folder).as_posix() for path in site.folder.rglob("*.html")
        )
        assert len(pages) >= 5
        tab.open("", at=CLOCK if not live else LIVE_PART_3 + timedelta(minutes=1))
        for path in pages:
            tab.page.goto(tab.base + path)
            tab.page.wait_for_load_state("networkidle")
    # The reader fixture fails the test on any console error or off-site request.


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_held_part_says_coming_soon_legibly_with_no_countdown(
    tmp_path: Path, reader: Callable[..., Reader], scheme: str
) -> None:
    root = tmp_path / "held"
    site = series_site(root)
    part = root / "docs" / "series" / "collective.md"
    part.write_text(part.read_text("utf-8").replace("---\n", "---\nreveal: hold\n", 1), "utf-8")
    with serving(root / "site") as base:
        site.config["site_url"] = base
        tab = reader(Served(site.build().site, base, site))
        # A month after part 3's date: held all the same, with nothing to count down to.
        page = tab.open(at=PART_3 + timedelta(days=30))
        if scheme == "dark":
            dark(page)
        page.wait_for_load_state("load")
        held = page.locator(".reveal-preview.is-sealed .reveal-stamp.is-held")
        assert held.inner_text() == "Coming soon"
        assert held.locator(".reveal-stamp-countdown, .reveal-stamp-reload").count() == 0
        assert "blur(" in page.locator(".reveal-preview.is-sealed .reveal-placeholder").evaluate(
            "element => getComputedStyle(element).filter"
        )
        label = held.locator(".reveal-stamp-label").evaluate(CONTRAST_JS)
        assert label["ratio"] >= MINIMUM_CONTRAST
        assert series.SECRETS[3][0] not in page.content()
