"""The layers' import boundaries: the Markdown layer, time and the proof run without MkDocs."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "mkdocs_reveal"
SEED = Path(__file__).parent / "data" / "chronicles-chapter-1.md"
WITHOUT_MKDOCS = ("timeline", "markup", "proof")

# Run in a fresh interpreter where `mkdocs` and `material` cannot be imported at all.
SCRIPT = """
import importlib.abc, pkgutil, sys

class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("mkdocs", "material"):
            raise ModuleNotFoundError(f"No module named {name!r} (refused by the test)")
        return None

sys.meta_path.insert(0, Refuse())
import mkdocs_reveal
for layer in ("timeline", "markup", "proof"):
    package = __import__(f"mkdocs_reveal.{layer}", fromlist=["x"])
    for module in pkgutil.iter_modules(package.__path__):
        __import__(f"mkdocs_reveal.{layer}.{module.name}")

import markdown
html = markdown.markdown(
    open(sys.argv[1], encoding="utf-8").read(),
    extensions=["meta", "mkdocs_reveal"],
    extension_configs={"mkdocs_reveal": {"now": "2025-11-05T12:00:00+01:00"}},
)
assert 'class="reveal-preview' in html, html
assert "<PostPreview" not in html and "<postpreview" not in html.lower(), html
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("mkdocs", "material"))
assert not loaded, loaded
print("rendered", html.count("reveal-preview "), "previews")
"""


def test_the_layers_without_mkdocs_render_the_seed() -> None:
    """Import every module of time, the Markdown layer and the proof with MkDocs unimportable."""
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(SEED)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("rendered ")
    assert int(result.stdout.split()[1]) >= 3


@pytest.mark.parametrize("layer", WITHOUT_MKDOCS)
def test_no_module_of_a_layer_names_mkdocs(layer: str) -> None:
    """No import statement of these layers names MkDocs, Material or the MkDocs integration."""
    for path in sorted((PACKAGE / layer).glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in ("mkdocs", "material"), f"{path}: {name}"
                assert not name.startswith(
                    ("mkdocs_reveal.integration", "mkdocs_reveal.publishing")
                ), f"{path}: {name}"


def test_time_imports_no_other_layer() -> None:
    """Time is the bottom layer: it imports neither the Markdown layer nor the proof."""
    for path in sorted((PACKAGE / "timeline").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(
                    ("mkdocs_reveal.markup", "mkdocs_reveal.proof")
                ), f"{path}: {node.module}"
