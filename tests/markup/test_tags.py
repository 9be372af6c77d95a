"""The tag parser: what is a tag, where it is left alone, and line numbers."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_code import DIALECTS, SEALED, first_pass, render

from mkdocs_reveal.diagnostics import RevealError
from mkdocs_reveal.markup import code, tags
from mkdocs_reveal.markup.code import Dialect

SEED = Path(__file__).parents[1] / "data" / "chronicles-chapter-1.md"
NESTED = Dialect("nested")


def previews(text: str) -> list[tags.Preview]:
    """The previews of a text, with fences read as `pymdownx.superfences` reads them."""
    document = tags.parse(text, rules=NESTED)
    return [node for node in document.nodes if isinstance(node, tags.Preview)]


def messages(text: str) -> list[tuple[int, str]]:
    """The problems of a text as (line, message)."""
    return [(p.line, p.message) for p in tags.parse(text, rules=NESTED).problems]


def test_seed_has_three_previews_with_stamps_and_lines() -> None:
    found = previews(SEED.read_text(encoding="utf-8"))
    assert [(p.line, p.end_line, p.blurred) for p in found] == [
        (23, 35, True),
        (43, 56, True),
        (64, 77, True),
    ]
    assert [(s.line, s.date) for p in found for s in p.stamps] == [
        (24, "Monday, November 4th"),
        (44, "Monday, November 11th"),
        (65, "Monday, November 25th"),
    ]


def test_attributes_follow_html_rules() -> None:
    (preview,) = previews(
        "<postpreview BLURRED Date='Nov 4 2025' post=\"a &amp; b.md\">\nx\n</POSTPREVIEW>"
    )
    assert preview.blurred
    assert preview.date == "Nov 4 2025"
    assert preview.post == "a & b.md"


def test_without_blurred_attribute() -> None:
    (preview,) = previews('<PostPreview date="2025-11-04">\nx\n</PostPreview>')
    assert not preview.blurred


def test_crlf_and_bom_read_like_lf() -> None:
    lf = '<PostPreview blurred>\n<RevealStamp date="2025-11-04" />\nx\n</PostPreview>\n'
    crlf = "\ufeff" + lf.replace("\n", "\r\n")
    a, b = previews(lf)[0], previews(crlf)[0]
    assert (a.line, a.end_line, a.body) == (b.line, b.end_line, b.body)


def test_tags_in_fenced_code_are_left_alone() -> None:
    for fence in ("```", "~~~", "````markdown"):
        close = fence.rstrip("markdown")
        text = f"{fence}\n<PostPreview blurred>\n</PostPreview>\n{close}\n"
        assert previews(text) == []
        assert messages(text) == []


def test_fences_inside_lists_and_quotes() -> None:
    text = "- item\n\n    ```\n    <PostPreview>\n    ```\n\n> ```\n> </PostPreview>\n> ```\n"
    assert previews(text) == []
    assert messages(text) == []


def test_indented_code_block_is_left_alone_but_said() -> None:
    # Shown as code by design; an author who indented a teaser did not mean to publish it.
    text = "Para.\n\n    <PostPreview>\n    </PostPreview>\n"
    assert previews(text) == []
    assert messages(text) == [
        (
            3,
            "this PostPreview is indented 4 spaces, so Markdown shows it as code, sealed "
            "words included: unindent it, or put it in a fenced block if you meant to show "
            "the tag",
        )
    ]


def test_a_preview_indented_by_a_tab_is_said_so() -> None:
    (message,) = messages("Para.\n\n\t<PostPreview>\n\t</PostPreview>\n")
    assert message[0] == 3 and "indented by a tab, so Markdown shows it as code" in message[1]


def test_indented_tag_in_list_item_is_a_tag() -> None:
    text = "- item\n\n    <PostPreview blurred>\n    x\n    </PostPreview>\n"
    assert len(previews(text)) == 1


def test_a_tag_line_in_a_code_span_across_lines_is_a_tag() -> None:
    # Multi-line code spans are not looked for: when in doubt, a tag line is a tag.
    text = 'Write ``\n<RevealStamp date="2025-11-04" />\n`` in your page.\n'
    assert any(isinstance(node, tags.Stamp) for node in tags.parse(text).nodes)


def test_inline_code_span_on_one_line_is_left_alone() -> None:
    text = "Use `<PostPreview blurred>` and `</PostPreview>`.\n"
    assert messages(text) == []


def test_unmatched_backtick_does_not_hide_a_tag() -> None:
    text = 'It\'s a ` stray backtick\n<RevealStamp date="2025-11-04" />\n'
    assert any(isinstance(node, tags.Stamp) for node in tags.parse(text).nodes)


def test_stray_close_is_reported_with_its_line() -> None:
    assert messages("a\n\n</PostPreview>\n") == [
        (3, "</PostPreview> closes nothing: remove it or add the <PostPreview> it belongs to")
    ]


def test_unclosed_preview_is_broken_and_reported() -> None:
    (preview,) = previews("a\n<PostPreview blurred>\nsecret\n")
    assert preview.broken
    ((line, message),) = messages("a\n<PostPreview blurred>\nsecret\n")
    assert line == 2 and "never closed" in message


def test_nested_preview_breaks_the_outer_one() -> None:
    text = "<PostPreview>\n<PostPreview>\ninner\n</PostPreview>\nouter\n</PostPreview>\nafter\n"
    (preview,) = previews(text)
    assert preview.broken and preview.end_line == 6
    assert [line for line, _ in messages(text)] == [2]
    assert tags.parse(text).nodes[-1] == tags.Text(["after", ""])


def test_unknown_attribute_is_reported() -> None:
    assert messages('<RevealStamp date="2025-11-04" when="x" />') == [
        (1, "RevealStamp has no attribute 'when': it takes 'date'")
    ]


def test_unquoted_value_is_reported_once_and_breaks_the_preview() -> None:
    text = "<PostPreview date=Monday, November 4th>\nx\n</PostPreview>"
    ((line, message),) = messages(text)
    assert line == 1 and "in quotes" in message
    assert previews(text)[0].broken


def test_tag_not_alone_on_its_line_is_dropped_and_reported() -> None:
    document = tags.parse("<PostPreview blurred>secret</PostPreview>\n")
    assert "secret" not in repr(document.nodes)
    assert "alone on its line" in document.problems[0].message


def test_stamp_without_date_is_reported() -> None:
    ((line, message),) = messages("x\n<RevealStamp />\n")
    assert line == 2 and "no date" in message


def test_first_line_offsets_every_number() -> None:
    (preview,) = tags.parse("<PostPreview>\nx\n</PostPreview>", first_line=10).nodes
    assert isinstance(preview, tags.Preview)
    assert (preview.line, preview.body_lines, preview.end_line) == (10, [11], 12)


@given(st.text())
def test_parser_raises_nothing_but_its_own_error(text: str) -> None:
    with contextlib.suppress(RevealError):
        tags.parse(text)


@given(
    st.lists(
        st.sampled_from(
            [
                "<PostPreview blurred>",
                "</PostPreview>",
                '<RevealStamp date="2025-11-04" />',
                "```",
                "    code",
                "- item",
                "> quote",
                "`",
                "",
                "text",
                "<postpreview date='x'>",
            ]
        )
    )
)
def test_parser_keeps_every_line_accounted_for(lines: list[str]) -> None:
    document = tags.parse("\n".join(lines))
    for node in document.nodes:
        if isinstance(node, tags.Preview):
            assert len(node.body) == len(node.body_lines)


def test_unclosed_fence_hides_nothing() -> None:
    # Python-Markdown needs the closing fence; without it the tags after it are real.
    text = "```\n<PostPreview date='2030-01-01'>\nsecret\n</PostPreview>\n"
    for fences in ("top", "nested"):
        assert isinstance(tags.parse(text, rules=Dialect(fences)).nodes[1], tags.Preview)


def test_dialect_follows_the_extensions() -> None:
    assert code.dialect([]) == Dialect("none", md_in_html=False)
    assert code.dialect(["toc", "markdown.extensions.fenced_code"]) == Dialect("top")
    assert code.dialect(["extra"]) == Dialect("top", md_in_html=True)
    assert code.dialect(["fenced_code", "pymdownx.superfences"]) == Dialect("nested")
    assert code.dialect(["pymdownx.superfences", "md_in_html"]) == Dialect("nested", True)


def test_fences_are_code_only_where_the_extensions_say() -> None:
    # Blank lines inside: without fences the backticks cannot pair up into a code span.
    nested = "- item\n\n    ```\n\n    <PostPreview>\n\n    ```\n"
    top = "```\n\n<PostPreview>\n\n```\n"
    assert previews_with(nested, "nested") == 0 and previews_with(nested, "top") == 1
    assert previews_with(top, "top") == 0 and previews_with(top, "none") == 1


def previews_with(text: str, fences: code.Fences) -> int:
    """How many previews the parser finds under a fence rule."""
    found = tags.parse(text, rules=Dialect(fences)).nodes
    return sum(isinstance(node, tags.Preview) for node in found)


def test_list_marker_before_a_tag() -> None:
    (preview,) = previews("- <PostPreview date='2030-01-01'>\n    secret\n\n    </PostPreview>")
    assert (preview.prefix, preview.inner, preview.body) == ("- ", "    ", ["    secret", ""])


def test_an_opening_that_is_not_alone_still_seals_what_follows() -> None:
    document = tags.parse("intro <PostPreview date='2030-01-01'>\nsecret\n</PostPreview>\nafter")
    assert [type(node).__name__ for node in document.nodes] == ["Preview", "Text"]
    preview = document.nodes[0]
    assert isinstance(preview, tags.Preview) and preview.broken and preview.body == ["secret"]


# name -> (page, the line of a closing tag Python-Markdown shows as code but the seal takes for
# a tag, the line of the real one, whether a fence extension makes the first one code).
STRAY = {
    "in a code span across lines": (
        f"Intro.\n\n{SEALED}\nTo close a teaser, write `\n</PostPreview>\n"
        "` alone on a line. spanwhistle l’été, don’t “tell”.\n</PostPreview>\n\nAfter.\n",
        5,
        7,
        False,
    ),
    "in a fence the site does not read": (
        f"Intro.\n\n{SEALED}\nClose it so:\n\n```\n</PostPreview>\n```\n\n"
        "fencewhistle l’été, don’t “tell”.\n</PostPreview>\n\nAfter.\n",
        7,
        11,
        True,
    ),
}


@pytest.mark.parametrize("extensions", DIALECTS, ids=lambda names: "+".join(names) or "plain")
@pytest.mark.parametrize("name", list(STRAY))
def test_a_closing_tag_in_code_publishes_nothing_after_it(
    name: str, extensions: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    text, early, end, fenced = STRAY[name]
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.reveal"):
        html = render(text, extensions)
    for output in (html, first_pass(text, extensions)):
        for word in ("whistle", "l’été", "don’t"):
            assert word not in output
        assert "<p>After.</p>" in output  # sealed up to the real closing tag, not beyond
    read_as_code = fenced and code.dialect(extensions).fences != "none"
    assert [record.getMessage() for record in caplog.records] == (
        []
        if read_as_code
        else [
            f"reveal: line {end}: </PostPreview> closes nothing, so the PostPreview of line 3 "
            f"was closed too early, on line {early} (in a code span or code block?): it now "
            f"ends on line {end} and everything up to here stays sealed; remove the closing "
            "tag that does not belong, or show a tag in a code span on one line"
        ]
    )


def test_a_reopened_preview_takes_what_its_early_close_left_out() -> None:
    text = "<PostPreview date='2020-01-01'>\nshown `\n</PostPreview>\n` more\n</PostPreview>\n"
    (preview,) = previews(text)
    # Revealed by its date, but its end cannot be trusted: it stays sealed.
    assert (preview.end_line, preview.broken) == (5, True)
    assert (preview.body, preview.body_lines) == (["shown `", "` more"], [2, 4])


def test_a_stray_close_after_only_blank_lines_reopens_nothing() -> None:
    text = "<PostPreview date='2020-01-01'>\nshown\n</PostPreview>\n\n</PostPreview>\n"
    (preview,) = previews(text)
    assert (preview.end_line, preview.broken) == (3, False)
    assert [line for line, _ in messages(text)] == [5]


def test_an_unreadable_opening_seals_its_teaser(caplog: pytest.LogCaptureFixture) -> None:
    # The date's closing quote is missing: HTML reads no tag in the line at all.
    text = (
        'Intro.\n\n<PostPreview blurred date="2020-01-01>\nquoteless words, '
        "l’été, don’t “tell”\n</PostPreview>\n\nAfter.\n"
    )
    for extensions in DIALECTS:
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.reveal"):
            html = render(text, extensions)
        for output in (html, first_pass(text, extensions)):
            for word in ("quoteless", "l’été", "don’t", "&lt;/postpreview"):
                assert word not in output.lower()
            assert "<p>After.</p>" in output  # sealed up to its closing tag, not beyond
        assert (
            "reveal: line 3: cannot read the tag '<PostPreview blurred date=\"2020-01-01>': "
            'write it as <PostPreview blurred date="..."> or <RevealStamp date="..." />'
        ) in [record.getMessage() for record in caplog.records]


def test_an_unreadable_tag_in_a_preview_breaks_it() -> None:
    text = "<PostPreview date='2020-01-01'>\n<RevealStamp date=\"x />\nwords\n</PostPreview>\n"
    (preview,) = previews(text)
    assert (preview.end_line, preview.broken) == (4, True)
