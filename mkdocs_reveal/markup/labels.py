"""Reader-facing words of the stamps and notices, per locale, and dates formatted for a locale."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from datetime import datetime

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time, get_datetime_format

from mkdocs_reveal.diagnostics import log

# A date the author wrote as ISO 8601 digits: shown to readers formatted for the locale.
ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?P<time>[T ]\d{1,2}:\d{2}.*)?")


@dataclass(frozen=True)
class Labels:
    """The words a reader sees around a reveal date, in one language."""

    locale: str  # babel's name of the locale the labels and dates are for, such as "nb_NO"
    coming: str  # state label of a sealed stamp: "Coming Monday, November 3rd"
    revealed: str  # state label of a revealed stamp
    available: str  # overlay line of a sealed preview, with {date}
    sealed_until: str  # author preview marker, with {date}
    due: str  # state label the countdown shows once the instant has passed
    reload: str  # the countdown's button that fetches the page again
    add_to_calendar: str  # the link to the site's calendar next to a sealed stamp
    coming_soon: str  # the stamp of a held part: sealed, with no date yet
    intl: str = ""  # BCP 47 tags for the browser's Intl, best first; default: from `locale`

    @property
    def intl_locales(self) -> str:
        """The space-separated language tags the countdown hands to `Intl.RelativeTimeFormat`."""
        return self.intl or self.locale.replace("_", "-")


ENGLISH = Labels(
    locale="en",
    coming="Coming",
    revealed="Revealed",
    available="Available {date}",
    sealed_until="Sealed until {date} — author preview, not public yet",
    due="Out now",
    reload="Reload",
    add_to_calendar="Add to calendar",
    coming_soon="Coming soon",
)

NORWEGIAN_BOKMAL = Labels(
    locale="nb",
    coming="Kommer",
    revealed="Publisert",
    available="Tilgjengelig fra {date}",
    sealed_until="Forseglet til {date} — forfatterens forhåndsvisning, ikke offentlig ennå",
    due="Ute nå",
    reload="Last inn på nytt",
    add_to_calendar="Legg til i kalenderen",
    coming_soon="Kommer snart",
)

CATALOGUE: dict[str, Labels] = {
    "en": ENGLISH,
    "nb": NORWEGIAN_BOKMAL,
    # "no" is the macrolanguage; Bokmål is what nearly every Norwegian site means by it.
    "no": replace(NORWEGIAN_BOKMAL, locale="no", intl="no nb"),
    "nn": Labels(
        locale="nn",
        coming="Kjem",
        revealed="Publisert",
        available="Tilgjengeleg frå {date}",
        sealed_until="Forsegla til {date} — førehandsvising for forfattaren, ikkje offentleg enno",
        due="Ute no",
        reload="Last inn på nytt",
        add_to_calendar="Legg til i kalenderen",
        coming_soon="Kjem snart",
        # Some browsers carry no Nynorsk data for relative times; Bokmål's is the closest.
        intl="nn nb",
    ),
    "sv": Labels(
        locale="sv",
        coming="Kommer",
        revealed="Publicerad",
        available="Tillgänglig från {date}",
        sealed_until="Förseglad till {date} — förhandsvisning för författaren, inte offentlig än",
        due="Ute nu",
        reload="Ladda om",
        add_to_calendar="Lägg till i kalendern",
        coming_soon="Kommer snart",
    ),
    "da": Labels(
        locale="da",
        coming="Kommer",
        revealed="Udgivet",
        available="Tilgængelig fra {date}",
        sealed_until="Forseglet indtil {date} — forfatterens forhåndsvisning, ikke offentlig endnu",
        due="Ude nu",
        reload="Genindlæs",
        add_to_calendar="Føj til kalenderen",
        coming_soon="Kommer snart",
    ),
    "de": Labels(
        locale="de",
        coming="Erscheint",
        revealed="Erschienen",
        available="Verfügbar ab {date}",
        sealed_until="Versiegelt bis {date} — Autorenvorschau, noch nicht öffentlich",
        due="Jetzt erschienen",
        reload="Neu laden",
        add_to_calendar="Zum Kalender hinzufügen",
        coming_soon="Demnächst",
    ),
    "fr": Labels(
        locale="fr",
        coming="À paraître",
        revealed="Publié",
        available="Disponible le {date}",
        sealed_until="Scellé jusqu’au {date} — aperçu de l’auteur, pas encore public",
        due="Disponible maintenant",
        reload="Recharger",
        add_to_calendar="Ajouter au calendrier",
        coming_soon="Prochainement",
    ),
    "es": Labels(
        locale="es",
        coming="Próximamente",
        revealed="Publicado",
        available="Disponible el {date}",
        sealed_until="Sellado hasta el {date} — vista previa del autor, aún no es público",
        due="Ya disponible",
        reload="Recargar",
        add_to_calendar="Añadir al calendario",
        coming_soon="Próximamente",
    ),
}

# The languages a site may choose, for docs and warnings.
SUPPORTED = tuple(sorted(CATALOGUE))


def _babel_name(name: str) -> str | None:
    """Babel's name for a locale such as 'nb', 'pt-BR' or 'en_GB', or None if it knows none."""
    try:
        return str(Locale.parse(name.strip().replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def known_locale(name: str) -> bool:
    """Tell whether stamps can speak the locale: babel knows it and its language has labels."""
    found = _babel_name(name)
    return found is not None and found.split("_")[0] in CATALOGUE


def labels_for(name: str) -> Labels:
    """Return the labels for a locale (its language's words, its own date formats), else English."""
    found = _babel_name(name)
    labels = CATALOGUE.get(found.split("_")[0]) if found else None
    if found is None or labels is None:
        _warn_unknown(name)
        return ENGLISH
    if found == labels.locale:
        return labels
    # A regional variant (en_GB, de_AT) keeps its own date formats and Intl tag.
    tags = " ".join(dict.fromkeys([found.replace("_", "-"), *labels.intl_locales.split()]))
    return replace(labels, locale=found, intl=tags)


@functools.cache
def _warn_unknown(name: str) -> None:
    """Say once per locale name that it has no labels and English is used instead."""
    log.warning(
        "reveal: no labels for locale %r: stamps and dates are shown in English "
        "(supported languages: %s)",
        name,
        ", ".join(SUPPORTED),
    )


# Babel formatting is slow and a site formats the same few dates on many pages.
@functools.lru_cache(maxsize=1024)
def format_date_words(instant: datetime, locale: str, *, with_time: bool = False) -> str:
    """Write an instant as a reader-facing date in the locale (for dates not written in words)."""
    babel_locale = _babel_name(locale) or "en"
    day = str(format_date(instant.date(), format="full", locale=babel_locale))
    if not with_time:
        return day
    clock = str(format_time(instant, format="short", locale=babel_locale, tzinfo=instant.tzinfo))
    # The locale's own glue between date and time ("{1}, {0}", "{1} 'kl'. {0}"), quotes dropped.
    glue = str(get_datetime_format("long", locale=babel_locale)).replace("'", "")
    return glue.replace("{1}", day).replace("{0}", clock)


def reader_date(words: str | None, instant: datetime | None, locale: str) -> str:
    """The date as readers see it: words as the author wrote them, ISO dates in the locale."""
    if instant is None:
        return words or ""
    if not words:
        return format_date_words(instant, locale)
    match = ISO.fullmatch(words.strip())
    if match is None:
        return words
    return format_date_words(instant, locale, with_time=match.group("time") is not None)
