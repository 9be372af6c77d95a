"""A page's YAML front matter read without a generator: its keys, their lines, its body's start.

The MkDocs plugin gets front matter from MkDocs; the extension, under Zensical or on its own,
reads the source file itself (for `path:line` in messages, and for the `reveal:` of pages that
previews name), with these.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import yaml

from mkdocs_reveal.diagnostics import RevealError
from mkdocs_reveal.markup.transform import Settings
from mkdocs_reveal.timeline.dates import read_page_date

# The block MkDocs reads (mkdocs.utils.meta.YAML_RE), and Zensical too.
BLOCK = re.compile(r"^-{3}[ \t]*\r?\n(.*?\r?\n)(?:\.{3}|-{3})[ \t]*\r?\n", re.DOTALL)


def read(text: str, where: str) -> dict[str, Any]:
    """The front matter of a page's source as a mapping; none gives an empty one."""
    block = BLOCK.match(text)
    if block is None:
        return {}
    try:
        found = yaml.safe_load(block.group(1))
    except yaml.YAMLError as error:
        # Zensical stops on such a page too; MkDocs would publish the block as text.
        raise RevealError(f"{where}: its front matter is not valid YAML: {error}") from None
    return found if isinstance(found, dict) else {}


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
