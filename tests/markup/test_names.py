"""Tags close to ours are slips of the author's: said, with the fix, and what they hold sealed."""

from __future__ import annotations

import logging

import markdown
import pytest
from test_code import first_pass

from mkdocs_reveal.markup import names

NOW = "2025-11-12T12:00:00+01:00"
# The clock has passed this date: a preview spelt right would be revealed.
PAST = 'date="2025-11-01"'


def render(text: str, caplog: pytest.LogCaptureFixture) -> tuple[str, list[str]]:
    """The HTML of a page, and the messages logged while rendering it."""
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.reveal"):
        html = markdown.markdown(
            text,
            extensions=["mkdocs_reveal", "md_in_html"],
            extension_configs={"mkdocs_reveal": {"now": NOW}},
        )
    return html, [record.getMessage() for record in caplog.records]


# name -> (page, the word planted in what the slip holds, its line, the tag it meant)
SLIPS = {
    "letters swapped": (
        f"Intro.\n\n<PostPreveiw blurred {PAST}>\nwickerbane words\n</PostPreveiw>\n",
        "wickerbane",
        3,
        "<PostPreview>",
    ),
    "plural": (
        f"<PostPreviews {PAST}>\nsaltmarrow\n</PostPreviews>\n",
        "saltmarrow",
        1,
        "<PostPreview>",
    ),
    "hyphen": (
        f"<Post-Preview {PAST}>\nlanternfig\n</Post-Preview>\n",
        "lanternfig",
        1,
        "<PostPreview>",
    ),
    "two words": (
        f"<Post Preview blurred {PAST}>\nhollowreed\n</Post Preview>\n",
        "hollowreed",
        1,
        "<PostPreview>",
    ),
    "lower case, swapped": (
        f"<postpreveiw {PAST}>\nembercress\n</postpreveiw>\n",
        "embercress",
        1,
        "<PostPreview>",
    ),
    "half the name": (
        f"<Preview {PAST}>\nmossgrave\n</Preview>\n",
        "mossgrave",
        1,
        "<PostPreview>",
    ),
    "closing misspelt": (
        f"<PostPreview {PAST}>\ncindertoll\n</PostPreveiw>\n",
        "cindertoll",
        3,
        "</PostPreview>",
    ),
    "stamp misspelt, used as a container": (
        '<RevealStmap date="2025-11-01">\nfrostlichen\n</RevealStmap>\n',
        "frostlichen",
        1,
        "<RevealStamp>",
    ),
    "in a line of text": (
        f"Some <PostPreveiw {PAST}>glimmerrot</PostPreveiw> text.\n",
        "glimmerrot",
        1,
        "<PostPreview>",
    ),
}


@pytest.mark.parametrize("name", list(SLIPS))
def test_a_near_miss_is_said_with_its_fix_and_seals_what_it_holds(
    name: str, caplog: pytest.LogCaptureFixture
) -> None:
    text, word, line, fix = SLIPS[name]
    html, messages = render(text, caplog)
    assert word not in html
    assert "&lt;post" not in html.lower()  # never shown as text either
    assert any(
        message.startswith(f"reveal: line {line}: ") and f"did you mean {fix}?" in message
        for message in messages
    ), messages


def test_a_stamp_written_as_a_container_seals_what_it_holds(
    caplog: pytest.LogCaptureFixture,
) -> None:
    html, messages = render(
        'Intro.\n\n<Revealstamp date="2030-01-01">\nbriarvault words\n</RevealStamp>\n\nAfter.\n',
        caplog,
    )
    assert "briarvault" not in html
    assert '<time class="reveal-stamp is-sealed" datetime="2030-01-01T00:00:00+00:00"' in html
    assert "<p>After.</p>" in html
    assert messages == [
        "reveal: line 3: RevealStamp is a badge, not a container: the lines up to the "
        'closing tag on line 5 stay sealed; write <RevealStamp date="…" /> and put the '
        "teaser in a <PostPreview>"
    ]


def test_a_stamp_without_its_slash_alone_is_still_a_stamp(
    caplog: pytest.LogCaptureFixture,
) -> None:
    html, messages = render('<RevealStamp date="2025-11-01">\n\nPublic words.\n', caplog)
    assert "Public words." in html and "reveal-stamp is-revealed" in html
    assert messages == []


@pytest.mark.parametrize(
    "text",
    [
        "<div>\nplainword\n</div>",
        "<details>\n<summary>Hi</summary>\nplainword\n</details>",
        '<div class="post preview">\nplainword\n</div>',
        "A <b>bold</b> plainword and <https://example.org/postpreview>.",
        "<Post>\nplainword\n</Post>",
        "<section markdown>\nplainword\n</section>",
    ],
)
def test_other_tags_are_left_alone(text: str, caplog: pytest.LogCaptureFixture) -> None:
    html, messages = render(text, caplog)
    assert "plainword" in html
    assert messages == []


def test_no_html_element_name_is_taken_for_ours() -> None:
    # The elements of HTML, SVG and MathML, and the obsolete ones browsers still know.
    elements = [
        "a",
        "abbr",
        "acronym",
        "address",
        "applet",
        "area",
        "article",
        "aside",
        "audio",
        "b",
        "base",
        "basefont",
        "bdi",
        "bdo",
        "bgsound",
        "big",
        "blink",
        "blockquote",
        "body",
        "br",
        "button",
        "canvas",
        "caption",
        "center",
        "cite",
        "code",
        "col",
        "colgroup",
        "content",
        "data",
        "datalist",
        "dd",
        "del",
        "details",
        "dfn",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "em",
        "embed",
        "fieldset",
        "figcaption",
        "figure",
        "font",
        "footer",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hgroup",
        "hr",
        "html",
        "i",
        "iframe",
        "image",
        "img",
        "input",
        "ins",
        "kbd",
        "keygen",
        "label",
        "legend",
        "li",
        "link",
        "main",
        "map",
        "mark",
        "marquee",
        "menu",
        "menuitem",
        "meta",
        "meter",
        "nav",
        "nobr",
        "noembed",
        "noframes",
        "noscript",
        "object",
        "ol",
        "optgroup",
        "option",
        "output",
        "p",
        "param",
        "picture",
        "plaintext",
        "pre",
        "progress",
        "q",
        "rb",
        "rp",
        "rt",
        "rtc",
        "ruby",
        "s",
        "samp",
        "script",
        "search",
        "section",
        "select",
        "shadow",
        "slot",
        "small",
        "source",
        "spacer",
        "span",
        "strike",
        "strong",
        "style",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "template",
        "textarea",
        "tfoot",
        "th",
        "thead",
        "time",
        "title",
        "tr",
        "track",
        "tt",
        "u",
        "ul",
        "var",
        "video",
        "wbr",
        "xmp",
        "svg",
        "animate",
        "animateMotion",
        "animateTransform",
        "circle",
        "clipPath",
        "defs",
        "desc",
        "ellipse",
        "feBlend",
        "feColorMatrix",
        "feComponentTransfer",
        "feComposite",
        "feConvolveMatrix",
        "feDiffuseLighting",
        "feDisplacementMap",
        "feDistantLight",
        "feDropShadow",
        "feFlood",
        "feGaussianBlur",
        "feImage",
        "feMerge",
        "feMorphology",
        "feOffset",
        "fePointLight",
        "feSpecularLighting",
        "feSpotLight",
        "feTile",
        "feTurbulence",
        "filter",
        "foreignObject",
        "g",
        "line",
        "linearGradient",
        "marker",
        "mask",
        "metadata",
        "mpath",
        "path",
        "pattern",
        "polygon",
        "polyline",
        "radialGradient",
        "rect",
        "set",
        "stop",
        "switch",
        "symbol",
        "text",
        "textPath",
        "tspan",
        "use",
        "view",
        "math",
        "maction",
        "annotation",
        "merror",
        "mfrac",
        "mi",
        "mmultiscripts",
        "mn",
        "mo",
        "mover",
        "mpadded",
        "mphantom",
        "mprescripts",
        "mroot",
        "mrow",
        "ms",
        "mspace",
        "msqrt",
        "mstyle",
        "msub",
        "msubsup",
        "msup",
        "mtable",
        "mtd",
        "mtext",
        "mtr",
        "munder",
        "munderover",
        "semantics",
    ]
    assert [name for name in elements if names.read_name(f"<{name}>")] == []


def test_a_page_without_anything_tag_like_is_not_parsed() -> None:
    assert not names.mentions("# Title\n\nJust text, a < b, and `code`.\n")
    assert names.mentions("<PostPreveiw>")


# name -> (page, its line the tag is on, what the warning says): a character HTML reads as part
# of the tag's name, invisible or alike to the eye, so to Python-Markdown the tag is not ours.
# Each preview's date has passed: only the doubt keeps its words sealed.
UNSEEN = {
    "no-break space after the name": (
        f"Intro.\n\n<PostPreview\xa0blurred {PAST}>\nnobreakwren l’été, don’t “tell”\n"
        "</PostPreview>\n\nAfter.\n",
        3,
        "<PostPreview\\u00a0blurred> is not a tag of mkdocs-reveal: did you mean <PostPreview>?",
    ),
    "zero-width space after a stamp's name": (
        f"Intro.\n\n<PostPreview blurred {PAST}>\n<RevealStamp\u200b {PAST} />\n"
        "zerowidthwren l’été, don’t “tell”\n</PostPreview>\n\nAfter.\n",
        4,
        "<RevealStamp\\u200b> is not a tag of mkdocs-reveal: did you mean <RevealStamp>?",
    ),
    "zero-width space inside the name": (
        f"Intro.\n\n<Post\u200bPreview blurred {PAST}>\ninvisiblewren l’été, don’t “tell”\n"
        "</PostPreview>\n\nAfter.\n",
        3,
        "<Post\\u200bPreview blurred> is not a tag of mkdocs-reveal: did you mean <PostPreview>?",
    ),
    "a long s, which HTML does not read as s": (
        f"Intro.\n\n<PoſtPreview blurred {PAST}>\nlongswren l’été, don’t “tell”\n"
        "</PostPreview>\n\nAfter.\n",
        3,
        "HTML reads the name of the tag '<PoſtPreview blurred date=\"2025-11-01\">' as "
        "'poſtpreview', not PostPreview",
    ),
}


@pytest.mark.parametrize("name", list(UNSEEN))
def test_a_name_html_reads_otherwise_seals_what_it_holds(
    name: str, caplog: pytest.LogCaptureFixture
) -> None:
    text, line, said = UNSEEN[name]
    word = text.split("\n")[line].split()[0]  # planted on the line after the tag
    html, messages = render(text, caplog)
    for sealed in (word, "l’été", "don’t"):
        assert sealed not in html
        assert sealed not in first_pass(text, ["md_in_html"])
    assert "<p>After.</p>" in html  # sealed up to its closing tag, not beyond
    assert any(message.startswith(f"reveal: line {line}: {said}") for message in messages), messages
