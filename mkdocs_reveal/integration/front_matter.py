"""A page's `reveal:` as its source says it, read whole, in any meta style MkDocs accepts.

YAML front matter is read by the Markdown layer's reader (`markup.front_matter`), which the
extension uses too, so both decide alike whether a page is scheduled. What only MkDocs reads,
MultiMarkdown-style meta (key: value lines at the top, no dashes), is read here, as MkDocs does.
"""

from __future__ import annotations

import re

from mkdocs.utils.meta import META_RE, get_data

from mkdocs_reveal.markup import front_matter
from mkdocs_reveal.markup.front_matter import KEY, Found

__all__ = ["Found", "read_reveal"]

# Where MultiMarkdown meta holds a `reveal:` key (any case: MkDocs lowers it), for its line.
KEY_LINE = re.compile(r"^[ ]{0,3}reveal[ \t]*:", re.IGNORECASE | re.MULTILINE)


def read_reveal(text: str) -> Found | None:
    """The `reveal:` of a page's source, or None; a `reveal:` that cannot be read raises."""
    found = front_matter.read_reveal(text)
    if found is not None or text.lstrip().startswith("---"):
        return found  # YAML front matter, read (or refused) whole by the shared reader
    if META_RE.match(text.split("\n", 1)[0]):
        return _from_multimarkdown(text)
    return None  # `reveal` in the body is prose or code, not the page's date


def _from_multimarkdown(text: str) -> Found | None:
    """`reveal:` in MultiMarkdown-style meta, which MkDocs reads with its keys lowered."""
    body, meta = get_data(text)
    if KEY not in meta:
        return None
    head = text[: len(text) - len(body)] if text.endswith(body) else text
    match = KEY_LINE.search(head)
    line = head.count("\n", 0, match.start()) + 1 if match else 1
    return Found(meta[KEY], line, str(meta[KEY]))
