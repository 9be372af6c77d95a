"""The Python-Markdown extension registering `<PostPreview>` and `<RevealStamp />`.

Under the MkDocs plugin it seals the tags of content that reaches it late (snippets); the
plugin has sealed everything else. Anywhere else (Zensical, plain Python-Markdown) it is the
whole guarantee: it reads the clock as the plugin does, seals whole scheduled pages, keeps what
a warning doubts sealed, since nothing stops such a build on a warning, and with `strict`
raises instead.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from mkdocs_reveal.diagnostics import Problem, RevealError, report
from mkdocs_reveal.markup import front_matter, whole_page, zensical
from mkdocs_reveal.markup.code import Dialect
from mkdocs_reveal.markup.labels import known_locale
from mkdocs_reveal.markup.page_schedule import DocsFolder, PageSchedule, own_reveal, unknown_posts
from mkdocs_reveal.markup.stamp import reveal_date_text
from mkdocs_reveal.markup.transform import ScheduleLookup, Settings, transform
from mkdocs_reveal.timeline.clock import ENV_NOW, resolve_clock
from mkdocs_reveal.timeline.dates import parse_time_of_day, parse_timezone
from mkdocs_reveal.timeline.epoch import SOURCE_DATE_EPOCH, build_time
from mkdocs_reveal.timeline.schedule import Entry

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


@dataclass(frozen=True)
class Reading:
    """What the extension judges by where no plugin runs: settings, schedule, when to stop."""

    settings: Settings
    schedule: PageSchedule
    strict: bool  # raise on any problem, rather than warn and keep what it doubts sealed


# Zensical makes an extension for every page: what one build reads once is kept here.
_ZENSICAL_BUILD: zensical.PerBuild[Reading] = zensical.PerBuild()


class RevealPreprocessor(Preprocessor):
    """Seals and renders the tags (and whole scheduled pages) before Python-Markdown reads HTML."""

    def __init__(self, md: Markdown, extension: RevealExtension) -> None:
        """Keep the extension whose settings apply."""
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        """Transform the document's lines."""
        ext = self.extension
        if ext.plugin is not None:
            # The plugin has sealed whole pages and judged the page's tags; it stops on warnings.
            page = ext.pages.find(self.md) or PageContext()
            return self.seal_tags(lines, page, ext.plugin, strict=False)
        host = zensical.find(self.md)
        if host is not None:
            return self.under_zensical(host, lines)
        reading = ext.reading(None, strict=False, language=None)
        if rendered_page(self.md) is not None:
            _refuse_scheduled_without_plugin(self.md, reading.schedule)
        meta = _md_meta(self.md)
        key = front_matter.reveal_key(meta)
        entry = reading.schedule.page(None, meta.get(key) if key else None, "meta `reveal`")
        lines, final = self.whole_page(entry, meta, lines, "page.md", reading.settings)
        if final:
            return lines
        page = PageContext(
            page_date=front_matter.page_anchor(meta, reading.settings),
            schedule=reading.schedule.lookup,
        )
        return self.seal_tags(
            lines, page, reading.settings, strict=reading.strict, doubt=not reading.strict
        )

    def under_zensical(self, host: zensical.ZensicalPage, lines: list[str]) -> list[str]:
        """Seal a page Zensical renders: whole if it is scheduled and sealed, else its tags."""
        ext = self.extension
        reading = _ZENSICAL_BUILD.get(
            host,
            lambda: ext.reading(host.docs, strict=host.strict, language=_theme_language(host)),
        )
        entry = self.zensical_entry(host, reading)
        lines, final = self.whole_page(entry, host.meta, lines, host.path, reading.settings)
        if final:
            return lines
        page = PageContext(
            path=host.shown,
            page_date=front_matter.page_anchor(host.meta, reading.settings),
            schedule=reading.schedule.lookup,
        )
        return self.seal_tags(
            lines,
            page,
            reading.settings,
            strict=reading.strict,
            doubt=not reading.strict,  # strict stops on the doubt instead
            locate=zensical.source_lines(host, lines),
            pages=DocsFolder(host.docs),
        )

    def zensical_entry(self, host: zensical.ZensicalPage, reading: Reading) -> Entry | None:
        """The schedule entry of the page Zensical renders, by the one reader of `reveal:`."""
        source = host.source
        text = source.read_text(encoding="utf-8-sig") if source.is_file() else ""
        found = own_reveal(text, host.shown)
        if found is None:
            # Zensical hands down what no source line of the page says (an inherited meta
            # file's); it has read the keys, so only their case is left to fold.
            key = front_matter.reveal_key(host.meta)
            return reading.schedule.page(host.path, host.meta.get(key) if key else None, host.shown)
        where = f"{host.shown}:{found.line}: front matter `reveal`"
        if found.warning:
            say(
                [Problem(found.line, f"front matter `reveal`: {found.warning}")],
                host.shown,
                strict=reading.strict,
            )
        return reading.schedule.page(host.path, found.readable, where)

    def whole_page(
        self,
        entry: Entry | None,
        meta: dict[str, Any],
        lines: list[str],
        path: str,
        settings: Settings,
    ) -> tuple[list[str], bool]:
        """The page's lines, and whether they are final: a sealed page's stand-in is.

        A sealed page's meta is cleared too; in author preview it is shown, marked.
        """
        if entry is None or entry.revealed(settings.clock):
            return lines, False
        labels = settings.labels
        if settings.preview:
            words = reveal_date_text(entry.instant, settings)
            banner = self.md.htmlStash.store(whole_page.preview_banner(words, labels))
            return [banner, "", *lines], False
        markdown = "\n".join(lines)
        title = whole_page.page_title(meta, markdown, path)
        whole_page.clear_meta(meta, title)
        heading = whole_page.leading_heading(markdown)
        return whole_page.stand_in(entry, heading, settings).split("\n"), True

    def seal_tags(
        self,
        lines: list[str],
        page: PageContext,
        settings: Settings,
        *,
        strict: bool,
        doubt: bool = False,
        locate: Callable[[int], int] | None = None,
        pages: Container[str] | None = None,
    ) -> list[str]:
        """Seal the tags; report problems at their source lines, or raise on them when strict."""
        result = transform(
            "\n".join(lines),
            settings,
            self.md.htmlStash.store,
            page_date=page.page_date,
            schedule=page.schedule,
            # Fences are stashed by now (`fenced_code` and `superfences` run first); raw HTML
            # is not, and `md_in_html` decides whether `<div markdown>` can hold code.
            rules=Dialect(md_in_html="markdown_block" in self.md.parser.blockprocessors),
            seal_doubtful=doubt,
        )
        problems = page.unreported(result.problems)
        problems += unknown_posts(result.outcomes, pages) if pages else []
        if locate is not None:
            problems = [replace(problem, line=locate(problem.line)) for problem in problems]
        problems.sort(key=lambda problem: problem.line)
        say(problems, page.path, strict=strict)
        page.secrets.extend(result.secrets)
        return self.extension.fragments.resolve(result.markdown, self.md).split("\n")


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

    The plugin's instance registers under the same name after any listed in `mkdocs.yml`, so
    under MkDocs only the plugin's runs: one YAML anchor can configure both.
    """

    def __init__(self, **kwargs: Any) -> None:
        """Declare the options."""
        self.config = {
            "now": ["", "ISO 8601 instant the document is judged by; default: the current time"],
            "timezone": ["UTC", "IANA time zone for dates without an offset"],
            "reveal_time": ["00:00", "time of day for date-only values"],
            "locale": ["", "language of the stamp labels; default: Zensical's theme language, en"],
            "preview": [False, "author preview: show sealed content, marked as such"],
            "schedule": [{}, "page path (relative to docs_dir) → reveal date, sealed whole"],
            "strict": [False, "raise on any problem, so that a Zensical build stops"],
            # The plugin's own options, accepted so that one YAML anchor serves both.
            **{name: [default, "the MkDocs plugin's option"] for name, default in PLUGIN_ONLY},
        }
        super().__init__(**kwargs)
        self.fragments = Fragments()
        self.pages = PageContexts()
        self.plugin: Settings | None = None  # the plugin's settings, where the plugin runs
        self._settings: Settings | None = None
        self._reading: Reading | None = None

    def settings(self) -> Settings:
        """The settings: the plugin's, else from the options, read once per extension."""
        if self.plugin is not None:
            return self.plugin
        if self._settings is None:
            self._settings = self.read_settings(None)
        return self._settings

    def read_settings(self, language: str | None) -> Settings:
        """Read the options and the clock as the plugin reads them.

        The clock: MKDOCS_REVEAL_NOW, else the `now` option, else SOURCE_DATE_EPOCH, else now.
        `language` is the host theme's, which stamps speak unless `locale` is set.
        """
        tz = parse_timezone(str(self.getConfig("timezone")))
        reveal_time = parse_time_of_day(_time_of_day(self.getConfig("reveal_time")))
        clock = resolve_clock(
            env=os.environ,
            option=self.getConfig("now") or None,
            fallback=build_time(os.environ),
            tz=tz,
            reveal_time=reveal_time,
        )
        chosen = str(self.getConfig("locale") or "")
        locale = chosen or (language if language and known_locale(language) else "en")
        # A pinned clock: the page shows one moment, and its stamps say how far it is.
        pins = (os.environ.get(ENV_NOW), self.getConfig("now"), os.environ.get(SOURCE_DATE_EPOCH))
        pinned = any(str(pin or "").strip() for pin in pins)
        return Settings(clock, tz, reveal_time, locale, bool(self.getConfig("preview")), pinned)

    def reading(self, docs: Path | None, *, strict: bool, language: str | None) -> Reading:
        """The settings, the schedule and when to stop, for a host that is not the plugin.

        Without a docs folder (plain Python-Markdown), made once per extension; under Zensical,
        made for each page's extension and kept once per build (`zensical.PerBuild`).
        """
        if docs is None and self._reading is not None:
            return self._reading
        settings = self.settings() if docs is None else self.read_settings(language)
        reading = Reading(
            settings,
            PageSchedule(self.getConfig("schedule"), settings, docs),
            strict=strict or bool(self.getConfig("strict")),
        )
        if docs is None:
            self._reading = reading
        return reading

    def use(self, settings: Settings) -> None:
        """Judge by the plugin's settings: the plugin seals whole pages and stops on warnings."""
        self.plugin = settings

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the preprocessor."""
        if self.plugin is None and not zensical.running():
            self.settings()  # a wrong option fails here, once, not on every document
        md.registerExtension(self)
        md.preprocessors.register(RevealPreprocessor(md, self), "mkdocs_reveal", 24)


# The plugin's options that mean nothing to the extension, with the plugin's defaults.
PLUGIN_ONLY: tuple[tuple[str, object], ...] = (
    ("enabled", True),
    ("sealed_pages", "placeholder"),
    ("leak_check", True),
    ("cron_interval", 60),
    ("notices", "info"),
)


def _time_of_day(value: object) -> str:
    """A `reveal_time` option as text: YAML 1.1 reads an unquoted 09:00 as 540 minutes."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value // 60:02d}:{value % 60:02d}"
    return str(value)


def _md_meta(md: Markdown) -> dict[str, Any]:
    """The document's meta from Python-Markdown's `meta` extension, one value per key."""
    meta: Mapping[str, list[str]] = getattr(md, "Meta", {}) or {}
    return {key: values[0] if len(values) == 1 else values for key, values in meta.items()}


def _theme_language(host: zensical.ZensicalPage) -> str | None:
    """Zensical's theme language, which stamps speak unless `locale` says otherwise."""
    theme = host.config.get("theme")
    language = theme.get("language") if isinstance(theme, Mapping) else None
    return language if isinstance(language, str) else None


def _refuse_scheduled_without_plugin(md: Markdown, schedule: PageSchedule) -> None:
    """Under MkDocs without the plugin, a scheduled page cannot be sealed whole: stop."""
    file = getattr(md.treeprocessors["relpath"], "file", None)
    path, source = getattr(file, "src_uri", ""), getattr(file, "abs_src_path", None)
    text = Path(source).read_text(encoding="utf-8-sig") if isinstance(source, str) else ""
    if path in schedule.config or own_reveal(text, str(source)) is not None:
        raise RevealError(
            f"{path}: this page is scheduled, but MkDocs runs the mkdocs_reveal extension "
            "without the `reveal` plugin, which alone can keep a whole page (its title, "
            "description and search entry) sealed: add `- reveal` to `plugins`"
        )


def say(problems: list[Problem], path: str | None, *, strict: bool) -> None:
    """Report a page's problems; when strict, raise on them instead."""
    if strict and problems:
        raise RevealError(_strict_message(problems, path))
    report(problems, path)


def _strict_message(problems: list[Problem], path: str | None) -> str:
    """Every problem of a page, for the error that stops a strict build."""
    found = "; ".join(problem.located(path) for problem in problems)
    return f"{found} (strict: the build stops on these; fix them, or drop `strict`)"


def makeExtension(**kwargs: Any) -> RevealExtension:
    """Create the extension (Python-Markdown's entry point by module name)."""
    return RevealExtension(**kwargs)
