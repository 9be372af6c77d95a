"""`mkdocs-reveal assets`: the stylesheet and script copied where a site's own files live."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mkdocs_reveal.integration.site_outputs import ASSETS


def assets(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs-reveal assets ARGS` in a folder."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs_reveal.publishing.cli", "assets", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_copies_both_files_into_the_docs_folder_by_default(tmp_path: Path) -> None:
    # No config file is needed: the command reads no project.
    done = assets(tmp_path)
    assert done.returncode == 0, done.stderr
    for name in ("reveal.css", "reveal.js"):
        copied = tmp_path / "docs" / "assets" / "mkdocs-reveal" / name
        assert copied.read_bytes() == (ASSETS / name).read_bytes()
    assert "extra_css: [assets/mkdocs-reveal/reveal.css]" in done.stdout
    assert "extra_javascript: [assets/mkdocs-reveal/reveal.js]" in done.stdout


def test_copies_into_the_folder_given(tmp_path: Path) -> None:
    done = assets(tmp_path, "overrides/assets/mkdocs-reveal")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "overrides" / "assets" / "mkdocs-reveal" / "reveal.js").is_file()


def test_a_folder_that_cannot_be_made_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "docs").write_text("a file, not a folder", encoding="utf-8")
    done = assets(tmp_path, "docs/assets")
    assert done.returncode == 2
    assert "mkdocs-reveal: error: cannot copy into docs/assets" in done.stderr
