"""Reader-facing words of the stamps and notices, per locale, and dates formatted for a locale."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime


@dataclass(frozen=True)
class Labels:
    """The words a reader sees around a reveal date, in one language."""

    locale: str
    coming: str  # state label of a sealed stamp: "Coming Monday, November 3rd"
    revealed: str  # state label of a revealed stamp
    available: str  # overlay line of a sealed preview, with {date}
    sealed_until: str  # author preview marker, with {date}


ENGLISH = Labels(
    locale="en",
    coming="Coming",
    revealed="Revealed",
    available="Available {date}",
    sealed_until="Sealed until {date} — author preview, not public yet",
)

CATALOGUE: dict[str, Labels] = {"en": ENGLISH}


def known_locale(name: str) -> bool:
    """Tell whether babel knows the locale name (such as 'en', 'nb', 'pt_BR')."""
    try:
        Locale.parse(name.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


def labels_for(name: str) -> Labels:
    """Return the labels for a locale, falling back to its language, then to English."""
    key = name.replace("-", "_")
    return CATALOGUE.get(key) or CATALOGUE.get(key.split("_")[0]) or ENGLISH


def format_date_words(instant: datetime, locale: str, *, with_time: bool = False) -> str:
    """Write an instant as a reader-facing date in the locale (for dates not written in words)."""
    babel_locale = locale.replace("-", "_") if known_locale(locale) else "en"
    if with_time:
        return str(
            format_datetime(instant, format="full", locale=babel_locale, tzinfo=instant.tzinfo)
        )
    return str(format_date(instant.date(), format="full", locale=babel_locale))
