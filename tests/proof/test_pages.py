"""Comparing each page with the one before: what is new is always handed on to be matched."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_reveal.proof.pages import Pages, utf8_size

MARKER = "Glimmerfrost obsidianwren lanterns"


def nav(count: int, active: int, prefix: str) -> str:
    """A theme's navigation: one entry per page, the active one marked."""
    entries = []
    for number in range(count):
        mark = " md-nav__link--active" if number == active else ""
        entries.append(
            f'<li class="md-nav__item"><a href="{prefix}page-{number:04d}/" '
            f'class="md-nav__link{mark}"><span>Page {number}</span></a></li>\n'
        )
    return "<ul>\n" + "".join(entries) + "</ul>\n"


def page(number: int, count: int, body: str) -> str:
    """A page as a theme writes it: head, navigation, content, footer."""
    return (
        f"<html><head><title>Page {number}</title></head><body>\n"
        + nav(count, number, "../")
        + f"<article><h1>Page {number}</h1>\n{body}\n</article>\n"
        + f'<footer><a href="../page-{number + 1:04d}/">Next</a></footer></body></html>\n'
    )


@settings(max_examples=60, deadline=None)
@given(
    count=st.integers(min_value=5, max_value=120),
    planted=st.integers(min_value=1, max_value=40),
    where=st.floats(min_value=0, max_value=1),
    seed=st.integers(min_value=0, max_value=1000),
)
def test_text_planted_in_one_page_is_always_handed_on(
    count: int, planted: int, where: float, seed: int
) -> None:
    rng = random.Random(seed)
    planted %= count
    pages = Pages()
    for number in range(count):
        body = " ".join(rng.choice(["alpha", "beta", "gamma", "delta"]) for _ in range(30))
        text = page(number, count, body)
        if number == planted:
            # Anywhere: in the head, the navigation, the content or the footer.
            at = int(where * len(text))
            text = text[:at] + MARKER + text[at:]
        parts, size = pages.new_parts(text)
        assert size == utf8_size(text)
        if number == planted:
            assert any(MARKER in part for part in parts), (count, planted, where)


def test_only_what_changed_is_handed_on_and_sizes_count_utf8() -> None:
    pages = Pages()
    first = page(1, 400, "Première page, café crème.")
    parts, size = pages.new_parts(first)
    assert parts == [first]
    assert size == len(first.encode("utf-8"))
    second = page(2, 400, "Deuxième page, thé vert.")
    parts, size = pages.new_parts(second)
    assert size == len(second.encode("utf-8"))
    assert sum(map(len, parts)) < len(second) / 4
    assert any("Deuxième page" in part for part in parts)
    # The same page again: only its edges are read.
    parts, _ = pages.new_parts(second)
    assert sum(map(len, parts)) == 0


def test_a_leak_repeated_on_every_page_is_handed_on_the_first_time() -> None:
    pages = Pages()
    found = []
    for number in range(30):
        parts, _ = pages.new_parts(page(number, 30, "Public.") + f"<pre>{MARKER}</pre>")
        found.append(any(MARKER in part for part in parts))
    assert found[0]
