"""Mojibake: UTF-8 text that was once read as Windows-1252 (or a neighbour), such as `ğŸ“–`.

ftfy recognises it and says what the text was; the page is never changed: the author sees the
repair in a warning and decides. ftfy costs about 40 ms to import, so a cheap test of the raw
text comes first: only a page with a pair of characters that UTF-8 bytes become when misread
pays for it.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from mkdocs_reveal.diagnostics import Problem

if TYPE_CHECKING:
    import ftfy

# The single-byte code pages text is most often misread in; ftfy's "sloppy" decoders cover them.
_CODECS = ("latin-1", "cp1252", "cp1254", "cp1250", "cp1251", "cp1253", "cp1257", "mac_roman")


def _decoded(low: int, high: int) -> str:
    """Every character the bytes low..high become in any of the code pages."""
    found: set[str] = set()
    for codec in _CODECS:
        for byte in range(low, high + 1):
            try:
                found.add(bytes([byte]).decode(codec))
            except UnicodeDecodeError:
                continue
    return re.escape("".join(sorted(found)))


# A misread UTF-8 sequence: a lead byte (0xC2-0xF4) followed by a continuation byte (0x80-0xBF).
_SUSPECT = re.compile(f"[{_decoded(0xC2, 0xF4)}][{_decoded(0x80, 0xBF)}]")
# Code is quoted on purpose, mojibake included (a page about mojibake shows some).
_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")


def mojibake_problems(text: str, first_line: int = 1) -> list[Problem]:
    """A warning for each line that reads as mojibake, with ftfy's repair where it has one."""
    if text.isascii() or _SUSPECT.search(text) is None:
        return []
    import ftfy  # noqa: PLC0415 - 40 ms, only for text that may need it
    from ftfy import badness  # noqa: PLC0415

    problems: list[Problem] = []
    fence: str | None = None
    for number, written in enumerate(text.split("\n"), start=first_line):
        opening = _FENCE.match(written)
        if opening is not None and (fence is None or opening.group(1).startswith(fence)):
            fence = opening.group(1)[:3] if fence is None else None
            continue
        line = _CODE_SPAN.sub("", written)
        if fence is not None or line.isascii() or _SUSPECT.search(line) is None:
            continue
        # fix_and_explain, not fix_text: ftfy 6.3's fix_text applies the guessing repairs even
        # when the config turns them off.
        repaired = ftfy.fix_and_explain(line, config=_config()).text
        if repaired != line:
            repaired = ftfy.fix_and_explain(written, config=_config()).text
            problems.append(
                Problem(
                    number,
                    f"this line looks like mojibake (UTF-8 once read as another encoding); "
                    f"repaired, it reads: {repaired.strip()} — check it and save the page "
                    "with the repaired text",
                )
            )
        elif badness.is_bad(line):
            problems.append(
                Problem(
                    number,
                    f"this line looks like mojibake that cannot be repaired (bytes were lost): "
                    f"{written.strip()} — retype the garbled characters",
                )
            )
    return problems


@functools.cache
def _config() -> ftfy.TextFixerConfig:
    """ftfy's settings for encoding repairs only: quotes, entities and ligatures stay as written."""
    import ftfy  # noqa: PLC0415

    # Two repairs guess at lost bytes (from a following space, or from the UTF-8 around them)
    # and guess wrong on the seed: its bird becomes a microbe. Without them such a line is
    # reported as beyond repair.
    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        restore_byte_a0=False,
        decode_inconsistent_utf8=False,
    )
