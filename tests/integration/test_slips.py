"""Authoring slips through real builds: a year not written, a tag name misspelt, Markdown that
is not the code it looks like. Each seals its planted words in every output file and is
reported as `docs/page.md:LINE` with the fix, under the extensions of a Material site and of a
plain one.
"""

from __future__ import annotations

import pytest
from cases import NOW, REVEALED, SEALED, Case, assert_sealed_and_said
from sitebuild import Build, make_site

SITES = {
    "material": ["admonition", "attr_list", "md_in_html", "pymdownx.superfences"],
    "plain": ["fenced_code"],
}

CASES = {
    # Class 2: a year not written is never read early.
    "june-on-a-november-page": Case(
        "---\ndate: 2025-11-02\n---\n\n# June\n\n<PostPreview blurred>\n"
        '<RevealStamp date="June 1st" />\n\njunewort teaser\n</PostPreview>\n',
        sealed=("junewort",),
        message="8: 'June 1st' lies more than 90 days before the page's date (2025-11-02)",
    ),
    "june-on-an-undated-page": Case(
        '# June\n\n<PostPreview date="Monday, June 1st">\nundatedwort teaser\n</PostPreview>\n',
        sealed=("undatedwort",),
        message="3: 'Monday, June 1st' has no year and the page no `date:` to tell it: it is "
        "read as June 1st 2026 rather than 2025",
    ),
    # Class 3: a tag close to ours.
    "misspelt": Case(
        f"# Misspelt\n\n<PostPreveiw blurred {REVEALED}>\nmisspeltwort\n</PostPreveiw>\n",
        sealed=("misspeltwort",),
        message="3: <PostPreveiw> is not a tag of mkdocs-reveal: did you mean <PostPreview>?",
    ),
    "plural": Case(
        f"# Plural\n\n<PostPreviews {REVEALED}>\npluralwort\n</PostPreviews>\n",
        sealed=("pluralwort",),
        message="3: <PostPreviews> is not a tag of mkdocs-reveal: did you mean <PostPreview>?",
    ),
    "closing-misspelt": Case(
        f"# Closing\n\n<PostPreview {REVEALED}>\nclosingwort\n</PostPreveiw>\n",
        sealed=("closingwort",),
        message="5: </PostPreveiw> is not a tag of mkdocs-reveal: did you mean </PostPreview>?",
    ),
    "stamp-container": Case(
        '# Stamp\n\n<Revealstamp date="2025-11-01">\nstampwort\n</Revealstamp>\n',
        sealed=("stampwort",),
        message="3: RevealStamp is a badge, not a container",
    ),
    # Class 4: Markdown the seal must read as Python-Markdown does.
    "escaped-backtick": Case(
        f"# Escaped\n\nAn escaped \\` backtick\n<PostPreview {SEALED}>\nescapewort\n"
        "</PostPreview>\nand a ` later.\n",
        sealed=("escapewort",),
    ),
    "heading-backtick": Case(
        f"# Heading\n\n## Part `two\n<PostPreview {SEALED}>\nheadingwort\n</PostPreview>\n"
        "Closing ` tick.\n",
        sealed=("headingwort",),
    ),
    "triple-backticks": Case(
        f"# Triple\n\n```make``` runs it\n\n<PostPreview {SEALED}>\ntriplewort\n"
        "</PostPreview>\n\n```\n",
        sealed=("triplewort",),
    ),
    "raw-div": Case(
        f"# Raw div\n\n<div>\n\n    <PostPreview {SEALED}>\n    rawdivwort\n"
        "    </PostPreview>\n\n</div>\n",
        sealed=("rawdivwort",),
    ),
    "half-indented": Case(
        f"# Half\n\nPara.\n\n    <PostPreview {SEALED}>\nhalfwort\n</PostPreview>\n",
        sealed=("halfwort",),
    ),
}
# Shown as code by design, and said.
CODE = (
    f"# Code\n\nHow to write a teaser:\n\n    <PostPreview {SEALED}>\n    codewort\n"
    "    </PostPreview>\n"
)


@pytest.fixture(scope="module", params=list(SITES))
def slips(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Build:
    """One site holding every slip, built once per set of extensions."""
    root = tmp_path_factory.mktemp(request.param)
    pages = {"index.md": "# Home\n", "code.md": CODE}
    pages.update({f"{name}.md": case.text for name, case in CASES.items()})
    site = make_site(root, pages, reveal={"now": NOW}, markdown_extensions=SITES[request.param])
    return site.build()


@pytest.mark.parametrize("name", list(CASES))
def test_a_slip_seals_its_words_and_says_where(slips: Build, name: str) -> None:
    assert_sealed_and_said(slips, name, CASES[name])


def test_a_preview_that_is_code_is_shown_as_code_and_said(slips: Build) -> None:
    html = slips.text("code/index.html")
    assert "&lt;PostPreview" in html and "codewort" in html
    assert (
        "WARNING -  reveal: docs/code.md:5: this PostPreview is indented 4 spaces, so "
        "Markdown shows it as code, sealed words included: unindent it, or put it in a "
        "fenced block if you meant to show the tag" in slips.log
    )
