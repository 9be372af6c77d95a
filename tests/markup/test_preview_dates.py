"""Where a preview's dates disagree, the later one wins; a date nobody can read keeps it sealed.

Every case plants a word and accented prose in a preview and renders it for real: through the
plugin's first pass (its Markdown, its stashed HTML, and that Markdown rendered again by
Python-Markdown) and through the extension on its own.
"""

from __future__ import annotations

import logging
from datetime import datetime

import markdown
import pytest

from mkdocs_reveal.markup import code
from mkdocs_reveal.markup.extension import Fragments, RevealExtension
from mkdocs_reveal.markup.transform import transform
from mkdocs_reveal.timeline.dates import parse_reveal_date
from mkdocs_reveal.timeline.schedule import HELD, Hold

NOW = "2025-01-01T12:00:00+01:00"
ZONE = {"timezone": "Europe/Oslo", "reveal_time": "09:00"}
POST = "blog/part-2.md"
PAST = "2024-11-04"
FUTURE = "2099-11-04"
BAD = "Novembr 44th"
# Real prose too: accents, curly quotes, a contraction, a dash.
PROSE = "l’été, don’t “tell” — nøkkel"


def page(opening: str, *stamps: str, word: str) -> str:
    """A page whose one preview opens with `opening` and holds the stamps and the word."""
    lines = ["# Part one", "", opening]
    lines += [f'  <RevealStamp date="{date}" />' for date in stamps]
    lines += ["", f"  The {word} teaser: {PROSE}.", "", "</PostPreview>", ""]
    return "\n".join(lines)


def plugin_pass(text: str, scheduled: str | None = None) -> tuple[str, list[str]]:
    """Everything the plugin's first pass puts out, and its warnings, each with its line."""
    extension = RevealExtension(now=NOW, **ZONE)
    settings = extension.settings()
    fragments = Fragments()

    def schedule(post: str) -> datetime | Hold | None:
        """The schedule of this test: only POST is scheduled, at `scheduled`."""
        if post != POST or scheduled is None:
            return None
        if scheduled == "hold":
            return HELD
        # Read as the schedule option is read: at the site's reveal time, in its zone.
        return parse_reveal_date(
            scheduled, tz=settings.tz, reveal_time=settings.reveal_time, anchor=settings.clock
        ).instant

    result = transform(text, settings, fragments.store, schedule=schedule, rules=code.dialect([]))
    html = markdown.markdown(result.markdown)
    output = "\n".join([result.markdown, *fragments.items, html])
    return output, [f"line {problem.line}: {problem.message}" for problem in result.problems]


def extension_pass(
    text: str, caplog: pytest.LogCaptureFixture, scheduled: str | None = None
) -> tuple[str, list[str]]:
    """The HTML of the extension on its own, and its warnings."""
    options: dict[str, object] = {"now": NOW, **ZONE}
    if scheduled is not None:
        options["schedule"] = {POST: scheduled}
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.reveal"):
        html = markdown.Markdown(extensions=[RevealExtension(**options)]).convert(text)
    return html, [record.getMessage() for record in caplog.records]


# name -> (page, schedule of POST, the line warned about, words the warning says)
SEALED = {
    "own date, then a later stamp": (
        page(f'<PostPreview blurred date="{PAST}">', FUTURE, word="quorvellin"),
        None,
        4,
        "the PostPreview on line 3 says 2024-11-04T09:00:00+01:00 but this RevealStamp says "
        "2099-11-04T09:00:00+01:00: make them agree; until then it follows the later one, "
        "2099-11-04T09:00:00+01:00",
    ),
    "a stamp, then a later one": (
        page("<PostPreview blurred>", PAST, FUTURE, word="brisquander"),
        None,
        5,
        "the RevealStamp on line 4 says 2024-11-04T09:00:00+01:00 but this RevealStamp says "
        "2099-11-04T09:00:00+01:00: make them agree; until then it follows the later one, "
        "2099-11-04T09:00:00+01:00",
    ),
    "a later stamp, then an earlier one": (
        page("<PostPreview blurred>", FUTURE, PAST, word="morrowgleam"),
        None,
        5,
        "the RevealStamp on line 4 says 2099-11-04T09:00:00+01:00 but this RevealStamp says "
        "2024-11-04T09:00:00+01:00: make them agree; until then it follows the later one, "
        "2099-11-04T09:00:00+01:00",
    ),
    "a stamp, then one that cannot be read": (
        page("<PostPreview blurred>", PAST, BAD, word="tallowfinch"),
        None,
        5,
        "cannot read 'Novembr 44th' as a date",
    ),
    "own date, then a stamp that cannot be read": (
        page(f'<PostPreview date="{PAST}">', BAD, word="cindermoot"),
        None,
        4,
        "(this stays sealed until it is fixed)",
    ),
    "a stamp, then a later schedule for its post": (
        page(f'<PostPreview blurred post="{POST}">', PAST, word="hollowquince"),
        FUTURE,
        3,
        "the RevealStamp on line 4 says 2024-11-04T09:00:00+01:00 but the schedule reveals "
        f"{POST} at 2099-11-04T09:00:00+01:00: make them agree; until then it follows the later "
        "one, 2099-11-04T09:00:00+01:00",
    ),
    "a later stamp than the schedule for its post": (
        page(f'<PostPreview blurred post="{POST}">', FUTURE, word="lanternwick"),
        PAST,
        3,
        "the RevealStamp on line 4 says 2099-11-04T09:00:00+01:00 but the schedule reveals "
        f"{POST} at 2024-11-04T09:00:00+01:00: make them agree; until then it follows the later "
        "one, 2099-11-04T09:00:00+01:00",
    ),
}


def planted(text: str) -> str:
    """The word planted in a page."""
    return text.split("The ", 1)[1].split(" ", 1)[0]


@pytest.mark.parametrize("name", list(SEALED))
def test_the_later_or_an_unreadable_date_keeps_the_preview_sealed(
    name: str, caplog: pytest.LogCaptureFixture
) -> None:
    text, scheduled, line, words = SEALED[name]
    word = planted(text)
    output, problems = plugin_pass(text, scheduled)
    html, messages = extension_pass(text, caplog, scheduled)
    for rendered in (output, html):
        assert word not in rendered
        assert "l’été" not in rendered and "don’t" not in rendered and "nøkkel" not in rendered
        assert "is-sealed" in rendered
    assert any(problem.startswith(f"line {line}: ") and words in problem for problem in problems)
    assert any(f"line {line}: " in message and words in message for message in messages)


@pytest.mark.parametrize("name", list(SEALED))
def test_once_every_date_has_passed_the_preview_is_revealed(
    name: str, caplog: pytest.LogCaptureFixture
) -> None:
    text, scheduled, _, _ = SEALED[name]
    # The same disagreements, every date now in the past (the unreadable one made readable).
    text = text.replace(BAD, "2024-12-24").replace(FUTURE, "2024-12-31")
    scheduled = scheduled and scheduled.replace(FUTURE, "2024-12-31")
    word = planted(text)
    output, problems = plugin_pass(text, scheduled)
    assert word in output and PROSE in output and "is-revealed" in output
    # They still disagree, and say so where they are written.
    assert problems and all("make them agree" in problem for problem in problems)
    # The extension alone runs where warnings do not stop a build: a doubted date stays sealed.
    html, messages = extension_pass(text, caplog, scheduled)
    assert word not in html and "l’été" not in html
    assert any("kept sealed until the warning about its date is fixed" in m for m in messages)


def test_dates_that_agree_reveal_without_a_word_of_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    text = page(f'<PostPreview blurred date="{PAST}" post="{POST}">', PAST, word="sablethorn")
    output, problems = plugin_pass(text, PAST)
    html, messages = extension_pass(text, caplog, PAST)
    assert "sablethorn" in output and "sablethorn" in html
    assert problems == [] and messages == []


def test_the_latest_of_three_disagreeing_dates_wins_and_each_is_said(
    caplog: pytest.LogCaptureFixture,
) -> None:
    text = page(f'<PostPreview blurred date="{PAST}">', FUTURE, "2024-12-01", word="wrenfallow")
    output, problems = plugin_pass(text)
    html, messages = extension_pass(text, caplog)
    assert "wrenfallow" not in output and "wrenfallow" not in html
    assert [problem.split(":", 1)[0] for problem in problems] == ["line 4", "line 5"]
    assert "follows the later one, 2099-11-04T09:00:00+01:00" in problems[1]
    assert len(messages) == 2


def test_a_held_post_stays_held_whatever_the_preview_says() -> None:
    text = page(f'<PostPreview blurred date="{PAST}" post="{POST}">', PAST, word="gloamrindle")
    output, problems = plugin_pass(text, "hold")
    assert "gloamrindle" not in output and "l’été" not in output
    assert "is-held" in output
    # Holding a part is how a writer postpones it: no warning about its dates.
    assert problems == []
