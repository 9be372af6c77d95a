"""What the Markdown layer judges and speaks by: the clock, the site's time zone, its language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, tzinfo

from mkdocs_reveal.markup.labels import Labels, labels_for


@dataclass(frozen=True)
class Settings:
    """What one transform judges by: the clock, the site's time zone and how to speak."""

    clock: datetime
    tz: tzinfo
    reveal_time: time
    locale: str = "en"
    preview: bool = False  # author preview: show sealed content, marked as such
    # The clock was pinned (MKDOCS_REVEAL_NOW, `now`, SOURCE_DATE_EPOCH): the page shows one
    # moment, so a stamp says how far that moment is from the reveal instead of counting down.
    pinned: bool = False

    @property
    def labels(self) -> Labels:
        """The reader-facing words for this locale."""
        return labels_for(self.locale)
