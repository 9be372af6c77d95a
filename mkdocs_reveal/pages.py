"""Whole sealed pages: a stand-in source for `placeholder`, no page at all for `exclude`."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from xml.etree import ElementTree as etree

import yaml
from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from . import placeholder
from .labels import Labels
from .stamp import stamp_html

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


def prune_nav(nav: Any, gone: set[str]) -> Any:
    """Drop nav entries that point at pages which are not built."""
    if isinstance(nav, list):
        kept = [prune_nav(item, gone) for item in nav]
        return [item for item in kept if item is not None]
    if isinstance(nav, dict):
        pruned = {key: prune_nav(value, gone) for key, value in nav.items()}
        pruned = {key: value for key, value in pruned.items() if value is not None}
        return pruned or None
    if isinstance(nav, str) and "://" not in nav and normalise_path(nav) in gone:
        return None
    return nav


def normalise_path(path: str) -> str:
    """A docs-relative page path in the form MkDocs uses for `src_uri`."""
    return posixpath.normpath(path.strip().lstrip("/")).removeprefix("./")


class SealedLinks(Treeprocessor):
    """Turns links to excluded pages into plain text labelled with the page's stamp."""

    def __init__(self, md: Markdown, owner: SealedLinkExtension) -> None:
        """Keep the extension that knows the current page and the excluded ones."""
        super().__init__(md)
        self.owner = owner

    def page_uri(self) -> str:
        """The page this Markdown instance renders, from MkDocs' own link processor if any."""
        # Material's blog renders excerpts long after the page's own `on_page_markdown`,
        # with its own Markdown instance: MkDocs' `relpath` processor knows the right file.
        if "relpath" in self.md.treeprocessors:
            file = getattr(self.md.treeprocessors["relpath"], "file", None)
            src_uri = getattr(file, "src_uri", None)
            if isinstance(src_uri, str):
                return src_uri
        return self.owner.page_uri

    def run(self, root: etree.Element) -> None:
        """Rewrite every link whose target is an excluded page."""
        if not self.owner.excluded:
            return
        page_uri = self.page_uri()
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag != "a":
                    continue
                target = self.owner.target(child.get("href", ""), page_uri)
                if target is None:
                    continue
                span = etree.Element("span", {"class": "reveal-link is-sealed"})
                span.text = child.text
                span.extend(list(child))
                # A space between the label and the stamp.
                if len(span):
                    span[-1].tail = (span[-1].tail or "") + " "
                else:
                    span.text = (span.text or "") + " "
                span.append(etree.fromstring(target.stamp(self.owner.labels)))
                span.tail = child.tail
                parent.remove(child)
                parent.insert(index, span)


class SealedLinkExtension(Extension):
    """Registers `SealedLinks` before MkDocs resolves (and validates) relative links."""

    def __init__(self, labels: Labels) -> None:
        """Start with no excluded pages."""
        super().__init__()
        self.labels = labels
        self.excluded: dict[str, SealedPage] = {}
        self.page_uri = ""

    def target(self, href: str, page_uri: str | None = None) -> SealedPage | None:
        """The excluded page a link points at, resolved against the linking page."""
        if not href or "://" in href or href.startswith(("#", "mailto:", "/")):
            return None
        path = href.split("#", 1)[0].split("?", 1)[0]
        if not path:
            return None
        base = self.page_uri if page_uri is None else page_uri
        joined = posixpath.join(posixpath.dirname(base), unquote(path))
        return self.excluded.get(normalise_path(joined))

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the tree processor after inline links exist (20), before MkDocs' relpath (0)."""
        md.treeprocessors.register(SealedLinks(md, self), "reveal_sealed_links", 5)


def not_utf8(files: Iterable[File], config: MkDocsConfig) -> str:
    """Describe the first page that is not UTF-8: where it goes wrong, and how to fix it."""
    root = Path(config.config_file_path or ".").resolve().parent
    for file in files:
        if not file.is_documentation_page() or file.abs_src_path is None:
            continue
        data = Path(file.abs_src_path).read_bytes()
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            # `start` counts from the end of a BOM if there is one.
            at = error.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
            line = data.count(b"\n", 0, at) + 1
            column = at - (data.rfind(b"\n", 0, at) + 1) + 1
            path = Path(file.abs_src_path).resolve()
            shown = path.relative_to(root) if path.is_relative_to(root) else path
            return (
                f"{shown}:{line}: this page is not UTF-8 (byte 0x{data[at]:02x} at column "
                f"{column}); MkDocs reads pages as UTF-8: save it as UTF-8 and build again"
            )
    return "a page is not UTF-8; MkDocs reads pages as UTF-8: save it as UTF-8"
