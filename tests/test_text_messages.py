"""Text messages to the person who asked, through the outbox and GOV.UK Notify: queued with
the change that caused them, sent by the worker, retried through an outage, and never sent
twice. A local server speaking Notify's API (tests/notify_server.py) stands in for Notify."""

import datetime as dt
import socket

import pytest
from notify_server import API_KEY
from notify_server import NotifyServer
from peer_factories import MONDAY_MORNING
from peer_factories import make_request
from peer_factories import make_volunteer
from peer_factories import words_of

from finder.extensions import db
from finder.models import OutboxMessage
from finder.peer import matching
from finder.peer import messages
from finder.peer import outbox
from finder.peer import requests

pytestmark = pytest.mark.usefixtures("app_context")

SMS_TEMPLATE = "b7a1c2d3-0000-4000-8000-00000000a5a5"
EMAIL_TEMPLATE = "c8b2d3e4-0000-4000-8000-00000000e1e1"
NOTIFY_SETTINGS = ("FINDER_NOTIFY_API_KEY", "FINDER_NOTIFY_BASE_URL",
                   "FINDER_NOTIFY_SMS_TEMPLATE_ID", "FINDER_NOTIFY_EMAIL_TEMPLATE_ID")


@pytest.fixture
def notify(app):
    saved = {key: app.config[key] for key in NOTIFY_SETTINGS}
    with NotifyServer() as server:
        app.config.update(FINDER_NOTIFY_API_KEY=API_KEY, FINDER_NOTIFY_BASE_URL=server.base_url,
                          FINDER_NOTIFY_SMS_TEMPLATE_ID=SMS_TEMPLATE)
        yield server
    app.config.update(saved)


def texts() -> list[OutboxMessage]:
    return list(db.session.query(OutboxMessage).filter_by(channel="sms")
                .order_by(OutboxMessage.id))


def later(hours: float) -> dt.datetime:
    return MONDAY_MORNING + dt.timedelta(hours=hours)


def test_a_mobile_number_gets_the_status_link_by_text_and_nothing_else_about_the_request():
    request = make_request(contact_method="phone", contact_value="07700 900 982",
                           volunteer_gender="woman", note="I take methadone")
    [text] = texts()
    assert text.to == "07700900982" and text.subject == ""
    assert "http://localhost/request-status/" in text.body
    for private in ("methadone", "Alcoholics", "AA", request.first_name, "Monday", "19:30"):
        assert private not in words_of(text.body)
    assert db.session.query(OutboxMessage).filter_by(channel="email").count() == 0


def test_a_landline_gets_no_text_and_an_email_address_gets_email_only():
    make_request(contact_method="phone", contact_value="0113 496 0000")
    make_request(contact_method="email", contact_value="robin@example.org")
    assert texts() == []
    assert [m.to for m in db.session.query(OutboxMessage)] == ["robin@example.org"]


def test_a_volunteer_saying_yes_is_texted_without_the_meeting_or_the_group(app):
    make_volunteer()
    request = make_request(contact_value="07700 900 555", route=True)
    matching.accept(db.session, request.offers[0].id, request.offers[0].volunteer_id,
                    MONDAY_MORNING)
    confirmation, matched = texts()
    assert "volunteer" in matched.body and "get in touch" in matched.body
    assert "http" not in matched.body  # the link they were sent first carries the rest
    for private in ("Alcoholics", "AA", "Robin", "Leeds", "LS1"):
        assert private not in words_of(matched.body)


def test_with_no_provider_set_up_texts_wait_in_the_outbox(app):
    assert not app.config["FINDER_NOTIFY_API_KEY"]
    make_request(contact_value="07700 900 600")
    assert outbox.send_due(db.session, "worker", later(1), app.config)["sent"] == 0
    assert [t.status for t in texts()] == ["pending"]


def test_the_worker_sends_a_text_through_notify_signed_with_the_api_key(notify, app):
    make_request(contact_value="+44 7700 900601")
    counts = outbox.send_due(db.session, "worker", later(0), app.config)
    assert counts["sent"] == 1
    [sent] = notify.state.sent("sms")
    assert sent["phone_number"] == "07700900601" and sent["template_id"] == SMS_TEMPLATE
    [text] = texts()
    assert sent["personalisation"] == {"body": text.body}
    assert sent["reference"] == f"outbox-{text.id}-{text.created_at:%Y%m%d%H%M%S}"
    assert (text.status, text.sent_via, text.provider_id) == ("sent", "notify", sent["id"])


def test_a_wrong_api_key_is_refused_and_the_text_waits_for_a_retry(notify, app):
    make_request(contact_value="07700 900 602")
    wrong = API_KEY[:-36] + "11111111-2222-4333-8444-555555555555"
    app.config["FINDER_NOTIFY_API_KEY"] = wrong
    assert outbox.send_due(db.session, "worker", later(0), app.config)["retrying"] == 1
    assert notify.state.notifications == []
    [text] = texts()
    assert text.status == "pending" and "403" in text.last_error


def test_through_an_outage_the_text_arrives_once(notify, app):
    make_request(contact_value="07700 900 700")
    notify.state.mode = "refuse"
    assert outbox.send_due(db.session, "worker", later(0), app.config)["retrying"] == 1
    [text] = texts()
    assert (text.status, text.attempts) == ("pending", 1) and "500" in text.last_error
    notify.state.mode = "ok"
    assert outbox.send_due(db.session, "worker", later(0), app.config)["sent"] == 0  # too soon
    assert outbox.send_due(db.session, "worker", later(1), app.config)["sent"] == 1
    assert outbox.send_due(db.session, "worker", later(2), app.config)["sent"] == 0
    assert len(notify.state.sent("sms")) == 1
    assert texts()[0].status == "sent"


def test_when_notify_took_the_text_but_the_answer_was_lost_the_retry_sends_no_second_copy(
        notify, app):
    make_request(contact_value="07700 900 111")
    notify.state.mode = "lose_answer"
    assert outbox.send_due(db.session, "worker", later(0), app.config)["retrying"] == 1
    assert len(notify.state.sent("sms")) == 1
    notify.state.mode = "ok"
    assert outbox.send_due(db.session, "worker", later(1), app.config)["sent"] == 1
    assert len(notify.state.sent("sms")) == 1
    asked = [(method, path) for method, path, _body, _query in notify.state.requests]
    assert asked == [("POST", "/v2/notifications/sms"), ("GET", "/v2/notifications")]
    [text] = texts()
    assert text.status == "sent" and text.provider_id == notify.state.sent("sms")[0]["id"]


def test_with_notify_down_altogether_the_text_waits_and_nothing_is_lost(notify, app):
    make_request(contact_value="07700 900 555")
    with socket.socket() as probe:  # an address where nothing listens
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    app.config["FINDER_NOTIFY_BASE_URL"] = f"http://127.0.0.1:{closed}"
    assert outbox.send_due(db.session, "worker", later(0), app.config)["retrying"] == 1
    app.config["FINDER_NOTIFY_BASE_URL"] = notify.base_url
    assert outbox.send_due(db.session, "worker", later(1), app.config)["sent"] == 1
    assert len(notify.state.sent("sms")) == 1


def test_a_worker_that_died_while_notify_had_the_text_leaves_it_to_another_without_a_copy(
        notify, app):
    make_request(contact_value="07700 900 556")
    [text] = texts()
    # The first worker handed the text to Notify and died before recording the answer.
    outbox.claim(db.session, "dead-worker", later(0), app.config)
    db.session.refresh(text)
    text.attempt_started_at, text.sent_via, text.attempts = later(0), "notify", 1
    db.session.commit()
    notify.state.notifications.append({
        "id": "0a0a0a0a-0000-4000-8000-000000000001", "type": "sms", "status": "created",
        "reference": f"outbox-{text.id}-{text.created_at:%Y%m%d%H%M%S}"})
    timeout = dt.timedelta(seconds=app.config["FINDER_OUTBOX_CLAIM_TIMEOUT_SECONDS"] + 1)
    assert outbox.send_due(db.session, "worker", later(0) + timeout, app.config)["sent"] == 1
    assert len(notify.state.sent("sms")) == 1
    db.session.refresh(text)
    assert (text.status, text.provider_id) == ("sent", "0a0a0a0a-0000-4000-8000-000000000001")


def test_email_can_go_through_notify_with_its_subject_and_body(notify, app):
    app.config["FINDER_NOTIFY_EMAIL_TEMPLATE_ID"] = EMAIL_TEMPLATE
    assert not app.config["SMTP_HOST"]
    make_request(contact_method="email", contact_value="robin@example.org")
    assert outbox.send_due(db.session, "worker", later(0), app.config)["sent"] == 1
    [sent] = notify.state.sent("email")
    [email] = db.session.query(OutboxMessage).filter_by(channel="email").all()
    assert sent["email_address"] == "robin@example.org"
    assert sent["template_id"] == EMAIL_TEMPLATE
    assert sent["personalisation"] == {"subject": email.subject, "body": email.body}


def test_one_function_queues_a_message_to_the_requester_by_each_of_their_channels(app):
    by_text = make_request(contact_value="07700 900 982")
    by_landline = make_request(contact_value="0113 496 0000")
    db.session.query(OutboxMessage).delete()
    for request in (by_text, by_landline):
        messages.to_requester(db.session, request, "follow_up", MONDAY_MORNING,
                              link="http://localhost/request-status/abc")
    db.session.commit()
    [text] = db.session.query(OutboxMessage).all()
    assert (text.channel, text.to) == ("sms", "07700900982")
    assert text.body.startswith("How did it go?") and text.body.endswith("request-status/abc")


def test_asking_again_by_mobile_texts_the_owner_a_fresh_link_to_the_first_request(app):
    first = make_request(contact_value="07700 900 982")
    make_request(contact_value="+44 7700 900982")  # the same person, or someone with their number
    confirmation, resent = texts()
    assert resent.to == "07700900982" and "earlier request is still open" in resent.body
    link = resent.body.split("private): ")[1].split()[0]
    assert requests.find_by_token(db.session, link.rsplit("/", 1)[1]).id == first.id
    for private in ("Alcoholics", "AA", first.first_name):
        assert private not in words_of(resent.body)
