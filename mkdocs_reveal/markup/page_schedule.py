"""The schedule as the extension reads it: its `schedule` option and pages' `reveal:`.

The MkDocs plugin reads every page's front matter before anything renders. The extension has no
such moment: it knows its option from the start, learns the rendered page's own `reveal:` from
the host, and reads the page a preview names when the preview asks. Where the plugin only warns
about a schedule date (a weekday that does not fit, a time that DST skips, two sources that
disagree), this raises: the extension runs where warnings do not stop a build, and a whole
page, and every preview naming it, would be judged by a date nobody meant.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mkdocs_reveal.diagnostics import Problem, RevealError
from mkdocs_reveal.markup import front_matter
from mkdocs_reveal.markup.transform import Outcome, Settings
from mkdocs_reveal.timeline.dates import RevealDate, parse_reveal_date
from mkdocs_reveal.timeline.schedule import Entry, Schedule, normalise_path

DOUBT = (
    "the Markdown extension stops on a doubtful schedule date (the MkDocs plugin warns), since "
    "nothing else would stop this build: fix the date"
)


class DocsFolder(Container[str]):
    """The pages of a docs folder on disk, for hosts that hand over no list of files."""

    def __init__(self, folder: Path) -> None:
        """Look pages up under `folder`."""
        self.folder = folder

    def __contains__(self, path: object) -> bool:
        """Whether a docs-relative path names a file."""
        return isinstance(path, str) and (self.folder / path).is_file()


class PageSchedule:
    """Page path → reveal instant, from the option and from the pages' own `reveal:`."""

    def __init__(self, option: object, settings: Settings, docs: Path | None) -> None:
        """Read the option's dates; `docs` is the docs folder where the host tells it."""
        self.settings = settings
        self.docs = DocsFolder(docs) if docs is not None else None
        self.config: dict[str, Entry] = {}
        for path, value in _mapping(option).items():
            key = normalise_path(path)
            where = f"mkdocs_reveal: schedule: {path}"
            if self.docs is not None and key not in self.docs:
                raise RevealError(
                    f"{where}: names no page in docs_dir ({self.docs.folder}); write the path "
                    "relative to docs_dir, such as blog/part-1.md"
                )
            self.config[key] = Entry(key, certain(value, where, settings), "config")
        self.named: dict[str, Entry | None] = {}  # pages previews named, read once

    def page(self, path: str | None, value: object, where: str) -> Entry | None:
        """The rendered page's entry: the option's, merged with its own `reveal:` if it has one."""
        known = self.config.get(path) if path else None
        if value is None:
            return known
        own = Entry(path or "", certain(value, where, self.settings), "front matter")
        return own if known is None else merged(known, own, where)

    def lookup(self, post: str) -> datetime | None:
        """The reveal instant of the page a preview names (None: not scheduled, or unknown)."""
        key = normalise_path(post)
        if key not in self.named:
            self.named[key] = self.read_page(key)
        entry = self.named[key]
        return entry.instant if entry else None

    def read_page(self, key: str) -> Entry | None:
        """A named page's entry: the option's, merged with the `reveal:` of its source."""
        known = self.config.get(key)
        if self.docs is None or key not in self.docs:
            return known
        source = self.docs.folder / key
        # How the key is written (`Reveal:`) is said where the page itself renders.
        found = own_reveal(source.read_text(encoding="utf-8-sig"), str(source))
        if found is None:
            return known
        return self.page(key, found.readable, f"{source}:{found.line}: front matter `reveal`")


def own_reveal(text: str, shown: str) -> front_matter.Found | None:
    """A page's own `reveal:` from its source; one that cannot be read raises at `shown:line`."""
    try:
        return front_matter.read_reveal(text)
    except RevealError as error:
        raise RevealError(f"{shown}:{error}") from None


def schedule_date(value: object, where: str, settings: Settings) -> RevealDate:
    """A schedule date as written (YAML's date, or text); one that cannot be read raises."""
    try:
        return parse_reveal_date(
            value if isinstance(value, str | date) else str(value),
            tz=settings.tz,
            reveal_time=settings.reveal_time,
            anchor=settings.clock,
        )
    except RevealError as error:
        raise RevealError(f"{where}: {error}") from None


def certain(value: object, where: str, settings: Settings) -> RevealDate:
    """A schedule date that is readable and raises no doubt; anything else raises."""
    parsed = schedule_date(value, where, settings)
    if parsed.warnings:
        raise RevealError(f"{where}: {parsed.warnings[0]}; {DOUBT}")
    return parsed


def merged(known: Entry, own: Entry, where: str) -> Entry:
    """The one entry of a page scheduled twice; two different instants raise."""
    both = Schedule()
    both.add(known)
    disagreement = both.add(own)
    if disagreement:
        raise RevealError(f"{where}: {disagreement}; {DOUBT}")
    return both.entries[known.path]


def _mapping(option: object) -> Mapping[str, Any]:
    """The `schedule` option as page path → date; a wrong shape raises."""
    if option is None or option == "":
        return {}
    if not isinstance(option, Mapping):
        raise RevealError(
            "mkdocs_reveal: schedule: expected a mapping of page paths to reveal dates, such "
            "as {blog/part-1.md: 2025-11-03}"
        )
    for key in option:
        if not isinstance(key, str) or not key.strip():
            raise RevealError(
                f"mkdocs_reveal: schedule: {key!r} is not a page path such as blog/part-1.md"
            )
    return option


def unknown_posts(outcomes: Iterable[Outcome], pages: Container[str]) -> list[Problem]:
    """A preview's `post` that names no page: its schedule cannot apply, so say so."""
    return [
        Problem(
            outcome.line,
            f"post={outcome.post!r} names no page in docs_dir: write the path relative "
            "to docs_dir, such as blog/part-1.md",
        )
        for outcome in outcomes
        if outcome.post and normalise_path(outcome.post) not in pages
    ]
