"""Routing reads when a volunteer may be free from a mask on their own row (finder/models/
free_slots.py): whatever way their windows change, who is asked follows the windows."""

import pytest
from peer_factories import MONDAY
from peer_factories import MONDAY_MORNING
from peer_factories import make_request
from peer_factories import make_volunteer

from finder.extensions import db
from finder.models import AvailabilityWindow
from finder.models.free_slots import mask_of
from finder.models.free_slots import slot_bit
from finder.peer import routing

pytestmark = pytest.mark.usefixtures("app_context")

MONDAY_EVENING = (MONDAY, 17 * 60, 24 * 60)
MONDAY_MORNING_WINDOW = (MONDAY, 5 * 60, 12 * 60)


def asked_about_monday_evening() -> bool:
    """The request factory's meeting is on Monday at 19:30."""
    return bool(routing.eligible_volunteers(db.session, make_request(), MONDAY_MORNING))


def windows(*held):
    return [AvailabilityWindow(day=day, start_minute=start, end_minute=end)
            for day, start, end in held]


def test_a_volunteer_who_swaps_evenings_for_mornings_is_no_longer_asked_about_evenings():
    volunteer = make_volunteer(windows=[MONDAY_EVENING])
    assert asked_about_monday_evening()
    volunteer.availability = windows(MONDAY_MORNING_WINDOW)
    db.session.commit()
    assert not asked_about_monday_evening()


def test_a_volunteer_who_adds_monday_evenings_is_asked_about_them():
    volunteer = make_volunteer(windows=[MONDAY_MORNING_WINDOW])
    assert not asked_about_monday_evening()
    volunteer.availability.append(windows(MONDAY_EVENING)[0])
    db.session.commit()
    assert asked_about_monday_evening()


def test_a_window_moved_to_another_day_moves_the_offers_with_it():
    volunteer = make_volunteer(windows=[MONDAY_EVENING])
    assert asked_about_monday_evening()
    volunteer.availability[0].day = MONDAY + 1
    db.session.commit()
    assert not asked_about_monday_evening()


def test_a_window_deleted_on_its_own_stops_the_offers():
    volunteer = make_volunteer(windows=[MONDAY_EVENING, MONDAY_MORNING_WINDOW])
    assert asked_about_monday_evening()
    evening = next(w for w in volunteer.availability if w.start_minute == 17 * 60)
    db.session.delete(evening)
    db.session.commit()
    assert not asked_about_monday_evening()


def test_a_window_that_ends_before_the_meeting_in_the_same_part_of_the_day_is_not_enough():
    # 17:00 to 19:00 shares the evening slot with 19:30: the mask lets the volunteer through,
    # the window itself says no.
    volunteer = make_volunteer(windows=[(MONDAY, 17 * 60, 19 * 60)])
    assert volunteer.free_slots & slot_bit(MONDAY, 19 * 60 + 30)
    assert not asked_about_monday_evening()


def test_every_minute_of_the_week_falls_in_exactly_the_slot_its_window_sets():
    for day in range(7):
        for minute in range(0, 24 * 60, 5):
            window_mask = mask_of([(day, minute, minute + 1)])
            assert window_mask == slot_bit(day, minute)


def test_a_window_added_by_its_volunteers_id_alone_counts_too():
    volunteer = make_volunteer(windows=[MONDAY_MORNING_WINDOW])
    db.session.add(AvailabilityWindow(volunteer_id=volunteer.id, day=MONDAY,
                                      start_minute=17 * 60, end_minute=24 * 60))
    db.session.commit()
    assert asked_about_monday_evening()
