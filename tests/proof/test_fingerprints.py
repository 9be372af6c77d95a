"""Folding and fingerprints: the same words from any script, any channel, any punctuation."""

from __future__ import annotations

import html
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_reveal.markup.placeholder import VOCABULARY
from mkdocs_reveal.proof.fingerprints import WINDOW, Fingerprints, Matcher
from mkdocs_reveal.proof.text import APART, fold, words

PROSE = {
    "french": "C’est l’été à Paris : nous n’avions jamais vu la Seine aussi calme, dit-elle.",
    "german": "Über den Brücken der Altstadt fährt die Straßenbahn nur noch sonntags.",
    "contractions": "I didn't know it then, but here's the thing: we couldn't have stayed.",
    "quotes and dashes": "“Nobody told us,” she said — and the keeper’s logbook stayed shut.",
    "japanese": "灯台守の日記は、嵐の夜に海へ流された。誰もその行方を知らない。",
}


@pytest.mark.parametrize("name", PROSE)
def test_every_channel_folds_to_the_same_words(name: str) -> None:
    text = PROSE[name]
    expected = fold(text)
    assert expected.strip()
    channels = {
        "html entities": html.escape(text).replace("’", "&rsquo;").replace("é", "&eacute;"),
        "numeric entities": "".join(f"&#{ord(c)};" if not c.isascii() else c for c in text),
        "json ascii": json.dumps(text),
        "json utf-8": json.dumps(text, ensure_ascii=False),
        "upper case": text.upper(),
        "markup": "<strong>" + text.replace(" ", "</strong> <em>", 1) + "</em>",
        "re-flowed": text.replace(" ", "\n    "),
    }
    for channel, written in channels.items():
        # The words run unbroken by markup; the tags, if any, are read after them.
        folded = fold(written)
        assert folded == expected or folded.startswith(expected + APART.lstrip()), channel


def test_inline_markup_joins_words_and_blocks_part_them() -> None:
    """Bold or a link inside a sentence is no break in it; two paragraphs are two texts."""
    inline = fold('The <strong>keeper’s</strong> <a href="log/">logbook</a> stayed<br>shut')
    assert inline.startswith(" the keeper s logbook stayed shut " + APART.lstrip())
    assert " log " in inline  # the link's target is still read, after the text
    assert " p " in fold("<p>Part 2 of the series</p><p>All about moonbasalt</p>")


def test_fold_reads_compatibility_forms_and_case() -> None:
    assert fold("ÉTÉ À PARIS") == fold("été à paris")
    assert fold("STRASSE") == fold("Straße")
    assert fold("ﬁnal ﬁle") == fold("final file")
    assert fold("Ｆｕｌｌｗｉｄｔｈ") == fold("fullwidth")
    # A letter after an escaped backslash is a letter, not an escape.
    assert words(json.dumps("C:\\new")) == ["c", "new"]
    # Astral characters written as a JSON surrogate pair.
    assert words(json.dumps("𠮷野家 sealed")) == words("𠮷野家 sealed")


def prints_of(text: str, public: str = "") -> Fingerprints:
    """The fingerprints of one sealed text, with a site that shows `public`."""
    found = Fingerprints()
    found.add(text, "docs/sealed.md", set(words(public)))
    return found


@pytest.mark.parametrize("name", PROSE)
def test_a_sealed_passage_is_found_in_any_channel(name: str) -> None:
    prints = prints_of(PROSE[name])
    matcher = Matcher([*prints.windows, *prints.words])
    leaked = json.dumps({"items": [{"text": f"<p>Public intro. {PROSE[name]}</p>"}]})
    assert matcher.found(fold(leaked))
    assert not matcher.found(fold("<p>Public intro, nothing else.</p>"))


def test_windows_are_runs_of_words_and_distinctive_words_stand_alone() -> None:
    text = "The glimmerfrost lantern hung over the harbour of Obsidianwren all night."
    prints = prints_of(text, public="The lantern hung over the harbour all night long.")
    assert all(len(window.split()) == WINDOW for window in prints.windows)
    assert set(prints.words) == {" glimmerfrost ", " obsidianwren "}
    # Short items of a list: each distinctive word is a fingerprint of its own.
    items = prints_of("- Zimtschnecke\n- Quittengelee\n- Tee\n- 2025\n")
    assert set(items.words) == {" zimtschnecke ", " quittengelee "}
    assert not items.windows
    # Japanese has no spaces: a phrase is one word, and two wide characters are enough.
    assert " 秘密 " in prints_of("- 秘密\n").words


def test_the_plugins_own_filler_is_never_a_fingerprint() -> None:
    prints = prints_of(" ".join(VOCABULARY * 2))
    assert not prints.words and not prints.windows


def test_a_word_is_found_only_whole() -> None:
    prints = prints_of("- Glimmerfrost\n")
    matcher = Matcher(prints.words)
    assert matcher.found(fold("<li>Glimmerfrost</li>"))
    assert matcher.found(fold('{"t":"Intro.\\nGlimmerfrost"}'))
    assert not matcher.found(fold("<li>Glimmerfrosting</li> <li>preglimmerfrost</li>"))


def test_a_large_output_is_searched_in_slices_without_losing_a_match() -> None:
    prints = prints_of("The lighthouse keeper wrote a sealed line every night.")
    matcher = Matcher(prints.windows)
    filler = "public words again and again. " * 40_000  # past the slice length
    for cut in range(0, 60, 7):
        text = filler[: 1_048_576 - cut] + " the lighthouse keeper wrote a sealed line " + filler
        assert matcher.found(fold(text)), cut


@settings(max_examples=80, deadline=None)
@given(
    tokens=st.lists(
        st.sampled_from(["été", "straße", "didn't", "le", "灯台", "night", "sea", "ø"]),
        min_size=6,
        max_size=40,
    ),
    start=st.integers(min_value=0, max_value=40),
)
def test_any_six_word_passage_of_sealed_text_is_found(tokens: list[str], start: int) -> None:
    start %= len(tokens) - 5
    prints = prints_of(" ".join(tokens), public=" ".join(tokens))  # no distinctive words
    passage = " ".join(tokens[start : start + 6])
    assert Matcher(prints.windows).found(fold(f"<p>Public — {passage} — public.</p>"))
