"""The `reveal` MkDocs plugin: event wiring over one build's state; the work is in the modules."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory

from mkdocs_reveal.diagnostics import RevealError, log
from mkdocs_reveal.integration import (
    attachments,
    build,
    live_reload,
    material_blog,
    previews,
    reader,
    sealed_pages,
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
        """Start with no build; what outlives one build is the command, stand-ins and timer."""
        self.command: build.Command = "build"
        self.dirty = False
        self.state: build.BuildState | None = None
        self.stand_ins: Path | None = None  # a folder of this process's, removed at shutdown
        self.timer: live_reload.RevealTimer | None = None

    def on_startup(self, *, command: build.Command, dirty: bool) -> None:
        """Remember whether this is `serve` (where preview is the point) and whether it is dirty."""
        self.command = command
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Start the build's state from one clock, and register its Markdown extensions."""
        if self.state is not None:
            self.state.close()
        self.state = None
        if not self.config.enabled:
            return config
        try:
            state = build.start(self.config, config, self.command)
        except RevealError as error:
            raise PluginError(f"reveal: {error}") from None
        self.state = state
        # MkDocs hands this list to Python-Markdown, which takes instances as well as names.
        config.markdown_extensions.extend([state.extension, state.links])  # type: ignore[list-item]
        config.extra_css.append(site_outputs.ASSET_URIS[0])
        config.extra_javascript.append(site_outputs.ASSET_URIS[1])
        return config

    @event_priority(100)  # before any other plugin's pre_build
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Never build on stale output: a page sealed now may have been written revealed."""
        if self.state is None:
            return
        if self.dirty and self.command != "serve":
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
        state = self.state
        if state is None:
            return files
        state.doc_uris = {file.src_uri for file in files.documentation_pages()}
        try:
            state.schedule, warnings = reader.read_schedule(
                self.config, files, state.settings, config
            )
            for warning in warnings:
                log.warning("reveal: %s", warning)
            state.attachments.start(files, config)
            if self.stand_ins is None:
                self.stand_ins = Path(tempfile.mkdtemp(prefix="mkdocs-reveal-"))
            sealed_pages.seal_pages(state, files, config, self.stand_ins)
        except RevealError as error:
            # A bad date stops the build: nothing can be judged by it.
            raise PluginError(f"reveal: {error}") from None
        except UnicodeDecodeError:
            # A page that cannot be read cannot be judged either; say which and where.
            raise PluginError(f"reveal: {reader.not_utf8(files, config)}") from None
        site_outputs.note_files(state, files, config)
        site_outputs.add_assets(files, config)
        return files

    @event_priority(100)  # after every plugin's on_files (the blog's moves and drops posts)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Keep stand-ins built where other plugins left them, and learn their final URLs."""
        state = self.state
        if state is not None and state.stand_in_inclusion:
            material_blog.keep_stand_ins_built(files, state.stand_in_inclusion)
            stand_ins = [files.get_file_from_path(uri) for uri in state.stand_in_inclusion]
            state.sealed_urls = {file.url for file in stand_ins if file is not None}
        return nav

    @event_priority(200)  # first: no other plugin (search, blog, rss, tags) sees sealed text
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Seal the page's previews in its raw Markdown."""
        if self.state is None:
            return markdown
        return previews.seal_page(self.state, markdown, page, config)

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
        """Fingerprint what the extension sealed in content that arrived late (snippets)."""
        if self.state is not None:
            previews.seal_late_content(self.state, page, config)
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
        state = self.state
        if state is None:
            return
        try:
            site_outputs.finish(state, config)
        except RevealError as error:
            raise PluginError(f"reveal: {error}") from None
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

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer | None:
        """While serving, rebuild by itself when a reveal instant passes."""
        state = self.state
        if state is None:
            return server
        self.timer = live_reload.RevealTimer()
        self.timer.attach(server)
        self.timer.arm(next_reveal(state.instants, state.settings.clock), live=state.live)
        return server

    def on_build_error(self, *, error: Exception) -> None:
        """A build that stopped half-way leaves no leak check's helper behind."""
        if self.state is not None:
            self.state.close()

    def on_shutdown(self) -> None:
        """Remove the stand-in sources written for sealed pages, and stop any helper or timer."""
        if self.state is not None:
            self.state.close()
        if self.stand_ins is not None:
            shutil.rmtree(self.stand_ins, ignore_errors=True)
            self.stand_ins = None
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
