"""Which generator the `mkdocs-reveal` command reads a project with: MkDocs, else ProperDocs.

ProperDocs continues MkDocs 1.x as `properdocs` and answers `import mkdocs…` through an alias
it installs itself (`properdocs.replacement`), as its own command does. Importing this module
installs that alias where MkDocs is not installed, so the command's MkDocs imports reach
ProperDocs; it must be imported before any of them.
"""

from __future__ import annotations

import importlib
import importlib.util

# A project's config file, looked for in this order, as ProperDocs looks for it (MkDocs reads
# properdocs.yml only when given it with -f).
CONFIG_NAMES = ("properdocs.yml", "properdocs.yaml", "mkdocs.yml", "mkdocs.yaml")
# Where the generator logs (ProperDocs also hands the `mkdocs` logger on to its own).
LOGGERS = ("mkdocs", "properdocs")


def choose() -> str:
    """The generator's name; under ProperDocs alone, `mkdocs` now imports ProperDocs."""
    if _installed("mkdocs"):
        return "mkdocs"
    if _installed("properdocs"):
        importlib.import_module("properdocs.replacement")
        return "properdocs"
    raise ImportError(
        "mkdocs-reveal reads projects with MkDocs or ProperDocs, and neither is installed: "
        "pip install 'mkdocs>=1.6,<2' or pip install properdocs"
    )


def _installed(name: str) -> bool:
    """Whether a top-level package can be imported."""
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:
        return False


GENERATOR = choose()
