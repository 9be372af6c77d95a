"""A whole sealed page: its stand-in (title, stamp, notice, filler) and what it may keep.

The MkDocs plugin writes the stand-in as a source file for MkDocs to build; the extension,
where no plugin runs (Zensical), puts the same Markdown in place of the page's own and clears
the page's meta. Both make it here, so a sealed page looks the same whoever builds it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, MutableMapping
from datetime import datetime
from html import escape
from typing import Any

from mkdocs_reveal.markup import placeholder
from mkdocs_reveal.markup.labels import Labels
from mkdocs_reveal.markup.settings import Settings
from mkdocs_reveal.markup.stamp import reveal_date_text, stamp_html
from mkdocs_reveal.timeline.schedule import Entry

# Front matter that marks a stand-in, for templates and other plugins.
STAND_IN_KEY = "reveal_sealed_page"
# The meta a stand-in keeps: its title and what places it (a blog's date and slug) or lays it
# out. Anything else (description, tags, image, a theme's own keys) may be the page's words.
KEPT_META = ("title", "date", "slug", "template", "hide")


def page_title(meta: Mapping[str, Any], markdown: str, src_uri: str) -> str:
    """The title a sealed page may still show: front matter, else a leading H1, else file name."""
    title = front_matter_title(meta)
    if title is not None:
        return title
    heading = leading_heading(markdown)
    if heading is not None:
        return heading
    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    name = ("index" if stem == "README" else stem).replace("-", " ").replace("_", " ")
    # MkDocs capitalises a file name only when it is all lower case.
    return name.capitalize() if name.lower() == name else name


def front_matter_title(meta: Mapping[str, Any]) -> str | None:
    """A page's front matter `title`, if it has one."""
    title = meta.get("title")
    return title.strip() if isinstance(title, str) and title.strip() else None


def leading_heading(markdown: str) -> str | None:
    """The text of an H1 on a page's first line, if there is one."""
    # Only an H1 on the first line counts, as for MkDocs before rendering: a `# ` line
    # further down may be a comment in a code block, full of sealed words.
    first = next((line.strip() for line in markdown.splitlines() if line.strip()), "")
    if first.startswith("# ") and first.lstrip("# ").strip():
        return first.lstrip("# ").strip()
    return None


def stand_in_body(heading: str | None, instant: datetime | None, stamp: str, notice: str) -> str:
    """The Markdown of a sealed page's stand-in: its heading, stamp, notice and filler.

    The stand-in is titled as its revealed page will be: the page's own leading H1 if it has
    one, else none, so the theme shows the same title before and after the reveal. A held page
    (no instant) has no date to count down to and no notice: its stamp says "Coming soon".
    """
    at = f' data-reveal-at="{instant.isoformat()}"' if instant else ""
    return (
        # The author's own heading line, rendered as the revealed page renders it.
        (f"# {heading}\n\n" if heading else "")
        + f'<div class="reveal-preview is-sealed reveal-page"{at}>\n'
        f'<p class="reveal-stamp-line">{stamp}</p>\n'
        + (f'<p class="reveal-notice">{escape(notice)}</p>\n' if notice else "")
        + f"{placeholder.page_placeholder()}\n"
        "</div>\n"
    )


def preview_banner(words: str, labels: Labels) -> str:
    """The marker on top of a sealed page in author preview."""
    marker = escape(labels.sealed_until.format(date=words or "a date not yet set"))
    return f'<p class="reveal-preview-marker reveal-page-marker">{marker}</p>'


def stand_in(entry: Entry, heading: str | None, settings: Settings) -> str:
    """The stand-in of a page the extension seals, judged by its schedule entry."""
    words = reveal_date_text(entry.instant, settings)
    stamp = stamp_html(entry.instant, False, settings)
    notice = settings.labels.available.format(date=words)
    return stand_in_body(heading, entry.instant, stamp, notice)


def clear_meta(meta: MutableMapping[str, Any], title: str) -> None:
    """Leave a sealed page's meta nothing of its own but its title and placing.

    The meta is the host's own (Zensical's `page.meta`), read after rendering for the page's
    head, listings and search: cleared here, the description, tags and image never get there.
    """
    for key in [key for key in meta if key not in KEPT_META]:
        del meta[key]
    # Without a `title`, Zensical would fall back on the source's first heading, wherever it is.
    meta.setdefault("title", title)
    meta["search"] = {"exclude": True}
    meta[STAND_IN_KEY] = True
