"""A meeting too soon to arrange, or already started: the asker is told plainly and offered the
next date, shown; a request's date is on every page and email about it; with time for one wave
only, coordinators hear at once."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from peer_factories import MONDAY_MORNING
from peer_factories import make_coordinator
from peer_factories import make_request
from peer_factories import make_volunteer
from test_ask_pages import ASK
from test_ask_pages import answers
from test_ask_pages import status_link

from finder.extensions import db
from finder.meetings.schedule import LONDON
from finder.meetings.schedule import weekday_number
from finder.models import AccompanimentRequest
from finder.models import OutboxMessage


def shown(at: dt.datetime) -> str:
    """How a London wall-clock time reads on the pages: "Tuesday 9 December 2025, 20:00"."""
    return f"{at:%A} {at.day} {at:%B} {at.year}, {at:%H:%M}"


def meeting_in(minutes: int) -> dt.datetime:
    """A London wall-clock time this many minutes from now (negative: already started)."""
    at = dt.datetime.now(LONDON) + dt.timedelta(minutes=minutes)
    return at.replace(second=0, microsecond=0)


@pytest.mark.parametrize("minutes", [20, -10], ids=["less than an hour away", "started"])
def test_a_meeting_too_soon_is_not_silently_moved_to_next_week(client, page, app_context,
                                                               minutes):
    soon = meeting_in(minutes)
    when = {"day": str(weekday_number(soon.date())), "time": f"{soon:%H:%M}",
            "email": "robin@example.org", "contact_method": "email", "phone": ""}
    response = client.post(ASK, data=answers(**when))
    assert response.status_code == 200
    assert db.session.query(AccompanimentRequest).count() == 0
    notice = page(response).select_one("#too-soon")
    next_week = soon + dt.timedelta(days=7)
    assert shown(soon) in notice.get_text() and shown(next_week) in notice.get_text()
    form = page(response).select_one("main form")
    assert shown(next_week) in form.select_one("button[type=submit]").get_text()
    confirmed = form.select_one("input[name=next_date]")["value"]

    again = client.post(ASK, data=answers(**when, next_date=confirmed))
    assert again.status_code == 303
    saved = db.session.query(AccompanimentRequest).one()
    assert saved.meeting_at.replace(tzinfo=dt.UTC).astimezone(LONDON) == next_week
    status_page = page(client.get(status_link(client))).main.get_text()
    assert shown(next_week) in status_page
    (email,) = db.session.query(OutboxMessage).filter_by(to="robin@example.org")
    assert shown(next_week) in email.body


def test_a_meeting_with_time_to_arrange_is_asked_for_straight_away(client, app_context):
    later = meeting_in(3 * 60)
    response = client.post(ASK, data=answers(day=str(weekday_number(later.date())),
                                             time=f"{later:%H:%M}"))
    assert response.status_code == 303
    saved = db.session.query(AccompanimentRequest).one()
    assert saved.meeting_at.replace(tzinfo=dt.UTC).astimezone(LONDON) == later


def test_with_time_for_only_one_wave_coordinators_hear_at_once(app_context):
    coordinator = make_coordinator()
    make_volunteer(windows=[(1, 9 * 60, 13 * 60)])
    eighty_minutes_on = 11 * 60 + 20  # Monday 11:20, asked on Monday at 10:00
    request = make_request(route=True, wanted_minute=eighty_minutes_on)
    assert request.meeting_at == MONDAY_MORNING + dt.timedelta(minutes=80)
    assert request.status == "offering"
    told = [m.body for m in db.session.query(OutboxMessage).filter_by(to=coordinator.email)]
    assert len(told) == 1 and "Monday 10 March 2025, 11:20" in told[0]


def test_with_time_for_more_waves_coordinators_are_not_troubled(app_context):
    coordinator = make_coordinator()
    make_volunteer()
    make_request(route=True)  # Monday 19:30, asked at 10:00
    assert db.session.query(OutboxMessage).filter_by(to=coordinator.email).count() == 0


def test_the_requester_emails_give_the_meetings_date(client, app_context):
    client.post(ASK, data=answers(contact_method="email", email="sam@example.org", phone=""))
    (email,) = db.session.query(OutboxMessage).filter_by(to="sam@example.org")
    assert re.search(r"meeting on \w+day \d+ \w+ \d{4}, 19:30", email.body)
