"""Fail closed: every schedule source read whole, and text other plugins add sealed too.

Each case plants words only in sealed content and proves that a real build either keeps them
out of every output file or stops with a message naming the file and the line.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable

import pytest
from revealcli import run
from sitebuild import Site

SiteFactory = Callable[..., Site]
NOW = "2025-11-12T12:00:00+01:00"
OPTIONS = {"timezone": "Europe/Oslo", "now": NOW}
INDEX = "# Home\n\nNothing sealed here.\n"
# The i18n plugin building a site in English and French, the French pages named `*.fr.md`.
I18N = {
    "i18n": {
        "docs_structure": "suffix",
        "languages": [
            {"locale": "en", "default": True, "name": "English", "build": True},
            {"locale": "fr", "name": "Français", "build": True},
        ],
    }
}


def bilingual(site: SiteFactory, index: str, index_fr: str) -> Site:
    """A site in two languages (home pages as given) whose part.md is scheduled in both."""
    pages = {
        "index.md": index,
        "index.fr.md": index_fr,
        "part.md": "# Part\n\nThe quillvane chapter didn’t wait.\n",
        "part.fr.md": "# Partie\n\nLe chapitre d’émeraude — plumevane n’attend pas.\n",
    }
    options = {**OPTIONS, "schedule": {"part.md": "2025-12-01"}}
    return site(pages, plugins=["search", I18N, {"reveal": options}])


@pytest.mark.parametrize(
    ("front_matter", "line", "says"),
    [
        ("title: Part 2: The Workflow\nreveal: 2025-12-01\n", 2, "not valid YAML"),
        ("title: Part 2\nreveal: 2025-11-31\n", 3, "cannot be read"),
        ("title: Part 2\nreveal: 2025-12-01\ntags:\n\t- one\n", 5, "not valid YAML"),
        ("title: Part 2\nreveal: 2025-12-01\ntags: [one, two\n", 5, "not valid YAML"),
    ],
    ids=["colon-in-title", "impossible-date", "tab", "unclosed-list"],
)
def test_front_matter_that_mkdocs_cannot_read_stops_the_build(
    site: SiteFactory, front_matter: str, line: int, says: str
) -> None:
    page = f"---\n{front_matter}---\n\n# Part 2\n\nThe quillvane secret didn't wait.\n"
    project = site({"index.md": INDEX, "part.md": page}, reveal=OPTIONS)
    build = project.build(ok=False)
    assert build.returncode != 0
    assert f"docs/part.md:{line}: the front matter" in build.log
    assert says in build.log
    assert "Traceback" not in build.log
    assert build.containing("quillvane") == []


def test_front_matter_never_closed_stops_the_build(site: SiteFactory) -> None:
    page = "---\ntitle: Part 2\nreveal: 2025-12-01\n\n# Part 2\n\nThe quillvane secret.\n"
    build = site({"index.md": INDEX, "part.md": page}, reveal=OPTIONS).build(ok=False)
    assert build.returncode != 0
    assert "docs/part.md:3: the front matter that starts on line 1 is never closed" in build.log
    assert build.containing("quillvane") == []


@pytest.mark.parametrize(
    "page",
    [
        # `reveal:` after 2,000 characters of front matter.
        "---\ntitle: Part 2\ndescription: " + "x" * 2500 + "\nreveal: 2025-12-01\n---\n\n",
        # MultiMarkdown-style meta, no dashes.
        "Title: Part 2\nReveal: 2025-12-01\n\n",
        # YAML with a capitalised key.
        "---\ntitle: Part 2\nReveal: 2025-12-01\n---\n\n",
    ],
    ids=["after-2000-characters", "multimarkdown", "capitalised"],
)
def test_reveal_is_read_wherever_mkdocs_reads_meta(site: SiteFactory, page: str) -> None:
    text = page + "# Part 2\n\nLes secrets d’émeraude n’attendent pas — quillvane.\n"
    build = site({"index.md": INDEX, "part.md": text}, reveal=OPTIONS).build()
    assert build.containing("quillvane") == []
    assert build.containing("émeraude") == []
    assert "is-sealed" in build.text("part/index.html")
    if "Reveal:" in page and page.startswith("---"):
        assert "docs/part.md:3: front matter `reveal`: write `reveal:` in lower case" in build.log


def test_a_meta_file_seals_every_page_below_it(site: SiteFactory) -> None:
    pages = {
        "index.md": INDEX,
        "series/.meta.yml": "reveal: 2025-12-01\n",
        "series/part.md": "# Part\n\nThe quillvane chapter.\n",
        "series/deeper/part.md": "# Deeper\n\nThe shadowfern chapter.\n",
        "series/early.md": "---\nreveal: 2025-11-01\n---\n\n# Early\n\nThe openmoss chapter.\n",
    }
    plugins = ["search", "meta", {"reveal": OPTIONS}]
    build = site(pages, plugins=plugins).build()
    assert build.containing("quillvane") == []
    assert build.containing("shadowfern") == []
    # The page's own front matter wins over the meta file, as in Material's meta plugin.
    assert "openmoss" in build.text("series/early/index.html")


def test_a_meta_file_that_cannot_be_read_stops_the_build(site: SiteFactory) -> None:
    pages = {
        "index.md": INDEX,
        "series/.meta.yml": "tags: [one\nreveal: 2025-12-01\n",
        "series/part.md": "# Part\n\nThe quillvane chapter.\n",
    }
    build = site(pages, reveal=OPTIONS).build(ok=False)
    assert build.returncode != 0
    assert "docs/series/.meta.yml:" in build.log and "not valid YAML" in build.log
    assert build.containing("quillvane") == []


GEN_FILES = """
import mkdocs_gen_files

with mkdocs_gen_files.open("generated.md", "w") as page:
    page.write("---\\nreveal: 2025-12-01\\n---\\n\\n# Generated\\n\\nThe quillvane chapter.\\n")
"""


def test_pages_other_plugins_add_are_read_and_sealed(site: SiteFactory) -> None:
    plugins = ["search", {"gen-files": {"scripts": ["gen.py"]}}, {"reveal": OPTIONS}]
    project = site({"index.md": INDEX}, plugins=plugins)
    project.write("gen.py", GEN_FILES)
    build = project.build()
    assert build.containing("quillvane") == []
    assert "is-sealed" in build.text("generated/index.html")


def test_a_dated_preview_seals_the_post_it_names(site: SiteFactory) -> None:
    pages = {
        "index.md": '# Series\n\n<PostPreview blurred post="part-2.md">\n'
        '<RevealStamp date="2025-11-24" />\n\nThe teaser.\n</PostPreview>\n',
        "part-2.md": "# Part 2\n\nThe quillvane chapter.\n",
    }
    build = site(pages, reveal=OPTIONS).build()
    assert build.containing("quillvane") == []
    assert "is-sealed" in build.text("part-2/index.html")
    assert (
        "docs/index.md:3: this PostPreview reveals part-2.md at 2025-11-24T00:00:00+01:00, but "
        "the page itself is scheduled with no date of its own" in build.log
    )


INCLUDED = (
    '<PostPreview blurred date="2025-11-24">\n\nThe quillvane teaser, isn’t it?\n\n</PostPreview>\n'
)
# Stands for the plugins that read `page.markdown` after rendering (llms sources, feeds).
DUMP_HOOK = """
from pathlib import Path

def on_page_content(html, page, config, files):
    out = Path(config.site_dir) / "markdown" / (page.file.src_uri + ".txt")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page.markdown, encoding="utf-8")
    return html
"""


@pytest.mark.parametrize(
    ("plugin", "include"),
    [
        ("include-markdown", '{%\n  include-markdown "snippets/teaser.md"\n%}'),
        ("macros", "{% include 'snippets/teaser.md' %}"),
    ],
)
def test_text_included_after_our_first_pass_is_sealed_in_page_markdown(
    site: SiteFactory, plugin: str, include: str
) -> None:
    pages = {"index.md": f"# Home\n\n{include}\n"}
    plugins = ["search", plugin, {"reveal": OPTIONS}, "llmstxt", "llms-source"]
    extra = {"hooks": ["dump.py"], "exclude_docs": "snippets/\n"}
    if plugin == "macros":
        extra = {"hooks": ["dump.py"]}
    project = site(pages, plugins=plugins, **extra)
    folder = "docs/snippets" if plugin == "include-markdown" else "snippets"
    project.write(f"{folder}/teaser.md", INCLUDED)
    project.write("dump.py", DUMP_HOOK)
    if plugin == "macros":
        project.config["plugins"][1] = {"macros": {"include_dir": "."}}
    project.config["plugins"][3] = {
        "llmstxt": {"full_output": "llms-full.txt", "sections": {"Home": ["index.md"]}}
    }
    build = project.build()
    assert "reveal-preview is-sealed" in build.text("index.html")
    assert build.containing("quillvane") == []
    assert (build.site / "markdown" / "index.md.txt").is_file()
    assert (build.site / "llms-full.txt").is_file()


def test_a_schedule_entry_covers_every_language_and_stand_ins_survive_i18n(
    site: SiteFactory,
) -> None:
    project = bilingual(site, "# Home\n\n[Part](part.md)\n", "# Accueil\n\n[Partie](part.md)\n")
    build = project.build("--strict")
    assert "Unhandled file case" not in build.log
    for word in ("quillvane", "plumevane", "émeraude"):
        assert build.containing(word) == [], word
    # Both stand-ins are built where the pages will be: the links are not dead.
    assert "is-sealed" in build.text("part/index.html")
    assert "is-sealed" in build.text("fr/part/index.html")


def test_git_aware_plugins_accept_stand_ins(site: SiteFactory) -> None:
    pages = {
        "index.md": INDEX,
        "part.md": "---\nreveal: 2025-12-01\n---\n\n# Part\n\nThe quillvane chapter.\n",
    }
    plugins = ["search", "git-revision-date-localized", {"reveal": OPTIONS}]
    project = site(pages, plugins=plugins)
    for command in (["init", "-q"], ["add", "."], ["commit", "-qm", "Pages"]):
        subprocess.run(
            ["git", "-c", "user.name=Writer", "-c", "user.email=writer@example.org", *command],
            cwd=project.root,
            check=True,
        )
    build = project.build("--strict")
    assert "Traceback" not in build.log
    assert build.containing("quillvane") == []
    assert "is-sealed" in build.text("part/index.html")


@pytest.mark.parametrize(
    ("plugin", "nav_file", "nav_text"),
    [
        ("awesome-nav", "docs/.nav.yml", "nav:\n  - index.md\n  - Part two, the secret: part.md\n"),
        (
            "literate-nav",
            "docs/SUMMARY.md",
            "* [Home](index.md)\n* [Part two, the secret](part.md)\n",
        ),
    ],
)
def test_excluded_pages_leave_no_entry_in_a_nav_other_plugins_build(
    site: SiteFactory, plugin: str, nav_file: str, nav_text: str
) -> None:
    pages = {
        "index.md": INDEX,
        "part.md": "---\nreveal: 2025-12-01\n---\n\n# Part two, the secret\n\nquillvane\n",
    }
    options = {**OPTIONS, "sealed_pages": "exclude"}
    project = site(pages, plugins=["search", plugin, {"reveal": options}])
    project.write(nav_file, nav_text)
    build = project.build("--strict")
    assert build.containing("quillvane") == []
    assert "part/" not in build.text("index.html")
    assert "Part two, the secret" not in build.text("index.html")


SVG = '<svg xmlns="http://www.w3.org/2000/svg"><text>{word}</text></svg>\n'


def test_attachments_only_sealed_content_names_stay_out_however_they_are_named(
    site: SiteFactory,
) -> None:
    part = (
        "---\nreveal: 2025-12-01\n---\n\n# Part\n\n"
        '<img src="../img/raw.svg" alt="">\n\n'
        "![](<files/name with spaces.svg>)\n\n"
        "![](https://example.org/img/absolute.svg)\n"
    )
    pages = {"index.md": INDEX, "blog/part.md": part}
    project = site(pages, reveal=OPTIONS)
    for name, word in [
        ("blog/img/raw.svg", "rawquill"),
        ("blog/files/name with spaces.svg", "spacequill"),
        ("img/absolute.svg", "absolutequill"),
    ]:
        project.page(name, SVG.format(word=word))
    build = project.build()
    for word in ("rawquill", "spacequill", "absolutequill"):
        assert build.containing(word) == [], word


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (
            "---\ntitle: Part\nreveal: 2025-12-01\nreveal: 2025-11-01\n---\n\n",
            "docs/part.md:4: `reveal:` is written on lines 3 and 4: keep one",
        ),
        (
            "\n---\ntitle: Part\nreveal: 2025-12-01\n---\n\n",
            "docs/part.md:4: front matter must start on the first line",
        ),
    ],
    ids=["written-twice", "after-a-blank-line"],
)
def test_front_matter_that_would_reveal_early_stops_the_build(
    site: SiteFactory, page: str, message: str
) -> None:
    text = page + "# Part\n\nThe quillvane chapter.\n"
    build = site({"index.md": INDEX, "part.md": text}, reveal=OPTIONS).build(ok=False)
    assert build.returncode != 0
    assert message in build.log
    assert build.containing("quillvane") == []


def test_a_meta_file_covers_pages_as_materials_meta_plugin_does(site: SiteFactory) -> None:
    pages = {
        "index.md": INDEX,
        "blog/.meta.yml": "reveal: 2025-12-01\n",
        "blogroll/list.md": "# Blogroll\n\nThe quillvane list.\n",
    }
    build = site(pages, plugins=["search", "meta", {"reveal": OPTIONS}]).build()
    assert build.containing("quillvane") == []


def test_a_preview_whose_date_cannot_be_read_keeps_its_post_sealed(site: SiteFactory) -> None:
    pages = {
        "index.md": '# Series\n\n<PostPreview blurred post="part-2.md" date="Novembruary 40th">\n'
        "\nThe teaser.\n\n</PostPreview>\n",
        "part-2.md": "# Part 2\n\nLe chapitre d’émeraude — quillvane n’attend pas.\n",
    }
    build = site(pages, reveal=OPTIONS).build()
    assert build.containing("quillvane") == []
    assert build.containing("émeraude") == []
    assert "is-sealed" in build.text("part-2/index.html")
    assert "docs/index.md:3: this PostPreview has no date that can be read" in build.log


def test_the_check_covers_every_language_as_the_build_does(site: SiteFactory) -> None:
    project = bilingual(site, "# Home\n", "# Accueil\n")
    assert project.build("--strict").containing("plumevane") == []
    assert run(project.root, "check", now=NOW).returncode == 0
    # The same site built by a generator that ignores the plugin: both languages leak.
    project.build_without_the_plugin()
    done = run(project.root, "check", "--site-dir", "generated", now=NOW)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "fr/part/index.html holds sealed text of docs/part.fr.md" in done.stderr
    assert "plumevane" not in done.stdout + done.stderr
