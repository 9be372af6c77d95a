"""Properties of the Markdown layer over random documents: sealed words never come out."""

from __future__ import annotations

import logging

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Words of the surrounding, public Markdown; never the secret words.
PUBLIC = st.sampled_from(["alpha", "beta", "gamma", "delta", "**bold**", "`code`", "[a](b.md)"])
SECRET = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=6, max_size=10).map(
    lambda word: "zz" + word
)
# Lines that may stand around the previews, some of them malformed on purpose. Fenced code
# is always closed here: a preview inside a closed fence is a code example, shown as written.
NOISE = st.sampled_from(
    [
        "",
        "```\nx = 1\n```",
        "~~~\ny = 2\n~~~",
        "    indented code",
        "- a list item",
        "1. an ordered item",
        "> a quote",
        "!!! note",
        "`",
        "</PostPreview>",
        '<RevealStamp date="2020-01-01" />',
        '<RevealStamp date="not a date" />',
        "<div>",
        "</div>",
        "<!-- comment",
        "# Heading",
        "| a | b |",
    ]
)


@st.composite
def sealed_preview(draw: st.DrawFn, secrets: list[str]) -> str:
    """A preview that is sealed at the test's clock, its body full of secret words."""
    prefix = draw(st.sampled_from(["", "  ", "    ", "> ", "- "]))
    inner = "    " if prefix == "- " else prefix
    opening = draw(
        st.sampled_from(
            [
                '<PostPreview blurred date="2030-01-01">',
                '<postpreview date="Monday, January 7th 2030">',
                "<PostPreview blurred>",  # no date at all: sealed, reported
                '<PostPreview date="2030-02-30">',  # impossible: sealed, reported
            ]
        )
    )
    body: list[str] = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["para", "item", "bold", "stamp", "fence", "quote"]))
        words = " ".join(draw(st.lists(SECRET, min_size=1, max_size=4)))
        secrets.extend(words.split())
        body.append(
            {
                "para": words,
                "item": f"- {words}",
                "bold": f"**{words}:**",
                "stamp": '<RevealStamp date="2030-01-01" />',
                "fence": f"```\n{words}\n```",
                "quote": f"> {words}",
            }[kind]
        )
        body.append("")
    lines = [opening, *body, "</PostPreview>"]
    if draw(st.booleans()):
        lines = lines[:-1]  # unclosed: everything after it stays sealed
    first = prefix + lines[0]
    rest = [(inner + line if line else inner.rstrip()) for line in "\n".join(lines[1:]).split("\n")]
    return "\n".join([first, *rest])


@st.composite
def document(draw: st.DrawFn) -> tuple[str, list[str]]:
    """Random public Markdown around sealed previews, and the secret words inside them."""
    secrets: list[str] = []
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        parts.extend(draw(st.lists(NOISE, max_size=3)))
        parts.append(" ".join(draw(st.lists(PUBLIC, min_size=1, max_size=5))))
        parts.append(draw(sealed_preview(secrets)))
    parts.extend(draw(st.lists(NOISE, max_size=3)))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(parts), secrets


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document(), st.sampled_from([[], ["admonition"], ["pymdownx.superfences"]]))
def test_no_secret_word_of_a_sealed_preview_reaches_the_output(
    case: tuple[str, list[str]], extensions: list[str]
) -> None:
    text, secrets = case
    logging.getLogger("mkdocs.plugins.reveal").setLevel(logging.CRITICAL)
    html = markdown.markdown(
        text,
        extensions=["mkdocs_reveal", *extensions],
        extension_configs={"mkdocs_reveal": {"now": "2025-11-12T12:00:00+01:00"}},
    )
    leaked = [word for word in secrets if word in html]
    assert leaked == [], f"{leaked} leaked from:\n{text}\n---\n{html}"
