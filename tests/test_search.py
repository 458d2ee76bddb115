"""Searching meetings: every filter, their combinations, distance and order."""

import datetime as dt

import pytest
from factories import make_meeting

from finder.meetings.schedule import LONDON
from finder.meetings.search import Criteria
from finder.meetings.search import search

pytestmark = pytest.mark.usefixtures("app_context")

LEEDS = dict(latitude=53.795472, longitude=-1.555729)  # LS1 4AP
BRADFORD = dict(latitude=53.796556, longitude=-1.754428)  # about 8 miles from Leeds
MANCHESTER = dict(latitude=53.477455, longitude=-2.236302)  # about 36 miles away
MONDAY_NOON = dt.datetime(2026, 11, 23, 12, 0, tzinfo=LONDON)


def found(criteria: Criteria, now: dt.datetime = MONDAY_NOON) -> list[str]:
    return [result.meeting.name for result in search(criteria, now, page_size=100).items]


def near_leeds(**changes) -> Criteria:
    return Criteria(**{**LEEDS, **changes})


def test_meetings_beyond_the_radius_are_left_out():
    make_meeting(name="Leeds", **LEEDS)
    make_meeting(name="Bradford", **BRADFORD)
    make_meeting(name="Manchester", **MANCHESTER)
    assert found(near_leeds(radius_miles=5)) == ["Leeds"]
    assert sorted(found(near_leeds(radius_miles=10))) == ["Bradford", "Leeds"]


def test_distance_is_shown_in_miles():
    make_meeting(name="Bradford", **BRADFORD)
    (result,) = search(near_leeds(radius_miles=25), MONDAY_NOON).items
    assert 7.5 < result.distance_miles < 9


def test_online_meetings_do_not_appear_among_in_person_ones_but_hybrid_do():
    make_meeting(name="Hall", attendance_mode="in_person")
    make_meeting(name="Video", attendance_mode="online", latitude=None, longitude=None)
    make_meeting(name="Both", attendance_mode="hybrid")
    assert sorted(found(near_leeds())) == ["Both", "Hall"]


def test_online_mode_ignores_distance():
    make_meeting(name="Video", attendance_mode="online", latitude=None, longitude=None)
    make_meeting(name="Far hybrid", attendance_mode="hybrid", **MANCHESTER)
    make_meeting(name="Hall", attendance_mode="in_person")
    assert sorted(found(near_leeds(mode="online", radius_miles=1))) == ["Far hybrid", "Video"]
    assert sorted(found(Criteria(mode="online"))) == ["Far hybrid", "Video"]


def test_in_person_mode_means_only_at_a_venue():
    make_meeting(name="Hall", attendance_mode="in_person")
    make_meeting(name="Both", attendance_mode="hybrid")
    assert found(near_leeds(mode="in-person")) == ["Hall"]
    assert found(near_leeds(mode="hybrid")) == ["Both"]


def test_meetings_not_currently_running_are_never_listed():
    make_meeting(name="Closed for now", attendance_mode="inactive")
    assert found(near_leeds()) == []


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        (dict(fellowships=("smart",)), ["SMART"]),
        (dict(fellowships=("smart", "na")), ["NA", "SMART"]),
        (dict(ethos="secular"), ["AA secular", "SMART"]),
        (dict(ethos="spiritual"), ["AA", "NA"]),
        (dict(fellowships=("aa",), ethos="secular"), ["AA secular"]),
        (dict(ethos="secular", ethos_group_only=True), ["AA secular"]),  # not SMART's usual
        (dict(ethos_group_only=True), ["AA secular"]),
    ],
)
def test_fellowship_ethos_and_ort_filters(criteria, expected):
    make_meeting(name="AA", fellowship="aa", ethos="spiritual")
    make_meeting(name="AA secular", fellowship="aa", ethos="secular", ethos_source="group")
    make_meeting(name="NA", fellowship="na", ort_openness="welcoming", ort_source="group")
    make_meeting(name="SMART", fellowship="smart")  # secular: SMART's usual approach
    assert sorted(found(near_leeds(**criteria))) == expected


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        (dict(ort_welcoming=True), ["NA, said by the group", "SMART, fellowship's position"]),
        (dict(ort_welcoming=True, ort_group_only=True), ["NA, said by the group"]),
    ],
)
def test_welcoming_rests_on_the_group_or_its_fellowships_published_position(criteria, expected):
    """A group's own word wins over its fellowship's: the SMART group that says it has limits
    is left out, and NA's published position (groups decide) never counts as welcoming."""
    make_meeting(name="NA, said by the group", fellowship="na", ort_openness="welcoming",
                 ort_source="group")
    make_meeting(name="NA, nothing said", fellowship="na")
    make_meeting(name="AA, nothing said", fellowship="aa")
    make_meeting(name="SMART, fellowship's position", fellowship="smart")
    make_meeting(name="SMART, group says limits", fellowship="smart",
                 ort_openness="restricted", ort_source="group")
    make_meeting(name="Family group", fellowship="smart-family-friends")
    assert sorted(found(near_leeds(**criteria))) == expected


@pytest.mark.parametrize(
    ("types", "expected"),
    [
        (("open",), ["Open women"]),
        (("closed",), ["Closed men", "Closed wheelchair loop"]),
        (("women",), ["Open women"]),
        (("men",), ["Closed men"]),
        (("lgbtq",), ["LGBTQ+ young"]),
        (("young-people",), ["LGBTQ+ young"]),
        (("wheelchair",), ["Closed wheelchair loop"]),
        (("hearing-loop",), ["Closed wheelchair loop"]),
        (("closed", "wheelchair", "hearing-loop"), ["Closed wheelchair loop"]),
        (("open", "men"), []),
    ],
)
def test_every_meeting_type_filter_and_combinations(types, expected):
    make_meeting(name="Open women", is_open=True, for_women=True)
    make_meeting(name="Closed men", is_open=False, for_men=True)
    make_meeting(
        name="Closed wheelchair loop", is_open=False, wheelchair_access=True, hearing_loop=True
    )
    make_meeting(name="LGBTQ+ young", lgbtq=True, young_people=True)
    assert sorted(found(near_leeds(types=types))) == expected


def test_language_filter_matches_whole_codes():
    make_meeting(name="Polish", languages=",pl,")
    make_meeting(name="English and Welsh", languages=",en,cy,")
    make_meeting(name="Punjabi", languages=",pa,")
    assert found(near_leeds(language="pl")) == ["Polish"]
    assert found(near_leeds(language="cy")) == ["English and Welsh"]


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (("1",), ["Monday evening", "Monday morning"]),
        (("0", "6"), ["Saturday late", "Sunday"]),
        (("today",), ["Monday evening"]),  # the morning one is over by noon
        (("tomorrow",), ["Tuesday"]),
        (("today", "tomorrow"), ["Monday evening", "Tuesday"]),
    ],
)
def test_day_filters(days, expected):
    make_meeting(name="Monday morning", day=1, start_time=dt.time(9, 0))
    make_meeting(name="Monday evening", day=1, start_time=dt.time(19, 0))
    make_meeting(name="Tuesday", day=2, start_time=dt.time(10, 0))
    make_meeting(name="Sunday", day=0, start_time=dt.time(10, 0))
    make_meeting(name="Saturday late", day=6, start_time=dt.time(23, 0), end_time=dt.time(0, 30))
    assert sorted(found(near_leeds(days=days))) == expected


@pytest.mark.parametrize(
    ("times", "expected"),
    [
        (("morning",), ["07:00"]),
        (("afternoon",), ["12:00", "16:59"]),
        (("evening",), ["17:00"]),
        (("night",), ["01:00", "23:30"]),
        (("morning", "night"), ["01:00", "07:00", "23:30"]),
    ],
)
def test_time_of_day_filters(times, expected):
    for start in ("07:00", "12:00", "16:59", "17:00", "23:30", "01:00"):
        make_meeting(name=start, start_time=dt.time.fromisoformat(start))
    assert sorted(found(near_leeds(times=times))) == expected


def test_starting_soon_means_within_two_hours():
    make_meeting(name="In 30 minutes", day=1, start_time=dt.time(12, 30))
    make_meeting(name="In 2 hours", day=1, start_time=dt.time(14, 0))
    make_meeting(name="In 3 hours", day=1, start_time=dt.time(15, 0))
    make_meeting(name="On now", day=1, start_time=dt.time(11, 30))
    assert sorted(found(near_leeds(soon=True))) == ["In 2 hours", "In 30 minutes"]


def test_soonest_first_puts_meetings_in_progress_first_and_wraps_round_the_week():
    make_meeting(name="Sunday", day=0, start_time=dt.time(10, 0))
    make_meeting(name="Monday 19:00", day=1, start_time=dt.time(19, 0))
    make_meeting(name="Monday 11:30 on now", day=1, start_time=dt.time(11, 30))
    make_meeting(name="Monday 09:00 over", day=1, start_time=dt.time(9, 0))
    make_meeting(name="Tuesday", day=2, start_time=dt.time(8, 0))
    assert found(near_leeds()) == [
        "Monday 11:30 on now",
        "Monday 19:00",
        "Tuesday",
        "Sunday",
        "Monday 09:00 over",
    ]


def test_nearest_first_orders_by_distance():
    make_meeting(name="Bradford, sooner", day=1, start_time=dt.time(13, 0), **BRADFORD)
    make_meeting(name="Leeds, later", day=1, start_time=dt.time(20, 0), **LEEDS)
    assert found(near_leeds(sort="nearest")) == ["Leeds, later", "Bradford, sooner"]
    assert found(near_leeds(sort="soonest")) == ["Bradford, sooner", "Leeds, later"]


def test_a_meeting_after_midnight_is_in_progress_and_first_on_sunday_morning():
    sunday_small_hours = dt.datetime(2026, 11, 22, 0, 10, tzinfo=LONDON)
    make_meeting(name="Late Saturday", day=6, start_time=dt.time(23, 0), end_time=dt.time(0, 30))
    make_meeting(name="Sunday breakfast", day=0, start_time=dt.time(8, 0))
    results = search(near_leeds(), sunday_small_hours).items
    assert [r.meeting.name for r in results] == ["Late Saturday", "Sunday breakfast"]
    assert results[0].occurrence.is_in_progress(sunday_small_hours)
    assert found(near_leeds(soon=True), sunday_small_hours) == []


def test_order_and_soon_are_right_on_the_night_the_clocks_go_forward():
    # 23:30 GMT on Saturday 28 March 2026; at 01:00 GMT the clocks jump to 02:00 BST.
    now = dt.datetime(2026, 3, 28, 23, 30, tzinfo=LONDON)
    make_meeting(name="02:30, two real hours away", day=0, start_time=dt.time(2, 30))
    make_meeting(name="01:45, which the clocks skip", day=0, start_time=dt.time(1, 45))
    assert found(near_leeds(), now) == [
        "02:30, two real hours away",
        "01:45, which the clocks skip",
    ]
    assert found(near_leeds(soon=True), now) == ["02:30, two real hours away"]


def test_soon_is_right_on_the_night_the_clocks_go_back():
    # 23:30 BST on Saturday 24 October 2026; at 02:00 BST the clocks go back to 01:00 GMT.
    now = dt.datetime(2026, 10, 24, 23, 30, tzinfo=LONDON)
    make_meeting(name="01:15 after 1h45", day=0, start_time=dt.time(1, 15))
    make_meeting(name="02:00 after 3h30", day=0, start_time=dt.time(2, 0))
    assert found(near_leeds(soon=True), now) == ["01:15 after 1h45"]
    assert found(near_leeds(), now) == ["01:15 after 1h45", "02:00 after 3h30"]


def test_results_come_in_pages_with_a_total():
    for hour in range(8, 20):
        make_meeting(name=f"{hour:02d}:00", day=2, start_time=dt.time(hour, 0))
    page_two = search(near_leeds(), MONDAY_NOON, page=2, page_size=5)
    assert page_two.total == 12
    assert page_two.pages == 3
    assert [r.meeting.name for r in page_two.items] == ["13:00", "14:00", "15:00", "16:00", "17:00"]


def test_a_page_past_the_last_still_knows_the_total():
    for hour in range(8, 11):
        make_meeting(name=f"{hour:02d}:00", day=2, start_time=dt.time(hour, 0))
    past_the_end = search(near_leeds(), MONDAY_NOON, page=4, page_size=2)
    assert (past_the_end.items, past_the_end.total, past_the_end.pages) == ([], 3, 2)
    assert search(near_leeds(radius_miles=1, fellowships=("smart",)), MONDAY_NOON).total == 0


def test_meetings_by_appointment_are_not_in_weekly_results():
    make_meeting(name="By appointment", day=None, start_time=None, end_time=None)
    assert found(near_leeds()) == []
