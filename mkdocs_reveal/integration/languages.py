"""The languages mkdocs-static-i18n builds: which pages are translations of one another.

A schedule entry names a page neutrally (`blog/part.md`) or in any one language
(`blog/part.fr.md` in the suffix layout, `fr/blog/part.md` in the folder layout); every
translation of it goes live with it. The build, `mkdocs-reveal check` and the CLI ask here.
"""

from __future__ import annotations

import importlib
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from mkdocs_reveal.timeline.clock import utc
from mkdocs_reveal.timeline.schedule import HELD, Entry, Hold, Schedule, normalise_path


@dataclass(frozen=True)
class Languages:
    """The languages mkdocs-static-i18n builds, and how their pages are named."""

    locales: tuple[str, ...] = ()
    # `docs_structure: folder` names a translation `fr/blog/part.md`; the default, `suffix`,
    # names it `blog/part.fr.md`.
    folders: bool = False
    # The languages a build writes (`build: false` and `build_only_locale` leave some out),
    # and the one a page without a language is in.
    built: tuple[str, ...] = ()
    default: str | None = None

    def language(self, src_uri: str) -> str | None:
        """The language a page's path names, or the default one for a path that names none."""
        if self.folders:
            named = src_uri.partition("/")[0]
        else:
            named = posixpath.splitext(posixpath.splitext(src_uri)[0])[1][1:]
        return named if named in self.locales else self.default

    def builds(self, src_uri: str) -> bool:
        """Whether a build writes the page: not a copy in a language it leaves out."""
        language = self.language(src_uri)
        return not self.locales or language is None or language in self.built

    def neutral_path(self, src_uri: str) -> str:
        """A page's path without its language: the one path every translation of it shares."""
        if self.folders:
            locale, _, rest = src_uri.partition("/")
            return rest if rest and locale in self.locales else src_uri
        stem, extension = posixpath.splitext(src_uri)
        base, _, language = stem.rpartition(".")
        return f"{base}{extension}" if base and language in self.locales else src_uri

    def paths(self, src_uri: str) -> tuple[str, ...]:
        """Every path a page may be named by: neutral, and in each language."""
        neutral = self.neutral_path(src_uri)
        if self.folders:
            named = (f"{locale}/{neutral}" for locale in self.locales)
        else:
            stem, extension = posixpath.splitext(neutral)
            named = (f"{stem}.{locale}{extension}" for locale in self.locales)
        return (neutral, *named)


def covering(schedule: Schedule, src_uri: str, languages: Languages) -> tuple[Entry | None, bool]:
    """The schedule entry that covers a page in any of its languages, and whether it is held.

    An entry may name the page neutrally or in any one language (`blog/part.md`,
    `en/blog/part.md`, `blog/part.fr.md`): either way it seals every translation, as a
    translation holds the same news in other words that no proof of the original recognises.
    """
    paths = languages.paths(src_uri)
    if any(path in schedule.held for path in paths):
        # A hold is later than any date, wherever it is written: no date reveals the page.
        return None, True
    entries = [schedule.entries[path] for path in paths if path in schedule.entries]
    # Dated differently in two languages: every copy waits for the later date, as a page
    # dated twice does (`Schedule.add`), so that none is out before the other.
    return max(entries, key=lambda entry: utc(entry.instant), default=None), False


def naming(doc_uris: Iterable[str], languages: Languages) -> set[str]:
    """Every path that names one of the pages, in any language or in none (`blog/part.md`)."""
    return {path for uri in doc_uris for path in languages.paths(uri)}


def scheduled_instant(
    schedule: Schedule, src_uri: str, languages: Languages
) -> datetime | Hold | None:
    """A page's reveal instant in any of its languages: HELD if held, None if not scheduled."""
    entry, held = covering(schedule, src_uri, languages)
    if held:
        return HELD
    return entry.instant if entry is not None else None


def lookup(schedule: Schedule, languages: Languages) -> Callable[[str], datetime | Hold | None]:
    """How a preview finds the reveal of the post it names, by any of the post's paths."""
    return lambda post: scheduled_instant(schedule, normalise_path(post), languages)


def other_languages(config: MkDocsConfig) -> Languages:
    """The languages mkdocs-static-i18n builds, and whether it keeps them in folders."""
    plugin = config.plugins.get("i18n")
    options = getattr(plugin, "config", {})
    languages = options.get("languages") or []
    # Each language is a mapping (a config section of the plugin's) with its `locale`.
    named = [language for language in languages if language.get("locale")]
    return Languages(
        locales=tuple(str(language.get("locale")) for language in named),
        folders=options.get("docs_structure") == "folder",
        # The plugin's own validation has already applied `build_only_locale` to these.
        built=tuple(
            str(language.get("locale")) for language in named if language.get("build", True)
        ),
        default=next((str(lang.get("locale")) for lang in named if lang.get("default")), None),
    )


def translated_url(file: File, config: MkDocsConfig) -> str | None:
    """The URL mkdocs-static-i18n builds a page at, read with its own code; None without it."""
    plugin = config.plugins.get("i18n")
    make = _i18n_file_maker(plugin, config)
    if make is None:
        return None
    default, every = plugin.default_language, plugin.all_languages  # type: ignore[union-attr]
    try:
        # Once to learn the page's language, once more as that language's build makes it.
        locale = make(file, default, default, every, config).locale
        return str(make(file, locale, default, every, config).url)
    except Exception:  # the plugin refuses the file: its build will say why
        return None


def _i18n_file_maker(plugin: object, config: MkDocsConfig) -> Callable[..., Any] | None:
    """mkdocs-static-i18n's `create_i18n_file` for the site's layout, if the site uses it."""
    options = getattr(plugin, "config", None)
    if plugin is None or options is None or not hasattr(plugin, "default_language"):
        return None
    package = type(plugin).__module__.split(".")[0]
    layout = "suffix" if options.get("docs_structure") == "suffix" else "folder"
    try:
        module = importlib.import_module(f"{package}.{layout}")
    except ImportError:
        return None
    maker = getattr(module, "create_i18n_file", None)
    return maker if callable(maker) else None
