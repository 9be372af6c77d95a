"""Tests for mkdocs_reveal.clock: which instant a build judges by."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_reveal.diagnostics import RevealError
from mkdocs_reveal.timeline.clock import ENV_NOW, is_revealed, resolve_clock
from mkdocs_reveal.timeline.dates import parse_timezone

UTC = timezone.utc
OSLO = parse_timezone("Europe/Oslo")
NEW_YORK = parse_timezone("America/New_York")
NINE = time(9, 0)
# What mkdocs.utils.get_build_datetime() returns: an aware UTC datetime.
BUILD = datetime(2025, 11, 1, 12, 0, tzinfo=UTC)


def naive(*args: int) -> datetime:
    """Return a naive datetime, on purpose (a wall time with no timezone yet)."""
    return datetime(*args)  # type: ignore[arg-type]  # noqa: DTZ001


def clock(
    env: dict[str, str] | None = None,
    option: str | date | datetime | None = None,
    fallback: datetime = BUILD,
    tz: tzinfo = OSLO,
    reveal_time: time = NINE,
) -> datetime:
    """Resolve the clock with Oslo at 09:00 unless told otherwise."""
    return resolve_clock(
        env=env or {}, option=option, fallback=fallback, tz=tz, reveal_time=reveal_time
    )


# --- order -----------------------------------------------------------------------------------


def test_env_beats_option_beats_fallback() -> None:
    """MKDOCS_REVEAL_NOW wins over the option, which wins over MkDocs' build date."""
    env = {ENV_NOW: "2025-11-10T10:00"}
    assert clock(env, option="2025-11-05T10:00") == datetime(2025, 11, 10, 9, 0, tzinfo=UTC)
    assert clock({}, option="2025-11-05T10:00") == datetime(2025, 11, 5, 9, 0, tzinfo=UTC)
    assert clock({}, option=None) == BUILD


def test_env_name() -> None:
    """The variable is MKDOCS_REVEAL_NOW."""
    assert ENV_NOW == "MKDOCS_REVEAL_NOW"


@pytest.mark.parametrize("value", ["", "   "])
def test_empty_env_is_not_set(value: str) -> None:
    """An empty variable falls through to the option."""
    assert clock({ENV_NOW: value}, option="2025-11-05") == datetime(2025, 11, 5, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize("option", ["", "  "])
def test_empty_option_is_not_set(option: str) -> None:
    """An empty `now:` falls through to the build date."""
    assert clock({}, option=option) == BUILD


def test_other_variables_are_ignored() -> None:
    """Only MKDOCS_REVEAL_NOW is read; SOURCE_DATE_EPOCH reaches us through the fallback."""
    assert clock({"SOURCE_DATE_EPOCH": "0", "NOW": "2030-01-01"}) == BUILD


# --- values ----------------------------------------------------------------------------------


def test_env_date_only_takes_reveal_time_in_timezone() -> None:
    """MKDOCS_REVEAL_NOW=2025-11-03 shows the site as of that day's reveal time."""
    found = clock({ENV_NOW: "2025-11-03"})
    assert found.isoformat() == "2025-11-03T09:00:00+01:00"
    found = clock({ENV_NOW: "2025-11-03"}, tz=NEW_YORK, reveal_time=time(18, 30))
    assert found.isoformat() == "2025-11-03T18:30:00-05:00"


def test_env_naive_datetime_is_in_timezone() -> None:
    """A datetime without an offset is a wall time in the timezone."""
    assert clock({ENV_NOW: "2025-11-03T09:00"}).isoformat() == "2025-11-03T09:00:00+01:00"
    assert clock({ENV_NOW: " 2025-11-03 09:00 "}).isoformat() == "2025-11-03T09:00:00+01:00"


def test_env_offset_is_the_same_instant_expressed_in_timezone() -> None:
    """An explicit offset is honoured, and the result is expressed in the timezone."""
    found = clock({ENV_NOW: "2025-11-03T08:00:00Z"})
    assert found == datetime(2025, 11, 3, 8, 0, tzinfo=UTC)
    assert found.isoformat() == "2025-11-03T09:00:00+01:00"


def test_option_accepts_yaml_objects() -> None:
    """`now:` may be a date or a naive/aware datetime as YAML gives them."""
    assert clock(option=date(2025, 11, 3)).isoformat() == "2025-11-03T09:00:00+01:00"
    assert clock(option=naive(2025, 11, 3, 7, 15)).isoformat() == "2025-11-03T07:15:00+01:00"
    aware = datetime(2025, 11, 3, 7, 15, tzinfo=UTC)
    assert clock(option=aware).isoformat() == "2025-11-03T08:15:00+01:00"


def test_option_string_date_only() -> None:
    """A date-only string option takes reveal_time in the timezone."""
    assert clock(option="2025-11-03").isoformat() == "2025-11-03T09:00:00+01:00"


def test_clock_in_dst_gap_moves_to_first_instant_after() -> None:
    """A clock inside the spring-forward gap resolves like a reveal date would."""
    assert clock({ENV_NOW: "2025-03-30T02:30"}) == datetime(2025, 3, 30, 1, 0, tzinfo=UTC)


def test_clock_in_dst_overlap_takes_earlier() -> None:
    """A clock inside the autumn overlap takes the first occurrence."""
    found = clock({ENV_NOW: "2025-11-02T01:30"}, tz=NEW_YORK)
    assert found.astimezone(UTC) == datetime(2025, 11, 2, 5, 30, tzinfo=UTC)


# --- fallback --------------------------------------------------------------------------------


def test_fallback_passes_through_expressed_in_timezone() -> None:
    """MkDocs' build date is used as is, expressed in the timezone."""
    epoch = 1762160400  # 2025-11-03T09:00:00Z, as SOURCE_DATE_EPOCH would give it
    fallback = datetime.fromtimestamp(epoch, tz=UTC)
    found = clock(fallback=fallback)
    assert found == fallback
    assert found.timestamp() == epoch
    assert found.utcoffset() == timedelta(hours=1)
    assert found.isoformat() == "2025-11-03T10:00:00+01:00"


def test_source_date_epoch_reaches_the_clock_through_mkdocs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With SOURCE_DATE_EPOCH set, MkDocs' build datetime is the clock."""
    from mkdocs.utils import get_build_datetime  # noqa: PLC0415 - needs the patched environment

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1762160400")
    found = clock({}, option=None, fallback=get_build_datetime())
    assert found.timestamp() == 1762160400


def test_naive_fallback_is_an_error() -> None:
    """A naive fallback is a programming error, reported as RevealError."""
    with pytest.raises(RevealError, match="has no timezone: pass an aware datetime"):
        clock(fallback=naive(2025, 11, 3, 9, 0))


def test_naive_fallback_is_not_checked_when_unused() -> None:
    """The fallback only matters when nothing else sets the clock."""
    found = clock({ENV_NOW: "2025-11-03"}, fallback=naive(2025, 11, 3, 9, 0))
    assert found.isoformat() == "2025-11-03T09:00:00+01:00"


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "tomorrow",
        "Monday, November 3rd",
        "Nov 3 2025",
        "2025",
        "2025-11",
    ],
)
def test_bad_env_value_names_the_variable_and_an_example(value: str) -> None:
    """A bad MKDOCS_REVEAL_NOW says which variable is wrong and shows the right form."""
    with pytest.raises(RevealError) as caught:
        clock({ENV_NOW: value}, option="2025-11-05")
    message = str(caught.value)
    assert message.startswith(f"MKDOCS_REVEAL_NOW='{value}' is not a full ISO 8601 date")
    assert "MKDOCS_REVEAL_NOW=2025-11-03" in message


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2025-13-01", "'2025-13-01' has no month 13: months run from 01 to 12"),
        ("2025-11-31", "November has no day 31: it has 30 days"),
        ("2027-02-29T09:00", "February 2027 has no day 29: 2027 is not a leap year"),
    ],
)
def test_impossible_env_value_says_what_does_not_exist(value: str, reason: str) -> None:
    """A date that does not exist is named as such, not as a form of ISO 8601 it is not."""
    with pytest.raises(RevealError) as caught:
        clock({ENV_NOW: value})
    message = str(caught.value)
    assert message.startswith(f"MKDOCS_REVEAL_NOW='{value}' is not a date: {reason}")
    assert "MKDOCS_REVEAL_NOW=2025-11-03" in message


def test_bad_option_names_the_option() -> None:
    """A bad `now` option says so and shows the right form."""
    with pytest.raises(RevealError) as caught:
        clock(option="next week")
    message = str(caught.value)
    assert "the 'now' option 'next week'" in message
    assert "now: 2025-11-03" in message


def test_option_of_another_type_is_an_error() -> None:
    """A number from YAML is not a clock."""
    with pytest.raises(RevealError, match="'now' option"):
        clock(option=20251103)  # type: ignore[arg-type]


def test_clock_outside_the_calendar_is_a_reveal_error() -> None:
    """An instant that cannot be expressed in the timezone raises RevealError."""
    with pytest.raises(RevealError):
        clock({ENV_NOW: "9999-12-31T23:00:00Z"}, tz=parse_timezone("Asia/Tokyo"))


# --- is_revealed -----------------------------------------------------------------------------


def test_is_revealed_at_and_after_the_instant() -> None:
    """Revealed from the reveal instant on, sealed before it."""
    instant = datetime(2025, 11, 3, 9, 0, tzinfo=OSLO)
    assert is_revealed(instant, instant)
    assert is_revealed(instant, instant + timedelta(microseconds=1))
    assert not is_revealed(instant, instant - timedelta(microseconds=1))


def test_is_revealed_across_timezones() -> None:
    """Instants compare as instants, whatever zone each is expressed in."""
    instant = datetime(2025, 11, 3, 9, 0, tzinfo=OSLO)  # 08:00 UTC
    assert is_revealed(instant, datetime(2025, 11, 3, 3, 0, tzinfo=NEW_YORK))  # 08:00 UTC
    assert not is_revealed(instant, datetime(2025, 11, 3, 2, 59, tzinfo=NEW_YORK))


def test_is_revealed_inside_a_dst_overlap() -> None:
    """An instant in the autumn fold is judged by its UTC instant (PEP 495 only affects ==)."""
    instant = datetime(2025, 10, 26, 2, 30, tzinfo=OSLO)  # the first 02:30, 00:30 UTC
    assert is_revealed(instant, datetime(2025, 10, 26, 0, 30, tzinfo=UTC))
    assert not is_revealed(instant, datetime(2025, 10, 26, 0, 29, tzinfo=UTC))


def test_is_revealed_refuses_naive_datetimes() -> None:
    """A naive datetime cannot be judged: RevealError, not TypeError."""
    aware = datetime(2025, 11, 3, 9, 0, tzinfo=UTC)
    with pytest.raises(RevealError, match="naive"):
        is_revealed(naive(2025, 11, 3, 9, 0), aware)
    with pytest.raises(RevealError, match="naive"):
        is_revealed(aware, naive(2025, 11, 3, 9, 0))


# --- properties ------------------------------------------------------------------------------

aware_instants = st.datetimes(
    min_value=naive(1971, 1, 1),
    max_value=naive(2100, 1, 1),
    timezones=st.sampled_from([UTC, OSLO, NEW_YORK, timezone(timedelta(hours=5, minutes=30))]),
)


@given(instant=aware_instants, now=aware_instants)
def test_is_revealed_is_clock_at_or_after_instant(instant: datetime, now: datetime) -> None:
    """is_revealed is exactly 'the clock is at or after the instant', in UTC terms."""
    assert is_revealed(instant, now) == (now.timestamp() >= instant.timestamp())


@given(
    day=st.dates(min_value=date(1971, 1, 1), max_value=date(2100, 1, 1)),
    zone=st.sampled_from([UTC, OSLO, NEW_YORK]),
)
def test_env_date_is_reveal_time_that_day(day: date, zone: tzinfo) -> None:
    """MKDOCS_REVEAL_NOW=<date> is that date at reveal_time, in the timezone."""
    found = clock({ENV_NOW: day.isoformat()}, tz=zone)
    assert found.replace(tzinfo=None) == datetime.combine(day, NINE)
    assert found.utcoffset() is not None


@given(env=st.text(), option=st.one_of(st.none(), st.text()))
def test_arbitrary_env_and_option_raise_only_reveal_error(env: str, option: str | None) -> None:
    """Whatever is set, the only exception is RevealError, and the clock is aware."""
    try:
        found = clock({ENV_NOW: env}, option=option)
    except RevealError:
        return
    assert found.utcoffset() is not None
