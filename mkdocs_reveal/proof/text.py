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
PUNCTUATION_ENTITY = re.compile("&(?:amp|lt|gt|quot|#39|#x27|nbsp);")


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


def words(text: str) -> list[str]:
    """The words of a text, decoded, NFKC-normalised and case-folded."""
    if "\\" in text:
        text = unescape_code(text)
    if "&" in text:
        text = PUNCTUATION_ENTITY.sub(" ", text)
        if "&" in text:
            text = html.unescape(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return text.casefold().translate(SEPARATORS).split()


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
