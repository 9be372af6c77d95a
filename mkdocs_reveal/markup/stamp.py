"""The HTML of a reveal stamp: a `<time>` badge with a state label and the reveal date."""

from __future__ import annotations

from datetime import datetime
from html import escape

from mkdocs_reveal.markup.labels import Labels, reader_date


def stamp_html(instant: datetime | None, words: str, revealed: bool, labels: Labels) -> str:
    """Render a stamp; without a readable instant it has no `datetime` and reads as sealed."""
    state = "is-revealed" if revealed else "is-sealed"
    label = labels.revealed if revealed else labels.coming
    when = f' datetime="{instant.isoformat()}"' if instant is not None else ""
    if instant is not None and not revealed:
        # What the countdown script needs to speak the page's language; nothing else.
        when += (
            f' data-reveal-locale="{escape(labels.intl_locales)}"'
            f' data-reveal-due="{escape(labels.due)}"'
            f' data-reveal-reload="{escape(labels.reload)}"'
        )
    return (
        f'<time class="reveal-stamp {state}"{when}>'
        f'<span class="reveal-stamp-label">{escape(label)}</span> '
        f'<span class="reveal-stamp-date">{escape(reader_date(words, instant, labels.locale))}'
        "</span></time>"
    )


def held_stamp_html(labels: Labels) -> str:
    """Render the stamp of a held part: sealed, "Coming soon", and no date to count down to."""
    # A <span>, not a <time>: there is no date, and the countdown script reads only <time>.
    return (
        '<span class="reveal-stamp is-sealed is-held">'
        f'<span class="reveal-stamp-label">{escape(labels.coming_soon)}</span></span>'
    )
