"""An offer's "Answer by": today or tomorrow in words, by the day in London, else the date."""

from __future__ import annotations

import datetime as dt

import pytest

from finder.peer.messages import deadline_text

NINE_ON_2_DECEMBER = dt.datetime(2026, 12, 2, 9, 0)  # naive UTC, as stored


@pytest.mark.parametrize("at, now, expected", [
    (dt.datetime(2026, 12, 2, 18, 44), NINE_ON_2_DECEMBER, "Today at 18:44"),
    (dt.datetime(2026, 12, 3, 9, 0), NINE_ON_2_DECEMBER, "Tomorrow at 09:00"),
    (dt.datetime(2026, 12, 9, 18, 0), NINE_ON_2_DECEMBER, "Wednesday 9 December 2026, 18:00"),
    # 23:30 UTC on 1 July is 00:30 on 2 July in London (British Summer Time): tomorrow.
    (dt.datetime(2026, 7, 1, 23, 30), dt.datetime(2026, 7, 1, 12, 0), "Tomorrow at 00:30"),
    # The night the clocks go back (25 October 2026): 00:30 UTC is 01:30 BST on the 25th, and
    # 23:30 UTC is 23:30 GMT the same day.
    (dt.datetime(2026, 10, 25, 23, 30), dt.datetime(2026, 10, 25, 0, 30), "Today at 23:30"),
])
def test_a_deadline_reads_as_today_or_tomorrow_by_the_day_in_london(app, at, now, expected):
    with app.test_request_context("/"):
        assert deadline_text(at, now) == expected
