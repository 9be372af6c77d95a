"""One build's state: its settings, what it sealed, and what it will prove, made fresh per build."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import InclusionLevel

from mkdocs_reveal.diagnostics import RevealError, log
from mkdocs_reveal.integration import proof_inputs, reader
from mkdocs_reveal.integration.attachments import Attachments
from mkdocs_reveal.integration.config import RevealConfig
from mkdocs_reveal.integration.links import SealedLinkExtension
from mkdocs_reveal.integration.sealed_pages import SealedPage
from mkdocs_reveal.markup.extension import RevealExtension
from mkdocs_reveal.markup.labels import SUPPORTED, known_locale
from mkdocs_reveal.markup.transform import Outcome, Settings
from mkdocs_reveal.proof.check import LeakCheck
from mkdocs_reveal.publishing.manifest import Ledger
from mkdocs_reveal.timeline.schedule import Schedule

PREVIEW_ENV = "MKDOCS_REVEAL_PREVIEW"
Command = Literal["build", "gh-deploy", "serve"]


@dataclass(frozen=True)
class Setup:
    """What a loaded config decides once: the options, the clock, the Markdown extensions."""

    options: RevealConfig
    settings: Settings
    extension: RevealExtension
    links: SealedLinkExtension
    live: bool  # whether the clock is the real time, so `serve` rebuilds at reveals


@dataclass
class BuildState:
    """Everything one build learns and decides; a new build starts with a new one.

    Builds can nest (mkdocs-static-i18n builds each further language from inside the first
    build's `on_post_build`), so each has its own state.
    """

    options: RevealConfig
    settings: Settings
    extension: RevealExtension
    links: SealedLinkExtension
    live: bool
    schedule: Schedule = field(default_factory=Schedule)
    sealed_pages: dict[str, SealedPage] = field(default_factory=dict)
    sealed_urls: set[str] = field(default_factory=set)
    doc_uris: set[str] = field(default_factory=set)
    judged: set[str] = field(default_factory=set)  # scheduled pages sealed or revealed already
    outcomes: list[Outcome] = field(default_factory=list)
    revealed_pages: int = 0
    stand_in_paths: dict[str, str] = field(default_factory=dict)  # sealed page → its stand-in
    # Each stand-in's inclusion before other plugins' on_files, to undo the blog's draft.
    stand_in_inclusion: dict[str, InclusionLevel] = field(default_factory=dict)
    attachments: Attachments = field(default_factory=Attachments)
    check: LeakCheck = field(default_factory=LeakCheck)
    # Outputs copied from the theme or docs_dir, and their sizes: they hold no page's words.
    copies: dict[str, int] = field(default_factory=dict)
    ledger: Ledger = field(default_factory=Ledger)
    instants: list[datetime | None] = field(default_factory=list)  # what reveal.json lists

    @property
    def previewing(self) -> bool:
        """Whether this build shows sealed content to the author."""
        return self.settings.preview

    @property
    def checking(self) -> bool:
        """Whether this build proves that nothing sealed reached the site."""
        return bool(self.options.leak_check) and not self.previewing

    def seal(self, markdown: str, source: str) -> None:
        """Tell the leak check about sealed text, if this build runs it."""
        if self.checking:
            self.check.seal(markdown, source)

    def lists_the_calendar(self, src_uri: str) -> bool:
        """Whether a page shows something still sealed: readers can subscribe to it there."""
        return src_uri in self.ledger.pending or src_uri in self.sealed_pages

    def close(self) -> None:
        """Let go of what the build still holds (the page the leak check compares with)."""
        self.check.close()


def fresh(setup: Setup, config: MkDocsConfig) -> BuildState:
    """A new build's state: nothing sealed, judged or rendered yet."""
    setup.extension.fragments.clear()
    setup.extension.pages.clear()
    setup.links.excluded.clear()
    state = BuildState(setup.options, setup.settings, setup.extension, setup.links, setup.live)
    if state.checking:
        # Stamps and placeholders are made while pages are read: public, all of them.
        fragments = setup.extension.fragments
        proof_inputs.prepare(state.check, config, setup.settings.locale, lambda: fragments.items)
    return state


def start(options: RevealConfig, config: MkDocsConfig, command: Command) -> Setup:
    """Read the clock once, decide preview and locale, and make the build's Markdown extensions."""
    # Shared with the `mkdocs-reveal` CLI, which must judge by the same clock.
    clock_warnings: list[str] = []
    tz, reveal_time, clock = reader.read_clock(options, warnings=clock_warnings)
    for warning in clock_warnings:
        log.warning("reveal: %s", warning)
    live = reader.clock_follows_time(options)
    preview = options.preview or os.environ.get(PREVIEW_ENV, "").lower() in ("1", "true", "yes")
    if preview and command == "gh-deploy":
        # A deploy publishes what it builds: a preview would publish every sealed part.
        raise RevealError(
            f"refusing to deploy a preview build: unset {PREVIEW_ENV} and `preview`, then "
            "deploy again"
        )
    if preview and command != "serve":
        log.warning(
            "reveal: PREVIEW BUILD — sealed content is published in this build. Never "
            "deploy it; unset %s and `preview` for the real site.",
            PREVIEW_ENV,
        )
    settings = Settings(
        clock, tz, reveal_time, choose_locale(options, config), preview, pinned=not live
    )
    extension = RevealExtension()
    extension.use(settings)
    return Setup(
        options=options,
        settings=settings,
        extension=extension,
        links=SealedLinkExtension(settings),
        live=live,
    )


def choose_locale(options: RevealConfig, config: MkDocsConfig) -> str:
    """The locale option, else the theme's language, else English; unknown → English."""
    theme = config.theme
    name = str(options.locale or theme.get("language") or theme.get("locale") or "en")
    if known_locale(name):
        return name
    supported = f"the {len(SUPPORTED)} languages of Material for MkDocs, such as de, ja or pt-BR"
    if options.locale:
        log.warning(
            "reveal: locale %r has no stamp labels: stamps and dates are shown in English "
            "(supported: %s)",
            name,
            supported,
        )
    else:
        # The theme's language is not a choice made for this plugin: no --strict failure.
        log.info(
            "reveal: no stamp labels for the theme's language %r: stamps and dates are "
            "shown in English; set the `locale` option to one of %s",
            name,
            supported,
        )
    return "en"
