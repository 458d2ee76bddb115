"""Every request ends somewhere, personal data is erased after the retention period, and no
name or contact detail ever reaches the logs."""

import datetime as dt
import logging
import re

from flask import current_app
from peer_factories import MONDAY_MORNING
from peer_factories import make_request
from peer_factories import make_volunteer
from peer_factories import sign_in

from finder.extensions import db
from finder.models import AccompanimentRequest
from finder.models import ContactReveal
from finder.models import OutboxMessage
from finder.models import RequestEvent
from finder.peer import matching
from finder.peer import outbox
from finder.peer import timers


def test_personal_data_is_erased_after_the_retention_period_and_figures_remain(app_context):
    volunteer = make_volunteer()
    request = make_request(route=True, note="Please meet me at the door")
    matching.accept(db.session, request.offers[0].id, volunteer.id, MONDAY_MORNING)
    matching.record_outcome(db.session, request, "attended", "volunteer", MONDAY_MORNING)
    retention = dt.timedelta(days=current_app.config["FINDER_PEER_RETENTION_DAYS"])

    assert timers.purge(db.session, MONDAY_MORNING + retention - dt.timedelta(minutes=1),
                        current_app.config) == 0
    assert timers.purge(db.session, MONDAY_MORNING + retention, current_app.config) == 1

    db.session.expire_all()
    erased = db.session.get(AccompanimentRequest, request.id)
    for field in timers.PERSONAL_FIELDS:
        assert getattr(erased, field) is None, field
    assert erased.erased_at is not None
    assert (erased.status, erased.outcome, erased.fellowship) == ("completed", "attended", "aa")
    assert db.session.query(RequestEvent).filter_by(request_id=request.id).count() >= 3


def test_sent_emails_are_deleted_after_the_retention_period(app_context):
    outbox.enqueue(db.session, "robin@example.org", "Your request", "Hello Robin", MONDAY_MORNING)
    db.session.query(OutboxMessage).update({"status": "sent", "sent_at": MONDAY_MORNING})
    db.session.commit()
    created = db.session.query(OutboxMessage).count()
    retention = dt.timedelta(days=current_app.config["FINDER_PEER_RETENTION_DAYS"])
    timers.purge(db.session, MONDAY_MORNING + retention - dt.timedelta(days=1), current_app.config)
    assert db.session.query(OutboxMessage).count() == created
    timers.purge(db.session, MONDAY_MORNING + retention + dt.timedelta(days=1), current_app.config)
    assert db.session.query(OutboxMessage).count() == 0


def test_open_requests_are_never_erased(app_context):
    make_request()
    assert timers.purge(db.session, MONDAY_MORNING + dt.timedelta(days=3650),
                        current_app.config) == 0


def test_a_request_nobody_reported_on_finishes_as_unknown_after_the_meeting(app_context):
    volunteer = make_volunteer()
    request = make_request(route=True)
    matching.accept(db.session, request.offers[0].id, volunteer.id, MONDAY_MORNING)
    timers.advance(db.session, request.meeting_at + timers.OUTCOME_GRACE, current_app.config)
    db.session.refresh(request)
    assert (request.status, request.outcome) == ("completed", "unknown")


def test_a_volunteer_who_has_not_made_contact_is_reminded_once(app_context):
    volunteer = make_volunteer()
    request = make_request(route=True)
    matching.accept(db.session, request.offers[0].id, volunteer.id, MONDAY_MORNING)
    reminder = current_app.config["FINDER_PEER_REMINDER_MINUTES"]
    later = MONDAY_MORNING + dt.timedelta(minutes=reminder)
    assert timers.advance(db.session, later, current_app.config)["reminded"] == 1
    assert timers.advance(db.session, later, current_app.config)["reminded"] == 0


def test_contact_details_are_only_for_the_accepting_volunteer_and_each_view_is_recorded(
        app_context):
    chosen, other = make_volunteer(), make_volunteer()
    request = make_request(route=True)
    matching.accept(db.session, request.offers[0].id, chosen.id, MONDAY_MORNING)
    assert matching.reveal_contact(db.session, request, other, MONDAY_MORNING) is None
    seen = matching.reveal_contact(db.session, request, chosen, MONDAY_MORNING)
    assert seen["first_name"] == "Robin"
    reveals = db.session.query(ContactReveal).all()
    assert [(r.request_id, r.volunteer_id) for r in reveals] == [(request.id, chosen.id)]


def test_no_name_or_contact_detail_reaches_the_logs_in_a_whole_journey(client, caplog,
                                                                      app_context):
    caplog.set_level(logging.DEBUG)
    volunteer = make_volunteer()
    client.post("/ask-someone-to-go-with-you", data={
        "fellowship": "aa", "area": "LS1 4AP", "day": "1", "time": "19:30", "over_18": "yes",
        "made_by": "keyworker", "client_consent": "yes", "keyworker_told": "yes",
        "first_name": "Zephyrine", "contact_method": "email",
        "email": "zephyrine.q@example.net", "consent": "y", "note": "Unusualnote words"})
    sent = client.get("/ask-someone-to-go-with-you/sent").get_data(as_text=True)
    link = re.search(r"/request-status/[\w-]+", sent).group(0)
    client.get(link)
    volunteer_client = client.application.test_client()
    sign_in(volunteer_client, volunteer)
    offer = db.session.query(AccompanimentRequest).one().offers[0]
    volunteer_client.post(f"/volunteer/offers/{offer.id}/accept")
    public_id = db.session.query(AccompanimentRequest).one().public_id
    assert "zephyrine.q@example.net" in volunteer_client.get(
        f"/volunteer/requests/{public_id}").get_data(as_text=True)
    client.post(link + "/cancel")
    timers.advance(db.session, MONDAY_MORNING + dt.timedelta(days=400), current_app.config)
    logged = caplog.text.lower()
    for secret in ("zephyrine", "example.net", "unusualnote"):
        assert secret not in logged
