"""The build time a generator would use: `SOURCE_DATE_EPOCH` when set, else the real time."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone

from mkdocs_reveal.diagnostics import RevealError

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


def build_time(env: Mapping[str, str]) -> datetime:
    """The build's date as MkDocs reads it (`mkdocs.utils.get_build_datetime`), always aware.

    The Markdown layer runs where MkDocs may not be installed (Zensical, plain Python-Markdown),
    so it reads the variable the same way instead of importing MkDocs' function.
    """
    raw = env.get(SOURCE_DATE_EPOCH)
    if raw is None:
        return datetime.now(timezone.utc)
    try:
        return datetime.fromtimestamp(int(raw), timezone.utc)
    except (ValueError, OverflowError, OSError) as error:
        raise RevealError(
            f"{SOURCE_DATE_EPOCH}='{raw}' is not a number of seconds since 1970: set it like "
            f"{SOURCE_DATE_EPOCH}=$(git log -1 --format=%ct), or unset it"
        ) from error
