"""Text as the proof compares it: the words of any script, read the same way from any channel.

Sealed sources and built outputs are both folded here, so a passage matches whatever wrote it:
HTML entities and JSON or JavaScript escapes decoded, Unicode NFKC, case-folded, and every
character that is not part of a word (punctuation, markup, quotes, dashes) a separator.
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping


class _Separators(dict[int, int]):
    """Maps a character to itself when it belongs to a word, else to a space; learnt once each."""

    def __missing__(self, code: int) -> int:
        """Decide one character the first time it is met (then `str.translate` runs in C)."""
        char = chr(code)
        # Combining marks belong to their letter (Devanagari vowel signs, Thai tone marks).
        kept = char.isalnum() or unicodedata.category(char).startswith("M")
        value = code if kept else 32
        self[code] = value
        return value


SEPARATORS = _Separators()
# Escapes that stand for a character which is no part of a word anyway: read as a space. An
# escaped backslash is matched whole, so the letter after it (`\\n`) stays a letter.
PLAIN_ESCAPE = re.compile(r"\\[\\nrt\"/'bf]")
CODE_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2}))")
SURROGATE = re.compile("[\ud800-\udfff]")
# Entities that stand for punctuation, the most frequent by far (code blocks, attributes):
# replaced in one pass, so `html.unescape` and its call per entity run only for the rest.
# Not `&amp;`, `&lt;` and `&gt;`: a feed escapes HTML once more (`&amp;mdash;`, `&lt;em&gt;`),
# and what they stand for is read again.
PUNCTUATION_ENTITY = re.compile("&(?:quot|#39|#x27|nbsp);")
# Escaped HTML is decoded until nothing changes: a page's HTML in an XML feed in a JSON string.
UNESCAPES = 3
# A tag of HTML's inline elements: markup inside a passage (`**bold**` is `<strong>`, a link is
# `<a href=…>`) must not come between its words, so each such tag is read apart, after the
# text, where its attributes (a `title`, a URL) are still read whole: nothing of it is lost.
# Other tags stay where they are: a block (`<p>`, `<li>`, a feed's `<title>`) ends one text
# and starts another, and two public texts side by side must not read as one sentence.
INLINE = (
    "a|abbr|b|bdi|bdo|br|cite|code|data|del|dfn|em|i|ins|kbd|mark|q|s|samp|small|span|strong"
    "|sub|sup|time|u|var|wbr"
)
# Captured: `split` hands back the text between the tags and the tags, in one pass.
TAG = re.compile(rf"(</?(?:{INLINE})(?=[\s/>])[^<>]*>)")
# Between a text and its tags: a word that survives folding and is in no fingerprint.
APART = " 0revealapart0 "


def _code_point(match: re.Match[str]) -> str:
    """The character a `\\uXXXX` or `\\xXX` escape stands for."""
    return chr(int(match.group(1) or match.group(2), 16))


def unescape_code(text: str) -> str:
    """Decode the escapes of JSON and JavaScript strings (a pair of surrogates made one)."""
    text = PLAIN_ESCAPE.sub(" ", text)
    if "\\u" in text or "\\x" in text:
        text = CODE_ESCAPE.sub(_code_point, text)
        if SURROGATE.search(text):
            text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def unescape_html(text: str) -> str:
    """Decode HTML entities, again where decoding made more (HTML escaped inside a feed)."""
    text = PUNCTUATION_ENTITY.sub(" ", text)
    for _ in range(UNESCAPES):
        if "&" not in text:
            break
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text


def tags_apart(text: str) -> str:
    """The text with its inline tags taken out from between its words and put after it."""
    parts = TAG.split(text)
    if len(parts) == 1:
        return text
    return f"{' '.join(parts[::2])}{APART}{' '.join(parts[1::2])}"


def words(text: str) -> list[str]:
    """The words of a text, decoded, NFKC-normalised and case-folded; inline tags read apart."""
    if "\\" in text:
        text = unescape_code(text)
    if "&" in text:
        text = unescape_html(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    text = text.casefold()
    if "<" in text:
        text = tags_apart(text)  # after case-folding: `TAG` knows the names in lower case
    return text.translate(SEPARATORS).split()


def fold(text: str) -> str:
    """The words of a text joined by single spaces, with one before and after (word edges)."""
    return f" {' '.join(words(text))} "


def strings(value: object) -> Iterator[str]:
    """Every string in a structure read from YAML or JSON (mapping values, list items)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


def read_tree(folders: Iterable[str], suffixes: tuple[str, ...], largest: int) -> Iterator[str]:
    """The text of every file under the folders that ends in one of the suffixes."""
    for folder in folders:
        for root, subfolders, names in os.walk(folder):
            subfolders.sort()
            for name in sorted(names):
                if not name.endswith(suffixes):
                    continue
                path = os.path.join(root, name)
                try:
                    if os.path.getsize(path) > largest:
                        continue
                    with open(path, encoding="utf-8", errors="replace") as file:
                        yield file.read()
                except OSError:
                    continue
