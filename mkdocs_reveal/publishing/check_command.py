"""`mkdocs-reveal check`: the leak check on a site already built, by any generator.

It reads the project as a build does (`mkdocs.yml`, `docs_dir`, the schedule, the one clock)
to know what is sealed at the clock and what is public, then reads every file of the built
site. Zensical, ProperDocs or a custom script may read the same `mkdocs.yml` and ignore the
plugin: run after them, this proves their output before it is published.

Exit codes: 0 nothing sealed in the site, 1 sealed text found, 2 a usage or input error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import get_files
from mkdocs.utils.meta import get_data

from mkdocs_reveal.diagnostics import RevealError
from mkdocs_reveal.integration import proof_inputs, reader, site_outputs
from mkdocs_reveal.integration.build import choose_locale
from mkdocs_reveal.integration.config import RevealConfig
from mkdocs_reveal.integration.languages import covering, lookup, other_languages
from mkdocs_reveal.markup import code, names
from mkdocs_reveal.markup.front_matter import page_anchor
from mkdocs_reveal.markup.transform import Settings, transform
from mkdocs_reveal.markup.whole_page import page_title
from mkdocs_reveal.proof.check import Leak, LeakCheck

if TYPE_CHECKING:
    from mkdocs_reveal.publishing.cli import Site


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's own options."""
    parser.add_argument(
        "--site-dir",
        metavar="DIR",
        help="the built site to check (default: the config's site_dir)",
    )


def run(site: Site, args: argparse.Namespace) -> int:
    """Check a built site; print each file that holds sealed text and the page it is from."""
    try:
        config: MkDocsConfig = load_config(config_file=str(site.path))
        site_dir = Path(args.site_dir or config.site_dir)
        if not site_dir.is_dir():
            raise RevealError(f"no built site at {site_dir}: build it first, or pass --site-dir")
        check, copies = read_project(config, site.options, site.settings)
        leaks = check.finish(site_dir, copies)
    except (MkDocsException, RevealError) as error:
        print(f"mkdocs-reveal: error: {error}", file=sys.stderr)
        return 2
    report(leaks, site_dir, len(check.sealed))
    return 1 if leaks else 0


def report(leaks: list[Leak], site_dir: Path, sealed: int) -> None:
    """Say what was found, never the sealed text itself (CI logs are often public)."""
    if not leaks:
        print(f"{site_dir}: no sealed text found ({sealed} sealed text(s) checked)")
        return
    outputs = len({leak.output for leak in leaks})
    print(
        f"{site_dir}: sealed content found in {outputs} file(s); do not publish this site. "
        "Build it with the reveal plugin (a generator that ignores MkDocs plugins publishes "
        "sealed pages whole), or find what reads the sources directly:",
        file=sys.stderr,
    )
    for leak in leaks:
        print(f"  - {leak.output} holds sealed text of {leak.source}", file=sys.stderr)


def read_project(
    config: MkDocsConfig, options: RevealConfig, clock: Settings
) -> tuple[LeakCheck, dict[str, int]]:
    """A leak check that knows what the project seals at the clock and what it shows."""
    settings = Settings(
        clock.clock, clock.tz, clock.reveal_time, choose_locale(options, config), False
    )
    fragments: list[str] = []
    check = LeakCheck()
    proof_inputs.prepare(check, config, settings.locale, lambda: fragments)
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    check.publish(proof_inputs.paths(files))
    schedule, _ = reader.read_schedule(options, files, settings, config)
    rules = code.dialect(name for name in config.markdown_extensions if isinstance(name, str))
    languages = other_languages(config)
    for file in files.documentation_pages():
        source = file.content_string
        display = reader.display_path(file.src_uri, config)
        markdown, meta = get_data(source)
        # The build's own rule: an entry covers a page in every language (mkdocs-static-i18n).
        entry, held = covering(schedule, file.src_uri, languages)
        if held or (entry is not None and not entry.revealed(settings.clock)):
            check.seal(proof_inputs.sealed_page(markdown, meta), display)
            # A stand-in shows the title, as the build does.
            check.publish(page_title(meta, markdown, file.src_uri))
            continue
        if not names.mentions(source):
            check.publish(source)
            continue

        def stash(html: str) -> str:
            """Keep a stamp or a placeholder: public, as the build shows it."""
            fragments.append(html)
            return ""

        result = transform(
            markdown,
            settings,
            stash,
            page_date=page_anchor(meta, settings),
            schedule=lookup(schedule, languages),
            first_line=reader.body_line(source, markdown),
            rules=rules,
        )
        check.publish(result.markdown)
        for secret in result.secrets:
            check.seal(secret, display)
    return check, {**proof_inputs.copies(files, config), **site_outputs.asset_copies()}
