"""Attachments (images, downloads) that only sealed content refers to stay out of the site.

MkDocs copies every file of `docs_dir` to the site, whether a page uses it or not. A picture
that only a sealed post shows would so be published before the post. References are read from
the Markdown (and front matter) by a deliberately broad tokenizer: anything that resolves to a
file of `docs_dir`, relative to the page or to `docs_dir`, counts. An attachment is withheld
when sealed content refers to it and nothing published does.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

# Anything between separators that can delimit a path in Markdown, HTML or YAML; and, whole,
# what Markdown's <…> destinations and quoted HTML attributes hold, spaces and all.
TOKEN = re.compile(r"""[^\s()<>\[\]{}"'`|,=*!;]+""")
ENCLOSED = re.compile(r"""<([^<>\n]+)>|"([^"\n]+)"|'([^'\n]+)'""")
# Text files that may refer to an attachment by name (a stylesheet's url(), a page template).
TEXT_SUFFIXES = (".css", ".js", ".html", ".htm", ".svg", ".json", ".xml", ".txt", ".yml", ".yaml")


def _is_attachment(file: File, docs_dir: str) -> bool:
    """A file of the author's docs_dir that is not a page (pictures, downloads, styles)."""
    if file.is_documentation_page() or file.generated_by or file.src_dir is None:
        return False
    return os.path.normpath(os.path.abspath(file.src_dir)) == docs_dir


class Attachments:
    """What sealed and published content refers to, for one build."""

    def __init__(self) -> None:
        """Start a build that knows no files yet."""
        self.known: dict[str, File] = {}
        self.site_url = ""  # the site's address, whose links name files as the site serves them
        self.sealed: dict[str, str] = {}  # attachment -> the sealed page that refers to it
        self.published: set[str] = set()

    def start(self, files: Files, config: MkDocsConfig) -> None:
        """Learn the build's attachments, and what the config itself refers to."""
        docs_dir = os.path.normpath(os.path.abspath(config.docs_dir))
        self.known = {file.src_uri: file for file in files if _is_attachment(file, docs_dir)}
        self.sealed = {}
        self.published = set()
        self.site_url = (config.site_url or "").rstrip("/") + "/" if config.site_url else ""
        # The logo, favicon, extra CSS/JS and `extra:` values are public whatever pages say.
        theme = {key: config.theme.get(key) for key in ("logo", "favicon")}
        site_wide = repr([theme, config.extra_css, config.extra_javascript, dict(config.extra)])
        self.published |= self.references(site_wide, "")

    def references(self, text: str, page_uri: str) -> set[str]:
        """The attachments a text refers to, resolved every way a reader's browser might."""
        if not self.known or not text:
            return set()
        found: set[str] = set()
        # Relative to the page's source folder (MkDocs rewrites Markdown links so), to its
        # URL's folder (raw HTML under directory URLs: blog/part/ for blog/part.md), to docs_dir.
        folder = posixpath.dirname(page_uri)
        bases = (folder, posixpath.splitext(page_uri)[0], "")
        enclosed = [
            next(group for group in match.groups() if group) for match in ENCLOSED.finditer(text)
        ]
        for token in [*TOKEN.findall(text), *enclosed]:
            path = unquote(token.strip().split("#", 1)[0].split("?", 1)[0])
            if self.site_url and path.startswith(self.site_url):
                path = "/" + path[len(self.site_url) :]
            if not path or "://" in path:
                continue
            for base in bases:
                normal = posixpath.normpath(
                    posixpath.join(base, path.lstrip("/") if not base else path)
                )
                if normal in self.known:
                    found.add(normal)
        return found

    def seal(self, text: str, page_uri: str) -> None:
        """Note what a sealed page or sealed preview refers to."""
        for uri in self.references(text, page_uri):
            self.sealed.setdefault(uri, page_uri)

    def publish(self, text: str, page_uri: str) -> None:
        """Note what published content refers to: those attachments stay."""
        self.published |= self.references(text, page_uri)

    def withheld(self) -> dict[str, str]:
        """The attachments only sealed content refers to, with a page that refers to each."""
        candidates = {uri: page for uri, page in self.sealed.items() if uri not in self.published}
        if not candidates:
            return {}
        # A stylesheet or template that names the file keeps it: it is used in the open.
        names = {posixpath.basename(uri) for uri in candidates}
        for uri, file in self.known.items():
            if uri in candidates or not uri.lower().endswith(TEXT_SUFFIXES):
                continue
            text = _read_text(file.abs_src_path)
            for name in [name for name in names if name in text]:
                names.discard(name)
                for kept in [key for key in candidates if posixpath.basename(key) == name]:
                    del candidates[kept]
            if not names:
                break
        return candidates

    def remove_withheld(self, files: Files) -> list[str]:
        """Take the withheld attachments out of the build, so they are never copied."""
        gone = self.withheld()
        for uri in sorted(gone):
            file = files.get_file_from_path(uri)
            if file is not None:
                files.remove(file)
        return sorted(gone)


def _read_text(path: str | None) -> str:
    """A text file's content, or nothing if it cannot be read as text."""
    if path is None:
        return ""
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def describe(uris: Iterable[str]) -> str:
    """A short list of paths for the log."""
    listed = sorted(uris)
    shown = ", ".join(listed[:5])
    return shown + (f" and {len(listed) - 5} more" if len(listed) > 5 else "")
