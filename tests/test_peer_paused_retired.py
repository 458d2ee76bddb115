"""A paused or retired volunteer takes on nothing more and sees no one's details; retiring
hands their requests back to other volunteers and tells coordinators."""

from __future__ import annotations

import datetime as dt

from flask import current_app
from peer_factories import MONDAY_MORNING
from peer_factories import make_coordinator
from peer_factories import make_request
from peer_factories import make_volunteer

from finder.extensions import db
from finder.models import OutboxMessage
from finder.peer import coordination
from finder.peer import matching
from finder.peer import requests
from finder.peer import timers

TODAY = MONDAY_MORNING.date()


def pause(volunteer) -> None:
    coordination.change_volunteer(db.session, volunteer, "pause", MONDAY_MORNING,
                                  current_app.config)


def test_a_paused_volunteer_cannot_accept_an_offer_still_open(app_context):
    volunteer = make_volunteer()
    request = make_request(route=True)
    pause(volunteer)
    assert matching.accept(db.session, request.offers[0].id, volunteer.id,
                           MONDAY_MORNING) == "unavailable"
    assert request.status == "offering"


def test_a_paused_volunteer_no_longer_sees_contact_details_or_notes(app_context):
    volunteer = make_volunteer()
    request = make_request(route=True, note="I use a wheelchair")
    matching.accept(db.session, request.offers[0].id, volunteer.id, MONDAY_MORNING)
    assert matching.reveal_contact(db.session, request, volunteer, MONDAY_MORNING)["note"]
    pause(volunteer)
    assert matching.reveal_contact(db.session, request, volunteer, MONDAY_MORNING) is None


def test_a_coordinator_cannot_assign_to_a_paused_volunteer_or_past_a_limit(app_context):
    paused = make_volunteer()
    pause(paused)
    busy = make_volunteer(max_active_requests=1)
    request = make_request(route=True)
    matching.accept(db.session, request.offers[0].id, busy.id, MONDAY_MORNING)
    another = make_request()
    assert matching.assign(db.session, another, paused, MONDAY_MORNING) == "unavailable"
    assert matching.assign(db.session, another, busy, MONDAY_MORNING) == "at_limit"
    assert another.status == "submitted"


def test_retiring_hands_their_requests_back_and_tells_coordinators(app_context):
    coordinator = make_coordinator()
    leaving = make_volunteer(first_name="Dana")
    make_volunteer()
    request = make_request(route=True)
    offer = next(o for o in request.offers if o.volunteer_id == leaving.id)
    assert matching.accept(db.session, offer.id, leaving.id, MONDAY_MORNING) == "accepted"

    coordination.change_volunteer(db.session, leaving, "retire", MONDAY_MORNING,
                                  current_app.config)
    db.session.expire_all()
    # Back to looking: here everyone else was asked already, so it goes to the coordinators.
    assert request.status == "escalated" and request.volunteer_id is None
    assert requests.requester_stage(request) == "looking"  # their page no longer names Dana
    told = [m.body for m in db.session.query(OutboxMessage).filter_by(to=coordinator.email)]
    assert any("retired" in body and request.public_id in body for body in told)
    reminder_due = MONDAY_MORNING + dt.timedelta(
        minutes=current_app.config["FINDER_PEER_REMINDER_MINUTES"])
    timers.advance(db.session, reminder_due, current_app.config)
    assert db.session.query(OutboxMessage).filter_by(
        to=leaving.email, subject="Reminder: please get in touch").count() == 0


def test_withdrawing_after_seeing_contact_details_alerts_coordinators_and_is_limited(
        app_context):
    coordinator = make_coordinator()
    harvester = make_volunteer(max_active_requests=3)
    seen = 0
    outcomes = []
    for _ in range(matching.WITHDRAWALS_AFTER_SEEING + 1):
        request = make_request(route=True)
        offer = next(o for o in request.offers if o.volunteer_id == harvester.id)
        outcomes.append(matching.accept(db.session, offer.id, harvester.id, MONDAY_MORNING))
        if outcomes[-1] == "accepted":
            assert matching.reveal_contact(db.session, request, harvester, MONDAY_MORNING)
            seen += 1
            assert matching.withdraw(db.session, request, harvester.id, MONDAY_MORNING,
                                     current_app.config)
    assert outcomes == ["accepted"] * matching.WITHDRAWALS_AFTER_SEEING + ["unavailable"]
    told = [m.body for m in db.session.query(OutboxMessage).filter_by(to=coordinator.email)]
    assert sum("after seeing the contact details" in body for body in told) == seen == 2
