"""Who is asked to go with someone: each eligibility rule, a fair order, and waves."""

import datetime as dt

import pytest
from flask import current_app
from peer_factories import MONDAY
from peer_factories import MONDAY_MORNING
from peer_factories import make_coordinator
from peer_factories import make_request
from peer_factories import make_volunteer

from finder.extensions import db
from finder.models import Offer
from finder.models import OutboxMessage
from finder.peer import matching
from finder.peer import routing
from finder.peer import timers

pytestmark = pytest.mark.usefixtures("app_context")

MANCHESTER = (53.4808, -2.2426)  # about 36 miles from Leeds


def eligible(request):
    return routing.eligible_volunteers(db.session, request, MONDAY_MORNING)


def test_an_approved_active_member_nearby_and_free_that_evening_is_eligible():
    volunteer = make_volunteer()
    assert eligible(make_request()) == [volunteer]


@pytest.mark.parametrize("overrides", [
    pytest.param({"approved": False}, id="not approved"),
    pytest.param({"state": "retired"}, id="retired"),
    pytest.param({"paused_until": dt.date(2025, 3, 10)}, id="paused until today"),
    pytest.param({"fellowships": ["na"]}, id="another fellowship"),
    pytest.param({"latitude": MANCHESTER[0], "longitude": MANCHESTER[1]}, id="too far"),
    pytest.param({"windows": [(MONDAY, 9 * 60, 12 * 60)]}, id="only free in the morning"),
    pytest.param({"windows": [(2, 17 * 60, 22 * 60)]}, id="only free on Tuesdays"),
])
def test_a_volunteer_who_fails_one_rule_is_not_asked(overrides):
    make_volunteer(**overrides)
    assert eligible(make_request()) == []


def test_a_pause_that_ended_yesterday_no_longer_stops_offers():
    volunteer = make_volunteer(paused_until=dt.date(2025, 3, 9))
    assert eligible(make_request()) == [volunteer]


def test_a_volunteer_at_their_own_limit_is_not_asked_again():
    volunteer = make_volunteer(max_active_requests=1)
    first = make_request(route=True)
    outcome = matching.accept(db.session, first.offers[0].id, volunteer.id, MONDAY_MORNING)
    assert outcome == "accepted"
    assert eligible(make_request()) == []


def test_a_volunteer_with_room_for_two_is_asked_while_going_with_one():
    volunteer = make_volunteer(max_active_requests=2)
    first = make_request(route=True)
    matching.accept(db.session, first.offers[0].id, volunteer.id, MONDAY_MORNING)
    assert eligible(make_request()) == [volunteer]


@pytest.mark.parametrize("member_of", [["aa"], ["na"], ["ca"], ["smart"], ["aa", "na", "ca"]])
def test_family_group_requests_never_go_to_aa_na_ca_or_smart_volunteers(member_of):
    make_volunteer(fellowships=member_of)
    assert eligible(make_request(fellowship="al-anon")) == []


def test_family_group_requests_go_to_that_family_groups_members():
    volunteer = make_volunteer(fellowships=["al-anon"])
    assert eligible(make_request(fellowship="al-anon")) == [volunteer]


def test_online_meetings_ignore_distance():
    volunteer = make_volunteer(latitude=MANCHESTER[0], longitude=MANCHESTER[1])
    request = make_request(online=True, postcode_district=None, latitude=None, longitude=None)
    assert eligible(request) == [volunteer]


def test_a_volunteer_without_a_home_location_is_only_asked_for_online_meetings():
    make_volunteer(latitude=None, longitude=None)
    assert eligible(make_request()) == []


def test_a_wider_travel_radius_reaches_further():
    volunteer = make_volunteer(latitude=MANCHESTER[0], longitude=MANCHESTER[1],
                               travel_radius_miles=40)
    assert eligible(make_request()) == [volunteer]


def test_availability_is_read_on_the_london_clock_in_summer_time():
    # Monday 7 July 2025: 19:30 in London is 18:30 UTC; the window is wall-clock London.
    volunteer = make_volunteer(windows=[(MONDAY, 19 * 60, 20 * 60)])
    summer = dt.datetime(2025, 7, 7, 9, 0)
    request = make_request(now=summer)
    assert request.meeting_at == dt.datetime(2025, 7, 7, 18, 30)
    assert routing.eligible_volunteers(db.session, request, summer) == [volunteer]


@pytest.mark.parametrize("wanted, has, fits", [
    ({"volunteer_gender": "man"}, {"gender": "woman"}, False),
    ({"volunteer_gender": "woman"}, {"gender": "woman"}, True),
    ({"volunteer_gender": None}, {"gender": None}, True),
    ({"language": "pl"}, {"languages": ["en"]}, False),
    ({"language": "pl"}, {"languages": ["en", "pl"]}, True),
])
def test_hard_preferences_must_match(wanted, has, fits):
    volunteer = make_volunteer(**has)
    assert eligible(make_request(**wanted)) == ([volunteer] if fits else [])


def test_waves_go_to_the_least_recently_offered_first():
    recently = make_volunteer(last_offered_at=MONDAY_MORNING - dt.timedelta(hours=1))
    long_ago = make_volunteer(last_offered_at=MONDAY_MORNING - dt.timedelta(days=30))
    never = make_volunteer()
    current_app.config["FINDER_PEER_WAVE_SIZE"] = 2
    try:
        request = make_request(route=True)
    finally:
        current_app.config["FINDER_PEER_WAVE_SIZE"] = 3
    assert [o.volunteer_id for o in request.offers] == [never.id, long_ago.id]
    assert recently.last_offered_at < never.last_offered_at == MONDAY_MORNING


def test_offers_to_volunteers_carry_no_requester_details():
    volunteer = make_volunteer()
    request = make_request(route=True, first_name="Quillon", contact_value="07700 900555",
                           note="Quiet please")
    assert request.status == "offering"
    email = db.session.query(OutboxMessage).filter_by(to=volunteer.email).one()
    for secret in ("Quillon", "07700", "900555", "Quiet please"):
        assert secret not in email.body and secret not in email.subject
    assert "LS1" in email.body


def test_an_offer_names_the_language_wanted_not_its_code():
    volunteer = make_volunteer(languages=["en", "pl"])
    make_request(route=True, language="pl")
    email = db.session.query(OutboxMessage).filter_by(to=volunteer.email).one()
    assert "Language: Polish" in email.body
    assert "Language: pl" not in email.body


def test_a_decliner_is_never_asked_again_and_the_next_wave_starts_when_all_decline():
    first = make_volunteer()
    request = make_request(route=True)
    second = make_volunteer()
    assert matching.decline(db.session, request.offers[0].id, first.id, MONDAY_MORNING,
                            current_app.config)
    db.session.refresh(request)
    assert [(o.volunteer_id, o.status, o.wave) for o in request.offers] == [
        (first.id, "declined", 1), (second.id, "offered", 2)]


def test_when_a_wave_times_out_the_next_volunteers_are_asked():
    first = make_volunteer()
    request = make_request(route=True)
    second = make_volunteer()
    later = MONDAY_MORNING + dt.timedelta(minutes=current_app.config["FINDER_PEER_WAVE_MINUTES"])
    timers.advance(db.session, later, current_app.config)
    db.session.refresh(request)
    assert [(o.volunteer_id, o.status) for o in request.offers] == [
        (first.id, "expired"), (second.id, "offered")]


def test_with_nobody_left_the_request_goes_to_the_coordinators():
    coordinator = make_coordinator()
    request = make_request(route=True)
    assert request.status == "escalated"
    to_coordinator = db.session.query(OutboxMessage).filter_by(to=coordinator.email).one()
    assert "coordinator" in to_coordinator.subject


def test_if_nobody_can_go_before_the_meeting_it_closes_with_alternatives():
    request = make_request(route=True)
    assert request.status == "escalated"
    lead = dt.timedelta(minutes=current_app.config["FINDER_PEER_LEAD_MINUTES"])
    timers.advance(db.session, request.meeting_at - lead, current_app.config)
    db.session.refresh(request)
    assert request.status == "expired"
    assert request.closed_at is not None


def test_a_repeat_is_never_offered_and_closes_quietly_when_a_new_request_would():
    make_volunteer()
    by_email = {"contact_method": "email", "contact_value": "robin@example.org"}
    first = make_request(route=True, **by_email)
    repeat = make_request(route=True, **by_email)
    assert (repeat.status, repeat.held_reason, repeat.offers) == ("held", "duplicate", [])
    lead = dt.timedelta(minutes=current_app.config["FINDER_PEER_LEAD_MINUTES"])
    timers.advance(db.session, repeat.meeting_at - lead - dt.timedelta(minutes=1),
                   current_app.config)
    db.session.refresh(repeat)
    assert repeat.status == "held"
    emails = db.session.query(OutboxMessage).filter_by(to="robin@example.org")
    emails_before = emails.count()
    counts = timers.advance(db.session, repeat.meeting_at - lead, current_app.config)
    db.session.refresh(repeat)
    db.session.refresh(first)
    assert (repeat.status, repeat.closed_reason) == ("closed", "duplicate")
    assert counts["held_closed"] == 1 and repeat.closed_at is not None
    assert first.status == "expired"
    assert emails.count() - emails_before == 1  # about the first request only


def test_withdrawing_after_accepting_goes_back_to_offering_first_in_line_without_them():
    first = make_volunteer()
    request = make_request(route=True)
    second = make_volunteer()
    matching.accept(db.session, request.offers[0].id, first.id, MONDAY_MORNING)
    assert matching.withdraw(db.session, request, first.id, MONDAY_MORNING, current_app.config)
    db.session.refresh(request)
    assert request.status == "offering" and request.priority and request.volunteer_id is None
    assert {(o.volunteer_id, o.status) for o in request.offers} == {
        (first.id, "withdrawn"), (second.id, "offered")}
    assert db.session.query(Offer).filter_by(volunteer_id=first.id, status="offered").count() == 0
