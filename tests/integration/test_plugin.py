"""The MkDocs plugin, through real `mkdocs build`s of small sites."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import series
from sitebuild import Build, Site, environment

SiteFactory = Callable[..., Site]
SEED = Path(__file__).parents[1] / "data" / "chronicles-chapter-1.md"


def secret_free(build_site: Path, parts: list[int]) -> None:
    """Assert that no secret word of the given parts appears in any output file."""
    build = Build(0, "", build_site)
    for part in parts:
        for word in series.SECRETS[part]:
            assert build.containing(word) == [], f"part {part}'s {word!r} leaked"


def revealed_parts(build_site: Path) -> list[int]:
    """The parts whose teaser text appears on the landing page."""
    html = (build_site / "series" / "index.html").read_text(encoding="utf-8")
    return [part for part in (1, 2, 3) if series.SECRETS[part][0] in html]


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
@pytest.mark.parametrize("mode", ["placeholder", "exclude"])
@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2025-11-03T08:59:00+01:00", []),  # a minute before part 1
        ("2025-11-03T09:00:00+01:00", [1]),  # exactly at part 1
        ("2025-11-03T09:01:00+01:00", [1]),  # a minute after
        ("2025-11-10T07:59:00Z", [1]),  # a minute before part 2, in UTC
        ("2025-11-10T08:00:00Z", [1, 2]),  # part 2's instant, written in UTC
        ("2025-11-24T02:59:00-05:00", [1, 2]),  # a minute before part 3, from New York
        ("2025-11-24T02:00:00-06:00", [1, 2, 3]),  # part 3's instant, from Chicago
    ],
)
def test_each_part_seals_and_reveals_on_time(
    site: SiteFactory, theme: str, mode: str, now: str, expected: list[int]
) -> None:
    project = site(series.pages(), reveal=series.reveal_options(sealed_pages=mode), theme=theme)
    build = project.build("--strict", env={"MKDOCS_REVEAL_NOW": now})
    assert revealed_parts(build.site) == expected
    secret_free(build.site, [part for part in (1, 2, 3) if part not in expected])
    for part in expected:
        page = build.site / "series" / series.SLUGS[part] / "index.html"
        assert series.SECRETS[part][1] in page.read_text(encoding="utf-8")


def test_placeholder_page_is_bookmarkable_stub(site: SiteFactory) -> None:
    project = site(series.pages(), reveal=series.reveal_options())
    build = project.build("--strict", env={"MKDOCS_REVEAL_NOW": "2025-11-12"})
    html = build.text("series/collective/index.html")
    assert "Part 3 of the series" in html  # the title stays
    assert '<meta name="robots" content="noindex">' in html
    assert 'class="reveal-preview is-sealed reveal-page"' in html
    assert 'datetime="2025-11-24T09:00:00+01:00"' in html
    assert "All about" not in html  # description is the page's, so it is gone
    # Kept out of the search index and the sitemap; revealed parts stay in both.
    index = json.loads(build.text("search/search_index.json"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "series/collective/" not in locations and "series/workflow/" in locations
    sitemap = build.text("sitemap.xml")
    assert "series/collective/" not in sitemap and "series/workflow/" in sitemap
    mentions = build.containing("series/collective/")
    assert "search/search_index.json" not in mentions
    assert not any(path.startswith("sitemap.xml") for path in mentions)


def test_exclude_drops_the_page_nav_entry_and_links(site: SiteFactory) -> None:
    pages = series.pages()
    project = site(
        pages,
        reveal=series.reveal_options(sealed_pages="exclude"),
        nav=[
            {"Home": "index.md"},
            {
                "Series": [
                    "series/index.md",
                    "series/stalactite.md",
                    "series/workflow.md",
                    "series/collective.md",
                ]
            },
        ],
    )
    build = project.build("--strict", env={"MKDOCS_REVEAL_NOW": "2025-11-12"})
    assert not (build.site / "series" / "collective").exists()
    landing = build.text("series/index.html")
    assert 'href="collective/"' not in landing
    assert '<span class="reveal-link is-sealed">Read Part 3 <time class="reveal-stamp' in landing
    assert build.containing("series/collective") == []


def test_seed_page_fails_strict_naming_the_weekday_and_builds_otherwise(
    site: SiteFactory,
) -> None:
    project = site({"index.md": SEED.read_text(encoding="utf-8")}, reveal={})
    strict = project.build("--strict", ok=False)
    assert strict.returncode != 0
    assert (
        "docs/index.md:24: November 4th 2025 is a Tuesday, not a Monday: read by its date it "
        "is Tuesday, November 4th 2025, by its weekday Monday, November 3rd 2025; using the "
        "later, Tuesday, November 4th 2025" in strict.log
    )
    assert "docs/index.md:44: November 11th 2025" in strict.log
    assert "docs/index.md:65: November 25th 2025" in strict.log
    relaxed = project.build()
    html = relaxed.text("index.html")
    assert html.count('<time class="reveal-stamp') == 3


def test_sources_are_never_modified(site: SiteFactory) -> None:
    project = site(series.pages(), reveal=series.reveal_options())
    before = {
        path: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted((project.root / "docs").rglob("*"))
        if path.is_file()
    }
    project.build(env={"MKDOCS_REVEAL_NOW": "2025-11-12"})
    project.build(env={"MKDOCS_REVEAL_NOW": "2025-11-12", "MKDOCS_REVEAL_PREVIEW": "1"})
    after = {
        path: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted((project.root / "docs").rglob("*"))
        if path.is_file()
    }
    assert before == after


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"timezone": "Europe/Olso"}, "unknown timezone 'Europe/Olso'"),
        ({"schedule": {"series/workflow.md": "someday"}}, "schedule: series/workflow.md"),
        ({"schedule": {"series/workfow.md": "2025-11-10"}}, "'series/workfow.md' names no page"),
        ({"reveal_time": "25:99"}, "reveal_time"),
        ({"sealed_pages": "hide"}, "sealed_pages"),
    ],
)
def test_config_errors_are_clear(
    site: SiteFactory, options: dict[str, object], message: str
) -> None:
    project = site(series.pages(), reveal=options)
    build = project.build(ok=False)
    assert build.returncode != 0
    assert message in build.log
    assert "Traceback" not in build.log


def test_front_matter_schedules_a_page_and_disagreement_warns(site: SiteFactory) -> None:
    pages = series.pages()
    pages["series/collective.md"] = pages["series/collective.md"].replace(
        "---\n", "---\nreveal: 2025-11-25\n", 1
    )
    pages["extra.md"] = "---\nreveal: 2025-12-01 18:00\n---\n\n# Extra\n\nzephyrcandle\n"
    project = site(pages, reveal=series.reveal_options())
    build = project.build(env={"MKDOCS_REVEAL_NOW": "2025-11-24T12:00:00+01:00"})
    lines = (project.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "series/collective.md:" in text)
    assert (
        f"docs/series/collective.md:2: the config (mkdocs.yml:{line}) reveals "
        "series/collective.md at 2025-11-24T09:00:00+01:00 but its front matter says "
        "2025-11-25T09:00:00+01:00"
    ) in build.log
    # The later date wins: part 3 is still sealed.
    assert "glimmerfrost" not in build.text("series/collective/index.html")
    assert build.containing("zephyrcandle") == []
    assert "Extra" in build.text("extra/index.html")


def test_stamp_disagreeing_with_the_schedule_of_its_post_warns(site: SiteFactory) -> None:
    pages = series.pages()
    pages["series/index.md"] = pages["series/index.md"].replace(
        "Monday, November 10th", "Tuesday, November 11th"
    )
    project = site(pages, reveal=series.reveal_options())
    build = project.build("--strict", ok=False, env={"MKDOCS_REVEAL_NOW": "2025-11-10T12:00"})
    assert build.returncode != 0
    # The later date wins for the teaser and for the post it names, and the build says so.
    assert (
        "this PostPreview reveals series/workflow.md at 2025-11-11T09:00:00+01:00, but the page "
        "itself is scheduled at 2025-11-10T09:00:00+01:00" in build.log
    )
    assert "tidewhistle" not in build.text("series/index.html")
    assert build.containing("tidewhistle") == []
    assert "is-sealed" in build.text("series/workflow/index.html")


def test_page_date_anchors_the_year(site: SiteFactory) -> None:
    page = (
        "---\ndate: 2024-11-01\n---\n\n# Old\n\n<PostPreview date='Monday, November 4th'>\n"
        "shown-long-ago\n</PostPreview>\n"
    )
    build = site({"index.md": page}, reveal={}).build(
        "--strict", env={"MKDOCS_REVEAL_NOW": "2025-01-10"}
    )
    assert "shown-long-ago" in build.text("index.html")


def test_clock_order_env_then_option_then_build_date(site: SiteFactory) -> None:
    page = "# P\n\n<PostPreview date='2025-11-10'>\nclockword\n</PostPreview>\n"
    project = site({"index.md": page}, reveal={"now": "2025-11-09"})
    assert "clockword" not in project.build().text("index.html")
    env = {"MKDOCS_REVEAL_NOW": "2025-11-10"}
    assert "clockword" in project.build(env=env).text("index.html")
    project.config["plugins"] = ["search", {"reveal": {}}]
    # SOURCE_DATE_EPOCH (MkDocs' build date) of 2025-11-09 and of 2025-11-11.
    assert "clockword" not in project.build(env={"SOURCE_DATE_EPOCH": "1762646400"}).text(
        "index.html"
    )
    assert "clockword" in project.build(env={"SOURCE_DATE_EPOCH": "1762819200"}).text("index.html")


def test_bad_clock_is_a_clear_error(site: SiteFactory) -> None:
    build = site({"index.md": "# x\n"}, reveal={}).build(
        ok=False, env={"MKDOCS_REVEAL_NOW": "next week"}
    )
    assert build.returncode != 0 and "MKDOCS_REVEAL_NOW" in build.log
    assert "Traceback" not in build.log


def test_preview_shows_sealed_content_marked_and_warns_in_build(site: SiteFactory) -> None:
    project = site(series.pages(), reveal=series.reveal_options())
    env = {"MKDOCS_REVEAL_NOW": "2025-11-12", "MKDOCS_REVEAL_PREVIEW": "1"}
    strict = project.build("--strict", ok=False, env=env)
    assert strict.returncode != 0 and "PREVIEW BUILD" in strict.log
    build = project.build(env=env)
    landing = build.text("series/index.html")
    assert "glimmerfrost" in landing and "Sealed until Monday, November 24, 2025" in landing
    post = build.text("series/collective/index.html")
    assert "obsidianwren" in post and "reveal-page-marker" in post
    # A normal build afterwards, dirty or not, leaves nothing of the preview behind.
    for args in ((), ("--dirty",)):
        after = project.build(*args, env={"MKDOCS_REVEAL_NOW": "2025-11-12"})
        secret_free(after.site, [3])


def test_summary_line(site: SiteFactory) -> None:
    build = site(series.pages(), reveal=series.reveal_options()).build(
        env={"MKDOCS_REVEAL_NOW": "2025-11-12T12:00:00+01:00"}
    )
    assert (
        "reveal: 3 previews (1 sealed, 2 revealed); 3 scheduled pages (1 sealed, 2 revealed); "
        "next reveal 2025-11-24T09:00:00+01:00 (CET), in 2 weeks" in build.log
    )


def test_disabled_plugin_does_nothing(site: SiteFactory) -> None:
    build = site(series.pages(), reveal=series.reveal_options(enabled=False)).build(
        env={"MKDOCS_REVEAL_NOW": "2025-11-12"}
    )
    assert "glimmerfrost" in build.text("series/collective/index.html")


def test_problems_name_the_source_line_after_front_matter(site: SiteFactory) -> None:
    page = "---\ntitle: T\ndate: 2025-11-02\n---\n\n# T\n\n</PostPreview>\n"
    build = site({"index.md": page}, reveal={}).build("--strict", ok=False)
    assert "docs/index.md:8: </PostPreview> closes nothing" in build.log


def test_unknown_post_warns(site: SiteFactory) -> None:
    page = "# T\n\n<PostPreview post='nowhere.md' date='2025-01-01'>\nx\n</PostPreview>\n"
    build = site({"index.md": page}, reveal={}).build("--strict", ok=False)
    assert "docs/index.md:3: post='nowhere.md' names no page" in build.log


def test_demo_site_builds_strict_with_both_states(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parents[2]
    site_dir = tmp_path / "site"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(repo / "mkdocs.yml"),
            "-d",
            str(site_dir),
        ],
        capture_output=True,
        text=True,
        env=environment(),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    landing = (site_dir / "chronicles" / "index.html").read_text(encoding="utf-8")
    assert 'class="reveal-preview is-revealed"' in landing
    assert 'class="reveal-preview is-sealed"' in landing
    post = (site_dir / "chronicles" / "claude-code-collective" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "reveal-page" in post and "noindex" in post
    assert Build(0, "", site_dir).containing("chrysoprase-lantern") == []
    shutil.rmtree(site_dir)


def test_bad_front_matter_reveal_names_path_and_line(site: SiteFactory) -> None:
    page = "---\ntitle: P\nreveal: [2030-01-01]\n---\n\n# P\n"
    build = site({"index.md": "# H\n", "p.md": page}, reveal={}).build(ok=False)
    assert build.returncode != 0 and "Traceback" not in build.log
    assert "docs/p.md:3: front matter `reveal`: cannot read '[2030-01-01]' as a date" in build.log


def test_sealed_blog_post_with_bad_categories_is_a_message(site: SiteFactory) -> None:
    post = "---\ndate: 2025-11-01\nreveal: 2030-01-01\ncategories: 5\n---\n\n# Post\n\nText.\n"
    project = site(
        {"index.md": "# H\n", "blog/index.md": "# Blog\n", "blog/posts/post.md": post},
        plugins=[{"blog": {"post_url_format": "{categories}/{slug}"}}, {"reveal": {}}],
    )
    build = project.build(ok=False)
    assert build.returncode != 0 and "Traceback" not in build.log
    assert "docs/blog/posts/post.md:4: front matter `categories` must be a list" in build.log
