"""The reader's view in a real browser: styles in Material and MkDocs' themes, the countdown.

These tests drive Debian's Chromium (`/usr/bin/chromium`) with Playwright over sites built by
`mkdocs build` and served on 127.0.0.1. Without Chromium they are skipped, except in CI (the
`CI` environment variable), where a missing browser is a failure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from mimetypes import guess_type
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import series
from browser import CONTRAST_JS, launched, serve
from sitebuild import Site, make_site

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Response, Route

# The demo's clock: Parts 1 and 2 are out, Part 3 is due in 12 days.
CLOCK = datetime.fromisoformat("2025-11-12T12:00:00+01:00")
PART_3 = datetime.fromisoformat(series.INSTANTS[3])
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


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, or a skip (a failure in CI) where it cannot run."""
    with launched() as browser:
        yield browser


def series_site(root: Path, theme: str = "material", **reveal: Any) -> Site:
    """The three-part series, judged at the demo's clock, with a home page linking to it."""
    pages = series.pages()
    pages["index.md"] = "# Home\n\nRead [the series](series/index.md).\n"
    site = make_site(root, pages, reveal=series.reveal_options(now=CLOCK.isoformat(), **reveal))
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


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Served]]:
    """Build and serve a series site once per module and configuration."""
    sites: dict[str, Served] = {}
    with ExitStack() as servers:

        def build(theme: str = "material", **options: Any) -> Served:
            """The served site for a theme, theme options (such as color_mode) and locale."""
            key = f"{theme}-{sorted(options.items())}"
            if key not in sites:
                root = tmp_path_factory.mktemp(theme)
                locale = options.pop("locale", None)
                site = series_site(root, theme, **({"locale": locale} if locale else {}))
                site.config["theme"].update(options)
                # Material's instant navigation only follows links to URLs in the sitemap,
                # matched by port too: the site must be built for the address it is served at.
                base = servers.enter_context(serve(root / "site"))
                site.config["site_url"] = base
                sites[key] = Served(site.build().site, base)
            return sites[key]

        yield build


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


# Theme, theme options and the scheme the reader sees.
VIEWS = {
    "material-light": ("material", {}, "light"),
    "material-dark": ("material", {}, "dark"),
    "mkdocs-light": ("mkdocs", {}, "light"),
    "mkdocs-dark": ("mkdocs", {"color_mode": "dark"}, "dark"),
    "readthedocs": ("readthedocs", {}, "light"),
}


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("moment", ["before", "due"])
def test_stamps_and_notices_have_enough_contrast(
    built: Callable[..., Served], reader: Callable[..., Reader], view: str, moment: str
) -> None:
    theme, options, scheme = VIEWS[view]
    tab = reader(built(theme, **options))
    page = tab.open(at=CLOCK if moment == "before" else PART_3 + timedelta(minutes=1))
    if theme == "material" and scheme == "dark":
        dark(page)
    if moment == "before":
        page.wait_for_selector(".reveal-stamp-countdown")
    else:
        page.wait_for_selector(".reveal-stamp-reload")
    measured = tab.contrasts()
    # Three stamps (two revealed, one pending) with label and date, the notice, and the
    # countdown or the due stamp's reload button.
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


# --- Countdown ------------------------------------------------------------------------------


def countdown_text(page: Page) -> str:
    """Run the countdown once at the paused clock and read the pending stamp's time left."""
    page.evaluate("window.mkdocsReveal.tick()")
    return page.locator(".reveal-preview.is-sealed .reveal-stamp-countdown").inner_text()


def test_countdown_shows_time_left_and_switches_at_the_instant(
    built: Callable[..., Served], reader: Callable[..., Reader]
) -> None:
    tab = reader(built())
    page = tab.open(at=PART_3 - timedelta(minutes=10))
    page.clock.pause_at(PART_3 - timedelta(seconds=90))
    stamp = page.locator(".reveal-preview.is-sealed .reveal-stamp")
    assert countdown_text(page) == "in 2 minutes"
    page.clock.run_for(30_000)
    assert countdown_text(page) == "in 1 minute"
    page.clock.run_for(1_000)
    assert countdown_text(page) == "in 59 seconds"
    page.clock.run_for(58_999)
    assert countdown_text(page) == "in 1 second"
    assert stamp.locator(".reveal-stamp-label").inner_text() == "Coming"
    assert page.locator(".reveal-stamp-reload").count() == 0
    page.clock.run_for(1)  # the instant itself
    page.evaluate("window.mkdocsReveal.tick()")
    assert stamp.locator(".reveal-stamp-label").inner_text() == "Out now"
    assert stamp.locator(".reveal-stamp-countdown").count() == 0
    assert "is-due" in (page.locator(".reveal-preview.is-sealed").get_attribute("class") or "")
    # The static date stays; the revealed stamps never count.
    assert stamp.locator(".reveal-stamp-date").inner_text() == series.STAMPS[3]
    assert page.locator(".reveal-stamp.is-revealed .reveal-stamp-countdown").count() == 0
    reload = page.get_by_role("button", name="Reload")
    assert reload.is_visible()
    with page.expect_navigation():
        reload.click()
    # The site has not been rebuilt: the part is still sealed, and the stamp says it is due.
    page.wait_for_selector(".reveal-stamp.is-due")
    assert page.locator(".reveal-placeholder").count() == 1


def test_countdown_updates_live(
    built: Callable[..., Served], reader: Callable[..., Reader]
) -> None:
    page = reader(built()).open(at=CLOCK)
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
    page.wait_for_selector(".reveal-stamp-reload")


def test_countdown_speaks_the_locale(
    built: Callable[..., Served], reader: Callable[..., Reader]
) -> None:
    page = reader(built(locale="nb")).open(at=CLOCK)
    page.wait_for_selector(".reveal-stamp-countdown")
    stamp = page.locator(".reveal-preview.is-sealed .reveal-stamp")
    assert stamp.locator(".reveal-stamp-label").inner_text() == "Kommer"
    # Chromium's Norwegian for "in 12 days"; the number and "om" are what matter.
    assert stamp.locator(".reveal-stamp-countdown").inner_text().startswith("om 12 ")
    page.clock.fast_forward(int((PART_3 - CLOCK).total_seconds() * 1000))
    page.wait_for_selector(".reveal-stamp-reload")
    assert stamp.locator(".reveal-stamp-label").inner_text() == "Ute nå"
    assert page.locator(".reveal-stamp-reload").inner_text() == "Last inn på nytt"


def test_countdown_follows_material_instant_navigation(
    built: Callable[..., Served], reader: Callable[..., Reader]
) -> None:
    page = reader(built()).open("", at=CLOCK)
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
    page = reader(built(), java_script_enabled=False).open(at=None)
    stamp = page.locator(".reveal-preview.is-sealed .reveal-stamp")
    assert stamp.inner_text().split() == ["Coming", *series.STAMPS[3].split()]
    assert page.locator(".reveal-stamp-countdown").count() == 0
    assert "blur(" in page.locator(".reveal-placeholder").evaluate(
        "element => getComputedStyle(element).filter"
    )


def test_no_sealed_content_reaches_the_browser(
    built: Callable[..., Served], reader: Callable[..., Reader]
) -> None:
    tab = reader(built())
    page = tab.open(at=PART_3 - timedelta(seconds=5))
    page.wait_for_selector(".reveal-stamp-countdown")
    page.clock.run_for(10_000)
    page.wait_for_selector(".reveal-stamp-reload")
    with page.expect_navigation():
        page.get_by_role("button", name="Reload").click()
    page.wait_for_selector(".reveal-stamp-reload")
    tab.open("series/collective/", at=None)
    page.wait_for_selector(".reveal-stamp-reload")
    assert len(tab.bodies) >= 4  # the pages and their assets, all recorded
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
    assert f"Available {series.STAMPS[3]}" in tree
    assert series.STAMPS[3] in tree
    # The filler words never reach assistive technology.
    filler = page.locator(".reveal-placeholder").inner_text().split()[0]
    assert filler.lower() not in tree.lower()
    stamp = page.locator(".reveal-preview.is-sealed .reveal-stamp")
    assert stamp.evaluate("element => element.tagName") == "TIME"
    assert stamp.get_attribute("datetime") == series.INSTANTS[3]


def test_reduced_motion_stops_the_due_stamp_pulsing(
    built: Callable[..., Served], reader: Callable[..., Reader]
) -> None:
    pulse = "element => getComputedStyle(element, '::before').animationName"
    tab = reader(built())
    page = tab.open(at=PART_3 + timedelta(seconds=1))
    page.wait_for_selector(".reveal-stamp.is-due")
    assert page.locator(".reveal-stamp.is-due").evaluate(pulse) == "reveal-pulse"
    page.emulate_media(reduced_motion="reduce")
    assert page.locator(".reveal-stamp.is-due").evaluate(pulse) == "none"


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
    site = built()
    tab = reader(site)
    pages = sorted(path.relative_to(site.folder).as_posix() for path in site.folder.rglob("*.html"))
    assert len(pages) >= 5
    tab.open("", at=CLOCK)
    for path in pages:
        tab.page.goto(tab.base + path)
        tab.page.wait_for_load_state("load")
    # The reader fixture fails the test on any console error or off-site request.
