"""`mkdocs-reveal assets DIR`: copy the stylesheet and script of stamps, blur and countdown.

The MkDocs plugin adds them to every build by itself. A generator that does not run MkDocs
plugins (Zensical) needs them among the site's own files: copy them into the docs folder and
list them under `extra_css` and `extra_javascript` (docs/zensical.md). Copied to
`docs/assets/mkdocs-reveal/`, the plugin recognises them and does not add its own as well.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from mkdocs_reveal.integration.site_outputs import ASSET_URIS, ASSETS

DEFAULT = Path("docs") / "assets" / "mkdocs-reveal"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's own arguments."""
    parser.add_argument(
        "folder",
        metavar="DIR",
        nargs="?",
        type=Path,
        default=DEFAULT,
        help=f"where to copy reveal.css and reveal.js (default: {DEFAULT.as_posix()})",
    )


def copy(folder: Path) -> list[Path]:
    """Copy the packaged stylesheet and script into a folder, made if need be."""
    folder.mkdir(parents=True, exist_ok=True)
    copied = []
    for uri in ASSET_URIS:
        target = folder / Path(uri).name
        shutil.copyfile(ASSETS / target.name, target)
        copied.append(target)
    return copied


def run(args: argparse.Namespace) -> int:
    """Copy the files and say how to link them; exit 2 when they cannot be written."""
    try:
        copied = copy(args.folder)
    except OSError as error:
        print(f"mkdocs-reveal: error: cannot copy into {args.folder}: {error}", file=sys.stderr)
        return 2
    for path in copied:
        print(f"copied {path}")
    css, js = (Path(uri) for uri in ASSET_URIS)
    print(
        "List them in mkdocs.yml by their path inside docs_dir, such as:\n"
        f"  extra_css: [{css.as_posix()}]\n"
        f"  extra_javascript: [{js.as_posix()}]\n"
        "and copy them again after upgrading mkdocs-reveal (a MkDocs build warns when they "
        "differ from the installed ones)."
    )
    return 0
