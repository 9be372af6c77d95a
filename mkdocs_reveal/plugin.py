"""The `reveal` MkDocs plugin: event wiring only; the work is in the modules it calls."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory
from mkdocs.utils.meta import get_data

from . import attachments, blog, ics, manifest, outputs, pages, project, serve, tags
from .config import RevealConfig
from .extension import RevealExtension
from .labels import SUPPORTED, known_locale, reader_date
from .notices import publishing_notices
from .problems import Problem, RevealError, log, report
from .schedule import Schedule, next_reveal
from .seal import Outcome, Settings, transform
from .selfcheck import LeakCheck
from .summary import summary_line

if TYPE_CHECKING:  # importing the live-reload server costs every build 60 ms
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.utils.templates import TemplateContext

PREVIEW_ENV = "MKDOCS_REVEAL_PREVIEW"
ASSETS = Path(__file__).parent / "assets"
ASSET_URIS = ("assets/mkdocs-reveal/reveal.css", "assets/mkdocs-reveal/reveal.js")
NOINDEX = '<meta name="robots" content="noindex">'


class RevealPlugin(BasePlugin[RevealConfig]):
    """Seals what is not due yet, from one clock per build."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        """Start with nothing known about the build."""
        self.command: Literal["build", "gh-deploy", "serve"] = "build"
        self.dirty = False
        self.settings: Settings | None = None
        self.extension: RevealExtension | None = None
        self.links: pages.SealedLinkExtension | None = None
        self.schedule = Schedule()
        self.sealed_pages: dict[str, pages.SealedPage] = {}
        self.sealed_urls: set[str] = set()
        self.doc_uris: set[str] = set()
        self.outcomes: list[Outcome] = []
        self.revealed_pages = 0
        self.stand_ins: Path | None = None
        # Each stand-in's inclusion before other plugins' on_files, to undo the blog's draft.
        self.stand_in_inclusion: dict[str, InclusionLevel] = {}
        self.attachments = attachments.Attachments()
        self.check = LeakCheck()
        self.theme_files: set[str] = set()
        self.ledger = manifest.Ledger()
        self.timer: serve.RevealTimer | None = None
        self.next_instant: datetime | None = None
        self.instants: list[datetime | None] = []
        self.live = False  # whether the clock is the real time, so `serve` rebuilds at reveals

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Remember whether this is `serve` (where preview is the point) and whether it is dirty."""
        self.command = command
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Read the clock once and register the extension with the build's settings."""
        if not self.config.enabled:
            return config
        try:
            # Shared with the `mkdocs-reveal` CLI, which must judge by the same clock.
            tz, reveal_time, clock = project.read_clock(self.config)
            self.live = project.clock_follows_time(self.config)
        except RevealError as error:
            raise PluginError(f"reveal: {error}") from None
        preview = self.config.preview or os.environ.get(PREVIEW_ENV, "").lower() in (
            "1",
            "true",
            "yes",
        )
        self.settings = Settings(clock, tz, reveal_time, self._locale(config), preview)
        if preview and self.command == "gh-deploy":
            # A deploy publishes what it builds: a preview would publish every sealed part.
            raise PluginError(
                f"reveal: refusing to deploy a preview build: unset {PREVIEW_ENV} and "
                "`preview`, then deploy again"
            )
        if preview and self.command != "serve":
            log.warning(
                "reveal: PREVIEW BUILD — sealed content is published in this build. Never "
                "deploy it; unset %s and `preview` for the real site.",
                PREVIEW_ENV,
            )
        self.extension = RevealExtension()
        self.extension.use(self.settings)
        self.links = pages.SealedLinkExtension(self.settings.labels)
        # MkDocs hands this list to Python-Markdown, which takes instances as well as names.
        config.markdown_extensions.extend([self.extension, self.links])  # type: ignore[list-item]
        config.extra_css.append(ASSET_URIS[0])
        config.extra_javascript.append(ASSET_URIS[1])
        return config

    def _locale(self, config: MkDocsConfig) -> str:
        """The locale option, else the theme's language, else English; unknown → English."""
        theme = config.theme
        wanted = self.config.locale or theme.get("language") or theme.get("locale") or "en"
        name = str(wanted)
        if known_locale(name):
            return name
        supported = ", ".join(SUPPORTED)
        if self.config.locale:
            log.warning(
                "reveal: locale %r has no stamp labels: stamps and dates are shown in English "
                "(supported: %s)",
                name,
                supported,
            )
        else:
            # The theme's language is not a choice made for this plugin: no --strict failure.
            log.info(
                "reveal: no stamp labels for the theme's language %r yet: stamps and dates are "
                "shown in English; set the `locale` option to one of %s",
                name,
                supported,
            )
        return "en"

    @event_priority(100)  # before any other plugin's pre_build
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Start a fresh build: forget the last one, and never build on stale output."""
        self.schedule = Schedule()
        self.sealed_pages = {}
        self.sealed_urls = set()
        self.outcomes = []
        self.revealed_pages = 0
        self.stand_in_inclusion = {}
        self.check.close()
        self.check = LeakCheck()
        self.ledger.clear()
        if self.extension is not None:
            self.extension.fragments.clear()
        if self.dirty and self.command != "serve" and self.config.enabled:
            # A dirty build keeps files it does not rewrite, and a page sealed now may have
            # been written revealed (or in preview) by an earlier build: start clean instead.
            log.info("reveal: --dirty outside `serve` could keep sealed pages; cleaning site_dir")
            clean_directory(config.site_dir)
        if self.timer is not None and self.timer.take_fired() and self.dirty:
            # `serve --dirty` rewrites only pages whose sources changed; a reveal changes none.
            clean_directory(config.site_dir)

    @event_priority(200)  # first: other plugins must never read a sealed page's source
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Build the schedule, then replace or remove every page that is sealed."""
        if self.settings is None:
            return files
        settings = self.settings
        self.doc_uris = {file.src_uri for file in files.documentation_pages()}
        self._read_schedule(files, config)
        self.attachments.start(files, config)
        for entry in self.schedule.entries.values():
            if entry.revealed(settings.clock):
                self.revealed_pages += 1
                continue
            file = files.get_file_from_path(entry.path)
            if file is None:
                continue
            markdown, meta = get_data(file.content_string)
            page = pages.SealedPage(
                file.src_uri,
                pages.page_title(meta, markdown, file.src_uri),
                entry.instant,
                reader_date(entry.date.text, entry.instant, settings.locale),
            )
            self.sealed_pages[file.src_uri] = page
            if settings.preview:
                continue
            self._seal(markdown, project.display_path(file.src_uri, config))
            self.attachments.seal(file.content_string, file.src_uri)
            if self.config.sealed_pages == "exclude":
                files.remove(file)
                continue
            if self.stand_ins is None:
                self.stand_ins = Path(tempfile.mkdtemp(prefix="mkdocs-reveal-"))
            # Point the file at a stand-in rather than setting its content: other plugins
            # (mkdocs-rss-plugin) need a real `abs_src_path` to read.
            try:
                url_meta = blog.url_front_matter(meta, file.src_uri, config)
            except RevealError as error:
                line, _ = project.front_matter_line(file.content_string, "categories")
                where = f"{project.display_path(file.src_uri, config)}:{line}"
                raise PluginError(f"reveal: {where}: {error}") from None
            file.abs_src_path = str(
                pages.write_stand_in(page, settings.labels, self.stand_ins, url_meta)
            )
            self.stand_in_inclusion[file.src_uri] = blog.inclusion_before(file, meta)
            self.sealed_urls.add(file.url)
        if self.config.sealed_pages == "exclude" and not settings.preview:
            gone = set(self.sealed_pages)
            if config.nav is not None:
                config.nav = pages.prune_nav(config.nav, gone) or []
            if self.links is not None:
                self.links.excluded = dict(self.sealed_pages)
        # Files copied unchanged from the installed theme cannot carry a page's words.
        # (A string prefix test: resolving every file's path cost more than the rest here.)
        theme_dirs = tuple(os.path.join(folder, "") for folder in config.theme.dirs)
        self.theme_files = {
            file.dest_uri
            for file in files
            if file.abs_src_path and file.abs_src_path.startswith(theme_dirs)
        }
        for asset in ASSET_URIS:
            files.append(File.generated(config, asset, abs_src_path=str(ASSETS / Path(asset).name)))
        return files

    def _read_schedule(self, files: Files, config: MkDocsConfig) -> None:
        """Merge the config's schedule with `reveal:` front matter, warning where they disagree."""
        assert self.settings is not None
        try:
            # Shared with the `mkdocs-reveal` CLI, which must see the same schedule.
            self.schedule, warnings = project.read_schedule(
                self.config, files, self.settings, config
            )
        except RevealError as error:
            # A bad date stops the build: nothing can be judged by it.
            raise PluginError(f"reveal: {error}") from None
        except UnicodeDecodeError:
            # A page that cannot be read cannot be judged either; say which and where.
            raise PluginError(f"reveal: {pages.not_utf8(files, config)}") from None
        for warning in warnings:
            log.warning("reveal: %s", warning)

    @event_priority(100)  # after every plugin's on_files (the blog's moves and drops posts)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Keep stand-ins built where other plugins left them, and learn their final URLs."""
        if self.stand_in_inclusion:
            blog.keep_stand_ins_built(files, self.stand_in_inclusion)
            stand_ins = [files.get_file_from_path(uri) for uri in self.stand_in_inclusion]
            self.sealed_urls = {file.url for file in stand_ins if file is not None}
        return nav

    @event_priority(200)  # first: no other plugin (search, blog, rss, tags) sees sealed text
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Seal the page's previews in its raw Markdown."""
        settings, extension = self.settings, self.extension
        if settings is None or extension is None:
            return markdown
        display = project.display_path(page.file.src_uri, config)
        extension.path = display
        extension.anchor = project.page_anchor(page.meta, settings)
        if self.links is not None:
            self.links.page_uri = page.file.src_uri
        result = transform(
            markdown,
            settings,
            extension.fragments.store,
            anchor=extension.anchor,
            schedule=self._lookup,
            # Reading the source again to count front matter lines is for pages with tags.
            first_line=lambda: _first_line(page, markdown),
            # Raw text: fences are still there, and are code only as the site's extensions say.
            fences=tags.fence_rule(
                name for name in config.markdown_extensions if isinstance(name, str)
            ),
        )
        problems = result.problems + self._unknown_posts(result.outcomes)
        report(sorted(problems, key=lambda problem: problem.line), display)
        self.outcomes.extend(result.outcomes)
        self.ledger.record(page, result.outcomes)
        self.check.publish(result.markdown)
        self.check.publish(page.title or "")
        for secret in result.secrets:
            self._seal(secret, display)
        if not settings.preview:
            # Front matter counts too: a cover `image:` is shown by themes and feeds.
            uri = page.file.src_uri
            self.attachments.publish(f"{result.markdown}\n{page.meta!r}", uri)
            for secret in result.secrets:
                self.attachments.seal(secret, uri)
        sealed = self.sealed_pages.get(page.file.src_uri)
        if sealed is not None and settings.preview:
            banner = extension.fragments.store(pages.preview_banner(sealed, settings.labels))
            return f"{banner}\n\n{result.markdown}"
        return result.markdown

    def _lookup(self, post: str) -> datetime | None:
        """The reveal instant of the page a preview's `post` names."""
        return self.schedule.instant(pages.normalise_path(post))

    def _unknown_posts(self, outcomes: list[Outcome]) -> list[Problem]:
        """A `post` that names no page is worth a warning: its schedule cannot apply."""
        return [
            Problem(
                outcome.line,
                f"post={outcome.post!r} names no page in docs_dir: write the path relative "
                "to docs_dir, such as blog/part-1.md",
            )
            for outcome in outcomes
            if outcome.post and pages.normalise_path(outcome.post) not in self.doc_uris
        ]

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        """Drop attachments only sealed content refers to, before MkDocs copies them."""
        if self.settings is not None and not self._previewing():
            gone = self.attachments.remove_withheld(files)
            if gone:
                log.info(
                    "reveal: %d attachment(s) only sealed content uses are not copied: %s",
                    len(gone),
                    attachments.describe(gone),
                )
        return env

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Fingerprint what the extension sealed in content that arrived late (snippets)."""
        if self.extension is not None and self.extension.secrets:
            for secret in self.extension.secrets:
                self._seal(secret, project.display_path(page.file.src_uri, config))
            self.extension.secrets = []
        return html

    @event_priority(-200)  # last: search and feeds have read the content, without the links
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Link the sealed stamps of a page to the calendar, where readers see them."""
        if self.settings is not None and self._lists_the_calendar(page) and page.content:
            # Here, not in the written page: the content is a small part of it (the theme's
            # nav is the rest), and each copy of a whole page cost ~0.4 ms in a 2,000-page build.
            page.content = ics.link_stamps(page.content, page.url, self.settings.locale)
        return context

    @event_priority(-200)  # last: the self-check must see the page as it will be written
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Keep search engines off sealed pages' stand-ins, and check the page for leaks."""
        head = ""
        if page.file.src_uri in self.sealed_pages and not self._previewing():
            head += NOINDEX
        if self.settings is not None and self._lists_the_calendar(page):
            head += ics.head_link(page.url, config.site_name)
        if head:
            output = outputs.add_to_head(output, head)
        if self._checking():
            self.check.will_write(page.file.dest_uri, page.file.abs_dest_path)
        return output

    def _lists_the_calendar(self, page: Page) -> bool:
        """Whether a page shows something still sealed: readers can subscribe to it there."""
        return page.file.src_uri in self.ledger.pending or page.file.src_uri in self.sealed_pages

    def _seal(self, markdown: str, source: str) -> None:
        """Tell the leak check about sealed text, if this build runs it."""
        if self._checking():
            self.check.seal(markdown, source)

    def _checking(self) -> bool:
        """Whether this build proves that nothing sealed reached the site."""
        return bool(self.config.leak_check) and self.settings is not None and not self._previewing()

    def _previewing(self) -> bool:
        """Whether this build shows sealed content to the author."""
        return self.settings is not None and self.settings.preview

    @event_priority(-200)  # last: after search, sitemap and feeds are written
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Clear sealed pages from site-wide outputs and say what this build sealed."""
        if self.settings is None:
            return
        site = Path(config.site_dir)
        if not self._previewing():
            if outputs.indexes_stand_ins(config.plugins):
                outputs.clear_search_index(site, self.sealed_urls)
            outputs.clear_sitemap(site, self.sealed_urls, config.site_url)
        if self._checking():
            self.check.take_first(site, outputs.SITE_WIDE)
        self._write_schedule_files(site, config)  # before the self-check, which scans them too
        if self._checking():
            self._prove_sealed(site)
        log.info(
            "reveal: %s",
            summary_line(
                self.outcomes,
                sealed_pages=len(self.sealed_pages),
                revealed_pages=self.revealed_pages,
                instants=[entry.instant for entry in self.schedule.entries.values()],
                settings=self.settings,
            ),
        )
        # Info by default: a warning would fail `--strict` builds of sound sites.
        level = logging.WARNING if self.config.notices == "warning" else logging.INFO
        interval = timedelta(minutes=self.config.cron_interval)
        for notice in publishing_notices(
            self.instants, self.settings.clock, interval, self.settings.tz
        ):
            log.log(level, "reveal: %s", notice)
        if self.timer is not None:
            self.timer.arm(self.next_instant, live=self.live)

    def _write_schedule_files(self, site: Path, config: MkDocsConfig) -> None:
        """Write `reveal.json` and `reveals.ics`, which name only what the site shows."""
        settings = self.settings
        assert settings is not None
        items = self.ledger.items(self.schedule, settings.clock)
        self.instants = [item.instant for item in items]
        self.next_instant = next_reveal(self.instants, settings.clock)
        content = manifest.document(
            items,
            clock=settings.clock,
            tz=settings.tz,
            timezone_name=self.config.timezone,
            site_url=config.site_url,
        )
        manifest.write(site, content)
        calendar = ics.calendar(
            items, site_name=config.site_name, site_url=config.site_url, stamp=settings.clock
        )
        ics.write(site, calendar)

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer | None:
        """While serving, rebuild by itself when a reveal instant passes."""
        if self.settings is None:
            return server
        self.timer = serve.RevealTimer()
        self.timer.attach(server)
        self.timer.arm(self.next_instant, live=self.live)
        return server

    def _prove_sealed(self, site: Path) -> None:
        """Scan what the build wrote; on a leak, remove the leaking files and stop the build."""
        leaks = self.check.finish(site, self.theme_files)
        if not leaks:
            return
        lines = []
        for leak in leaks:
            (site / leak.output).unlink(missing_ok=True)
            lines.append(f"  - {leak.output} holds sealed text of {leak.source}")
        # The secret itself is never printed: build logs are often public.
        raise PluginError(
            "reveal: leak check failed: sealed content reached the built site. The files were "
            "removed; do not deploy this build. Look for a plugin or template that reads the "
            "sources directly, or set leak_check: false to investigate.\n" + "\n".join(lines)
        )

    def on_build_error(self, *, error: Exception) -> None:
        """A build that stopped half-way leaves no leak check's worker behind."""
        self.check.close()

    def on_shutdown(self) -> None:
        """Remove the stand-in sources written for sealed pages, and stop any worker."""
        self.check.close()
        if self.stand_ins is not None:
            shutil.rmtree(self.stand_ins, ignore_errors=True)
            self.stand_ins = None
        if self.timer is not None:
            self.timer.stop()
            self.timer = None


def _first_line(page: Page, markdown: str) -> int:
    """The source line the Markdown body starts on, after the front matter MkDocs removed."""
    try:
        source = page.file.content_string
    except OSError:
        return 1
    return project.body_line(source, markdown)
