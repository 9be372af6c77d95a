"""The `reveal` MkDocs plugin: event wiring over one build's state; the work is in the modules."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory

from mkdocs_reveal.diagnostics import RevealError, log
from mkdocs_reveal.integration import (
    attachments,
    build,
    feeds,
    live_reload,
    material_blog,
    navigation,
    page_files,
    previews,
    site_outputs,
)
from mkdocs_reveal.integration.config import RevealConfig
from mkdocs_reveal.integration.summary import summary_line
from mkdocs_reveal.publishing import calendar
from mkdocs_reveal.publishing.deploy_notices import publishing_notices
from mkdocs_reveal.timeline.schedule import next_reveal

if TYPE_CHECKING:  # only `serve` needs the live-reload server: `build` does not import it
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.utils.templates import TemplateContext


class RevealPlugin(BasePlugin[RevealConfig]):
    """Seals what is not due yet, from one clock per build."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        """Start with no build; what outlives one build is the command and the serve timer."""
        self.command: build.Command = "build"
        self.dirty = False
        self.setup: build.Setup | None = None
        self.builds: list[build.BuildState] = []  # the build under way last; builds can nest
        self.last: build.BuildState | None = None  # the build that finished last, for `serve`
        self.scheduled: dict[str, datetime] | None = None  # the last build's schedule
        self.stand_ins: Path | None = None  # a folder of this process's, removed at shutdown
        self.timer: live_reload.RevealTimer | None = None
        self.restore_sigterm: Callable[[], None] | None = None

    def on_startup(self, *, command: build.Command, dirty: bool) -> None:
        """Remember whether this is `serve` (where preview is the point) and whether it is dirty."""
        self.command = command
        self.dirty = dirty
        # SIGTERM must run on_shutdown too, or the stand-ins stay in the temp folder.
        self.restore_sigterm = live_reload.interrupt_on_sigterm()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Start the build's state from one clock, and register its Markdown extensions."""
        self.setup = None
        if not self.config.enabled:
            return config
        try:
            state = self.setup = build.start(self.config, config, self.command)
        except RevealError as error:
            raise PluginError(f"reveal: {error}") from None
        # MkDocs hands this list to Python-Markdown, which takes instances as well as names.
        config.markdown_extensions.extend([state.extension, state.links])  # type: ignore[list-item]
        site_outputs.link_assets(config)
        return config

    @property
    def state(self) -> build.BuildState | None:
        """The state of the build under way, if the plugin is enabled."""
        return self.builds[-1] if self.builds else None

    @event_priority(100)  # before any other plugin's pre_build
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Start the build's state; never build on stale output."""
        if self.setup is None:
            return
        self.builds.append(build.fresh(self.setup, config))
        if self.dirty and self.command != "serve":
            # A dirty build keeps files it does not rewrite, and a page sealed now may have
            # been written revealed (or in preview) by an earlier build: start clean instead.
            log.info("reveal: --dirty outside `serve` could keep sealed pages; cleaning site_dir")
            clean_directory(config.site_dir)
        if self.timer is not None and self.timer.take_fired() and self.dirty:
            # `serve --dirty` rewrites only pages whose sources changed; a reveal changes none.
            clean_directory(config.site_dir)

    @event_priority(200)  # first: other plugins must never read a sealed page's source
    def _files_first(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Build the schedule, then replace or remove every page that is sealed."""
        if self.state is not None:
            page_files.first_pass(self.state, files, config, self._stand_ins())
            self._rebuild_all_if_rescheduled(self.state, config)
        return files

    @event_priority(-200)  # last: pages other plugins added (mkdocs-gen-files) are there now
    def _files_last(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Judge the pages other plugins added since, as the first pass did ours."""
        if self.state is not None:
            page_files.last_pass(self.state, files, config, self._stand_ins())
        return files

    on_files = CombinedEvent(_files_first, _files_last)

    def _rebuild_all_if_rescheduled(self, state: build.BuildState, config: MkDocsConfig) -> None:
        """Under `serve --dirty`, a changed schedule rebuilds every page, not only the edited."""
        # A teaser takes its date from the page its `post` names: postponing that page changes
        # the teaser's page too, whose source did not change, so `--dirty` would keep it.
        instants = {path: entry.instant for path, entry in state.schedule.entries.items()}
        if self.dirty and self.scheduled is not None and instants != self.scheduled:
            log.info("reveal: the schedule changed: rebuilding every page")
            clean_directory(config.site_dir)
        self.scheduled = instants

    def _stand_ins(self) -> Path:
        """The folder of this process's stand-in sources, made when first needed."""
        if self.stand_ins is None:
            self.stand_ins = Path(tempfile.mkdtemp(prefix="mkdocs-reveal-"))
        return self.stand_ins

    @event_priority(100)  # after every plugin's on_files (the blog's moves and drops posts)
    def _nav_first(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Keep stand-ins built where other plugins left them, and learn their final URLs."""
        state = self.state
        if state is not None and state.stand_in_inclusion:
            material_blog.keep_stand_ins_built(files, state.stand_in_inclusion)
            stand_ins = [files.get_file_from_path(uri) for uri in state.stand_in_inclusion]
            state.sealed_urls = {file.url for file in stand_ins if file is not None}
        return nav

    @event_priority(99)  # right after awesome-nav (100), before plugins that read the nav at 0
    def _nav_early(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Leave excluded pages out of a navigation a nav plugin has just built."""
        return self._nav_last(nav, config=config, files=files)

    @event_priority(-200)  # last: after nav plugins have built theirs, whatever their priority
    def _nav_last(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Leave excluded pages out of the navigation, whichever plugin built it."""
        state = self.state
        if state is None or not state.links.excluded:
            return nav
        return navigation.prune_built(nav, set(state.links.excluded))

    on_nav = CombinedEvent(_nav_first, _nav_early, _nav_last)

    @event_priority(200)  # first: no other plugin (search, blog, rss, tags) sees sealed text
    def _markdown_first(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Seal the page's previews in its raw Markdown."""
        if self.state is None:
            return markdown
        return previews.seal_page(self.state, markdown, page, config)

    # At 0, MkDocs runs plugins in the order `plugins` lists them: after includes (100) and
    # after macros (0) listed before `reveal`, before llms plugins (0) listed after it.
    @event_priority(0)
    def _markdown_included(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Seal tags included text brought in, before plugins that keep `page.markdown` read it."""
        if self.state is None:
            return markdown
        return previews.seal_page_again(self.state, markdown, page, config)

    @event_priority(-200)  # last: after includes and macros, so `page.markdown` holds no secret
    def _markdown_last(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Seal tags other plugins' text brought in after the first pass."""
        return self._markdown_included(markdown, page=page, config=config, files=files)

    on_page_markdown = CombinedEvent(_markdown_first, _markdown_included, _markdown_last)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        """Drop attachments only sealed content refers to, before MkDocs copies them."""
        if self.state is not None and not self.state.previewing:
            gone = self.state.attachments.remove_withheld(files)
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
        """Fingerprint late sealed content; date a revealed page for feeds, which read at -75."""
        if self.state is not None:
            previews.seal_late_content(self.state, page, config)
            feeds.date_page(self.state.schedule, self.state.settings.clock, page, config)
        return html

    @event_priority(-200)  # last: search and feeds have read the content, without the links
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Link the sealed stamps of a page to the calendar, where readers see them."""
        state = self.state
        if state is not None and state.lists_the_calendar(page.file.src_uri) and page.content:
            # Here, not in the written page: the content is a small part of it.
            page.content = calendar.link_stamps(page.content, page.url, state.settings.locale)
        return context

    @event_priority(-200)  # last: the self-check must see the page as it will be written
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Keep search engines off sealed pages' stand-ins, and check the page for leaks."""
        state = self.state
        if state is None:
            return output
        head = ""
        if page.file.src_uri in state.sealed_pages and not state.previewing:
            head += site_outputs.NOINDEX
        if state.lists_the_calendar(page.file.src_uri):
            head += calendar.head_link(page.url, config.site_name)
        if head:
            output = site_outputs.add_to_head(output, head)
        if state.checking:
            state.check.will_write(page.file.dest_uri, page.file.abs_dest_path, output)
        return output

    @event_priority(-200)  # last: after search, sitemap and feeds are written
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Clear sealed pages from site-wide outputs, prove the site, say what was sealed."""
        if not self.builds:
            return
        state = self.last = self.builds.pop()
        try:
            site_outputs.finish(state, config)
        except RevealError as error:
            raise PluginError(f"reveal: {error}") from None
        finally:
            state.close()
            # Everything that reads sources has run: a build called without MkDocs' startup
            # and shutdown events (a script, a benchmark) must not leave them in the temp folder.
            self.remove_stand_ins()
        log.info(
            "reveal: %s",
            summary_line(
                state.outcomes,
                sealed_pages=len(state.sealed_pages),
                revealed_pages=state.revealed_pages,
                instants=[entry.instant for entry in state.schedule.entries.values()],
                settings=state.settings,
            ),
        )
        # Info by default: a warning would fail `--strict` builds of sound sites.
        level = logging.WARNING if self.config.notices == "warning" else logging.INFO
        interval = timedelta(minutes=self.config.cron_interval)
        settings = state.settings
        for notice in publishing_notices(state.instants, settings.clock, interval, settings.tz):
            log.log(level, "reveal: %s", notice)
        if self.timer is not None:
            self.timer.arm(next_reveal(state.instants, settings.clock), live=state.live)

    def remove_stand_ins(self) -> None:
        """Remove the folder of stand-in sources; the next build writes a new one."""
        if self.stand_ins is not None:
            shutil.rmtree(self.stand_ins, ignore_errors=True)
            self.stand_ins = None

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer | None:
        """While serving, rebuild by itself when a reveal instant passes."""
        state = self.last
        if state is None:
            return server
        self.timer = live_reload.RevealTimer()
        self.timer.attach(server)
        self.timer.arm(next_reveal(state.instants, state.settings.clock), live=state.live)
        return server

    def on_build_error(self, *, error: Exception) -> None:
        """A build that stopped half-way leaves no leak check's helper behind."""
        while self.builds:
            self.builds.pop().close()
        self.remove_stand_ins()

    def on_shutdown(self) -> None:
        """Remove the stand-in sources written for sealed pages, and stop any helper or timer."""
        while self.builds:
            self.builds.pop().close()
        self.remove_stand_ins()
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        if self.restore_sigterm is not None:
            self.restore_sigterm()
            self.restore_sigterm = None
