"""Reveal dates: timezones, times of day, ISO and English dates, year inference, weekday checks.

Time zones come from the standard library's `zoneinfo` (with the `tzdata` package where the
system has no database); dateutil only reads the author's words.
"""

from __future__ import annotations

import calendar
import difflib
import functools
import os
import posixpath
import re
import struct
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, datetime, time, timedelta, timezone, tzinfo
from importlib import resources
from typing import Any

from babel import Locale
from dateutil import parser

from mkdocs_reveal.diagnostics import RevealError

__all__ = [
    "RevealDate",
    "impossible_iso",
    "localize",
    "parse_reveal_date",
    "parse_time_of_day",
    "parse_timezone",
    "read_iso",
    "read_page_date",
]

# Messages name English months and weekdays whatever the build machine's locale is, so they come
# from babel's CLDR data rather than `calendar`/strftime, which follow the process locale.
_EN = Locale.parse("en")
_SUFFIXES = {"one": "st", "two": "nd", "few": "rd", "other": "th"}

# Two defaults for dateutil that differ in every field: a field that comes out the same from both
# parses was written by the author. Both years are leap years so that "February 29th" with no year
# parses at all; the second day is a week after the first so that a weekday-only value ("Monday
# in November"), which dateutil moves forward to that weekday, can never land on the same day from
# both defaults. Minutes stay 0 in both so "6pm" (hour written, minutes not) counts as a time.
_DEFAULT_A = datetime(2000, 1, 1, 0, 0)  # noqa: DTZ001 - a naive template, never an instant
_DEFAULT_B = datetime(2004, 2, 15, 1, 0)  # noqa: DTZ001 - a naive template, never an instant

_HOW_TO_WRITE = "write an ISO date (2025-11-03) or words like 'Monday, November 3rd'"
_FULL_DATE = "write a full date such as 'Monday, November 3rd' or 2025-11-03"

# Recognising tokens, not parsing dates: dateutil reads "4rd" as 4, so the suffix is checked here.
_ORDINAL = re.compile(r"(?<![0-9])([0-9]+)(st|nd|rd|th)(?![^\W\d_])", re.IGNORECASE)
_UTC_WITH_SIGN = re.compile(r"(?<![A-Za-z])(?:UTC|GMT|Z)\s*[+-]\s*[0-9]", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
_WORDS = parser.parserinfo()  # dateutil's own English vocabulary, only ever read
# Only the shape is checked here; dateutil reads the value.
_TIME_OF_DAY = re.compile(r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?")
# An ISO-looking date, so that "2025-13-01" is not handed to the English reader, which might
# take 13 for the day.
_ISO_SHAPE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[T ].*)?")
# A page's `date:` settles the year of a date written without one that lies up to this many days
# before it (a part out just before its landing page was dated) or in the half year after it.
# Further back (June 1st on a page dated November) either year is a fair reading, and the
# later one is taken, with a warning.
CERTAIN_WITHIN = 90


@dataclass(frozen=True)
class RevealDate:
    """A reveal date as read from the author's words."""

    instant: datetime
    text: str
    date_only: bool
    warnings: tuple[str, ...] = ()


def parse_timezone(name: str) -> tzinfo:
    """Return the tzinfo for an IANA timezone name such as Europe/Oslo, or UTC."""
    key = name.strip()
    if key == "UTC":
        return timezone.utc
    if key in MACHINE_ZONES:
        raise RevealError(
            f"timezone '{name}' is the build machine's own zone, so a laptop and CI would "
            "reveal at different instants: name the zone, such as Europe/Oslo, or UTC"
        )
    # Only names in the IANA database get through: ZoneInfo would also read a file path
    # relative to its search path, and "" or "Local" mean nothing portable.
    if not is_zone_name(key):
        raise RevealError(
            f"unknown timezone '{name}': use an IANA name such as Europe/Oslo or UTC"
            + _did_you_mean(key, sorted({*zone_names(), "UTC"}))
        )
    try:
        return zoneinfo.ZoneInfo(key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError, struct.error) as error:
        # A damaged zone file (struct.error) is the machine's to mend; the site says so.
        raise RevealError(
            f"timezone '{name}' could not be loaded: its zone file is damaged or unreadable; "
            "reinstall the system's tzdata, or use another IANA name or UTC"
        ) from error


# Names some systems list that stand for the build machine's own zone, whatever it is: left
# out of the names this module knows.
MACHINE_ZONES = frozenset({"localtime"})


@functools.cache
def zone_names() -> frozenset[str]:
    """The IANA time zone names this machine knows: its own database, and the tzdata package's."""
    # The names only: loading all ~600 zones would leave 120,000 references that every full
    # garbage collection of a build then walks. `ZoneInfo` reads the one zone a site names.
    return frozenset(zoneinfo.available_timezones()) - MACHINE_ZONES


@functools.cache
def is_zone_name(key: str) -> bool:
    """Whether `zone_names()` holds a name, found without listing them all.

    Listing opens every file of the system's time zone folder, several milliseconds on every
    build; this asks the same questions (`zoneinfo.available_timezones`) of one name only.
    """
    if not key or key in {"posixrules", *MACHINE_ZONES} or key.startswith("/"):
        return False
    if key != posixpath.normpath(key):
        return False
    if ".." in key.split("/"):
        return False
    if key in _packaged_zone_names():
        return True
    top = key.split("/", maxsplit=1)[0]
    for root in zoneinfo.TZPATH:
        if top in {"right", "posix"} and "/" in key:
            continue  # folders the listing leaves out
        parts = key.split("/")
        # The listing does not follow linked folders: a name behind one is not in it.
        folders = [os.path.join(root, *parts[:depth]) for depth in range(1, len(parts))]
        if any(os.path.islink(folder) for folder in folders):
            continue
        try:
            with open(os.path.join(root, *parts), "rb") as file:
                if file.read(4) == b"TZif":
                    return True
        except (OSError, ValueError):  # ValueError: a name no file can have (a NUL in it)
            continue
    return False


@functools.cache
def _packaged_zone_names() -> frozenset[str]:
    """The names the `tzdata` package lists, if it is installed (one small file)."""
    try:
        with resources.files("tzdata").joinpath("zones").open("r") as file:
            return frozenset(line.strip() for line in file if line.strip())
    except (ImportError, FileNotFoundError):
        return frozenset()


def _did_you_mean(key: str, names: list[str]) -> str:
    """Return a ' (did you mean ...?)' hint for a misspelt timezone name, or ''."""
    folded = {n.casefold(): n for n in names}
    if key.casefold() in folded:
        return f" (did you mean '{folded[key.casefold()]}'?)"
    close = difflib.get_close_matches(key, names, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def parse_time_of_day(text: str) -> time:
    """Return the naive time of day written as H:MM, HH:MM or HH:MM:SS."""
    value = text.strip()
    problem = f"'{text}' is not a time of day: write it as HH:MM, such as 09:00 or 18:30"
    if not _TIME_OF_DAY.fullmatch(value):
        raise RevealError(problem)
    try:
        return parser.parse(value, default=_DEFAULT_A).time()
    except (ValueError, OverflowError) as error:
        raise RevealError(problem) from error


def localize(naive: datetime, tz: tzinfo) -> tuple[datetime, str | None]:
    """Return a naive wall time as an instant in `tz`, and a warning if DST moved or chose it."""
    if naive.utcoffset() is not None:
        return naive, None  # already an instant: an offset written by the author is kept
    wall = naive.replace(tzinfo=None, fold=0)
    try:
        earlier = wall.replace(tzinfo=tz)
        if not _wall_exists(earlier):
            chosen, gap_start = _first_instant_after_gap(wall, tz)
            start, end = _wall_text(gap_start, wall.date()), _wall_text(_wall(chosen), wall.date())
            return chosen, (
                f"{_wall_text(wall)} does not exist in this timezone (clocks jump from {start} to "
                f"{end}); using {_instant_text(chosen)}, the first instant after the gap — write a "
                "time outside the gap or an explicit UTC offset"
            )
        later = wall.replace(tzinfo=tz, fold=1)
        # A wall time that exists is in doubt only when its two readings (PEP 495's `fold`)
        # have different UTC offsets; a transition that changes only the DST flag is harmless.
        if earlier.utcoffset() != later.utcoffset():
            return earlier, (
                f"{_wall_text(wall)} happens twice in this timezone (clocks go back from "
                f"{_offset_text(earlier)} to {_offset_text(later)}); using the earlier, "
                f"{_instant_text(earlier)} — write an explicit offset such as "
                f"{_instant_text(later)} to choose the later one"
            )
    except OverflowError as error:
        raise RevealError(
            f"{_wall_text(wall)} is too close to the end of the calendar to place in a timezone: "
            "write a date between years 2 and 9998"
        ) from error
    return earlier, None


def _wall_exists(local: datetime) -> bool:
    """Whether an aware wall time exists in its zone: it survives a round trip through UTC."""
    back = local.astimezone(timezone.utc).astimezone(local.tzinfo)
    return back.replace(tzinfo=None) == local.replace(tzinfo=None)


def _wall(instant: datetime) -> datetime:
    """Return the naive wall time of an aware instant in its own timezone."""
    return instant.replace(tzinfo=None)


def _first_instant_after_gap(wall: datetime, zone: tzinfo) -> tuple[datetime, datetime]:
    """Return the first instant whose wall time is at or after `wall`, and where the gap began."""
    # Bisect over whole UTC seconds for the transition: it lies within a day of the wall time
    # (UTC offsets stay within ±16 hours), zone files place transitions on whole seconds, and
    # the local wall time only moves forward across a gap. dateutil's resolve_imaginary would
    # instead shift by the gap's length (02:30 -> 03:30), which is not the first instant.
    start = wall.replace(microsecond=0)
    low = (start - timedelta(days=2)).replace(tzinfo=timezone.utc)  # its wall time < `wall`
    high = (start + timedelta(days=2)).replace(tzinfo=timezone.utc)  # its wall time >= `wall`
    second = timedelta(seconds=1)
    while high - low > second:
        middle = low + timedelta(seconds=(high - low) // second // 2)
        if _wall(middle.astimezone(zone)) >= wall:
            high = middle
        else:
            low = middle
    chosen = high.astimezone(zone)
    gap_start = _wall((high - second).astimezone(zone)) + second
    return chosen, gap_start


def _wall_text(wall: datetime, same_day: date | None = None) -> str:
    """Return a wall time as 'YYYY-MM-DD HH:MM', or 'HH:MM' when on `same_day`."""
    clock = "%H:%M:%S" if wall.second else "%H:%M"
    if same_day is not None and wall.date() == same_day:
        return wall.strftime(clock)
    return f"{wall.date().isoformat()} {wall.strftime(clock)}"


def _instant_text(instant: datetime) -> str:
    """Return an aware instant in ISO form, to the minute when that loses nothing."""
    if instant.second == 0 and instant.microsecond == 0:
        return instant.isoformat(timespec="minutes")
    return instant.isoformat()


def _offset_text(instant: datetime) -> str:
    """Return the UTC offset of an aware instant as +HH:MM."""
    offset = instant.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(offset) // timedelta(minutes=1)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def read_iso(text: str) -> tuple[datetime, bool]:
    """Return an ISO 8601 calendar date or datetime (naive unless offset) and if it is date-only."""
    value = text.strip()
    try:
        found = parser.isoparse(value)
    except (ValueError, OverflowError) as error:
        impossible = impossible_iso(value)  # a month or day that does not exist is named so
        if impossible is not None:
            raise RevealError(impossible) from error
        raise RevealError(
            f"'{text}' is not an ISO 8601 date or datetime: write it as 2025-11-03 or "
            "2025-11-03T09:00"
        ) from error
    # isoparse happily reads reduced precision ("2025", "2025-11"), week dates and 24:00; the
    # general parser, run with two defaults, shows which fields were really written.
    fields = _written_fields(value)
    if fields is None:
        raise RevealError(
            f"'{text}' is a form of ISO 8601 this plugin does not read: write a calendar date "
            "such as 2025-11-03 or 2025-11-03T09:00"
        )
    parts = zip(("year", "month", "day"), fields[:3], strict=True)
    missing = [name for name, written in parts if not written]
    if missing:
        raise RevealError(f"'{text}' has no {' or '.join(missing)}: {_FULL_DATE}")
    try:
        parser.isoparser().parse_isodate(value)
    except ValueError:
        return found, False
    return found, True


def _written_fields(value: str) -> tuple[bool, bool, bool, bool] | None:
    """Return whether year, month, day and time of day were written, or None if unreadable."""
    try:
        first = _parse_human(value, _DEFAULT_A)
        second = _parse_human(value, _DEFAULT_B)
    except (ValueError, OverflowError):
        return None
    return (
        first.year == second.year,
        first.month == second.month,
        first.day == second.day,
        first.hour == second.hour,
    )


class _FieldSpy(parser.parserinfo):
    """A parserinfo that remembers the year, month and day dateutil read, for error messages."""

    def __init__(self) -> None:
        """Start with nothing seen."""
        super().__init__()
        self.seen: tuple[int | None, int | None, int | None] = (None, None, None)

    def validate(self, res: Any) -> bool:
        """Record the fields of the parse result before dateutil builds (and rejects) a date."""
        valid = super().validate(res)
        self.seen = (
            getattr(res, "year", None),
            getattr(res, "month", None),
            getattr(res, "day", None),
        )
        return valid


def _parse_human(value: str, default: datetime, info: parser.parserinfo | None = None) -> datetime:
    """Parse English or ISO words with dateutil, filling unwritten fields from `default`."""
    return parser.parse(value, info, default=default, tzinfos=_zone_for(value))


def _zone_for(value: str) -> Callable[[str | None, int | None], tzinfo | None]:
    """Return a dateutil `tzinfos` callback that allows offsets and UTC but no zone names."""

    def zone(name: str | None, offset: int | None) -> tzinfo | None:
        """Map what dateutil read as a timezone to a tzinfo, refusing ambiguous names."""
        if name is None and offset is None:
            return None  # no timezone written: the caller places the wall time in `tz`
        # dateutil reads "GMT+3" POSIX-style, as three hours *behind* UTC, and drops the offset
        # in "UTC +01:00": either way the author would be hours off without noticing.
        if _UTC_WITH_SIGN.search(value):
            raise RevealError(
                f"'{value}' puts an offset after UTC/GMT, which is read the wrong way round: "
                "write the offset alone, such as +03:00"
            )
        # Without this callback dateutil turns a name matching the build machine's own zone
        # (e.g. "CET" on a machine in Oslo) into local time, silently ignores other names, and
        # inverts "EST-0500" the same POSIX way.
        if (name is not None and name not in ("UTC", "GMT")) or offset is None:
            raise RevealError(
                f"'{value}' names the timezone '{name}', which cannot be read reliably: write a "
                "UTC offset such as +01:00, or leave it out to use the configured timezone"
            )
        return timezone(timedelta(seconds=offset))

    return zone


def parse_reveal_date(
    value: str | date | datetime,
    *,
    tz: tzinfo,
    reveal_time: time,
    anchor: datetime,
    page_date: datetime | None = None,
) -> RevealDate:
    """Read a reveal date from an ISO or English string, or a date/datetime from YAML.

    `anchor` is the clock. A date written without a year is read against `page_date`, the
    page's own `date:`, where there is one, and otherwise against the clock (see `_year_for`).
    """
    wall_time = reveal_time.replace(tzinfo=None)  # a wall time in `tz`, whatever it carries
    if isinstance(value, datetime):
        instant, warning = localize(value, tz)
        return RevealDate(instant, value.isoformat(), False, _some(warning))
    if isinstance(value, date):
        instant, warning = localize(datetime.combine(value, wall_time), tz)
        return RevealDate(instant, value.isoformat(), True, _some(warning))
    if not isinstance(value, str):
        raise RevealError(f"cannot read {value!r} as a date: {_HOW_TO_WRITE}")
    text = value.strip()
    if not text:
        raise RevealError(f"the reveal date is empty: {_HOW_TO_WRITE}")
    ordinal = _check_ordinals(text)

    year_written, time_written, written = _read(text)
    warnings: list[str] = []
    if not year_written:
        year, warning = _year_for(
            written.date(), _anchor_day(page_date or anchor, tz), text, page_date is not None
        )
        written = written.replace(year=year)
        warnings.extend(_some(warning))

    weekday = _named_weekday(text)
    if weekday is not None and weekday != written.weekday():
        # Two readings, the date's and the weekday's: the later one wins, so a slip can
        # delay a reveal but never bring it forward.
        try:
            by_weekday = written + timedelta(days=_days_to(written.weekday(), weekday))
        except OverflowError as error:
            raise RevealError(
                f"'{text}' names a weekday its date does not fall on, at the very end of the "
                "calendar: correct the weekday or the date"
            ) from error
        warnings.append(_weekday_warning(written.date(), by_weekday.date(), ordinal, year_written))
        written = max(written, by_weekday)

    if written.utcoffset() is not None:
        instant = written  # an explicit offset is kept as written
    else:
        naive = written if time_written else datetime.combine(written.date(), wall_time)
        instant, warning = localize(naive, tz)
        warnings.extend(_some(warning))
    return RevealDate(instant, text, not time_written, tuple(warnings))


def read_page_date(value: object, *, tz: tzinfo, reveal_time: time) -> datetime | None:
    """A page's `date:` as an instant, or None where it is missing, unreadable or has no year.

    Only a date with its year written can make the year of the page's other dates certain.
    """
    if isinstance(value, str):
        try:
            year_written = _read(value.strip())[0]
        except RevealError:
            return None
        if not year_written:
            return None
    elif not isinstance(value, date):
        return None
    # The anchor is never used: the year is written.
    epoch = datetime(2000, 1, 1, tzinfo=timezone.utc)
    try:
        return parse_reveal_date(value, tz=tz, reveal_time=reveal_time, anchor=epoch).instant
    except RevealError:
        return None


def _some(warning: str | None) -> tuple[str, ...]:
    """Return a one-warning tuple, or an empty one."""
    return () if warning is None else (warning,)


def _check_ordinals(text: str) -> bool:
    """Reject an ordinal whose suffix does not fit its number; return whether one was written."""
    found = False
    for match in _ORDINAL.finditer(text):
        number, suffix = int(match.group(1)), match.group(2)
        right = _ordinal_suffix(number)
        if suffix.lower() != right:
            raise RevealError(
                f"'{match.group(0)}' is not an ordinal of {number}: write '{number}{right}'"
            )
        found = True
    return found


def _ordinal_suffix(number: int) -> str:
    """Return the English ordinal suffix (st, nd, rd, th) of a number, from CLDR."""
    return _SUFFIXES[_EN.ordinal_form(number)]


# dateutil is slow, and a site repeats the same few date texts on many pages.
@functools.lru_cache(maxsize=4096)
def _read(text: str) -> tuple[bool, bool, datetime]:
    """Return whether year and time were written, and the datetime (year may be a placeholder)."""
    try:
        parser.isoparse(text)
    except (ValueError, OverflowError):
        impossible = impossible_iso(text)
        if impossible is not None:
            raise RevealError(impossible) from None
    else:
        # ISO first: it is exact about offsets and never guesses day-first or month-first.
        found, date_only = read_iso(text)
        return True, not date_only, found

    spy = _FieldSpy()
    results: list[datetime] = []
    for default in (_DEFAULT_A, _DEFAULT_B):
        try:
            results.append(_parse_human(text, default, spy))
        except (ValueError, OverflowError):
            continue
    if not results:
        message = _impossible(spy.seen) or f"cannot read '{text}' as a date: {_HOW_TO_WRITE}"
        raise RevealError(message)
    if len(results) == 1:
        # Only the default's month decided whether the written day fits, so no month was written.
        raise RevealError(f"'{text}' has no month: {_FULL_DATE}")
    first, second = results
    missing = [
        name
        for name, written in (
            ("month", first.month == second.month),
            ("day", first.day == second.day),
        )
        if not written
    ]
    if missing:
        raise RevealError(f"'{text}' has no {' or '.join(missing)}: {_FULL_DATE}")
    return first.year == second.year, first.hour == second.hour, first


def impossible_iso(text: str) -> str | None:
    """Say what is wrong with an ISO-shaped date whose month or day does not exist, if it is."""
    shape = _ISO_SHAPE.fullmatch(text.strip())
    if shape is None:
        return None
    year, month, day = (int(part) for part in shape.groups())
    if not 1 <= month <= 12:
        return (
            f"'{text.strip()}' has no month {month}: months run from 01 to 12 — correct the month"
        )
    return _impossible((year, month, day))


def _impossible(seen: tuple[int | None, int | None, int | None]) -> str | None:
    """Return the message for a month/day that does not exist, or None if that is not it."""
    year, month, day = seen
    if month is None or day is None or not 1 <= month <= 12:
        return None
    name = _EN.months["format"]["wide"][month]
    most = 29 if month == 2 else calendar.monthrange(2000, month)[1]
    if not 1 <= day <= most:
        length = "at most 29" if month == 2 else str(most)
        return f"{name} has no day {day}: it has {length} days — correct the day or the month"
    if (month, day) == (2, 29) and year is not None and not calendar.isleap(year):
        return f"February {year} has no day 29: {year} is not a leap year — correct the day or year"
    return None


def _anchor_day(anchor: datetime, zone: tzinfo) -> date:
    """Return the anchor's calendar day in `zone` (a naive anchor is taken as a wall time there)."""
    if anchor.utcoffset() is None:
        return anchor.date()
    try:
        return anchor.astimezone(zone).date()
    except OverflowError:
        return anchor.date()  # at the very ends of the calendar its own date is a day off at most


def _year_for(day: date, anchor: date, text: str, page_date: bool) -> tuple[int, str | None]:
    """The year for a month and day written without one, and the warning saying which it is.

    The two readings are the last one before the anchor and the next one on or after it; the
    later is taken, so that a guess can only delay a reveal. The page's own `date:` settles
    the year without a warning when it agrees with the nearer reading, or when the earlier
    reading lies within `CERTAIN_WITHIN` days before it (a part out just before the page).
    """
    month, number = day.month, day.day
    passed = (month, number) < (anchor.month, anchor.day)  # this year's has passed the anchor
    before = _next_year(anchor.year - (0 if passed else 1), -1, month, number)
    after = _next_year(anchor.year + (1 if passed else 0), 1, month, number)
    if after is None and before is None:
        raise RevealError(
            f"'{text}' is not a date in any year near {anchor.year}: write the year, such as "
            f"'{text} {anchor.year}'"
        )
    settled = _settled(month, number, before, after, anchor) if page_date else None
    if settled is not None:
        return settled, None
    chosen = after if after is not None else before
    assert chosen is not None  # one of the two exists, checked above
    taken = date(chosen, month, number)
    return chosen, _year_warning(text, taken, before, anchor if page_date else None)


def _settled(
    month: int, number: int, before: int | None, after: int | None, anchor: date
) -> int | None:
    """The reading a page's date settles: the nearer, unless the earlier is far back; or None."""
    if before is None:
        return after
    back = anchor - date(before, month, number)
    if back.days <= CERTAIN_WITHIN:
        return before
    if after is not None and date(after, month, number) - anchor <= back:
        return after
    return None


def _year_warning(text: str, taken: date, before: int | None, page_date: date | None) -> str:
    """The warning for a year taken as a guess: which year, the other reading, and the fix."""
    words = _day_words(taken, ordinal=True, weekday=False)
    other = f" rather than {before}" if before is not None and before != taken.year else ""
    if page_date is not None:
        why = (
            f"lies more than {CERTAIN_WITHIN} days before the page's date "
            f"({page_date.isoformat()}) in one year and further after it in the next, so its year "
            "is not certain"
        )
        fix = "write the year"
    else:
        why = "has no year and the page no `date:` to tell it"
        fix = "write the year, or give the page a `date:` to read it against"
    return (
        f"'{text}' {why}: it is read as {words}{other}, the later of the two readings, "
        f"since a guess may delay a reveal but never bring it forward — {fix}, such as "
        f"'{text} {taken.year}'"
    )


def _exists(year: int, month: int, day: int) -> bool:
    """Return whether year/month/day is a real calendar date."""
    return MINYEAR <= year <= MAXYEAR and 1 <= day <= calendar.monthrange(year, month)[1]


def _next_year(
    start: int, step: int, month: int, day: int, weekday: int | None = None
) -> int | None:
    """Return the first year from `start` by `step` where month/day exists (on `weekday`)."""
    # Weekday patterns repeat every 400 years, so a longer search cannot find anything new.
    for year in range(start, start + step * 401, step):
        if not MINYEAR <= year <= MAXYEAR:
            return None
        if _exists(year, month, day) and (
            weekday is None or date(year, month, day).weekday() == weekday
        ):
            return year
    return None


def _named_weekday(text: str) -> int | None:
    """Return the weekday (Monday is 0) that the text names, if any."""
    for word in _WORD.findall(text):
        weekday = _WORDS.weekday(word)
        if weekday is not None:
            return weekday
    return None


def _days_to(weekday: int, named: int) -> int:
    """Days from a date on `weekday` to the nearest date on `named` (-3 to 3)."""
    return (named - weekday + 3) % 7 - 3


def _weekday_warning(day: date, by_weekday: date, ordinal: bool, year_written: bool) -> str:
    """Return the warning for a weekday that the date does not fall on: both readings."""
    by_date, taken = _day_words(day, ordinal), _day_words(max(day, by_weekday), ordinal)
    message = (
        f"{_day_words(day, ordinal, weekday=False)} is a {_weekday_name(day)}, not a "
        f"{_weekday_name(by_weekday)}: read by its date it is {by_date}, by its weekday "
        f"{_day_words(by_weekday, ordinal)}; using the later, {taken}, until you correct the "
        "weekday or the date"
    )
    if year_written:
        return message
    years = [
        y
        for y in (
            _next_year(day.year - 1, -1, day.month, day.day, by_weekday.weekday()),
            _next_year(day.year + 1, 1, day.month, day.day, by_weekday.weekday()),
        )
        if y is not None
    ]
    listed = " and ".join(str(y) for y in years) or "no year nearby"
    return (
        f"{message} (or write the year: {_day_words(day, ordinal, weekday=False, year=False)} is "
        f"a {_weekday_name(by_weekday)} in {listed})"
    )


def _weekday_name(day: date) -> str:
    """The English name of a date's weekday."""
    return str(_EN.days["format"]["wide"][day.weekday()])


def _day_words(day: date, ordinal: bool, *, weekday: bool = True, year: bool = True) -> str:
    """A date in English words, such as 'Tuesday, November 4th 2025'."""
    number = f"{day.day}{_ordinal_suffix(day.day)}" if ordinal else str(day.day)
    words = f"{_EN.months['format']['wide'][day.month]} {number}"
    if year:
        words += f" {day.year}"
    return f"{_weekday_name(day)}, {words}" if weekday else words
