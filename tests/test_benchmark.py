"""The benchmark the README runs: it still runs, and prints a ratio for each site size.

Only that it runs and what it prints: build times are never asserted here.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "build_overhead.py"
# One line per site size and measure: pages, measure, two medians, the ratio, each run's ratio.
ROW = r"^\s+{pages}\s+{measure}\s+[\d.]+\s+[\d.]+\s+(?P<ratio>[\d.]+)\s+(?P<runs>[\d. ]+)$"


@pytest.mark.parametrize(
    "options",
    [
        ["--runs", "2"],
        ["--runs", "1", "--control", "--on-disk"],
        ["--runs", "2", "--together"],
        ["--runs", "1", "--floor", "--together"],
    ],
    ids=["with-the-plugin", "control-on-disk", "together", "floor"],
)
def test_the_benchmark_prints_a_ratio_per_size(options: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--pages", "12", *options],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    runs = int(options[1])
    for measure in ("together",) if "--together" in options else ("wall", "cpu"):
        row = re.search(ROW.format(pages=12, measure=measure), done.stdout, re.MULTILINE)
        assert row is not None, done.stdout
        assert len(row.group("runs").split()) == runs
    assert re.search(r"^importing the plugin: \d+ ms of CPU", done.stdout, re.MULTILINE)
    assert "tag-heavy pages/s" in done.stdout
    if "--on-disk" in options:
        assert "/dev/shm" not in done.stdout.splitlines()[0]
    if "--control" in options:
        assert "(control)" in done.stdout
    if "--floor" in options:
        assert "(floor)" in done.stdout


def test_the_floor_site_imports_the_libraries_and_not_the_plugin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location("build_overhead", SCRIPT)
    assert spec is not None and spec.loader is not None
    build_overhead = importlib.util.module_from_spec(spec)
    # Registered first: its dataclasses look their module up by name.
    monkeypatch.setitem(sys.modules, spec.name, build_overhead)
    spec.loader.exec_module(build_overhead)
    config_file = build_overhead.make_site(tmp_path, 3, "floor")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *build_overhead.command(config_file)[1:]],
        env=build_overhead.environment(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    # Not babel: MkDocs imports it by itself, for its themes' translations.
    assert "icalendar" in imported
    assert not any(name.startswith("mkdocs_reveal") for name in imported)
