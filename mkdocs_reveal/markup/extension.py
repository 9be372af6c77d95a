"""The Python-Markdown extension registering `<PostPreview>` and `<RevealStamp />`."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from mkdocs_reveal.diagnostics import Problem, report
from mkdocs_reveal.markup.code import Dialect
from mkdocs_reveal.markup.transform import ScheduleLookup, Settings, transform
from mkdocs_reveal.timeline.clock import resolve_clock
from mkdocs_reveal.timeline.dates import parse_time_of_day, parse_timezone, read_page_date

FRAGMENT = re.compile(r"<!-- reveal-fragment (\d+) -->")


class Fragments:
    """HTML fragments made before a page's Markdown instance exists, swapped in when it does.

    The plugin seals raw page text in `on_page_markdown`, before MkDocs creates the page's
    Markdown instance, so it cannot use that instance's HTML stash. It leaves an HTML comment
    instead, which other plugins pass through untouched (and which stays invisible where they
    re-render the text without our extension), and the preprocessor stashes the real HTML.
    """

    def __init__(self) -> None:
        """Start with no fragments."""
        self.items: list[str] = []

    def store(self, html: str) -> str:
        """Keep a fragment and return the comment that stands for it."""
        self.items.append(html)
        return f"<!-- reveal-fragment {len(self.items) - 1} -->"

    def resolve(self, text: str, md: Markdown) -> str:
        """Swap each known fragment comment for the fragment in the Markdown instance's stash."""

        def swap(match: re.Match[str]) -> str:
            """Stash one fragment."""
            index = int(match.group(1))
            if index >= len(self.items):
                return match.group(0)
            return md.htmlStash.store(self.items[index])

        return FRAGMENT.sub(swap, text)

    def clear(self) -> None:
        """Forget every fragment (a new build)."""
        self.items.clear()


@dataclass
class PageContext:
    """What one page's render needs to know, and what it hands back (its sealed text)."""

    path: str | None = None  # as the author sees it, for `path:line` in messages
    page_date: datetime | None = None  # the page's `date:`, for dates written without a year
    schedule: ScheduleLookup | None = None
    secrets: list[str] = field(default_factory=list)
    # What the host's own pass over the page reported already: tags it left in place (a
    # preview shown as code) are found again here, and said once.
    reported: Counter[str] = field(default_factory=Counter)

    def unreported(self, problems: list[Problem]) -> list[Problem]:
        """The problems not reported already, each reported one taken off once."""
        fresh = []
        for problem in problems:
            if self.reported[problem.message] > 0:
                self.reported[problem.message] -= 1
            else:
                fresh.append(problem)
        return fresh


class PageContexts:
    """Page contexts a host registers by page path, found again from a page's Markdown instance.

    The host (the MkDocs plugin) says which page is which; the preprocessor asks the Markdown
    instance which page it renders, so no attribute of the shared extension carries a page.
    """

    def __init__(self) -> None:
        """Start with no pages."""
        self.items: dict[str, PageContext] = {}

    def add(self, page: str, context: PageContext) -> None:
        """Keep the context of the page at a docs-relative path."""
        self.items[page] = context

    def find(self, md: Markdown) -> PageContext | None:
        """The context of the page a Markdown instance renders, if the host registered it."""
        page = rendered_page(md)
        return None if page is None else self.items.get(page)

    def clear(self) -> None:
        """Forget every page (a new build)."""
        self.items.clear()


def rendered_page(md: Markdown) -> str | None:
    """The docs-relative path of the page a Markdown instance renders, where the host tells."""
    # MkDocs gives every page's Markdown instance (and Material's blog each excerpt's) a
    # `relpath` tree processor holding the file being rendered; duck-typed, so no MkDocs import.
    if "relpath" not in md.treeprocessors:
        return None
    file = getattr(md.treeprocessors["relpath"], "file", None)
    src_uri = getattr(file, "src_uri", None)
    return src_uri if isinstance(src_uri, str) else None


class RevealPreprocessor(Preprocessor):
    """Seals and renders the tags before Python-Markdown reads raw HTML."""

    def __init__(self, md: Markdown, extension: RevealExtension) -> None:
        """Keep the extension whose settings apply."""
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        """Transform the document's lines."""
        ext = self.extension
        page = ext.pages.find(self.md) or PageContext()
        settings = ext.settings()
        result = transform(
            "\n".join(lines),
            settings,
            self.md.htmlStash.store,
            page_date=page.page_date or _meta_date(self.md, settings),
            schedule=page.schedule,
            # Fences are stashed by now (`fenced_code` and `superfences` run first); raw HTML
            # is not, and `md_in_html` decides whether `<div markdown>` can hold code.
            rules=Dialect(md_in_html="markdown_block" in self.md.parser.blockprocessors),
        )
        report(page.unreported(result.problems), page.path)
        page.secrets.extend(result.secrets)
        return ext.fragments.resolve(result.markdown, self.md).split("\n")


class RevealExtension(Extension):
    """Renders `<PostPreview>` teasers and `<RevealStamp />` badges, sealed by one clock.

    Registers one preprocessor:

    | name            | kind         | priority | why                                              |
    |-----------------|--------------|----------|--------------------------------------------------|
    | `mkdocs_reveal` | preprocessor | 24       | after `snippets` (32) has pulled in other files, |
    |                 |              |          | and after `fenced_code_block` (25, `fenced_code` |
    |                 |              |          | or `superfences`) has stashed fenced code, so    |
    |                 |              |          | whatever fences are left are not code; before    |
    |                 |              |          | `html_block` (20) would stash the tags as raw    |
    |                 |              |          | HTML, content and all                            |
    """

    def __init__(self, **kwargs: Any) -> None:
        """Declare the options."""
        self.config = {
            "now": ["", "ISO 8601 instant the document is judged by; default: the current time"],
            "timezone": ["UTC", "IANA time zone for dates without an offset"],
            "reveal_time": ["00:00", "time of day for date-only values"],
            "locale": ["en", "language of the stamp labels"],
            "preview": [False, "author preview: show sealed content, marked as such"],
        }
        super().__init__(**kwargs)
        self.fragments = Fragments()
        self.pages = PageContexts()
        self._settings: Settings | None = None

    def settings(self) -> Settings:
        """The settings from the options, read once: one clock per extension instance."""
        if self._settings is None:
            tz = parse_timezone(str(self.getConfig("timezone")))
            reveal_time = parse_time_of_day(str(self.getConfig("reveal_time")))
            clock = resolve_clock(
                env={},
                option=self.getConfig("now") or None,
                fallback=datetime.now(tz=timezone.utc),
                tz=tz,
                reveal_time=reveal_time,
            )
            self._settings = Settings(
                clock=clock,
                tz=tz,
                reveal_time=reveal_time,
                locale=str(self.getConfig("locale")),
                preview=bool(self.getConfig("preview")),
                pinned=bool(str(self.getConfig("now")).strip()),
            )
        return self._settings

    def use(self, settings: Settings) -> None:
        """Judge by the given settings instead of the options (the plugin's one clock)."""
        self._settings = settings

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the preprocessor."""
        self.settings()  # a wrong option fails here, once, not on every document
        md.registerExtension(self)
        md.preprocessors.register(RevealPreprocessor(md, self), "mkdocs_reveal", 24)


def _meta_date(md: Markdown, settings: Settings) -> datetime | None:
    """The document's `date` from the `meta` extension, to anchor dates written without a year."""
    meta: dict[str, list[str]] = getattr(md, "Meta", {}) or {}
    values = meta.get("date")
    if not values:
        return None
    return read_page_date(values[0], tz=settings.tz, reveal_time=settings.reveal_time)


def makeExtension(**kwargs: Any) -> RevealExtension:
    """Create the extension (Python-Markdown's entry point by module name)."""
    return RevealExtension(**kwargs)
