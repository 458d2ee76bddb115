"""One contact asking many times: repeats are told apart by meeting, the daily allowance is
kept in the database and forgotten once its day is over, and coordinators get one email, not
one per submission over the limit."""

from __future__ import annotations

import datetime as dt

from flask import current_app
from peer_factories import MONDAY_MORNING
from peer_factories import make_coordinator
from peer_factories import make_request

from finder.extensions import db
from finder.models import ContactAllowance
from finder.models import OutboxMessage
from finder.peer import timers


def test_a_second_request_for_a_different_meeting_of_the_same_fellowship_is_not_held(
        app_context):
    first = make_request(contact_value="07700 900 600", wanted_minute=19 * 60 + 30)
    other_meeting = make_request(contact_value="07700 900 600", wanted_minute=12 * 60)
    same_meeting = make_request(contact_value="07700 900 600", wanted_minute=19 * 60 + 30)
    assert (first.status, other_meeting.status) == ("submitted", "submitted")
    assert (same_meeting.status, same_meeting.held_reason) == ("held", "duplicate")


def test_the_daily_allowance_starts_again_after_a_day_and_is_then_forgotten(app_context):
    limit = current_app.config["FINDER_PEER_REQUESTS_PER_CONTACT_PER_DAY"]
    made = [make_request(contact_value="07700 900 601", wanted_minute=18 * 60 + n)
            for n in range(limit + 1)]
    assert [r.held_reason for r in made] == [None] * limit + ["over_limit"]
    next_day = MONDAY_MORNING + dt.timedelta(days=1)
    again = make_request(now=next_day, contact_value="07700 900 601", wanted_minute=17 * 60)
    assert again.held_reason is None
    timers.purge(db.session, next_day + dt.timedelta(days=1), current_app.config)
    assert db.session.query(ContactAllowance).count() == 0


def test_many_submissions_over_the_limit_send_coordinators_one_email(app_context):
    coordinator = make_coordinator()
    limit = current_app.config["FINDER_PEER_REQUESTS_PER_CONTACT_PER_DAY"]
    made = [make_request(contact_value="07700 900 602", wanted_minute=18 * 60 + n)
            for n in range(limit + 9)]
    assert [r.held_reason for r in made].count("over_limit") == 9
    told = db.session.query(OutboxMessage).filter_by(to=coordinator.email).all()
    assert len(told) == 1 and "held back" in told[0].body
