"""The HTML of a reveal stamp: a `<time>` badge with a state label and the reveal date."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape

from mkdocs_reveal.markup.labels import (
    Labels,
    countdown_unit,
    format_date_words,
    relative_words,
)
from mkdocs_reveal.markup.settings import Settings
from mkdocs_reveal.timeline.clock import until


def reveal_date_text(instant: datetime | None, settings: Settings, words: str | None = None) -> str:
    """The one way a reveal date reads, on every stamp and notice of the site.

    CLDR's full date in the site's language and time zone, with the time of day where it is not
    the site's `reveal_time`; the author's own words only where no instant could be read.
    """
    if instant is None:
        return words or ""
    local = instant.astimezone(settings.tz)
    with_time = local.time() != settings.reveal_time.replace(tzinfo=None)
    return format_date_words(local, settings.labels.locale, with_time=with_time)


def time_left_text(instant: datetime, settings: Settings) -> str | None:
    """How far the clock is from the instant, in the site's language ("in 12 days"), if ahead."""
    left = until(instant, settings.clock)
    if left <= timedelta(0):
        return None
    value, unit = countdown_unit(left)
    return relative_words(value, unit, settings.labels.locale)


def stamp_html(
    instant: datetime | None, revealed: bool, settings: Settings, words: str | None = None
) -> str:
    """Render a stamp; without a readable instant it has no `datetime` and reads as sealed."""
    labels = settings.labels
    state = "is-revealed" if revealed else "is-sealed"
    label = labels.revealed if revealed else labels.coming
    when = f' datetime="{instant.isoformat()}"' if instant is not None else ""
    left = ""
    if instant is not None and not revealed:
        if settings.pinned:
            # A pinned clock is one moment: the distance from it, written once, from CLDR; the
            # reader's script leaves such a stamp alone.
            text = time_left_text(instant, settings)
            left = f' <span class="reveal-stamp-countdown">{escape(text)}</span>' if text else ""
        else:
            # What the countdown script needs to speak the page's language; nothing else.
            when += (
                f' data-reveal-locale="{escape(labels.intl_locales)}"'
                f' data-reveal-due="{escape(labels.due)}"'
                f' data-reveal-reload="{escape(labels.reload)}"'
                f' data-reveal-soon="{escape(labels.coming_soon)}"'
            )
    date = escape(reveal_date_text(instant, settings, words))
    return (
        f'<time class="reveal-stamp {state}"{when}>'
        f'<span class="reveal-stamp-label">{escape(label)}</span> '
        f'<span class="reveal-stamp-date">{date}</span>{left}</time>'
    )


def held_stamp_html(labels: Labels) -> str:
    """Render the stamp of a held part: sealed, "Coming soon", and no date to count down to."""
    # A <span>, not a <time>: there is no date, and the countdown script reads only <time>.
    return (
        '<span class="reveal-stamp is-sealed is-held">'
        f'<span class="reveal-stamp-label">{escape(labels.coming_soon)}</span></span>'
    )
