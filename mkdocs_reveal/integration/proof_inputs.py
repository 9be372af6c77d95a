"""What the proof reads from a MkDocs project besides its pages, for a build and for the CLI.

The text the site shows on purpose (its config, the plugin's own words), the words its theme
and generator write by themselves (read only when a fingerprint is found), and the outputs
copied unchanged from the theme or the docs folder, which hold no page's words.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from mkdocs_reveal.markup.labels import labels_for
from mkdocs_reveal.proof.check import LeakCheck
from mkdocs_reveal.proof.text import read_tree, strings

# What a theme writes its pages and feeds from; its scripts and styles are copied, not read.
TEMPLATES = (".html", ".xml", ".txt", ".json", ".yml", ".yaml", ".j2", ".jinja", ".jinja2")
# What a generator and its plugins and extensions write from: their code's words too (class
# names, a search index's keys, a footnote's "Jump back").
SOURCES = (*TEMPLATES, ".py", ".js")
# Larger files are tables of names (emoji, a Thai word list for search), not words a page is
# made of: a build writes such a name only where a page asks for it (`:volcano:`), and
# `emoji_names` reads those. Read whole as the generator's words, they would explain away any
# sealed word that happens to be an emoji's name. The largest file of code or templates of
# MkDocs, Material and pymdownx is 114 KB; their emoji tables start at 256 KB.
LARGEST = 192 << 10
EMOJI = "pymdownx.emoji"
# pymdownx.emoji's shortcodes (`:smile:`), as its own pattern reads them.
SHORTCODE = re.compile(r":[+\-\w]+:")


def prepare(
    check: LeakCheck, config: MkDocsConfig, locale: str, later: Callable[[], Iterable[str]]
) -> None:
    """Give a leak check the project's public text, and where the generator's words are."""
    check.publish("\n".join(config_texts(config)))
    check.publish("\n".join(str(value) for value in dataclasses.astuple(labels_for(locale))))
    check.public.later.append(later)
    check.public.generators.extend(
        [
            lambda: read_tree(config.theme.dirs, TEMPLATES, LARGEST),
            lambda: package_texts(config),
            # Asked last, when the site's public text is all known.
            lambda: emoji_names(config, check.public.texts),
        ]
    )


def config_texts(config: MkDocsConfig) -> Iterator[str]:
    """The config file as written, and every string of the config as loaded (`INHERIT` too)."""
    path = config.config_file_path
    if path and os.path.isfile(path):
        yield Path(path).read_text(encoding="utf-8", errors="replace")
    yield from strings(dict(config.items()))


def sealed_page(markdown: str, meta: Mapping[str, Any]) -> str:
    """The sealed text of a whole page: its body and the values of its front matter."""
    # Values only: `title:` or `date:` are the format's words, which every site writes.
    return "\n".join([markdown, *strings(meta)])


def paths(files: Files) -> str:
    """Every file's path and URL: the site's links and navigation show them."""
    return "\n".join(f"{file.src_uri} {file.url}" for file in files)


def copies(files: Files, config: MkDocsConfig) -> dict[str, int]:
    """Outputs copied from the theme or the docs folder, and the size they are copied with."""
    # A string prefix test: resolving every file's path cost more than the rest here.
    folders = tuple(os.path.join(folder, "") for folder in [*config.theme.dirs, config.docs_dir])
    found: dict[str, int] = {}
    for file in files:
        source = file.abs_src_path
        if source and not file.is_documentation_page() and source.startswith(folders):
            try:
                found[file.dest_uri] = os.path.getsize(source)
            except OSError:
                continue
    return found


def packages(config: MkDocsConfig) -> list[str]:
    """The Python packages that write the site: MkDocs, the theme, plugins and extensions."""
    names = {"mkdocs", "markdown", "mkdocs_reveal", str(config.theme.name or "mkdocs")}
    names.update(type(plugin).__module__.split(".")[0] for plugin in config.plugins.values())
    for extension in config.markdown_extensions:
        module = extension if isinstance(extension, str) else type(extension).__module__
        names.add(module.split(".")[0])
    folders: list[str] = []
    for name in sorted(names):
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            continue
        if spec is not None and spec.submodule_search_locations:
            folders.extend(spec.submodule_search_locations)
    return folders


def package_texts(config: MkDocsConfig) -> Iterator[str]:
    """The text of every source file of the packages that write the site."""
    return read_tree(packages(config), SOURCES, LARGEST)


def emoji_names(config: MkDocsConfig, texts: Iterable[str]) -> Iterator[str]:
    """The long names pymdownx.emoji writes as titles for the shortcodes public text uses."""
    options = config.mdx_configs.get(EMOJI) or {}
    if EMOJI not in config.markdown_extensions or options.get("title") != "long":
        return  # a short title is the shortcode itself, which the public source already has
    shortcodes = {code for text in texts for code in SHORTCODE.findall(text)}
    if not shortcodes:
        return
    try:
        index = options.get("emoji_index") or importlib.import_module(EMOJI).emojione
        table = index(options.get("options") or {}, None)
        aliases, emoji = table["aliases"], table["emoji"]
    except Exception:  # an index this cannot read explains nothing: fail closed
        return
    for code in shortcodes:
        found = emoji.get(aliases.get(code, code))
        if isinstance(found, Mapping) and isinstance(found.get("name"), str):
            yield found["name"]
