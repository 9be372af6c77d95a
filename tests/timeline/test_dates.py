"""Tests for mkdocs_reveal.dates: timezones, times of day, reveal dates, DST."""

from __future__ import annotations

import os
import subprocess
import sys
import zoneinfo
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_reveal.diagnostics import RevealError
from mkdocs_reveal.timeline.dates import (
    RevealDate,
    is_zone_name,
    localize,
    parse_reveal_date,
    parse_time_of_day,
    parse_timezone,
    read_iso,
    read_page_date,
    zone_names,
)

UTC = timezone.utc
OSLO = parse_timezone("Europe/Oslo")
NEW_YORK = parse_timezone("America/New_York")
NINE = time(9, 0)
# The seed landing page's front matter says `date: 2025-11-02`.
ANCHOR = datetime(2025, 11, 2, tzinfo=OSLO)
ZONE_NAMES = [
    "UTC",
    "Europe/Oslo",
    "America/New_York",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "Pacific/Kiritimati",
]


def naive(*args: int) -> datetime:
    """Return a naive datetime, on purpose (a wall time with no timezone yet)."""
    return datetime(*args)  # type: ignore[arg-type]  # noqa: DTZ001


def reveal(
    value: str | date | datetime,
    *,
    tz: tzinfo = OSLO,
    reveal_time: time = NINE,
    anchor: datetime = ANCHOR,
) -> RevealDate:
    """Parse a reveal date with the seed page's settings unless told otherwise.

    `anchor` is the page's `date:` (the seed page's by default), and the clock with it.
    """
    return parse_reveal_date(value, tz=tz, reveal_time=reveal_time, anchor=anchor, page_date=anchor)


def wall(instant: datetime, tz: tzinfo) -> datetime:
    """Return the naive wall time of an instant in `tz`."""
    return instant.astimezone(tz).replace(tzinfo=None)


# --- parse_timezone --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Europe/Oslo", "America/New_York", "UTC", "Asia/Kolkata"])
def test_timezone_accepts_iana_names(name: str) -> None:
    """IANA names and UTC give a working tzinfo."""
    zone = parse_timezone(name)
    assert datetime(2025, 1, 1, tzinfo=zone).utcoffset() is not None


def test_timezone_offsets_are_real() -> None:
    """Oslo is +01:00 in winter and +02:00 in summer; UTC is +00:00."""
    assert datetime(2025, 1, 15, tzinfo=OSLO).utcoffset() == timedelta(hours=1)
    assert datetime(2025, 7, 15, tzinfo=OSLO).utcoffset() == timedelta(hours=2)
    assert datetime(2025, 7, 15, tzinfo=parse_timezone("UTC")).utcoffset() == timedelta(0)


def test_timezone_ignores_surrounding_space() -> None:
    """A name with stray spaces from YAML still works."""
    assert parse_timezone("  Europe/Oslo ") is not None


@pytest.mark.parametrize(
    "name",
    ["", "   ", "Foo/Bar", "EST5EDT-ish junk", "Europe/Olso", "europe/oslo", "Local", "+01:00"],
)
def test_timezone_rejects_unknown_names(name: str) -> None:
    """Anything gettz would turn into local time or a POSIX rule is refused."""
    with pytest.raises(RevealError) as caught:
        parse_timezone(name)
    message = str(caught.value)
    assert f"unknown timezone '{name}'" in message
    assert "IANA name such as Europe/Oslo or UTC" in message


def test_timezone_message_exact() -> None:
    """The message for an unknown name says what is wrong and how to fix it."""
    with pytest.raises(RevealError, match=r"^unknown timezone 'Foo/Bar': use an IANA name"):
        parse_timezone("Foo/Bar")


@pytest.mark.parametrize(
    ("typo", "meant"), [("europe/oslo", "Europe/Oslo"), ("Europe/Olso", "Europe/Oslo")]
)
def test_timezone_suggests_a_close_name(typo: str, meant: str) -> None:
    """A misspelt or miscased name gets a suggestion."""
    with pytest.raises(RevealError, match=f"did you mean '{meant}'"):
        parse_timezone(typo)


def test_every_zone_name_loads() -> None:
    """Each name accepted loads as a zone; links and the usual names are among them."""
    names = zone_names()
    assert {"Europe/Oslo", "US/Eastern", "Asia/Kolkata", "UTC"} <= names
    instant = datetime(2025, 1, 15, tzinfo=timezone.utc)
    offsets = {instant.astimezone(parse_timezone(name)).utcoffset() for name in names}
    assert len(offsets) > 20


NOT_ZONES = ("", "Local", "posixrules", "right/Europe/Oslo", "posix/Europe/Oslo", "Europe")
NOT_ZONES_EITHER = (
    "../zoneinfo/UTC",
    "./UTC",
    "Europe//Oslo",
    "/usr/share/zoneinfo/UTC",
    "zone.tab",
    "Europe/Oslo/",
    "Europe\\Oslo",
    "Europe/Oslo\x00",  # no file can have this name: a message, not a traceback
    "Europe/" + "x" * 5000,
)


def test_one_name_is_judged_as_the_whole_list_judges_it() -> None:
    """Asking after one name agrees with the listing, for every name in it and beside it."""
    names = zone_names()
    assert [name for name in names if not is_zone_name(name)] == []
    for name in (*NOT_ZONES, *NOT_ZONES_EITHER):
        assert is_zone_name(name) == (name in names), name
        if name not in names:
            with pytest.raises(RevealError, match="unknown timezone"):
                parse_timezone(name)


def test_reading_a_timezone_loads_only_that_zone() -> None:
    """Checking a name does not load every zone (the build's garbage collector would walk them)."""
    script = (
        "import gc; from dateutil.tz import tzfile; from mkdocs_reveal.timeline.dates import "
        "parse_timezone; parse_timezone('Europe/Oslo'); "
        "print(sum(isinstance(o, tzfile) for o in gc.get_objects()))"
    )
    # A fresh interpreter: this test session has loaded many zones already.
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert int(run.stdout) <= 2


def test_timezones_are_known_without_a_system_database(tmp_path: Path) -> None:
    """A machine with no zoneinfo folder of its own (a slim container) still knows the zones."""
    script = (
        "from mkdocs_reveal.timeline.dates import parse_timezone; "
        "print(parse_timezone('Europe/Oslo'))"
    )
    # An empty search path: the standard library then knows only the tzdata package's names.
    env = {**os.environ, "PYTHONTZPATH": str(tmp_path)}
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert run.returncode == 0, run.stderr
    assert "Oslo" in run.stdout


# --- parse_time_of_day -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00", time(9, 0)),
        ("9:00", time(9, 0)),
        ("09:00:30", time(9, 0, 30)),
        ("18:30", time(18, 30)),
        ("00:00", time(0, 0)),
        ("23:59:59", time(23, 59, 59)),
        (" 09:00 ", time(9, 0)),
    ],
)
def test_time_of_day_reads_clock_times(text: str, expected: time) -> None:
    """H:MM, HH:MM and HH:MM:SS give a naive time."""
    found = parse_time_of_day(text)
    assert found == expected
    assert found.tzinfo is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "9",
        "9am",
        "09h00",
        "24:00",
        "09:60",
        "9:5",
        "09:00:00.5",
        "T09:00",
        "09:00+01:00",
        "٠٩:٠٠",
    ],
)
def test_time_of_day_rejects_anything_else(text: str) -> None:
    """Anything but a plain clock time is an error that shows the expected form."""
    with pytest.raises(RevealError, match="is not a time of day: write it as HH:MM"):
        parse_time_of_day(text)


# --- parse_reveal_date: the seed page ------------------------------------------------------


def test_seed_weekday_mistake_exact_message() -> None:
    """'Monday, November 4th' near 2025-11-02: the date wins and the weekday is flagged."""
    found = reveal("Monday, November 4th")
    assert found.instant == datetime(2025, 11, 4, 8, 0, tzinfo=UTC)
    assert found.instant.isoformat() == "2025-11-04T09:00:00+01:00"
    assert found.text == "Monday, November 4th"
    assert found.date_only is True
    # Both readings are named; the date's is the later, so it is taken.
    assert found.warnings == (
        "November 4th 2025 is a Tuesday, not a Monday: read by its date it is Tuesday, "
        "November 4th 2025, by its weekday Monday, November 3rd 2025; using the later, "
        "Tuesday, November 4th 2025, until you correct the weekday or the date (or write the "
        "year: November 4th is a Monday in 2024 and 2030)",
    )


def test_right_weekday_has_no_warning() -> None:
    """'Monday, November 3rd' is right in 2025."""
    found = reveal("Monday, November 3rd")
    assert found.instant.isoformat() == "2025-11-03T09:00:00+01:00"
    assert found.warnings == ()


def test_weekday_with_written_year_exact_message() -> None:
    """With the year written, the warning asks to fix the weekday or the date."""
    found = reveal("Monday, November 4th 2025")
    assert found.instant.isoformat() == "2025-11-04T09:00:00+01:00"
    assert found.warnings == (
        "November 4th 2025 is a Tuesday, not a Monday: read by its date it is Tuesday, "
        "November 4th 2025, by its weekday Monday, November 3rd 2025; using the later, "
        "Tuesday, November 4th 2025, until you correct the weekday or the date",
    )


def test_a_weekday_that_reads_later_wins() -> None:
    """'Wednesday, November 4th 2025': the weekday's reading (the 5th) is later, so it is used."""
    found = reveal("Wednesday, November 4th 2025 18:00")
    assert found.instant.isoformat() == "2025-11-05T18:00:00+01:00"
    assert found.warnings == (
        "November 4th 2025 is a Tuesday, not a Wednesday: read by its date it is Tuesday, "
        "November 4th 2025, by its weekday Wednesday, November 5th 2025; using the later, "
        "Wednesday, November 5th 2025, until you correct the weekday or the date",
    )


def test_weekday_message_follows_the_authors_day_style() -> None:
    """Without an ordinal the message writes the plain number."""
    found = reveal("Monday, November 4")
    assert found.warnings[0].startswith("November 4 2025 is a Tuesday, not a Monday: read by")


def test_abbreviated_weekday_is_checked() -> None:
    """'Mon' counts as naming Monday."""
    found = reveal("Mon, Nov 4th")
    assert "is a Tuesday" in found.warnings[0]


def test_weekday_message_for_february_29_lists_leap_years() -> None:
    """Years offered for a Feb 29 weekday are leap years."""
    found = reveal("Monday, February 29th", anchor=datetime(2027, 12, 1, tzinfo=OSLO))
    assert found.instant.date() == date(2028, 2, 29)
    assert found.warnings == (
        "February 29th 2028 is a Tuesday, not a Monday: read by its date it is Tuesday, "
        "February 29th 2028, by its weekday Monday, February 28th 2028; using the later, "
        "Tuesday, February 29th 2028, until you correct the weekday or the date (or write the "
        "year: February 29th is a Monday in 2016 and 2044)",
    )


# --- parse_reveal_date: forms ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "date_only"),
    [
        ("2025-11-03", "2025-11-03T09:00:00+01:00", True),
        ("20251103", "2025-11-03T09:00:00+01:00", True),
        ("2025-11-10 09:00", "2025-11-10T09:00:00+01:00", False),
        ("2025-11-10T18:30", "2025-11-10T18:30:00+01:00", False),
        ("November 4th", "2025-11-04T09:00:00+01:00", True),
        ("Nov 4 2025 18:00", "2025-11-04T18:00:00+01:00", False),
        ("4 November 2025", "2025-11-04T09:00:00+01:00", True),
        ("November 4, 2025", "2025-11-04T09:00:00+01:00", True),
        ("Tuesday, November 4th 2025 at 18:00", "2025-11-04T18:00:00+01:00", False),
        ("Tue, 4 Nov 2025", "2025-11-04T09:00:00+01:00", True),
        ("November 4th at 18:00", "2025-11-04T18:00:00+01:00", False),
        ("Nov 4 2025 6pm", "2025-11-04T18:00:00+01:00", False),
        ("  Monday, November 3rd  ", "2025-11-03T09:00:00+01:00", True),
    ],
)
def test_reads_iso_and_english_dates(text: str, expected: str, date_only: bool) -> None:
    """ISO 8601 and English dates give the instant in the configured timezone."""
    found = reveal(text)
    assert found.instant.isoformat() == expected
    assert found.date_only is date_only
    assert found.text == text.strip()
    assert found.warnings == ()


def test_weekday_with_time_and_year_is_checked() -> None:
    """'Monday, November 4th 2025 at 18:00' keeps the date and time and flags the weekday."""
    found = reveal("Monday, November 4th 2025 at 18:00")
    assert found.instant.isoformat() == "2025-11-04T18:00:00+01:00"
    assert found.date_only is False
    assert "not a Monday" in found.warnings[0]


def test_date_only_takes_reveal_time_in_timezone() -> None:
    """A date-only value takes reveal_time as a wall time in the timezone."""
    found = reveal("2025-11-03", tz=NEW_YORK, reveal_time=time(18, 30))
    assert found.instant == datetime(2025, 11, 3, 23, 30, tzinfo=UTC)
    assert wall(found.instant, NEW_YORK) == naive(2025, 11, 3, 18, 30)


def test_summer_date_gets_summer_offset() -> None:
    """The offset comes from the timezone on that date, not from today."""
    assert reveal("2025-07-01").instant.isoformat() == "2025-07-01T09:00:00+02:00"


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("2025-11-04T09:00:00+01:00", timedelta(hours=1)),
        ("2025-11-04T09:00:00-05:00", timedelta(hours=-5)),
        ("2025-11-04T09:00+05:30", timedelta(hours=5, minutes=30)),
        ("2025-11-04T09:00Z", timedelta(0)),
        ("Nov 4 2025 09:00 +0530", timedelta(hours=5, minutes=30)),
        ("Nov 4 2025 09:00 UTC", timedelta(0)),
    ],
)
def test_explicit_offsets_are_kept(text: str, offset: timedelta) -> None:
    """An offset written by the author wins over the configured timezone."""
    found = reveal(text)
    assert found.instant.utcoffset() == offset
    assert found.instant.replace(tzinfo=None) == naive(2025, 11, 4, 9, 0)
    assert found.date_only is False


def test_explicit_offset_iso_form_round_trips() -> None:
    """'2025-11-04T09:00:00+01:00' keeps +01:00 exactly."""
    assert reveal("2025-11-04T09:00:00+01:00").instant.isoformat() == "2025-11-04T09:00:00+01:00"


def test_naive_datetime_string_is_in_timezone() -> None:
    """A datetime without an offset is a wall time in the configured timezone."""
    found = reveal("2025-11-10 09:00", tz=NEW_YORK)
    assert found.instant == datetime(2025, 11, 10, 14, 0, tzinfo=UTC)


def test_timezone_name_in_text_is_refused() -> None:
    """Abbreviations like CET are ambiguous and would silently become local time."""
    with pytest.raises(RevealError, match=r"names the timezone 'CET'.*UTC offset such as \+01:00"):
        reveal("Nov 4 2025 18:00 CET")


@pytest.mark.parametrize(
    "text", ["Nov 4 2025 18:00 GMT+3", "Nov 4 2025 18:00 UTC+01:00", "Nov 4 2025 18:00 UTC +01:00"]
)
def test_offset_after_utc_is_refused(text: str) -> None:
    """dateutil reads 'GMT+3' POSIX-style as UTC-3; the author meant the opposite."""
    with pytest.raises(RevealError, match="write the offset alone"):
        reveal(text)


@pytest.mark.parametrize("text", ["Nov 4 2025 18:00 EST-0500", "Nov 4 2025 18:00 +0100 (CET)"])
def test_named_zone_with_offset_is_refused(text: str) -> None:
    """A zone name next to an offset may be inverted by dateutil: only a bare offset is read."""
    with pytest.raises(RevealError, match="names the timezone"):
        reveal(text)


@pytest.mark.parametrize(
    "anchor",
    [datetime(9999, 12, 31, 23, 0, tzinfo=UTC), datetime(1, 1, 1, 1, 0, tzinfo=UTC)],
)
def test_anchor_at_the_ends_of_the_calendar(anchor: datetime) -> None:
    """An extreme anchor never leaks an OverflowError."""
    try:
        found = reveal("December 31st", tz=parse_timezone("Asia/Tokyo"), anchor=anchor)
    except RevealError:
        return
    assert found.instant.utcoffset() is not None


# --- parse_reveal_date: YAML objects ---------------------------------------------------------


def test_yaml_date_object_takes_reveal_time() -> None:
    """YAML turns 2025-11-03 into a date: it takes reveal_time in the timezone."""
    found = reveal(date(2025, 11, 3))
    assert found.instant.isoformat() == "2025-11-03T09:00:00+01:00"
    assert found.text == "2025-11-03"
    assert found.date_only is True


def test_yaml_naive_datetime_object_is_in_timezone() -> None:
    """YAML turns '2025-11-03 09:00:00' into a naive datetime: it is a wall time in tz."""
    found = reveal(naive(2025, 11, 3, 9, 0))
    assert found.instant.isoformat() == "2025-11-03T09:00:00+01:00"
    assert found.text == "2025-11-03T09:00:00"
    assert found.date_only is False


def test_yaml_aware_datetime_object_is_kept() -> None:
    """An aware datetime object is kept as it is."""
    given_instant = datetime(2025, 11, 3, 9, 0, tzinfo=timezone(timedelta(hours=-3)))
    found = reveal(given_instant)
    assert found.instant == given_instant
    assert found.instant.utcoffset() == timedelta(hours=-3)


@pytest.mark.parametrize("value", [20251103, None, 3.5, ["2025-11-03"]])
def test_other_objects_are_errors(value: object) -> None:
    """Numbers, None and lists from YAML are errors, not crashes."""
    with pytest.raises(RevealError, match=r"cannot read .* as a date"):
        reveal(value)  # type: ignore[arg-type]


# --- parse_reveal_date: year inference -------------------------------------------------------


def test_year_is_inferred_across_the_new_year() -> None:
    """Near the end of December, 'January 5th' means next January."""
    found = reveal("January 5th", anchor=datetime(2025, 12, 20, tzinfo=OSLO))
    assert found.instant.date() == date(2026, 1, 5)


def test_year_is_inferred_back_across_the_new_year() -> None:
    """Early in January, 'December 28th' means last December."""
    found = reveal("December 28th", anchor=datetime(2026, 1, 3, tzinfo=OSLO))
    assert found.instant.date() == date(2025, 12, 28)


def test_year_inference_tie_goes_to_the_later_year() -> None:
    """2024-07-02 is 183 days from both 2024-01-01 and 2025-01-01: the later wins."""
    found = reveal("January 1st", anchor=datetime(2024, 7, 2, tzinfo=OSLO))
    assert found.instant.date() == date(2025, 1, 1)


def test_year_inference_uses_the_anchor_day_in_the_timezone() -> None:
    """The anchor's calendar day is taken in the configured timezone."""
    # 23:30 in New York on 2025-12-31 is already 2026-01-01 in Oslo; October 2nd 2025 is then
    # 91 days back, too far for the page's date to settle it, but 90 days back in New York.
    anchor = datetime(2025, 12, 31, 23, 30, tzinfo=NEW_YORK)
    assert reveal("October 2nd", anchor=anchor).instant.date() == date(2026, 10, 2)
    assert reveal("October 2nd", tz=NEW_YORK, anchor=anchor).instant.date() == date(2025, 10, 2)


def test_naive_anchor_is_a_wall_time() -> None:
    """A naive anchor (as a date front matter might become) is accepted."""
    assert reveal("January 5th", anchor=naive(2025, 12, 20)).instant.date() == date(2026, 1, 5)


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [
        (datetime(2028, 1, 2, tzinfo=OSLO), date(2028, 2, 29)),
        (datetime(2024, 5, 1, tzinfo=OSLO), date(2024, 2, 29)),  # 62 days back
        (datetime(2027, 6, 1, tzinfo=OSLO), date(2028, 2, 29)),
        # No leap year within a year either side: 2024-02-29 is 731 days back, 2028-02-29 730
        # days ahead.
        (datetime(2026, 3, 1, tzinfo=OSLO), date(2028, 2, 29)),
        # 2100 is not a leap year: the nearest are 2096 and 2104.
        (datetime(2101, 3, 1, tzinfo=OSLO), date(2104, 2, 29)),
    ],
)
def test_february_29_without_year_takes_nearest_leap_year(anchor: datetime, expected: date) -> None:
    """Feb 29 with no year goes to the nearest leap year, which the page's date settles."""
    found = reveal("February 29th", anchor=anchor)
    assert found.instant.date() == expected
    assert found.warnings == ()


# --- parse_reveal_date: a year not written is never read early ----------------------------

CLOCK = datetime(2025, 11, 12, 12, 0, tzinfo=OSLO)


@pytest.mark.parametrize(
    ("page_date", "why", "fix"),
    [
        # On a page dated November, the June just past is five months back, the next seven
        # months ahead: either is a fair reading.
        (
            ANCHOR,
            "lies more than 90 days before the page's date (2025-11-02) in one year and "
            "further after it in the next, so its year is not certain",
            "write the year",
        ),
        # Against the clock alone, the June just past is not taken.
        (
            None,
            "has no year and the page no `date:` to tell it",
            "write the year, or give the page a `date:` to read it against",
        ),
    ],
)
def test_a_year_in_doubt_is_the_later_one_and_said(
    page_date: datetime | None, why: str, fix: str
) -> None:
    found = parse_reveal_date(
        "June 1st", tz=OSLO, reveal_time=NINE, anchor=CLOCK, page_date=page_date
    )
    assert found.instant.date() == date(2026, 6, 1)
    assert found.warnings == (
        f"'June 1st' {why}: it is read as June 1st 2026 rather than 2025, the later of the two "
        f"readings, since a guess may delay a reveal but never bring it forward — {fix}, such "
        "as 'June 1st 2026'",
    )


def test_without_a_page_date_a_date_still_ahead_is_this_years() -> None:
    found = parse_reveal_date("December 1st", tz=OSLO, reveal_time=NINE, anchor=CLOCK)
    assert found.instant.date() == date(2025, 12, 1)
    assert "read as December 1st 2025 rather than 2024" in found.warnings[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Monday, November 3rd", date(2025, 11, 3)),  # a day after the page's date
        ("August 10th", date(2025, 8, 10)),  # 84 days before it: a part already out
        ("April 20th", date(2026, 4, 20)),  # 169 days after it, the nearer reading
    ],
)
def test_the_page_date_settles_the_year_near_it_without_a_word(text: str, expected: date) -> None:
    found = parse_reveal_date(text, tz=OSLO, reveal_time=NINE, anchor=CLOCK, page_date=ANCHOR)
    assert found.instant.date() == expected
    assert found.warnings == ()


def test_a_yearless_page_date_settles_nothing() -> None:
    assert read_page_date("November 2nd", tz=OSLO, reveal_time=NINE) is None
    assert read_page_date("not a date", tz=OSLO, reveal_time=NINE) is None
    assert read_page_date(["2025-11-02"], tz=OSLO, reveal_time=NINE) is None
    assert read_page_date(date(2025, 11, 2), tz=OSLO, reveal_time=NINE) == datetime(
        2025, 11, 2, 9, 0, tzinfo=OSLO
    )
    assert read_page_date("November 2nd 2025", tz=OSLO, reveal_time=NINE) == datetime(
        2025, 11, 2, 9, 0, tzinfo=OSLO
    )


# --- parse_reveal_date: errors ---------------------------------------------------------------


def test_wrong_ordinal_exact_message() -> None:
    """'4rd' does not fit 4."""
    with pytest.raises(RevealError) as caught:
        reveal("Monday, November 4rd")
    assert str(caught.value) == "'4rd' is not an ordinal of 4: write '4th'"


@pytest.mark.parametrize(
    ("text", "right"),
    [
        ("November 1th", "1st"),
        ("November 2th", "2nd"),
        ("November 3th", "3rd"),
        ("November 11st", "11th"),
        ("November 12nd", "12th"),
        ("November 13rd", "13th"),
        ("November 21th", "21st"),
        ("November 22th", "22nd"),
        ("November 23th", "23rd"),
        ("2 November 2025 and the 4RD", "4th"),
    ],
)
def test_ordinals_must_fit(text: str, right: str) -> None:
    """Each ordinal suffix is checked against English (CLDR) rules."""
    with pytest.raises(RevealError, match=f"is not an ordinal of .*: write '{right}'"):
        reveal(text)


@pytest.mark.parametrize(
    "day", ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "30th"]
)
def test_right_ordinals_are_accepted(day: str) -> None:
    """Correct ordinals parse."""
    assert reveal(f"November {day}").instant.month == 11


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("November 31st", "November has no day 31"),
        ("November 31st 2025", "November has no day 31"),
        ("2025-11-31", "November has no day 31"),
        ("April 31", "April has no day 31"),
        ("February 30", "February has no day 30"),
        ("February 30th 2024", "February has no day 30"),
        ("Feb 29 2025", "February 2025 has no day 29: 2025 is not a leap year"),
        ("2025-02-29", "February 2025 has no day 29"),
    ],
)
def test_impossible_dates_are_errors(text: str, expected: str) -> None:
    """A day the month does not have is named, with the fix."""
    with pytest.raises(RevealError) as caught:
        reveal(text)
    assert str(caught.value).startswith(expected)
    assert "correct the day" in str(caught.value)


@pytest.mark.parametrize(
    "text", ["next tuesday-ish", "soon", "yesterday", "2025-11-03 banana", "🙂"]
)
def test_junk_is_an_error(text: str) -> None:
    """Text that is not a date gets the how-to-write message."""
    with pytest.raises(RevealError) as caught:
        reveal(text)
    assert str(caught.value) == (
        f"cannot read '{text}' as a date: write an ISO date (2025-11-03) or words like "
        "'Monday, November 3rd'"
    )


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_empty_value_is_an_error(text: str) -> None:
    """An empty reveal date says so."""
    with pytest.raises(RevealError, match=r"^the reveal date is empty: write an ISO date"):
        reveal(text)


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("November", "no day"),
        ("Monday", "no month or day"),
        ("November 2025", "no day"),
        ("2025", "no month or day"),
        ("2025-11", "no day"),
        ("31st", "no month"),
        ("4th", "no month"),
    ],
)
def test_incomplete_dates_are_errors(text: str, missing: str) -> None:
    """A value without a day or a month asks for a full date."""
    with pytest.raises(RevealError) as caught:
        reveal(text)
    message = str(caught.value)
    assert f"'{text}' has {missing}" in message
    assert "write a full date such as 'Monday, November 3rd'" in message


@pytest.mark.parametrize("text", ["2025-W45-1", "2025-307", "2025-11-03T24:00"])
def test_unsupported_iso_forms_are_errors(text: str) -> None:
    """Week dates, ordinal dates and 24:00 ask for a calendar date."""
    with pytest.raises(RevealError, match="write a calendar date such as 2025-11-03"):
        reveal(text)


# --- DST -------------------------------------------------------------------------------------


def test_oslo_spring_gap_takes_first_instant_after() -> None:
    """02:30 on 2025-03-30 does not exist in Oslo: 03:00+02:00 (01:00 UTC), not 03:30."""
    found = reveal("2025-03-30 02:30")
    assert found.instant == datetime(2025, 3, 30, 1, 0, tzinfo=UTC)
    assert found.instant.isoformat() == "2025-03-30T03:00:00+02:00"
    (warning,) = found.warnings
    assert warning.startswith("2025-03-30 02:30 does not exist in this timezone")
    assert "clocks jump from 02:00 to 03:00" in warning
    assert "using 2025-03-30T03:00+02:00" in warning
    assert "write a time outside the gap" in warning


def test_gap_applies_to_date_only_values() -> None:
    """A reveal_time of 02:30 on the spring-forward day lands on 03:00."""
    found = reveal("2025-03-30", reveal_time=time(2, 30))
    assert found.instant.isoformat() == "2025-03-30T03:00:00+02:00"
    assert found.date_only is True
    assert "does not exist" in found.warnings[0]


def test_new_york_spring_gap() -> None:
    """02:30 on 2025-03-09 does not exist in New York: 03:00-04:00 (07:00 UTC)."""
    found = reveal("2025-03-09 02:30", tz=NEW_YORK)
    assert found.instant == datetime(2025, 3, 9, 7, 0, tzinfo=UTC)
    assert "clocks jump from 02:00 to 03:00" in found.warnings[0]


def test_oslo_autumn_overlap_takes_earlier() -> None:
    """02:30 on 2025-10-26 happens twice in Oslo: the first one (+02:00) is used."""
    found = reveal("2025-10-26 02:30")
    # Compared in UTC: PEP 495 makes an instant inside a fold unequal to every other zone's.
    assert found.instant.astimezone(UTC) == datetime(2025, 10, 26, 0, 30, tzinfo=UTC)
    assert found.instant.utcoffset() == timedelta(hours=2)
    (warning,) = found.warnings
    assert warning.startswith("2025-10-26 02:30 happens twice in this timezone")
    assert "using the earlier, 2025-10-26T02:30+02:00" in warning
    assert "2025-10-26T02:30+01:00 to choose the later one" in warning


def test_new_york_autumn_overlap_takes_earlier() -> None:
    """01:30 on 2025-11-02 happens twice in New York: the EDT one (05:30 UTC) is used."""
    found = reveal("2025-11-02 01:30", tz=NEW_YORK)
    assert found.instant.astimezone(UTC) == datetime(2025, 11, 2, 5, 30, tzinfo=UTC)
    assert "happens twice" in found.warnings[0]


def test_overlap_can_be_chosen_with_an_offset() -> None:
    """Writing the later offset picks the later instant, with no warning."""
    found = reveal("2025-10-26T02:30+01:00")
    assert found.instant == datetime(2025, 10, 26, 1, 30, tzinfo=UTC)
    assert found.warnings == ()


def test_localize_plain_wall_time() -> None:
    """An ordinary wall time is placed in the timezone with no warning."""
    instant, warning = localize(naive(2025, 11, 3, 9, 0), OSLO)
    assert instant.isoformat() == "2025-11-03T09:00:00+01:00"
    assert warning is None


def test_localize_keeps_aware_datetimes() -> None:
    """An aware datetime is already an instant."""
    given_instant = datetime(2025, 3, 30, 2, 30, tzinfo=UTC)
    assert localize(given_instant, OSLO) == (given_instant, None)


def test_localize_skipped_day() -> None:
    """Samoa skipped 2011-12-30 entirely: any time that day moves to the next midnight."""
    apia = parse_timezone("Pacific/Apia")
    instant, warning = localize(naive(2011, 12, 30, 9, 0), apia)
    assert instant == datetime(2011, 12, 30, 10, 0, tzinfo=UTC)
    assert instant.isoformat() == "2011-12-31T00:00:00+14:00"
    assert warning is not None
    assert "to 2011-12-31 00:00" in warning


def test_localize_at_calendar_edge_is_a_reveal_error() -> None:
    """Wall times that cannot be placed near year 1 or 9999 raise RevealError, not OverflowError."""
    with pytest.raises(RevealError, match="too close to the end of the calendar"):
        localize(naive(1, 1, 1, 0, 0), parse_timezone("Asia/Tokyo"))


# --- read_iso --------------------------------------------------------------------------------


def test_read_iso() -> None:
    """read_iso tells dates from datetimes and keeps offsets."""
    assert read_iso("2025-11-03") == (naive(2025, 11, 3), True)
    assert read_iso("2025-11-03T09:00") == (naive(2025, 11, 3, 9, 0), False)
    found, date_only = read_iso("2025-11-03T09:00+01:00")
    assert found.utcoffset() == timedelta(hours=1)
    assert date_only is False
    with pytest.raises(RevealError, match="not an ISO 8601 date or datetime"):
        read_iso("Nov 3 2025")


# --- properties ------------------------------------------------------------------------------

zones = st.sampled_from(ZONE_NAMES).map(parse_timezone)


@given(
    day=st.dates(min_value=date(2, 1, 1), max_value=date(9998, 12, 31)),
    zone=zones,
    reveal_time=st.sampled_from([time(0, 0), time(9, 0), time(18, 30)]),
)
def test_iso_dates_give_reveal_time_in_timezone(day: date, zone: tzinfo, reveal_time: time) -> None:
    """Any ISO date is that day at reveal_time in the timezone (or just after a DST gap)."""
    found = parse_reveal_date(day.isoformat(), tz=zone, reveal_time=reveal_time, anchor=ANCHOR)
    expected = datetime.combine(day, reveal_time)
    assert found.date_only is True
    assert found.instant.utcoffset() is not None
    if found.warnings:
        # A gap moves the time forward; an overlap keeps it.
        assert wall(found.instant, zone) >= expected
    else:
        assert wall(found.instant, zone) == expected
        assert found.instant == datetime.combine(day, reveal_time, tzinfo=zone)


@given(st.text())
def test_arbitrary_text_raises_only_reveal_error(text: str) -> None:
    """Whatever the author writes, the only exception is RevealError."""
    try:
        found = reveal(text)
    except RevealError:
        return
    assert found.instant.utcoffset() is not None


date_words = st.lists(
    st.sampled_from(
        [
            "Monday",
            "Tue",
            "November",
            "Feb",
            "29",
            "31",
            "4th",
            "4rd",
            "1st",
            "2025",
            "25",
            "at",
            "18:00",
            "6pm",
            ",",
            "-",
            "/",
            "+01:00",
            "Z",
            "UTC",
            "T",
            "09",
            "00",
            "0",
            "12",
            "of",
            "the",
            "2025-11-03",
            "24:00",
        ]
    ),
    max_size=7,
).map(" ".join)


@given(date_words)
def test_date_like_text_raises_only_reveal_error(text: str) -> None:
    """Date-shaped word salad also only ever raises RevealError."""
    try:
        found = reveal(text)
    except RevealError:
        return
    assert found.instant.utcoffset() is not None


@given(
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    anchor=st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
)
def test_inferred_year_follows_the_page_date(day: date, anchor: date) -> None:
    """With no year written, a page's date settles the year near it, else the later one wins.

    The date lands within 90 days before the page's date or in the year after it; it warns
    exactly when it lands after the page's date and the year before was nearer to it.
    """
    month = day.strftime("%B")
    found = reveal(f"{month} {day.day}", anchor=datetime.combine(anchor, time(12), tzinfo=OSLO))
    resolved = found.instant.date()
    assert (resolved.month, resolved.day) == (day.month, day.day)
    if (day.month, day.day) != (2, 29):
        assert -90 <= (resolved - anchor).days <= 365
        after = (resolved - anchor).days
        before = (anchor - resolved.replace(year=resolved.year - 1)).days
        assert bool(found.warnings) == (after > 0 and before < after and before > 90)


@given(
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    clock=st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
)
def test_without_a_page_date_the_year_is_the_next_one(day: date, clock: date) -> None:
    """Against the clock alone, a yearless date is the next one from today, with a warning."""
    month = day.strftime("%B")
    now = datetime.combine(clock, time(12), tzinfo=OSLO)
    found = parse_reveal_date(f"{month} {day.day}", tz=OSLO, reveal_time=NINE, anchor=now)
    resolved = found.instant.date()
    assert (resolved.month, resolved.day) == (day.month, day.day)
    assert resolved >= clock
    if (day.month, day.day) != (2, 29):
        assert (resolved - clock).days < 366
    assert "has no year and the page no `date:` to tell it" in found.warnings[0]


@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_the_right_weekday_never_warns(day: date) -> None:
    """A weekday that matches the written date raises no warning."""
    text = f"{day.strftime('%A')}, {day.strftime('%B')} {day.day} {day.year}"
    assert reveal(text).warnings == ()


@given(
    moment=st.datetimes(min_value=naive(1970, 1, 1), max_value=naive(2037, 12, 31)),
    zone=zones,
)
def test_localize_is_exact_or_explains_itself(moment: datetime, zone: tzinfo) -> None:
    """localize keeps the wall time, or moves it to the end of a gap with a warning."""
    instant, warning = localize(moment, zone)
    assert instant.utcoffset() is not None
    if warning is None or "happens twice" in (warning or ""):
        assert wall(instant, zone) == moment
    else:
        assert wall(instant, zone) > moment
        assert wall(instant - timedelta(seconds=1), zone) < moment


def test_the_machines_own_zone_is_refused_with_the_reason() -> None:
    """`localtime` is listed on many systems, but names whatever zone the build machine has."""
    assert "localtime" not in zone_names()
    with pytest.raises(RevealError, match=r"build machine's own zone.*name the zone"):
        parse_timezone("localtime")


def test_a_damaged_zone_file_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    """A zone file that starts right and then breaks says what to do about it."""
    (tmp_path / "Broken").mkdir()
    (tmp_path / "Broken" / "Zone").write_bytes(b"TZif2" + b"\x00" * 7)
    zoneinfo.reset_tzpath([str(tmp_path)])
    is_zone_name.cache_clear()
    try:
        with pytest.raises(RevealError, match="damaged or unreadable; reinstall"):
            parse_timezone("Broken/Zone")
    finally:
        zoneinfo.reset_tzpath()
        is_zone_name.cache_clear()
