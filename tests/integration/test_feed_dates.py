"""Feed items of revealed parts are dated by their reveal, in mkdocs-rss-plugin's RSS and JSON.

Real builds of a site under git (mkdocs-rss-plugin reads git), with the configuration the docs
recommend, `date_from_meta: {as_creation: date}`; the RSS feed is read with feedparser.
"""

from __future__ import annotations

import calendar
import json
import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import feedparser
import pytest
import series
from sitebuild import Build, make_site

NOW = "2025-11-12T12:00:00+01:00"  # parts 1 and 2 revealed, part 3 sealed
COMMITTED = "2025-01-15T12:00:00+00:00"  # the day the whole series was written
SITE = "https://example.org/"
# feed link -> the publication date each item must carry
EXPECTED = {
    f"{SITE}series/stalactite/": "2025-11-03T09:00:00+01:00",  # reveal, not its date: 2025-01-01
    f"{SITE}series/workflow/": "2025-11-10T09:00:00+01:00",
    f"{SITE}blog/2025/01/01/a-revealed-post/": "2025-11-05T18:00:00+01:00",
    # Material's own `date: {created: …}` form, which the feed plugin cannot read by itself.
    f"{SITE}blog/2025/01/02/a-post-with-a-date-mapping/": "2025-11-06T09:00:00+01:00",
    # Not scheduled: their own dates.
    f"{SITE}blog/2025/10/01/a-plain-post/": "2025-10-01T00:00:00+00:00",
    f"{SITE}series/": "2025-11-02T00:00:00+00:00",
}
# The series and the posts: the home page and the blog's own pages are dated by git and build.
MATCH = "(series|blog/posts)/"


def feed_site(root: Path, rss: dict[str, Any]) -> Build:
    """The series and a Material blog with mkdocs-rss-plugin, committed to git, built at NOW."""
    pages = series.pages()
    for part in (1, 2, 3):
        path = f"series/{series.SLUGS[part]}.md"
        pages[path] = pages[path].replace("---\n", "---\ndate: 2025-01-01\n", 1)
    pages["blog/index.md"] = "# Blog\n"
    pages["blog/posts/revealed.md"] = (
        "---\ndate: 2025-01-01\nreveal: 2025-11-05 18:00\n---\n\n# A revealed post\n\nWords.\n"
    )
    pages["blog/posts/mapping.md"] = (
        "---\ndate:\n  created: 2025-01-02\nreveal: 2025-11-06\n---\n\n"
        "# A post with a date mapping\n\nWords.\n"
    )
    pages["blog/posts/plain.md"] = "---\ndate: 2025-10-01\n---\n\n# A plain post\n\nWords.\n"
    plugins = ["search", "blog", {"reveal": series.reveal_options()}, {"rss": rss}]
    site = make_site(root, pages, plugins=plugins)
    environment = {**os.environ, "GIT_AUTHOR_DATE": COMMITTED, "GIT_COMMITTER_DATE": COMMITTED}
    git = ["git", "-c", "user.name=Author", "-c", "user.email=author@example.org"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "series"]):
        subprocess.run([*git, *command], cwd=root, env=environment, check=True)
    return site.build("--strict", env={"MKDOCS_REVEAL_NOW": NOW})


def utc(text: str) -> datetime:
    """An ISO 8601 instant in UTC."""
    return datetime.fromisoformat(text).astimezone(timezone.utc)


@pytest.mark.parametrize("material_blog", [True, False])
def test_revealed_items_carry_their_reveal_instant(tmp_path: Path, material_blog: bool) -> None:
    rss = {
        "date_from_meta": {"as_creation": "date"},
        "use_material_blog": material_blog,
        "match_path": MATCH,
    }
    build = feed_site(tmp_path, rss)
    parsed = feedparser.parse(build.text("feed_rss_created.xml"))
    assert not parsed.bozo, parsed.bozo_exception
    published = {
        entry.link: datetime.fromtimestamp(calendar.timegm(entry.published_parsed), timezone.utc)
        for entry in parsed.entries
    }
    assert published == {link: utc(when) for link, when in EXPECTED.items()}
    # Newest first: a part that has just gone live leads the feed.
    assert parsed.entries[0].link == f"{SITE}series/workflow/"
    items = json.loads(build.text("feed_json_created.json"))["items"]
    dated = {item["url"]: item["date_published"] for item in items}
    # The instant keeps the site's offset, exactly as reveal.json writes it.
    assert dated == EXPECTED
    for word in series.SECRETS[3]:
        assert build.containing(word) == []


def test_feeds_dated_by_git_are_left_alone_and_the_build_says_how_to_change_that(
    tmp_path: Path,
) -> None:
    build = feed_site(tmp_path, {"match_path": MATCH})
    assert "set its `date_from_meta: {as_creation: date}`" in build.log
    items = json.loads(build.text("feed_json_created.json"))["items"]
    dates = {item["url"]: utc(item["date_published"]) for item in items}
    assert dates[f"{SITE}series/workflow/"] == utc(COMMITTED)


LANGUAGES = [
    {"locale": "en", "default": True, "name": "English", "build": True},
    {"locale": "fr", "name": "Français", "build": True},
]
# Each layout: where the French copy of `blog/part.md` is written.
LAYOUTS = {
    "suffix": {"blog/part.md": "blog/part.md", "blog/part.fr.md": "blog/part.fr.md"},
    "folder": {"blog/part.md": "en/blog/part.md", "blog/part.fr.md": "fr/blog/part.md"},
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("key", ["neutral", "english", "french"])
def test_a_translation_is_dated_by_the_reveal_of_the_page_it_translates(
    tmp_path: Path, layout: str, key: str
) -> None:
    paths = LAYOUTS[layout]
    pages = {
        paths["blog/part.md"]: "---\ndate: 2025-01-01\n---\n\n# Part\n\nWords.\n",
        paths["blog/part.fr.md"]: "---\ndate: 2025-01-01\n---\n\n# Partie\n\nDes mots.\n",
    }
    if layout == "folder":
        pages.update({"en/index.md": "# Home\n", "fr/index.md": "# Accueil\n"})
    i18n = {"i18n": {"docs_structure": layout, "languages": LANGUAGES}}
    english = "en/blog/part.md" if layout == "folder" else "blog/part.en.md"
    named = {"neutral": "blog/part.md", "english": english, "french": paths["blog/part.fr.md"]}
    reveal = {"timezone": "Europe/Oslo", "schedule": {named[key]: "2025-11-05 18:00"}}
    rss = {"date_from_meta": {"as_creation": "date"}, "match_path": "(en/|fr/)?blog/"}
    site = make_site(tmp_path, pages, plugins=["search", i18n, {"reveal": reveal}, {"rss": rss}])
    environment = {**os.environ, "GIT_AUTHOR_DATE": COMMITTED, "GIT_COMMITTER_DATE": COMMITTED}
    git = ["git", "-c", "user.name=Author", "-c", "user.email=author@example.org"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "part"]):
        subprocess.run([*git, *command], cwd=tmp_path, env=environment, check=True)
    # Not `--strict`: mkdocs-rss-plugin warns of its own `default_time` in the second language.
    build = site.build(env={"MKDOCS_REVEAL_NOW": NOW})
    assert "WARNING -  reveal" not in build.log
    # The feed plugin writes one feed, which lists the part in both languages.
    items = json.loads(build.text("feed_json_created.json"))["items"]
    dated = {item["url"]: item["date_published"] for item in items}
    both = (f"{SITE}blog/part/", f"{SITE}fr/blog/part/")
    assert dated == dict.fromkeys(both, "2025-11-05T18:00:00+01:00")
