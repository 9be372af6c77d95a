"""Whole sealed pages: a stand-in source for `placeholder`, no page at all for `exclude`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils.meta import get_data

from mkdocs_reveal.diagnostics import RevealError
from mkdocs_reveal.integration import material_blog, navigation, proof_inputs, reader
from mkdocs_reveal.integration.languages import covering, other_languages
from mkdocs_reveal.markup import whole_page
from mkdocs_reveal.markup.front_matter import front_matter_line
from mkdocs_reveal.markup.settings import Settings
from mkdocs_reveal.markup.stamp import held_stamp_html, reveal_date_text, stamp_html
from mkdocs_reveal.markup.whole_page import (
    STAND_IN_KEY,
    front_matter_title,
    leading_heading,
    page_title,
    stand_in_body,
)

if TYPE_CHECKING:
    from mkdocs_reveal.integration.build import BuildState


@dataclass(frozen=True)
class SealedPage:
    """A page that is sealed at the clock: where it lives, what it may show, and when."""

    src_uri: str
    title: str
    instant: datetime | None  # None: the page is held, with no date yet
    words: str  # the reveal date as the reader sees it
    heading: str | None = None  # the page's own leading H1, which its revealed page shows
    meta_title: str | None = None  # its front matter `title`

    def stamp(self, settings: Settings) -> str:
        """The page's stamp, sealed ("Coming soon" while it is held)."""
        if self.instant is None:
            return held_stamp_html(settings.labels)
        return stamp_html(self.instant, False, settings)


def stand_in_source(
    page: SealedPage, settings: Settings, front_matter: Mapping[str, Any] | None = None
) -> str:
    """The Markdown a sealed page is built from instead of its own: title, stamp, filler.

    The stand-in is titled as its revealed page will be: the same front matter `title`, and the
    page's own leading H1 if it has one, else none, so that the theme shows the same title (the
    nav's, where the nav names the page) before and after the reveal.
    """
    # A held page's stamp says all there is: "Coming soon".
    notice = settings.labels.available.format(date=page.words) if page.instant else ""
    # Only the title (and what `front_matter` keeps to hold the URL) survives from the real
    # page; everything else is made here.
    meta: dict[str, Any] = {
        **({"title": page.meta_title} if page.meta_title else {}),
        **(front_matter or {}),
        # `draft` keeps the stand-in out of Material's blog listings and of RSS feeds.
        "draft": True,
        "search": {"exclude": True},
        STAND_IN_KEY: True,
    }
    header = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{header}---\n\n" + stand_in_body(
        page.heading, page.instant, page.stamp(settings), notice
    )


def preview_banner(page: SealedPage, settings: Settings) -> str:
    """The marker on top of a sealed page in author preview."""
    return whole_page.preview_banner(page.words, settings.labels)


def write_stand_in(
    page: SealedPage,
    settings: Settings,
    folder: Path,
    front_matter: Mapping[str, Any] | None = None,
) -> Path:
    """Write a stand-in source into the build's own folder (sources are never touched)."""
    target = folder / page.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(stand_in_source(page, settings, front_matter), encoding="utf-8")
    return target


def seal_pages(
    state: BuildState, files: Files, config: MkDocsConfig, stand_ins: Path, *, swap: bool = True
) -> None:
    """Judge every scheduled page not judged yet; replace (or remove) those sealed at the clock.

    With `swap` false the sealed pages are only judged and fingerprinted: their stand-ins come
    in `keep_stand_ins`, after a plugin that rebuilds every file from docs_dir has run.
    """
    settings = state.settings
    languages = other_languages(config)
    for file in files.documentation_pages():
        entry, held = covering(state.schedule, file.src_uri, languages)
        if (entry is None and not held) or file.src_uri in state.judged:
            continue
        state.judged.add(file.src_uri)
        instant = None
        if entry is not None:
            if entry.revealed(settings.clock):
                state.revealed_pages += 1
                continue
            instant = entry.instant
        markdown, meta = get_data(file.content_string)
        page = SealedPage(
            file.src_uri,
            page_title(meta, markdown, file.src_uri),
            instant,
            reveal_date_text(instant, settings) if instant else "",
            leading_heading(markdown),
            front_matter_title(meta),
        )
        state.sealed_pages[file.src_uri] = page
        if settings.preview:
            continue
        # The title stays public (the stand-in and the nav show it), the rest is sealed.
        state.check.publish(page.title)
        state.seal(
            proof_inputs.sealed_page(markdown, meta), reader.display_path(file.src_uri, config)
        )
        state.attachments.seal(file.content_string, file.src_uri)
        if state.options.sealed_pages == "exclude":
            # MkDocs' own way to leave a page out: nav plugins that name it find a page that
            # is not built (which `on_nav` prunes), not a dead link.
            file.inclusion = InclusionLevel.EXCLUDED
        elif swap:
            _point_at_stand_in(state, file, config, stand_ins)
    if state.options.sealed_pages == "exclude" and not settings.preview:
        prune_nav_config(state, config)
        state.links.excluded = dict(state.sealed_pages)


def prune_nav_config(state: BuildState, config: MkDocsConfig) -> None:
    """Drop excluded pages from the nav config, whoever wrote it (the author or a nav plugin)."""
    if state.options.sealed_pages == "exclude" and not state.previewing and config.nav:
        config.nav = navigation.prune_nav(config.nav, set(state.sealed_pages)) or []


def keep_stand_ins(state: BuildState, files: Files, config: MkDocsConfig, stand_ins: Path) -> None:
    """Point every sealed page at its stand-in again, wherever another plugin re-made its file."""
    if state.previewing or state.options.sealed_pages == "exclude":
        return
    for file in files.documentation_pages():
        if file.src_uri in state.sealed_pages:
            _point_at_stand_in(state, file, config, stand_ins)


def _point_at_stand_in(
    state: BuildState, file: File, config: MkDocsConfig, stand_ins: Path
) -> None:
    """Build a sealed page from its stand-in: title, stamp and placeholder, nothing of its own."""
    path = state.stand_in_paths.get(file.src_uri)
    if path is None:
        _, meta = get_data(file.content_string)
        try:
            url_meta = material_blog.url_front_matter(meta, file.src_uri, config)
        except RevealError as error:
            line, _ = front_matter_line(file.content_string, "categories")
            raise RevealError(
                f"{reader.display_path(file.src_uri, config)}:{line}: {error}"
            ) from None
        page = state.sealed_pages[file.src_uri]
        path = str(write_stand_in(page, state.settings, stand_ins, url_meta))
        state.stand_in_paths[file.src_uri] = path
        state.stand_in_inclusion[file.src_uri] = material_blog.inclusion_before(file, meta)
    # Point the file at a stand-in rather than setting its content: other plugins
    # (mkdocs-rss-plugin) need a real `abs_src_path` to read. Marked as generated, as MkDocs
    # marks files plugins make: git-aware plugins then do not look for it in git.
    file.abs_src_path = path
    file.generated_by = "reveal"
    state.sealed_urls.add(file.url)


def rebuilds_files(config: MkDocsConfig) -> bool:
    """Whether a plugin re-makes every file from docs_dir in its `on_files` (mkdocs-static-i18n)."""
    return "i18n" in config.plugins
