"""Meeting times on the Europe/London wall clock, across midnight and the clock changes."""

import datetime as dt

import pytest

from finder.meetings import schedule
from finder.meetings.schedule import LONDON
from finder.meetings.schedule import next_occurrence

SUNDAY, MONDAY, SATURDAY = 0, 1, 6


def london(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


def test_a_meeting_later_today_is_next_today():
    now = london(2026, 11, 23, 12, 0)  # a Monday
    occurrence = next_occurrence(MONDAY, dt.time(19, 30), 60, now)
    assert occurrence.start == london(2026, 11, 23, 19, 30)
    assert occurrence.minutes_until_start(now) == 450


def test_a_meeting_that_has_finished_today_is_next_week():
    now = london(2026, 11, 23, 21, 0)
    occurrence = next_occurrence(MONDAY, dt.time(19, 30), 60, now)
    assert occurrence.start == london(2026, 11, 30, 19, 30)


def test_a_meeting_running_past_midnight_is_still_in_progress_after_midnight():
    now = london(2026, 11, 22, 0, 15)  # Sunday, just after midnight
    occurrence = next_occurrence(SATURDAY, dt.time(23, 0), 90, now)
    assert occurrence.start == london(2026, 11, 21, 23, 0)
    assert occurrence.end == london(2026, 11, 22, 0, 30)
    assert occurrence.is_in_progress(now)


def test_the_hour_lost_in_march_is_not_counted():
    # Clocks go forward at 01:00 GMT on Sunday 29 March 2026.
    now = london(2026, 3, 28, 23, 0)
    occurrence = next_occurrence(SUNDAY, dt.time(2, 30), 60, now)
    assert occurrence.start.utcoffset() == dt.timedelta(hours=1)
    assert occurrence.minutes_until_start(now) == 150  # 3h30 on the wall clock


def test_the_hour_gained_in_october_is_counted():
    # Clocks go back at 02:00 BST on Sunday 25 October 2026.
    now = london(2026, 10, 24, 23, 0)
    occurrence = next_occurrence(SUNDAY, dt.time(9, 0), 60, now)
    assert occurrence.start.utcoffset() == dt.timedelta(0)
    assert occurrence.minutes_until_start(now) == 11 * 60  # 10 hours on the wall clock


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (london(2026, 3, 28, 23, 30), schedule.ClockChange(150, -60)),
        (london(2026, 10, 24, 23, 0), schedule.ClockChange(180, 60)),
        (london(2026, 11, 23, 12, 0), None),
    ],
)
def test_the_clock_change_in_the_coming_week_is_found(now, expected):
    assert schedule.clock_change_this_week(now) == expected


def test_weekday_numbers_start_on_sunday():
    assert schedule.weekday_number(dt.date(2026, 11, 22)) == SUNDAY
    assert schedule.weekday_number(dt.date(2026, 11, 28)) == SATURDAY
