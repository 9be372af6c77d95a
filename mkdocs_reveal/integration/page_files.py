"""The build's files, judged twice: first, before any other plugin reads them, and last."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from mkdocs_reveal.diagnostics import RevealError, log
from mkdocs_reveal.integration import feeds, reader, sealed_pages, site_outputs
from mkdocs_reveal.integration.build import BuildState
from mkdocs_reveal.integration.languages import other_languages


def first_pass(state: BuildState, files: Files, config: MkDocsConfig, stand_ins: Path) -> None:
    """Read the schedule from every source, then replace or remove every sealed page."""
    state.doc_uris = {file.src_uri for file in files.documentation_pages()}
    with stopping_on(files, config):
        state.schedule, warnings = reader.read_schedule(
            state.options, files, state.settings, config
        )
        _warn(warnings)
        feeds.advise(state.schedule, config)
        state.attachments.start(files, config)
        # A plugin that re-makes every file from docs_dir would drop stand-ins, or re-make
        # them from the real sources: with one, stand-ins come in the last pass.
        swap = not sealed_pages.rebuilds_files(config)
        sealed_pages.seal_pages(state, files, config, stand_ins, swap=swap)
    site_outputs.note_files(state, files, config)
    site_outputs.add_assets(files, config)


def last_pass(state: BuildState, files: Files, config: MkDocsConfig, stand_ins: Path) -> None:
    """Judge the pages other plugins added since, and undo what they did to stand-ins."""
    added = [file for file in files.documentation_pages() if file.src_uri not in state.doc_uris]
    with stopping_on(files, config):
        if added:
            warnings: list[str] = []
            state.doc_uris |= {file.src_uri for file in added}
            reader.schedule_pages(
                state.schedule,
                added,
                files=files,
                settings=state.settings,
                config=config,
                warnings=warnings,
            )
            _warn(warnings)
            sealed_pages.seal_pages(state, files, config, stand_ins)
        sealed_pages.keep_stand_ins(state, files, config, stand_ins)
        # Nav plugins (awesome-nav, literate-nav) write the nav config in their on_files.
        sealed_pages.prune_nav_config(state, config)
        reader.check_schedule_paths(state.options, state.doc_uris, config, other_languages(config))


def _warn(warnings: list[str]) -> None:
    """Log the schedule's warnings, so `--strict` stops on them."""
    for warning in warnings:
        log.warning("reveal: %s", warning)


@contextlib.contextmanager
def stopping_on(files: Files, config: MkDocsConfig) -> Iterator[None]:
    """Turn what makes a schedule unreadable into a build error that says where and how."""
    try:
        yield
    except RevealError as error:
        # A bad date stops the build: nothing can be judged by it.
        raise PluginError(f"reveal: {error}") from None
    except UnicodeDecodeError:
        # A page that cannot be read cannot be judged either; say which and where.
        raise PluginError(f"reveal: {reader.not_utf8(files, config)}") from None
