"""Stale output and reproducible builds.

A site folder outlives its builds: a preview build, or a build with a later clock, writes
sealed content that a later build must not leave behind, whether it is clean, `--dirty`, or
the build `mkdocs gh-deploy` makes and pushes. And the same sources, clock and
SOURCE_DATE_EPOCH must give the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import series
from sitebuild import Build, Site, make_site

NOW = {"MKDOCS_REVEAL_NOW": "2025-11-12"}
PREVIEW = {**NOW, "MKDOCS_REVEAL_PREVIEW": "1"}
LATER = {"MKDOCS_REVEAL_NOW": "2025-11-25"}
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Author",
    "GIT_AUTHOR_EMAIL": "author@example.org",
    "GIT_COMMITTER_NAME": "Author",
    "GIT_COMMITTER_EMAIL": "author@example.org",
}


def leaked(build: Build) -> dict[str, list[str]]:
    """Part 3's words (sealed at NOW) and the files holding them, if any."""
    found = {word: build.containing(word) for word in series.SECRETS[3]}
    if not (build.site / "series" / "img-3.svg").exists():
        return {word: files for word, files in found.items() if files}
    return {**{w: f for w, f in found.items() if f}, "img-3.svg": ["series/img-3.svg"]}


def series_site(root: Path, mode: str) -> Site:
    """The series, in one `sealed_pages` mode."""
    return make_site(root, series.pages(), reveal=series.reveal_options(sealed_pages=mode))


@pytest.mark.parametrize("mode", ["placeholder", "exclude"])
@pytest.mark.parametrize("first", [PREVIEW, LATER], ids=["after-preview", "after-later-clock"])
@pytest.mark.parametrize("args", [(), ("--dirty",)], ids=["clean", "dirty"])
def test_a_build_leaves_nothing_of_an_earlier_one(
    tmp_path: Path, mode: str, first: dict[str, str], args: tuple[str, ...]
) -> None:
    site = series_site(tmp_path, mode)
    before = site.build(env=first)
    assert leaked(before), "the first build shows part 3, or the test proves nothing"
    after = site.build(*args, env=NOW)
    assert leaked(after) == {}
    # And what must stay is there.
    assert series.SECRETS[2][0] in after.text("series/workflow/index.html")
    assert (after.site / "series" / "img-2.svg").is_file()


def git(root: Path, *args: str) -> str:
    """Run git in a folder, with a fixed identity and no user configuration."""
    done = subprocess.run(
        ["git", *args],
        cwd=root,
        env={**os.environ, **GIT_IDENTITY, "GIT_CONFIG_GLOBAL": os.devnull},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def deployed(remote: Path) -> dict[str, bytes]:
    """Every file on the remote's gh-pages branch."""
    names = git(remote, "ls-tree", "-r", "--name-only", "gh-pages").split()
    return {
        name: subprocess.run(
            ["git", "show", f"gh-pages:{name}"], cwd=remote, capture_output=True, check=True
        ).stdout
        for name in names
    }


@pytest.fixture
def repository(tmp_path: Path) -> tuple[Site, Path]:
    """The series in a git repository whose `origin` is a bare repository next to it."""
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    site = series_site(tmp_path / "project", "placeholder")
    git(site.root, "init", "-q")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-q", "-m", "docs")
    git(site.root, "remote", "add", "origin", str(remote))
    return site, remote


@pytest.mark.parametrize("args", [(), ("--dirty",)], ids=["clean", "dirty"])
def test_gh_deploy_after_a_preview_build_pushes_nothing_sealed(
    repository: tuple[Site, Path], args: tuple[str, ...]
) -> None:
    site, remote = repository
    preview = site.build(env=PREVIEW)
    assert leaked(preview)
    deploy = site.run("gh-deploy", "--force", "--no-history", *args, env={**NOW, **GIT_IDENTITY})
    assert deploy.returncode == 0, deploy.log
    files = deployed(remote)
    assert "series/workflow/index.html" in files and "series/collective/index.html" in files
    for word in series.SECRETS[3]:
        assert [name for name, data in files.items() if word.encode() in data] == []
    assert "series/img-3.svg" not in files
    assert leaked(Build(0, "", site.root / "site")) == {}


def test_gh_deploy_refuses_a_preview(repository: tuple[Site, Path]) -> None:
    site, remote = repository
    deploy = site.run("gh-deploy", "--force", env={**PREVIEW, **GIT_IDENTITY})
    assert deploy.returncode != 0
    assert "reveal: refusing to deploy a preview build" in deploy.log
    assert "Traceback" not in deploy.log
    assert git(remote, "branch", "--list", "gh-pages") == ""


def digests(folder: Path) -> dict[str, str]:
    """Every file of a folder by its relative path, as a SHA-256 digest."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("mode", ["placeholder", "exclude"])
def test_same_clock_and_source_date_epoch_give_identical_sites(tmp_path: Path, mode: str) -> None:
    pages = series.pages()
    pages["blog/index.md"] = "# Blog\n"
    pages["blog/posts/open.md"] = "---\ndate: 2025-11-01\ntags: [a]\n---\n\n# Open\n\nText.\n"
    pages["blog/posts/sealed.md"] = "---\ndate: 2025-11-24\n---\n\n# Sealed\n\nText.\n"
    options = series.reveal_options(sealed_pages=mode)
    options["schedule"]["blog/posts/sealed.md"] = "2025-11-24"
    plugins = ["search", "tags", "blog", {"reveal": options}]
    env = {**NOW, "SOURCE_DATE_EPOCH": "1762905600"}
    one = make_site(tmp_path / "one", pages, plugins=plugins)
    first = digests(one.build(env=env).site)
    assert any(name.endswith(".gz") for name in first)
    assert digests(one.build(env=env).site) == first
    # A second checkout elsewhere: no output may depend on where the project or temp files are.
    shutil.copytree(one.root, tmp_path / "two", ignore=shutil.ignore_patterns("site"))
    two = Site(tmp_path / "two", one.config)
    assert digests(two.build(env=env).site) == first
