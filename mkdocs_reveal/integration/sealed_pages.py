"""Whole sealed pages: a stand-in source for `placeholder`, no page at all for `exclude`."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.utils.meta import get_data

from mkdocs_reveal.diagnostics import RevealError
from mkdocs_reveal.integration import material_blog, navigation, proof_inputs, reader
from mkdocs_reveal.markup import placeholder
from mkdocs_reveal.markup.labels import Labels, reader_date
from mkdocs_reveal.markup.stamp import stamp_html

if TYPE_CHECKING:
    from mkdocs_reveal.integration.build import BuildState

# Front matter that marks a stand-in, for templates and other plugins.
STAND_IN_KEY = "reveal_sealed_page"


@dataclass(frozen=True)
class SealedPage:
    """A page that is sealed at the clock: where it lives, what it may show, and when."""

    src_uri: str
    title: str
    instant: datetime
    words: str  # the reveal date as the reader sees it

    def stamp(self, labels: Labels) -> str:
        """The page's stamp, sealed."""
        return stamp_html(self.instant, self.words, False, labels)


def page_title(meta: Mapping[str, Any], markdown: str, src_uri: str) -> str:
    """The title a sealed page may still show: front matter, else a leading H1, else file name."""
    title = meta.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    # Only an H1 on the first line counts, as for MkDocs before rendering: a `# ` line
    # further down may be a comment in a code block, full of sealed words.
    first = next((line.strip() for line in markdown.splitlines() if line.strip()), "")
    if first.startswith("# ") and first.lstrip("# ").strip():
        return first.lstrip("# ").strip()
    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    name = ("index" if stem == "README" else stem).replace("-", " ").replace("_", " ")
    # MkDocs capitalises a file name only when it is all lower case.
    return name.capitalize() if name.lower() == name else name


def stand_in_source(
    page: SealedPage, labels: Labels, front_matter: Mapping[str, Any] | None = None
) -> str:
    """The Markdown a sealed page is built from instead of its own: title, stamp, filler."""
    notice = labels.available.format(date=page.words)
    # Only the title (and what `front_matter` keeps to hold the URL) survives from the real
    # page; everything else is made here.
    meta: dict[str, Any] = {
        "title": page.title,
        **(front_matter or {}),
        # `draft` keeps the stand-in out of Material's blog listings and of RSS feeds.
        "draft": True,
        "search": {"exclude": True},
        STAND_IN_KEY: True,
    }
    header = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return (
        f"---\n{header}---\n\n"
        f"# {escape(page.title)}\n\n"
        f'<div class="reveal-preview is-sealed reveal-page" '
        f'data-reveal-at="{page.instant.isoformat()}">\n'
        f'<p class="reveal-stamp-line">{page.stamp(labels)}</p>\n'
        f'<p class="reveal-notice">{escape(notice)}</p>\n'
        f"{placeholder.page_placeholder()}\n"
        "</div>\n"
    )


def preview_banner(page: SealedPage, labels: Labels) -> str:
    """The marker on top of a sealed page in author preview."""
    marker = escape(labels.sealed_until.format(date=page.words))
    return f'<p class="reveal-preview-marker reveal-page-marker">{marker}</p>'


def write_stand_in(
    page: SealedPage,
    labels: Labels,
    folder: Path,
    front_matter: Mapping[str, Any] | None = None,
) -> Path:
    """Write a stand-in source into the build's own folder (sources are never touched)."""
    target = folder / page.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(stand_in_source(page, labels, front_matter), encoding="utf-8")
    return target


def seal_pages(state: BuildState, files: Files, config: MkDocsConfig, stand_ins: Path) -> None:
    """Replace (or, with `exclude`, remove) every scheduled page that is sealed at the clock."""
    settings = state.settings
    for entry in state.schedule.entries.values():
        if entry.revealed(settings.clock):
            state.revealed_pages += 1
            continue
        file = files.get_file_from_path(entry.path)
        if file is None:
            continue
        markdown, meta = get_data(file.content_string)
        page = SealedPage(
            file.src_uri,
            page_title(meta, markdown, file.src_uri),
            entry.instant,
            reader_date(entry.date.text, entry.instant, settings.locale),
        )
        state.sealed_pages[file.src_uri] = page
        if settings.preview:
            continue
        state.seal(
            proof_inputs.sealed_page(markdown, meta), reader.display_path(file.src_uri, config)
        )
        state.attachments.seal(file.content_string, file.src_uri)
        if state.options.sealed_pages == "exclude":
            files.remove(file)
            continue
        # Point the file at a stand-in rather than setting its content: other plugins
        # (mkdocs-rss-plugin) need a real `abs_src_path` to read.
        try:
            url_meta = material_blog.url_front_matter(meta, file.src_uri, config)
        except RevealError as error:
            line, _ = reader.front_matter_line(file.content_string, "categories")
            raise RevealError(
                f"{reader.display_path(file.src_uri, config)}:{line}: {error}"
            ) from None
        file.abs_src_path = str(write_stand_in(page, settings.labels, stand_ins, url_meta))
        state.stand_in_inclusion[file.src_uri] = material_blog.inclusion_before(file, meta)
        state.sealed_urls.add(file.url)
    if state.options.sealed_pages == "exclude" and not settings.preview:
        if config.nav is not None:
            config.nav = navigation.prune_nav(config.nav, set(state.sealed_pages)) or []
        state.links.excluded = dict(state.sealed_pages)
