"""Links to excluded pages: plain text labelled with the page's stamp, never a dead link."""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING
from urllib.parse import unquote
from xml.etree import ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from mkdocs_reveal.markup.extension import rendered_page
from mkdocs_reveal.markup.settings import Settings
from mkdocs_reveal.timeline.schedule import normalise_path

if TYPE_CHECKING:
    from mkdocs_reveal.integration.sealed_pages import SealedPage


class SealedLinks(Treeprocessor):
    """Turns links to excluded pages into plain text labelled with the page's stamp."""

    def __init__(self, md: Markdown, owner: SealedLinkExtension) -> None:
        """Keep the extension that knows the current page and the excluded ones."""
        super().__init__(md)
        self.owner = owner

    def run(self, root: etree.Element) -> None:
        """Rewrite every link whose target is an excluded page."""
        if not self.owner.excluded:
            return
        page_uri = rendered_page(self.md) or ""
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
                span.append(etree.fromstring(target.stamp(self.owner.settings)))
                span.tail = child.tail
                parent.remove(child)
                parent.insert(index, span)


class SealedLinkExtension(Extension):
    """Registers `SealedLinks` before MkDocs resolves (and validates) relative links."""

    def __init__(self, settings: Settings) -> None:
        """Start with no excluded pages."""
        super().__init__()
        self.settings = settings
        self.excluded: dict[str, SealedPage] = {}

    def target(self, href: str, page_uri: str) -> SealedPage | None:
        """The excluded page a link points at, resolved against the linking page."""
        if not href or "://" in href or href.startswith(("#", "mailto:", "/")):
            return None
        path = href.split("#", 1)[0].split("?", 1)[0]
        if not path:
            return None
        joined = posixpath.join(posixpath.dirname(page_uri), unquote(path))
        return self.excluded.get(normalise_path(joined))

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the tree processor after inline links exist (20), before MkDocs' relpath (0)."""
        md.treeprocessors.register(SealedLinks(md, self), "reveal_sealed_links", 5)
