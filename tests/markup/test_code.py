"""What the seal takes for code is never more than what Python-Markdown shows as code.

Each case plants a word in a sealed preview and renders it for real, in every Markdown
dialect a site may use: through the extension (the HTML), and through the plugin's first pass
alone, re-rendered without the extension, as plugins that read a page's Markdown do.
"""

from __future__ import annotations

import logging
import re

import markdown
import pytest

from mkdocs_reveal.markup import code, tags
from mkdocs_reveal.markup.code import Dialect, code_lines
from mkdocs_reveal.markup.extension import Fragments, RevealExtension
from mkdocs_reveal.markup.transform import transform

NOW = "2025-11-12T12:00:00+01:00"
SEALED = '<PostPreview blurred date="2030-01-01">'
DIALECTS = [
    [],
    ["fenced_code"],
    ["pymdownx.superfences"],
    ["md_in_html"],
    ["md_in_html", "pymdownx.superfences"],
    ["extra"],
]

# name -> a page whose sealed preview Python-Markdown would render, and the word planted in it.
CASES = {
    "escaped backtick": (
        f"Intro with an escaped \\` backtick\n{SEALED}\nquillmoth words\n</PostPreview>\n"
        "and a ` later.\n",
        "quillmoth",
    ),
    "backtick in a heading above": (
        f"## Part `two\n{SEALED}\ngravelorn words\n</PostPreview>\nClosing ` tick.\n",
        "gravelorn",
    ),
    "triple backticks on one line": (
        f"```make``` runs it\n\n{SEALED}\nthistlewick words\n</PostPreview>\n\n```\n",
        "thistlewick",
    ),
    "indented inside a raw div": (
        f"<div>\n\n    {SEALED}\n    bramblecue words\n    </PostPreview>\n\n</div>\n",
        "bramblecue",
    ),
    "indented inside a span div": (
        f'<p markdown="1">\n\n    {SEALED}\n    fernquill words\n    </PostPreview>\n\n</p>\n',
        "fernquill",
    ),
    "an opening indented, its content not": (
        f"Para.\n\n    {SEALED}\nhalfmoon words\n</PostPreview>\n",
        "halfmoon",
    ),
    "a tag line in a code span across lines": (
        f"Write ``\n{SEALED}\nspanrook words\n</PostPreview>\n`` in your page.\n",
        "spanrook",
    ),
    "after an unclosed comment": (
        f"<!-- a note\n\n<div>\n\n    {SEALED}\n    moleskein words\n"
        "    </PostPreview>\n\n</div>\n",
        "moleskein",
    ),
    "code left raw by a preview that held a </div>": (
        f"<div>\n\n{SEALED}\nfirst words\n\n</div>\n</PostPreview>\nText.\n\n"
        f"    {SEALED}\n    cloakfern words\n\n    </PostPreview>\n",
        "cloakfern",
    ),
    "a fence abandoned in a list": (
        "- item\n\n    ```\n    code\nback at the margin\n\n"
        f"{SEALED}\nlistwarden words\n</PostPreview>\n\n```\n",
        "listwarden",
    ),
}


def render(text: str, extensions: list[str]) -> str:
    """The HTML of a page rendered with the extension and a site's other extensions."""
    return markdown.markdown(
        text,
        extensions=["mkdocs_reveal", *extensions],
        extension_configs={"mkdocs_reveal": {"now": NOW, "timezone": "Europe/Oslo"}},
    )


def first_pass(text: str, extensions: list[str]) -> str:
    """The page's Markdown after the plugin's first pass, rendered without the extension."""
    settings = RevealExtension(now=NOW, timezone="Europe/Oslo").settings()
    result = transform(text, settings, Fragments().store, rules=code.dialect(extensions))
    return markdown.markdown(result.markdown, extensions=extensions)


@pytest.mark.parametrize("extensions", DIALECTS, ids=lambda names: "+".join(names) or "plain")
@pytest.mark.parametrize("name", list(CASES))
def test_no_misread_code_publishes_a_sealed_word(name: str, extensions: list[str]) -> None:
    text, word = CASES[name]
    logging.getLogger("mkdocs.plugins.reveal").setLevel(logging.CRITICAL)
    assert word not in render(text, extensions)
    assert word not in first_pass(text, extensions)


@pytest.mark.parametrize(
    ("text", "extensions", "line", "how"),
    [
        (f"Para.\n\n    {SEALED}\n    shownword\n    </PostPreview>\n", [], 3, "4 spaces"),
        # Python-Markdown has turned the tab into spaces before the extension reads the page.
        (f"Para.\n\n\t{SEALED}\n\tshownword\n\t</PostPreview>\n", ["fenced_code"], 3, "4 spaces"),
        (
            f"<div markdown>\n\n    {SEALED}\n    shownword\n    </PostPreview>\n\n</div>\n",
            ["md_in_html"],
            3,
            "4 spaces",
        ),
    ],
)
def test_a_preview_that_is_code_is_shown_as_code_and_said(
    text: str, extensions: list[str], line: int, how: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.reveal"):
        html = render(text, extensions)
    # By design: the author's own code example. Its words are code, never prose.
    assert re.search(r"<pre><code>[^<]*&lt;PostPreview[^<]*shownword", html)
    assert [record.getMessage() for record in caplog.records] == [
        f"reveal: line {line}: this PostPreview is indented {how}, so Markdown shows it as "
        "code, sealed words included: unindent it, or put it in a fenced block if you meant "
        "to show the tag"
    ]


def test_div_markdown_without_md_in_html_is_raw_so_its_preview_is_sealed() -> None:
    text = f"<div markdown>\n\n    {SEALED}\n    rawdivword\n    </PostPreview>\n\n</div>\n"
    assert code_lines(text.split("\n"), Dialect()).indented == frozenset()
    assert code_lines(text.split("\n"), Dialect(md_in_html=True)).indented == {2, 3, 4}
    assert "rawdivword" not in render(text, [])


def test_fences_are_found_as_the_fence_extension_finds_them() -> None:
    lines = [
        "```make``` runs it",
        "",
        "text",
        "",
        "```python",
        "x = 1",
        "```",
        "```{ bad",
        "y",
        "```",
    ]
    assert code_lines(lines, Dialect("top")).fenced == {4, 5, 6}
    assert code_lines(lines, Dialect("nested")).fenced == {4, 5, 6}
    assert code_lines(lines, Dialect("none")).fenced == frozenset()


def test_a_superfence_not_indented_enough_is_no_fence() -> None:
    lines = ["- item", "", "    ```", "    code", "back at the margin", "    ```"]
    assert code_lines(lines, Dialect("nested")).fenced == frozenset()
    lines[4] = "    more code"
    assert code_lines(lines, Dialect("nested")).fenced == {2, 3, 4, 5}


def test_raw_html_is_found_as_python_markdown_finds_it() -> None:
    text = "<div>\n\n    raw\n\n</div>\n\n    code\n\n<section>\n<div>\n</div>\n\n    still raw\n"
    assert code.raw_html_lines(text.split("\n"), set(), md_in_html=False) == {
        1,
        2,
        3,
        4,
        9,
        10,
        11,
        12,
        13,
    }


def test_fences_are_found_alike_with_or_without_a_tag_in_them() -> None:
    """Only a fence that holds a tag is highlighted to be found: the others are found the same."""
    lines = ["```nosuchlanguage", "x", "```", "", "```python hl_lines='1'", SEALED, "```", "text"]
    found = code_lines(lines, Dialect("nested")).fenced
    assert found == {0, 1, 2, 4, 5, 6}
    # The same fences, the tag replaced by a plain line: still the same lines.
    plain = [*lines[:5], "y = 2", *lines[6:]]
    assert code_lines(plain, Dialect("nested")).fenced == found


def test_a_page_parsed_again_is_read_by_the_same_rules() -> None:
    """A page parsed twice (schedule, then seal) reads the same; other rules read it anew."""
    text = f"```\n{SEALED}\nhidden words\n</PostPreview>\n```\n"
    fenced = tags.parse(text, 1, Dialect("top"))
    assert tags.parse(text, 1, Dialect("top")) is fenced  # the second reading costs a lookup
    assert not any(isinstance(node, tags.Preview) for node in fenced.nodes)
    plain = tags.parse(text, 1, Dialect("none"))
    assert any(isinstance(node, tags.Preview) for node in plain.nodes)
    moved = tags.parse(text, 10, Dialect("none"))
    assert [node.line for node in moved.nodes if isinstance(node, tags.Preview)] == [11]
