"""Weekly meetings on the Europe/London wall clock: when is the next one, is it on now,
and how many minutes away is it, correct across the clock changes and past midnight."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
MINUTES_PER_WEEK = 7 * 1440
SOON_MINUTES = 120
# UK clocks change at 01:00 UTC; on the wall clock, 02:00 is the first time after the change
# both in March (01:00 jumps to 02:00) and in October (the hour from 01:00 repeats).
CHANGE_WALL_MINUTE = 2 * 60


def now_in_london() -> dt.datetime:
    return dt.datetime.now(LONDON)


def weekday_number(day: dt.date) -> int:
    """0 = Sunday ... 6 = Saturday, as in the Meeting Guide feed."""
    return (day.weekday() + 1) % 7


def week_minute(moment: dt.datetime) -> int:
    local = moment.astimezone(LONDON)
    return weekday_number(local.date()) * 1440 + local.hour * 60 + local.minute


def _wall(day: dt.date, minute_of_day: int) -> dt.datetime:
    hours, minutes = divmod(minute_of_day, 60)
    return dt.datetime.combine(day, dt.time(hours, minutes), tzinfo=LONDON)


@dataclass(frozen=True)
class Occurrence:
    start: dt.datetime
    end: dt.datetime

    # Aware datetimes that share a tzinfo compare and subtract on the wall clock, so real
    # time is always measured in UTC here.
    def is_in_progress(self, now: dt.datetime) -> bool:
        return _utc(self.start) <= _utc(now) < _utc(self.end)

    def minutes_until_start(self, now: dt.datetime) -> int:
        return int((_utc(self.start) - _utc(now)).total_seconds() // 60)


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def next_occurrence(
    day: int, start: dt.time, duration_minutes: int, now: dt.datetime
) -> Occurrence:
    """The occurrence that is on now, or else the next one to start."""
    local_now = now.astimezone(LONDON)
    start_minute = start.hour * 60 + start.minute
    days_back = (weekday_number(local_now.date()) - day) % 7
    candidate_day = local_now.date() - dt.timedelta(days=days_back)
    # The most recent one may still be running (a meeting can go past midnight).
    for offset in (0, 7, 14):
        start_at = _wall(candidate_day + dt.timedelta(days=offset), start_minute)
        end_at = _wall_end(start_at, duration_minutes)
        if _utc(end_at) > _utc(local_now):
            return Occurrence(start_at, end_at)
    raise AssertionError("a weekly meeting always has a next occurrence")


def _wall_end(start_at: dt.datetime, duration_minutes: int) -> dt.datetime:
    """The end on the wall clock: a 23:00-00:30 meeting ends at 00:30 the next day, whatever
    the clocks did in between."""
    end_minute = start_at.hour * 60 + start_at.minute + duration_minutes
    extra_days, minute_of_day = divmod(end_minute, 1440)
    return _wall(start_at.date() + dt.timedelta(days=extra_days), minute_of_day)


@dataclass(frozen=True)
class ClockChange:
    """The next clock change within a week of now: where it falls, as minutes of wall-clock
    time from now, and by how many real minutes it shifts later times (+60 or -60)."""

    wall_minutes_away: int
    shift_minutes: int


def clock_change_this_week(now: dt.datetime) -> ClockChange | None:
    local_now = now.astimezone(LONDON)
    for days_ahead in range(0, 8):
        day = local_now.date() + dt.timedelta(days=days_ahead)
        before = dt.datetime.combine(day, dt.time(0, 30), tzinfo=LONDON).utcoffset()
        after = dt.datetime.combine(day, dt.time(3, 0), tzinfo=LONDON).utcoffset()
        assert before is not None and after is not None  # a zone always has an offset
        if before == after:
            continue
        change_at = _wall(day, CHANGE_WALL_MINUTE)
        wall_away = _wall_minutes_between(local_now, change_at)
        if wall_away < 0:
            continue
        shift = int((before - after).total_seconds() // 60)
        return ClockChange(wall_away, shift)
    return None


def _wall_minutes_between(earlier: dt.datetime, later: dt.datetime) -> int:
    naive_earlier = earlier.replace(tzinfo=None)
    naive_later = later.replace(tzinfo=None)
    return int((naive_later - naive_earlier).total_seconds() // 60)


def minutes_to_end_of_day(now: dt.datetime) -> int:
    """Wall-clock minutes from now until midnight tonight in London."""
    local_now = now.astimezone(LONDON)
    return 1440 - (local_now.hour * 60 + local_now.minute)


def now_weekday(now: dt.datetime) -> int:
    return weekday_number(now.astimezone(LONDON).date())
