"""A page's `reveal:` as its source says it, read whole, in any meta style MkDocs accepts.

MkDocs' own reader (`mkdocs.utils.meta.get_data`) swallows a YAML error: the page then has no
meta and its front matter is published as text, `reveal:` included. This reader fails instead,
with the line and the fix, wherever the source mentions `reveal` where a date could be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from mkdocs.utils.meta import META_RE, YAML_RE, get_data

from mkdocs_reveal.diagnostics import RevealError

KEY = "reveal"
# Where a date could be: a `reveal:` key at the start of a line (any case, any indentation).
KEY_LINE = re.compile(r"^[ \t]*reveal[ \t]*:", re.IGNORECASE | re.MULTILINE)
TOP_KEY_LINE = re.compile(r"^reveal[ \t]*:", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Found:
    """A page's `reveal:` value, the line it stands on, and what to say about how it is written."""

    value: Any
    line: int
    written: str  # the value as the author wrote it
    warning: str | None = None


def read_reveal(text: str) -> Found | None:
    """The `reveal:` of a page's source, or None; a `reveal:` that cannot be read raises."""
    if not KEY_LINE.search(text):
        return None  # cheap: no line of the page starts with `reveal:`
    if text.startswith("---"):
        return _from_yaml(text)
    if text.lstrip().startswith("---"):
        skipped = text[: len(text) - len(text.lstrip())].count("\n")
        line = _key_line(text.lstrip().split("\n\n", 1)[0], offset=skipped)
        if line is not None:
            raise RevealError(
                f"{line}: front matter must start on the first line; after a blank line MkDocs "
                "publishes it as text, `reveal:` included: remove what comes before the ---"
            )
    if META_RE.match(text.split("\n", 1)[0]):
        return _from_multimarkdown(text)
    return None  # `reveal:` in the body is prose or code, not the page's date


def _from_yaml(text: str) -> Found | None:
    """`reveal:` in YAML front matter, which must parse, and close, for MkDocs to read it."""
    block = YAML_RE.match(text)
    if block is None:
        head = text.split("\n\n", 1)[0]
        line = _key_line(head)
        if line is None:
            return None
        raise RevealError(
            f"{line}: the front matter that starts on line 1 is never closed, so MkDocs would "
            "publish it as text and lose `reveal:`: end it with a line of three dashes (---)"
        )
    line = _key_line(block.group(1), offset=1)
    if line is None:
        return None
    twice = [
        block.group(1).count("\n", 0, match.start()) + 2
        for match in TOP_KEY_LINE.finditer(block.group(1))
    ]
    if len(twice) > 1:
        # YAML keeps the last one silently, which may be the earlier date.
        raise RevealError(
            f"{twice[1]}: `reveal:` is written on lines {twice[0]} and {twice[1]}: keep one"
        )
    try:
        meta = yaml.safe_load(block.group(1))
    except yaml.MarkedYAMLError as error:
        at = error.problem_mark.line + 2 if error.problem_mark is not None else line
        raise RevealError(
            f"{at}: the front matter is not valid YAML ({error.problem}), so MkDocs would "
            "publish it as text and lose `reveal:`: fix the YAML (quote a value that holds a "
            'colon, as in title: "Part 2: The Workflow"; indent with spaces, not tabs)'
        ) from None
    except (yaml.YAMLError, ValueError) as error:
        # PyYAML raises ValueError for a date that does not exist (2025-11-31).
        raise RevealError(
            f"{line}: the front matter cannot be read ({error}), so MkDocs would publish it "
            "as text and lose `reveal:`: write a real date, such as 2025-11-30, or quote it"
        ) from None
    if not isinstance(meta, dict):
        raise RevealError(
            f"{line}: the front matter is not a mapping of keys to values, so `reveal:` "
            "cannot be read: write it as key: value lines"
        )
    return _found(meta, block.group(1), offset=1)


def _from_multimarkdown(text: str) -> Found | None:
    """`reveal:` in MultiMarkdown-style meta (key: value lines at the top, no dashes)."""
    body, meta = get_data(text)
    head = text[: len(text) - len(body)] if text.endswith(body) else text
    if KEY not in meta:
        return None
    return _found(meta, head, offset=0)


def _found(meta: dict[Any, Any], head: str, offset: int) -> Found | None:
    """The value of the key that spells `reveal` in any case, where it stands and as written."""
    keys = [key for key in meta if isinstance(key, str) and key.strip().lower() == KEY]
    if not keys:
        return None
    key = keys[0]
    line = _key_line(head, offset) or 1
    written = head.split("\n")[line - 1 - offset].split(":", 1)[1].strip()
    warning = None
    if key != KEY:
        warning = f"write `reveal:` in lower case (it says `{key}:`); read as the reveal date"
    return Found(meta[key], line, written, warning)


def _key_line(head: str, offset: int = 0) -> int | None:
    """The 1-based line of the first `reveal:` key in a head of a page, or None."""
    match = KEY_LINE.search(head)
    if match is None:
        return None
    return head.count("\n", 0, match.start()) + 1 + offset
