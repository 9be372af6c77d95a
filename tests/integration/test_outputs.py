"""Markup the plugin adds to pages, and the site-wide outputs it clears of sealed pages."""

from __future__ import annotations

import re

import pytest

from mkdocs_reveal.integration import site_outputs as outputs
from mkdocs_reveal.publishing import calendar as ics

STAMP = '<time class="reveal-stamp is-sealed" datetime="{0}">Coming {0}</time>'


def test_head_markup_follows_the_first_head_tag_whatever_its_case_and_attributes() -> None:
    page = '<!doctype html><HTML><Head lang="en"><title>x</title></Head><p>&lt;head&gt;</p><head>'
    added = outputs.add_to_head(page, "<meta>")
    assert added == page.replace('<Head lang="en">', '<Head lang="en"><meta>')
    assert outputs.add_to_head("<p>no head</p>", "<meta>") == "<p>no head</p>"
    assert outputs.add_to_head("<header></header><head>", "<meta>") == (
        "<header></header><head><meta>"
    )


def test_calendar_link_follows_each_sealed_stamp_and_no_other() -> None:
    revealed = '<time class="reveal-stamp is-revealed">Out</time>'
    content = f"<p>{STAMP.format(1)} {revealed} {STAMP.format(2)}</p><p>{STAMP.format(1)}</p>"
    linked = ics.link_stamps(content, "series/", "en")
    anchors = re.findall(r"</time>( <a class=\"reveal-calendar\"[^>]*>)?", linked)
    assert [bool(anchor) for anchor in anchors] == [True, False, True, True]
    assert 'href="../reveals.ics"' in linked


@pytest.mark.parametrize(
    ("plugins", "cleared"),
    [
        (["material/search", "reveal"], False),  # stand-ins say `search: exclude`: obeyed
        (["search", "reveal"], True),  # MkDocs' own search ignores it
        (["material/search", "search", "reveal"], True),
        (["reveal"], True),  # another theme's search may write the index too
    ],
)
def test_the_search_index_is_read_only_where_stand_ins_can_be_in_it(
    plugins: list[str], cleared: bool
) -> None:
    assert outputs.indexes_stand_ins(plugins) is cleared
