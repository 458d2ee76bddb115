"""Email goes through the outbox: stored with the change, sent by the worker, retried with
backoff through an outage, and delivered exactly once. A real SMTP server (aiosmtpd) listens
on 127.0.0.1."""

import datetime as dt
import email
import smtplib
import socket

import pytest
from aiosmtpd.controller import Controller
from peer_factories import MONDAY_MORNING

from finder.cli.peer import run_once
from finder.extensions import db
from finder.models import OutboxMessage
from finder.peer import outbox
from finder.peer import senders

pytestmark = pytest.mark.usefixtures("app_context")


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_config(app):
    port = free_port()
    saved = {key: app.config[key] for key in ("SMTP_HOST", "SMTP_PORT", "SMTP_STARTTLS")}
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_STARTTLS=False,
                      SMTP_TIMEOUT_SECONDS=2)
    yield app.config
    app.config.update(saved)


def queue(count: int) -> None:
    for number in range(count):
        outbox.enqueue(db.session, f"person{number}@example.org", "Your request",
                       f"Message {number}", MONDAY_MORNING)
    db.session.commit()


def test_through_an_outage_every_message_arrives_exactly_once(smtp_config):
    queue(5)
    down = outbox.send_due(db.session, "worker-a", MONDAY_MORNING, smtp_config)
    assert down == {"sent": 0, "retrying": 5, "failed": 0, "unconfirmed": 0}
    waiting = db.session.query(OutboxMessage).all()
    assert {(m.status, m.attempts) for m in waiting} == {("pending", 1)}
    assert all(m.next_attempt_at > MONDAY_MORNING and m.last_error for m in waiting)

    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=smtp_config["SMTP_PORT"])
    server.start()
    try:
        too_soon = outbox.send_due(db.session, "worker-a", MONDAY_MORNING, smtp_config)
        assert too_soon["sent"] == 0
        later = MONDAY_MORNING + dt.timedelta(hours=1)
        assert outbox.send_due(db.session, "worker-a", later, smtp_config)["sent"] == 5
        assert outbox.send_due(db.session, "worker-b", later, smtp_config)["sent"] == 0
    finally:
        server.stop()
    assert sorted(m["To"] for m in inbox.messages) == [f"person{n}@example.org" for n in range(5)]
    assert {m["From"] for m in inbox.messages} == {smtp_config["MAIL_FROM"]}
    assert {m.status for m in db.session.query(OutboxMessage)} == {"sent"}


def test_backoff_doubles_and_has_a_ceiling(app):
    base = app.config["FINDER_OUTBOX_BACKOFF_SECONDS"]
    assert [outbox.backoff(n, app.config).total_seconds() for n in (1, 2, 3)] == [
        base, base * 2, base * 4]
    assert outbox.backoff(50, app.config) == dt.timedelta(seconds=outbox.MAX_BACKOFF_SECONDS)


def test_a_message_that_keeps_failing_is_marked_failed(smtp_config, app):
    queue(1)
    now = MONDAY_MORNING
    for _ in range(app.config["FINDER_OUTBOX_MAX_ATTEMPTS"]):
        outbox.send_due(db.session, "worker", now, smtp_config)
        now += dt.timedelta(days=1)
    assert db.session.query(OutboxMessage).one().status == "failed"


def test_two_workers_never_claim_the_same_message(app):
    queue(4)
    first = outbox.claim(db.session, "worker-a", MONDAY_MORNING, app.config, limit=3)
    second = outbox.claim(db.session, "worker-b", MONDAY_MORNING, app.config)
    assert len(first) == 3 and len(second) == 1 and not set(first) & set(second)


def test_a_claim_left_by_a_dead_worker_is_taken_up_again(app):
    queue(1)
    outbox.claim(db.session, "dead-worker", MONDAY_MORNING, app.config)
    timeout = dt.timedelta(seconds=app.config["FINDER_OUTBOX_CLAIM_TIMEOUT_SECONDS"] + 1)
    assert outbox.claim(db.session, "worker", MONDAY_MORNING, app.config) == []
    assert len(outbox.claim(db.session, "worker", MONDAY_MORNING + timeout, app.config)) == 1


def test_without_smtp_settings_messages_wait_in_the_outbox(app):
    # Queued now: the retention purge deletes messages older than the retention period.
    outbox.enqueue(db.session, "person@example.org", "Your request", "Message",
                   dt.datetime.now(dt.UTC).replace(tzinfo=None))
    db.session.commit()
    assert app.config["SMTP_HOST"] == ""
    run_once("worker")
    assert db.session.query(OutboxMessage).one().status == "pending"


def test_the_worker_command_runs_once_and_logs_what_it_did(runner, smtp_config, caplog):
    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=smtp_config["SMTP_PORT"])
    server.start()
    try:
        outbox.enqueue(db.session, "a@example.org", "Your request", "Hello",
                       dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(seconds=1))
        db.session.commit()
        result = runner.invoke(args=["worker", "--once"])
    finally:
        server.stop()
    assert result.exit_code == 0, result.output
    assert len(inbox.messages) == 1
    # A log record (one format, on stdout, like the app's), not a bare printed line.
    assert [r.getMessage() for r in caplog.records
            if r.name == "worker" and r.levelname == "INFO"] == ["sent=1"]
    assert result.output == ""


class WorkerKilled(BaseException):
    """Stands for the worker process dying: nothing after it runs, nothing is committed."""


@pytest.fixture
def mail_server(smtp_config):
    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=smtp_config["SMTP_PORT"])
    server.start()
    yield inbox
    server.stop()


def test_a_worker_killed_after_the_send_and_before_the_commit_never_causes_a_second_copy(
        smtp_config, mail_server, monkeypatch):
    queue(1)
    real_send = smtplib.SMTP.send_message

    def send_then_die(self, *args, **kwargs):
        real_send(self, *args, **kwargs)
        raise WorkerKilled

    monkeypatch.setattr(smtplib.SMTP, "send_message", send_then_die)
    with pytest.raises(WorkerKilled):
        outbox.send_due(db.session, "worker-a", MONDAY_MORNING, smtp_config)
    db.session.rollback()  # the dead worker's open transaction goes with it
    db.session.remove()
    monkeypatch.undo()
    assert len(mail_server.messages) == 1

    later = MONDAY_MORNING + dt.timedelta(hours=1)
    counts = outbox.send_due(db.session, "worker-b", later, smtp_config)
    assert counts["sent"] == 0 and len(mail_server.messages) == 1
    message = db.session.query(OutboxMessage).one()
    assert message.status == "unconfirmed"
    assert [m.id for m in outbox.unconfirmed(db.session)] == [message.id]


def test_a_worker_killed_before_the_send_leaves_the_message_to_be_sent_by_another(
        smtp_config, mail_server, monkeypatch):
    queue(1)

    def die(*args, **kwargs):
        raise WorkerKilled

    monkeypatch.setattr(smtplib.SMTP, "login", die)
    with pytest.raises(WorkerKilled):
        outbox.send_due(db.session, "worker-a", MONDAY_MORNING,
                        {**smtp_config, "SMTP_USERNAME": "worker"})
    db.session.rollback()
    db.session.remove()
    monkeypatch.undo()
    later = MONDAY_MORNING + dt.timedelta(minutes=2)
    assert outbox.send_due(db.session, "worker-b", later, smtp_config)["sent"] == 1
    assert len(mail_server.messages) == 1


def test_every_attempt_carries_the_same_message_id(smtp_config, app):
    queue(1)
    message = db.session.query(OutboxMessage).one()
    first = senders.message_id(message, smtp_config["MAIL_FROM"])
    db.session.expire_all()
    assert senders.message_id(db.session.query(OutboxMessage).one(),
                             smtp_config["MAIL_FROM"]) == first
    assert first.startswith(f"<outbox-{message.id}-")


def test_a_dead_workers_batch_is_taken_up_within_two_minutes(app):
    queue(3)
    assert len(outbox.claim(db.session, "dead-worker", MONDAY_MORNING, app.config)) == 3
    two_minutes = MONDAY_MORNING + dt.timedelta(minutes=2)
    assert len(outbox.claim(db.session, "worker", two_minutes, app.config)) == 3


def test_a_living_worker_keeps_its_claims_while_it_works_through_a_slow_batch(
        smtp_config, app, mail_server):
    """Each send takes a minute on the worker's clock; meanwhile another worker tries to claim
    every message, and gets none while the first is alive."""
    queue(3)
    times = iter(MONDAY_MORNING + dt.timedelta(minutes=n) for n in range(1, 100))
    latest = [MONDAY_MORNING]
    stolen: list[int] = []

    def slow_clock():
        latest[0] = next(times)
        return latest[0]

    async def another_worker_tries(server, session, envelope):
        with app.app_context():
            stolen.extend(outbox.claim(db.session, "worker-b",
                                       latest[0] + dt.timedelta(seconds=30), app.config))
            db.session.remove()
        return "250 OK"

    mail_server.handle_DATA = another_worker_tries
    counts = outbox.send_due(db.session, "worker-a", MONDAY_MORNING, smtp_config,
                             clock=slow_clock)
    assert stolen == [] and counts["sent"] == 3


def test_unconfirmed_messages_are_listed_and_a_person_decides(runner, app):
    queue(1)
    message = db.session.query(OutboxMessage).one()
    message.status, message.attempt_started_at = "unconfirmed", MONDAY_MORNING
    db.session.commit()
    listed = runner.invoke(args=["outbox", "unconfirmed"])
    assert listed.exit_code == 0 and f"{message.id}\t" in listed.output
    assert "person0@example.org" not in listed.output
    assert runner.invoke(args=["outbox", "resend", str(message.id)]).exit_code == 0
    db.session.expire_all()
    assert db.session.get(OutboxMessage, message.id).status == "pending"
