"""Real `mkdocs build`s of small sites in a temporary folder, and what they wrote."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    import pytest

# Material prints an end-of-life banner on every run; tests read MkDocs' own output.
QUIET = {"NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
# What the test run's own environment may not hand a command: a clock, a preview, and (on
# GitHub Actions) the run's outputs, summary and annotations, which the commands write to.
UNSET = (
    "MKDOCS_REVEAL_NOW",
    "MKDOCS_REVEAL_PREVIEW",
    "SOURCE_DATE_EPOCH",
    "GITHUB_OUTPUT",
    "GITHUB_STEP_SUMMARY",
    "GITHUB_ACTIONS",
)


def environment(**extra: str) -> dict[str, str]:
    """The environment commands run in: quiet, none of UNSET but what `extra` sets, `extra`."""
    env = {**os.environ, **QUIET, **extra}
    for name in UNSET:
        if name not in extra:
            env.pop(name, None)
    return env


def patch_environment(monkeypatch: pytest.MonkeyPatch, **extra: str) -> None:
    """For one test in this process: none of UNSET but what `extra` sets, and `extra`."""
    for name in UNSET:
        monkeypatch.delenv(name, raising=False)
    for name, value in extra.items():
        monkeypatch.setenv(name, value)


@dataclass
class Build:
    """The result of one `mkdocs` command: exit code, its log, and the site folder."""

    returncode: int
    log: str
    site: Path

    def text(self, path: str) -> str:
        """One output file as text."""
        return (self.site / path).read_text(encoding="utf-8")

    def files(self) -> Iterator[tuple[Path, bytes]]:
        """Every output file's bytes, `.gz` files decompressed."""
        for path in sorted(self.site.rglob("*")):
            if path.is_file():
                data = path.read_bytes()
                if path.suffix == ".gz":
                    data = gzip.decompress(data)
                yield path, data

    def containing(self, word: str) -> list[str]:
        """The output files that contain a word (case-insensitive), relative to the site.

        A word with letters beyond ASCII is also looked for as JSON writes it by default
        (`\\u00e5`), as some search indexes and feeds hold it.
        """
        needles = {word.lower().encode("utf-8"), json.dumps(word.lower())[1:-1].encode()}
        return [
            str(path.relative_to(self.site))
            for path, data in self.files()
            if any(needle in data.lower() for needle in needles)
        ]


@dataclass
class Site:
    """A small MkDocs project: `mkdocs.yml` plus `docs/`."""

    root: Path
    config: dict[str, Any] = field(default_factory=dict)
    config_file: str = "mkdocs.yml"  # ProperDocs looks for properdocs.yml first

    def write(self, path: str, text: str, encoding: str = "utf-8") -> Path:
        """Write a file under the project root."""
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode(encoding))
        return target

    def page(self, path: str, text: str) -> Path:
        """Write a page under docs/."""
        return self.write(f"docs/{path}", text)

    def save_config(self) -> None:
        """Write `mkdocs.yml` (or the config file named) from the config mapping."""
        text = yaml.safe_dump(self.config, sort_keys=False, allow_unicode=True)
        self.write(self.config_file, text)

    def run(
        self,
        *args: str,
        env: dict[str, str] | None = None,
        launcher: tuple[str, ...] = (),
        program: str = "mkdocs",
    ) -> Build:
        """Run `mkdocs ARGS` (or another generator's module) in the project and capture its log."""
        self.save_config()
        done = subprocess.run(
            [*launcher, sys.executable, "-m", program, *args],
            cwd=self.root,
            env=environment(**(env or {})),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        return Build(done.returncode, done.stdout + done.stderr, self.root / "site")

    def build(
        self,
        *args: str,
        env: dict[str, str] | None = None,
        ok: bool = True,
        launcher: tuple[str, ...] = (),
        program: str = "mkdocs",
    ) -> Build:
        """Run `mkdocs build` (or another generator's); by default insist that it succeeded."""
        result = self.run("build", *args, env=env, launcher=launcher, program=program)
        if ok:
            assert result.returncode == 0, result.log
        return result

    def build_without_the_plugin(
        self, site_dir: str = "generated", env: dict[str, str] | None = None
    ) -> Build:
        """Build as a generator that ignores the plugin would: every other plugin, to `site_dir`."""
        plugins = [
            plugin
            for plugin in self.config.get("plugins", [])
            if plugin != "reveal" and not (isinstance(plugin, dict) and "reveal" in plugin)
        ]
        config = {**self.config, "site_dir": site_dir, "plugins": plugins}
        self.write("generator.yml", yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
        result = self.run("build", "-f", "generator.yml", env=env)
        assert result.returncode == 0, result.log
        return Build(result.returncode, result.log, self.root / site_dir)


def make_site(
    root: Path,
    pages: dict[str, str],
    *,
    reveal: dict[str, Any] | None = None,
    theme: str = "material",
    plugins: list[Any] | None = None,
    **extra: Any,
) -> Site:
    """A project with the given pages and the `reveal` plugin configured with `reveal`."""
    theme_config: dict[str, Any] = {"name": theme}
    if theme == "material":
        theme_config["font"] = False  # an offline browser must not wait on web fonts
    config: dict[str, Any] = {
        "site_name": "Test site",
        "site_url": "https://example.org/",
        "theme": theme_config,
        "plugins": plugins if plugins is not None else ["search", {"reveal": reveal or {}}],
        **extra,
    }
    site = Site(root, config)
    for path, text in pages.items():
        site.page(path, text)
    site.save_config()
    return site
