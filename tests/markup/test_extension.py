"""The Python-Markdown extension on its own, without MkDocs."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any, ClassVar

import markdown
import pytest
from markdown.test_tools import TestCase

from mkdocs_reveal.diagnostics import RevealError
from mkdocs_reveal.markup.extension import RevealExtension

SEED = Path(__file__).parents[1] / "data" / "chronicles-chapter-1.md"
OSLO = {"timezone": "Europe/Oslo", "reveal_time": "09:00"}


def render(text: str, now: str, **options: object) -> str:
    """Render text with the extension at a clock (and `meta`, for a page's `date:`)."""
    configs = {"mkdocs_reveal": {**OSLO, "now": now, **options}}
    return markdown.markdown(
        text, extensions=["meta", "mkdocs_reveal", "admonition"], extension_configs=configs
    )


def seed_body() -> str:
    """The seed page, its front matter reduced to its `date` as the `meta` extension reads it."""
    # Its yearless stamps are read against that date; the body's lines keep their numbers.
    return "date: 2025-11-02\n\n" + SEED.read_text(encoding="utf-8").split("---\n", 2)[2]


# A pinned clock (the `now` option) is one moment: a sealed stamp says how far it is.
def left(words: str) -> str:
    """The countdown part of a stamp judged at a pinned clock."""
    return f' <span class="reveal-stamp-countdown">{words}</span>'


class TestStamp(TestCase):
    """A stand-alone stamp."""

    default_kwargs: ClassVar[dict[str, Any]] = {
        "extensions": ["mkdocs_reveal"],
        "extension_configs": {"mkdocs_reveal": {**OSLO, "now": "2025-11-03T12:00:00+01:00"}},
    }

    def test_sealed_stamp(self) -> None:
        self.assertMarkdownRenders(
            '<RevealStamp date="Monday, November 10th 2025" />',
            '<p class="reveal-stamp-line"><time class="reveal-stamp is-sealed" '
            'datetime="2025-11-10T09:00:00+01:00">'
            '<span class="reveal-stamp-label">Coming</span> '
            '<span class="reveal-stamp-date">Monday, November 10, 2025</span>'
            f"{left('in 7 days')}</time></p>",
        )

    def test_revealed_stamp(self) -> None:
        self.assertMarkdownRenders(
            '<RevealStamp date="2025-11-03" />',
            '<p class="reveal-stamp-line"><time class="reveal-stamp is-revealed" '
            'datetime="2025-11-03T09:00:00+01:00"><span class="reveal-stamp-label">Revealed'
            '</span> <span class="reveal-stamp-date">Monday, November 3, 2025</span></time></p>',
        )

    def test_author_words_are_escaped(self) -> None:
        self.assertMarkdownRenders(
            "<RevealStamp date='Nov 10 2025 &lt;b&gt;' />",
            '<p class="reveal-stamp-line"><time class="reveal-stamp is-sealed">'
            '<span class="reveal-stamp-label">Coming</span> '
            '<span class="reveal-stamp-date">Nov 10 2025 &lt;b&gt;</span></time></p>',
        )

    def test_tags_in_code_are_literal(self) -> None:
        self.assertMarkdownRenders(
            'Use `<RevealStamp date="x" />` here.\n\n    <PostPreview>\n',
            '<p>Use <code>&lt;RevealStamp date="x" /&gt;</code> here.</p>\n'
            "<pre><code>&lt;PostPreview&gt;\n</code></pre>",
        )


class TestPreview(TestCase):
    """Previews, revealed and sealed."""

    default_kwargs: ClassVar[dict[str, Any]] = {
        "extensions": ["mkdocs_reveal"],
        "extension_configs": {"mkdocs_reveal": {**OSLO, "now": "2025-11-04T09:00:00+01:00"}},
    }

    def test_revealed_preview_renders_its_markdown(self) -> None:
        self.assertMarkdownRenders(
            '<PostPreview blurred date="2025-11-04">\n'
            "  **Lead in:**\n\n"
            "  A [link](x.md) and *more*.\n\n"
            "  - one\n"
            "  - two\n"
            "</PostPreview>",
            '<div class="reveal-preview is-revealed">\n'
            "<p><strong>Lead in:</strong></p>\n"
            '<p>A <a href="x.md">link</a> and <em>more</em>.</p>\n'
            "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
            "</div>",
        )

    def test_sealed_without_blurred_shows_only_the_stamp(self) -> None:
        self.assertMarkdownRenders(
            "<PostPreview>\n"
            '  <RevealStamp date="2025-11-05" />\n\n'
            "  The hidden teaser.\n"
            "</PostPreview>",
            '<div class="reveal-preview is-sealed" data-reveal-at="2025-11-05T09:00:00+01:00">\n'
            '<p class="reveal-stamp-line"><time class="reveal-stamp is-sealed" '
            'datetime="2025-11-05T09:00:00+01:00">'
            '<span class="reveal-stamp-label">Coming</span> '
            '<span class="reveal-stamp-date">Wednesday, November 5, 2025</span>'
            f"{left('in 24 hours')}</time></p>\n"
            "</div>",
        )

    def test_sealed_blurred_has_same_shape_filler(self) -> None:
        html = render(
            "<PostPreview blurred>\n"
            '  <RevealStamp date="Wednesday, November 5th" />\n\n'
            "  **Secret lead:**\n\n"
            "  One two three four five six seven eight nine ten eleven twelve.\n\n"
            "  1. first item here\n"
            "  2. second item here\n"
            "  3. third item here\n"
            "</PostPreview>",
            "2025-11-04T09:00:00+01:00",
        )
        assert "Secret" not in html and "eleven" not in html and "item" not in html
        assert 'aria-hidden="true" data-search-exclude' in html
        assert '<p class="reveal-notice">Available Wednesday, November 5, 2025</p>' in html
        placeholder = html[html.index("reveal-placeholder") :]
        assert placeholder.count("<li>") == 3 and "<ol>" in placeholder
        assert re.search(r"<p><strong>\w+ \w+:</strong></p>", placeholder)

    def test_filler_is_not_derived_from_the_hidden_words(self) -> None:
        first = render(
            "<PostPreview blurred date='2025-12-01'>\nalpha beta gamma delta\n</PostPreview>",
            "2025-11-04T09:00:00+01:00",
        )
        second = render(
            "<PostPreview blurred date='2025-12-01'>\nzeta eta theta iota\n</PostPreview>",
            "2025-11-04T09:00:00+01:00",
        )
        assert first == second

    def test_clock_at_the_instant_reveals(self) -> None:
        text = '<PostPreview date="2025-11-04">\nvisible\n</PostPreview>'
        assert "visible" in render(text, "2025-11-04T09:00:00+01:00")
        assert "visible" not in render(text, "2025-11-04T08:59:59+01:00")
        # The same instant in another offset.
        assert "visible" in render(text, "2025-11-04T08:00:00+00:00")
        assert "visible" not in render(text, "2025-11-04T07:59:00+00:00")

    def test_the_later_own_date_wins_over_the_stamp(self) -> None:
        html = render(
            '<PostPreview date="2025-11-20">\n<RevealStamp date="2025-11-04" />\nsecret\n'
            "</PostPreview>",
            "2025-11-10T00:00:00+01:00",
        )
        assert "secret" not in html

    def test_preview_in_admonition_list_and_quote(self) -> None:
        text = (
            "!!! note\n\n"
            "    <PostPreview date='2025-12-01' blurred>\n"
            "    hidden-in-note\n"
            "    </PostPreview>\n\n"
            "- item\n\n"
            "    <PostPreview date='2025-11-01'>\n"
            "    shown-in-list\n"
            "    </PostPreview>\n\n"
            "> <PostPreview date='2025-12-01'>\n"
            "> hidden-in-quote\n"
            "> </PostPreview>\n"
        )
        html = render(text, "2025-11-10T00:00:00+01:00")
        assert "hidden-in-note" not in html and "hidden-in-quote" not in html
        assert re.search(r"<li>\s*<p>item</p>\s*<div class=\"reveal-preview is-revealed\">", html)
        assert "<p>shown-in-list</p>" in html
        assert re.search(r'<div class="admonition note">.*is-sealed', html, re.DOTALL)
        assert re.search(r"<blockquote>\s*<div class=\"reveal-preview is-sealed\"", html)

    def test_author_preview_shows_sealed_content_marked(self) -> None:
        html = render(
            "<PostPreview blurred date='2025-12-01'>\nnot yet public\n</PostPreview>",
            "2025-11-10T00:00:00+01:00",
            preview=True,
        )
        assert "not yet public" in html
        assert "is-sealed is-preview" in html and "Sealed until Monday, December 1, 2025" in html


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a\n\n<PostPreview blurred>\nsecret\n", 3, "never closed"),
        ("<PostPreview>\n<PostPreview>\nsecret\n</PostPreview>\n</PostPreview>", 2, "inside"),
        ("<PostPreview date='November 31st 2025'>\nsecret\n</PostPreview>", 1, "31"),
        ("<PostPreview date='Nov 4rd 2025'>\nsecret\n</PostPreview>", 1, "4th"),
        ("<PostPreview date='whenever'>\nsecret\n</PostPreview>", 1, "whenever"),
        ("<PostPreview blurred>\nsecret\n</PostPreview>", 1, "no reveal date"),
        ("x\n<PostPreview post='a.md'>\nsecret\n</PostPreview>", 2, "no reveal date"),
        ("<PostPreview date='2025-11-01' x=\"1\">\nsecret\n</PostPreview>", 1, "has no attribute"),
        ("<PostPreview date=Nov 1 2025>\nsecret\n</PostPreview>", 1, "quotes"),
        ("<PostPreview date='2025-11-01'>secret</PostPreview>", 1, "alone on its line"),
    ],
)
def test_problems_fail_closed_and_are_reported(
    text: str, line: int, words: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.reveal"):
        html = render(text, "2030-01-01T00:00:00+01:00")
    if words != "has no attribute":
        assert "secret" not in html
    located = [r.getMessage() for r in caplog.records if f"line {line}:" in r.getMessage()]
    assert any(words in message for message in located), caplog.text
    assert all(r.name == "mkdocs.plugins.reveal" for r in caplog.records)


def test_seed_renders_three_stamps_and_previews_and_reports_weekdays(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.reveal"):
        html = render(seed_body(), "2025-11-12T12:00:00+01:00")
    assert html.count('<time class="reveal-stamp') == 3
    # Parts 1 and 2 are due by the clock, but their weekdays contradict their dates: where no
    # `mkdocs build --strict` stops on the warning, what it doubts stays sealed.
    assert html.count('class="reveal-preview is-revealed"') == 0
    assert html.count('class="reveal-preview is-sealed"') == 3
    assert "Excepteur sint occaecat cupidatat non proident, sunt in culpa" not in html
    assert "Duis aute irure" not in html
    messages = [r.getMessage() for r in caplog.records]
    weekday = [message for message in messages if "is a Tuesday" in message]
    assert weekday == [
        f"reveal: line {line}: November {day + 1}th 2025 is a Tuesday, not a Monday: read by "
        f"its date it is Tuesday, November {day + 1}th 2025, by its weekday Monday, November "
        f"{day}{suffix} 2025; using the later, Tuesday, November {day + 1}th 2025, until you "
        f"correct the weekday or the date (or write the year: November {day + 1}th is a Monday "
        "in 2024 and 2030)"
        for line, day, suffix in ((19, 3, "rd"), (39, 10, "th"), (60, 24, "th"))
    ]
    # Part 3 is sealed by the clock anyway: only the two that were due are said to be kept.
    kept = [message for message in messages if "kept sealed until" in message]
    assert [message.split(":")[1] for message in kept] == [" line 18", " line 38"]


def test_seed_all_sealed_before_and_all_revealed_after_once_its_weekdays_are_right() -> None:
    before = render(seed_body(), "2025-11-01T00:00:00+01:00")
    assert before.count('<div class="reveal-preview is-sealed"') == 3
    assert "Duis aute irure" not in before
    # The seed's weekdays contradict its dates (in 2025, the year its `date:` makes certain):
    # where no build stops on that warning, the previews stay sealed, however late it is.
    doubted = render(seed_body(), "2030-12-01T00:00:00+01:00")
    assert doubted.count('<div class="reveal-preview is-sealed"') == 3
    assert "Duis aute irure" not in doubted
    fixed = seed_body()
    for wrong, right in (("4th", "3rd"), ("11th", "10th"), ("25th", "24th")):
        fixed = fixed.replace(f"November {wrong}", f"November {right}")
    after = render(fixed, "2025-12-01T00:00:00+01:00")
    assert after.count('<div class="reveal-preview is-revealed"') == 3
    assert "Duis aute irure" in after


def test_meta_date_anchors_year_inference() -> None:
    text = "date: 2024-11-01\n\n<PostPreview date='Monday, November 4th'>\nshown\n</PostPreview>"
    html = markdown.markdown(
        text,
        extensions=["meta", "mkdocs_reveal"],
        extension_configs={"mkdocs_reveal": {**OSLO, "now": "2025-01-01T00:00:00+01:00"}},
    )
    # Nearest to the clock (2025-01-01) would be November 4th 2025, still sealed; nearest to
    # the page's date is November 4th 2024, a Monday, revealed.
    assert "shown" in html


def test_does_not_need_md_in_html_and_works_as_an_instance() -> None:
    extension = RevealExtension(now="2025-11-04T10:00:00+01:00", **OSLO)
    html = markdown.markdown(
        "<PostPreview date='2025-11-04'>\n**bold**\n</PostPreview>", extensions=[extension]
    )
    assert "<p><strong>bold</strong></p>" in html


def test_unknown_timezone_is_an_error() -> None:
    with pytest.raises(RevealError, match="Mars/Olympus"):
        render("x", "2025-11-04", timezone="Mars/Olympus")


def test_text_without_tags_is_untouched() -> None:
    text = "# Title\n\nSome *text*.\n\n```\ncode\n```\n"
    assert render(text, "2025-11-04") == markdown.markdown(text, extensions=["admonition"])
