"""A page's YAML front matter read without a generator: its `reveal:`, its keys' lines, its body.

The one reader of a page's `reveal:` (the MkDocs plugin's, and the extension's under Zensical
or on its own) decides from the parsed mapping, so the key counts however YAML lets it be
written: `reveal:`, `"reveal":`, `{reveal: …}`, `? reveal`, `Reveal:`. Generators swallow a
YAML error and publish the block as text, `reveal:` included; this reader fails instead, with
the line and the fix, wherever a block it cannot read mentions `reveal`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import yaml

from mkdocs_reveal.diagnostics import RevealError
from mkdocs_reveal.markup.transform import Settings
from mkdocs_reveal.timeline.dates import read_page_date

KEY = "reveal"
# The block MkDocs reads (mkdocs.utils.meta.YAML_RE), and Zensical too.
BLOCK = re.compile(r"^-{3}[ \t]*\r?\n(.*?\r?\n)(?:\.{3}|-{3})[ \t]*\r?\n", re.DOTALL)
OPENING = re.compile(r"^-{3}[ \t]*\r?\n")
# Any mention at all: a cheap test before parsing, and where to point when nothing parses.
MENTION = re.compile(KEY, re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    """A page's `reveal:` value, the line it stands on, and what to say about how it is written."""

    value: Any
    line: int
    written: str  # the value as the author wrote it
    warning: str | None = None

    @property
    def readable(self) -> Any:
        """The value to read as a date: YAML's text or date, else as the author wrote it."""
        # Not Python's repr of what YAML made of it (540 for 09:00, an int for 20251201).
        return self.value if isinstance(self.value, str | date) else self.written


def reveal_key(meta: Mapping[Any, Any]) -> str | None:
    """The key of a mapping that spells `reveal` in any case, or None."""
    keys = [key for key in meta if isinstance(key, str) and key.strip().lower() == KEY]
    return keys[0] if keys else None


def read_reveal(text: str) -> Found | None:
    """The `reveal:` of a page's YAML front matter, or None; one that cannot be read raises.

    The error's message starts with the source line, as `3: …`, for the caller to put its
    path before.
    """
    if MENTION.search(text) is None:
        return None  # cheap: the page never says `reveal`
    if OPENING.match(text):
        return _from_block(text)
    stripped = text.lstrip()
    if OPENING.match(stripped):
        skipped = text[: len(text) - len(stripped)].count("\n")
        line = _mention_line(_head(stripped), offset=1 + skipped)
        if line is not None:
            raise RevealError(
                f"{line}: front matter must start on the first line; after a blank line it is "
                "published as text, `reveal:` included: remove what comes before the ---"
            )
    return None  # `reveal` in the body is prose or code, not the page's date


def _from_block(text: str) -> Found | None:
    """`reveal:` in the front matter opening on line 1, which must close and parse."""
    block = BLOCK.match(text)
    if block is None:
        line = _mention_line(_head(text), offset=1)
        if line is None:
            return None
        raise RevealError(
            f"{line}: the front matter that starts on line 1 is never closed, so it would be "
            "published as text and lose `reveal:`: end it with a line of three dashes (---)"
        )
    head = block.group(1)
    line = _mention_line(head, offset=2)
    if line is None:
        return None
    node, meta = _parse(head, line)
    if not isinstance(meta, dict) or not isinstance(node, yaml.MappingNode):
        raise RevealError(
            f"{line}: the front matter is not a mapping of keys to values, so `reveal:` "
            "cannot be read: write it as key: value lines"
        )
    key = reveal_key(meta)
    if key is None:
        return None  # `reveal` in a value, or nested: not the page's date
    # Key nodes, merged ones too (PyYAML copies `<<:` keys into the mapping as it reads it).
    keys = [
        pair[0]
        for pair in node.value
        if isinstance(pair[0], yaml.ScalarNode) and pair[0].value.strip().lower() == KEY
    ]
    lines = [key_node.start_mark.line + 2 for key_node in keys]
    if len(lines) > 1:
        # YAML keeps the last one silently, which may be the earlier date.
        raise RevealError(
            f"{lines[1]}: `reveal:` is written on lines {lines[0]} and {lines[1]}: keep one"
        )
    value = next((pair[1] for pair in node.value if pair[0] in keys), None)
    written = _written(value, head)
    warning = None
    if key != KEY:
        warning = f"write `reveal:` in lower case (it says `{key}:`); read as the reveal date"
    return Found(meta[key], lines[0] if lines else line, written, warning)


def _parse(head: str, line: int) -> tuple[yaml.Node | None, Any]:
    """The block's node tree and what it holds; YAML that cannot be read raises at its line."""
    loader = yaml.SafeLoader(head)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        at = error.problem_mark.line + 2 if error.problem_mark is not None else line
        raise RevealError(
            f"{at}: the front matter is not valid YAML ({error.problem}), so its `reveal:` "
            "cannot be read (MkDocs would publish the block as text): fix the YAML (quote a "
            'value that holds a colon, as in title: "Part 2: The Workflow"; indent with '
            "spaces, not tabs)"
        ) from None
    except (yaml.YAMLError, ValueError) as error:
        # PyYAML raises ValueError for a date that does not exist (2025-11-31).
        raise RevealError(
            f"{line}: the front matter cannot be read ({error}), so its `reveal:` is lost: "
            "write a real date, such as 2025-11-30, or quote it"
        ) from None
    finally:
        loader.dispose()


def _written(value: yaml.Node | None, head: str) -> str:
    """A value as the author wrote it: a scalar's text, else its stretch of the source."""
    if isinstance(value, yaml.ScalarNode):
        return str(value.value)
    if value is None:
        return ""
    return head[value.start_mark.index : value.end_mark.index].strip()


def _head(text: str) -> str:
    """What a generator might have meant as front matter: the block, or the first paragraph."""
    block = BLOCK.match(text)
    return block.group(0) if block else text.split("\n\n", 1)[0]


def _mention_line(head: str, offset: int) -> int | None:
    """The line of the first mention of `reveal` in a head (its first line is `offset`)."""
    match = MENTION.search(head)
    if match is None:
        return None
    return head.count("\n", 0, match.start()) + offset


def front_matter_line(text: str, key: str) -> tuple[int, str]:
    """The line a top-level front matter key stands on, and its value as written."""
    for number, line in enumerate(text.split("\n")[1:], start=2):
        if line.rstrip() in ("---", "..."):
            break
        if line.startswith(f"{key}:"):
            return number, line[len(key) + 1 :].strip()
    return 1, ""


def body_offset(text: str) -> int:
    """How many lines of a source come before the Markdown a generator renders.

    Zensical (measured on 0.0.73) renders the file minus its front matter block and the line
    breaks right after it: a line holding only spaces is kept.
    """
    lines = text.split("\n")
    start = 0
    if lines and lines[0].rstrip("\r") == "---":
        closing = next(
            (i for i in range(1, len(lines)) if lines[i].rstrip("\r") in ("---", "...")), None
        )
        if closing is None:
            return 0
        start = closing + 1
    # Only "\n" is stripped: the "\r\n" after a CRLF file's block stays, as an empty line.
    while start < len(lines) - 1 and lines[start] == "":
        start += 1
    return start


def page_anchor(meta: Mapping[str, Any], settings: Settings) -> datetime | None:
    """The page's `date` front matter, which anchors dates written without a year."""
    value = meta.get("date")
    if isinstance(value, dict):  # Material's blog: date: {created: …}
        value = value.get("created")
    return read_page_date(value, tz=settings.tz, reveal_time=settings.reveal_time)
