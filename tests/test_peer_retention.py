"""What the retention purge removes besides requests: emails never sent, reports of changed
meetings; and what a request keeps of where someone is: only the first part of a postcode."""

from __future__ import annotations

import datetime as dt

from flask import current_app
from peer_factories import MONDAY_MORNING
from test_ask_pages import answers

from finder.extensions import db
from finder.geo import postcodes
from finder.models import AccompanimentRequest
from finder.models import ChangeReport
from finder.models import OutboxMessage
from finder.peer import outbox
from finder.peer import timers


def retention() -> dt.timedelta:
    return dt.timedelta(days=current_app.config["FINDER_PEER_RETENTION_DAYS"])


def test_emails_never_sent_are_deleted_after_the_retention_period_too(app_context):
    # No mail server configured: nothing is ever sent, and the outbox must not keep it all.
    outbox.enqueue(db.session, "robin@example.org", "Your request",
                   "Hello Robin, https://example.org/request-status/secret", MONDAY_MORNING)
    db.session.commit()
    timers.purge(db.session, MONDAY_MORNING + retention() - dt.timedelta(days=1),
                 current_app.config)
    assert db.session.query(OutboxMessage).count() == 1
    timers.purge(db.session, MONDAY_MORNING + retention() + dt.timedelta(days=1),
                 current_app.config)
    assert db.session.query(OutboxMessage).count() == 0


def report(resolved: bool) -> ChangeReport:
    made = ChangeReport(meeting_slug="a-meeting", meeting_name="A meeting",
                        what_changed="Ring Jo on 07700 900123, the venue moved",
                        created_at=MONDAY_MORNING, resolved=resolved)
    db.session.add(made)
    db.session.commit()
    return made


def test_change_reports_are_deleted_a_retention_period_after_they_are_resolved(app_context):
    report(resolved=True)
    report(resolved=False)
    timers.purge(db.session, MONDAY_MORNING + retention() - dt.timedelta(days=1),
                 current_app.config)
    assert db.session.query(ChangeReport).count() == 2
    timers.purge(db.session, MONDAY_MORNING + retention() + dt.timedelta(days=1),
                 current_app.config)
    assert [r.resolved for r in db.session.query(ChangeReport)] == [False]
    kept = timers.UNRESOLVED_REPORTS_KEPT * retention()
    timers.purge(db.session, MONDAY_MORNING + kept + dt.timedelta(days=1), current_app.config)
    assert db.session.query(ChangeReport).count() == 0


def test_a_full_postcode_keeps_only_its_district(client, app_context):
    client.post("/ask-someone-to-go-with-you", data=answers(area="LS6 2QT"))
    saved = db.session.query(AccompanimentRequest).one()
    assert saved.postcode_district == "LS6"
    exact = postcodes.postcode_point("LS6 2QT")
    district = postcodes.outward_code_point("LS6")
    assert exact is not None and district is not None and exact != district
    assert (saved.latitude, saved.longitude) == (round(district[0], 2), round(district[1], 2))
