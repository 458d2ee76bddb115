"""The worker syncs each source when it is due, and backs off from one that fails."""

from __future__ import annotations

import datetime as dt

from peer_factories import make_coordinator
from sqlalchemy import select
from test_sources_cli import Server
from test_sources_cli import add
from test_sources_cli import meeting
from test_sources_cli import slugs
from test_sources_cli import source
from test_sources_cli import write_feed

from finder.extensions import db
from finder.importers import scheduled
from finder.models import MeetingSource
from finder.models import OutboxMessage
from finder.models.times import utcnow


def run_worker_pass(app, now: dt.datetime) -> dict[str, int]:
    with app.app_context():
        counts = scheduled.sync_due(now)
        db.session.remove()
        return counts


def test_a_due_source_is_synced_and_not_again_until_its_period_has_passed(
        app, runner, tmp_path):
    server = Server(tmp_path)
    try:
        write_feed(tmp_path / "feed.json", meeting("monday-step"))
        add(runner, f"{server.url}/feed.json", "--every", "6h")
        now = utcnow()
        assert run_worker_pass(app, now)["sources_synced"] == 1
        assert slugs(app) == ["monday-step"]
        write_feed(tmp_path / "feed.json", meeting("monday-step"), meeting("friday-step", day=5))
        assert run_worker_pass(app, now + dt.timedelta(hours=1))["sources_synced"] == 0
        assert len(slugs(app)) == 1
        assert run_worker_pass(app, utcnow() + dt.timedelta(hours=6, minutes=1)) == {
            "sources_synced": 1, "sources_failed": 0}
        assert len(slugs(app)) == 2
    finally:
        server.stop()


def test_a_source_that_fails_keeps_its_meetings_and_is_retried_less_and_less_often(
        app, runner, tmp_path):
    server = Server(tmp_path)
    write_feed(tmp_path / "feed.json", meeting("monday-step"))
    add(runner, f"{server.url}/feed.json", "--every", "6h")
    run_worker_pass(app, utcnow())
    server.stop()

    later = utcnow() + dt.timedelta(hours=6, minutes=1)
    assert run_worker_pass(app, later)["sources_failed"] == 1
    failed = source(app)
    assert failed.failures == 1 and "could not fetch" in failed.last_error
    assert slugs(app) == ["monday-step"]
    # The first retry is 15 minutes after the failure, the next 30 minutes after that.
    assert scheduled.next_due(failed) == failed.last_attempt_at + dt.timedelta(minutes=15)
    assert run_worker_pass(app, failed.last_attempt_at + dt.timedelta(minutes=10)) == {
        "sources_synced": 0, "sources_failed": 0}
    run_worker_pass(app, failed.last_attempt_at + dt.timedelta(minutes=16))
    again = source(app)
    assert again.failures == 2
    assert scheduled.next_due(again) == again.last_attempt_at + dt.timedelta(minutes=30)


def test_back_off_never_waits_longer_than_a_day_and_hand_synced_sources_are_left_alone(
        app, runner, tmp_path):
    add(runner, str(tmp_path / "feed.json"))
    with app.app_context():
        by_hand = db.session.scalars(select(MeetingSource)).one()
        assert scheduled.next_due(by_hand) is None
        by_hand.every_minutes, by_hand.failures = 60, 30
        by_hand.last_attempt_at = dt.datetime(2026, 1, 1)
        assert scheduled.next_due(by_hand) == dt.datetime(2026, 1, 2)
    assert run_worker_pass(app, utcnow()) == {"sources_synced": 0, "sources_failed": 0}


def coordinator_emails(app) -> list[str]:
    with app.app_context():
        return [message.body for message in db.session.scalars(select(OutboxMessage))]


def test_coordinators_are_emailed_once_when_a_source_has_failed_the_set_number_of_times(
        app, runner, tmp_path):
    with app.app_context():
        make_coordinator()
    add(runner, str(tmp_path / "missing.json"), "--every", "1h")
    now = utcnow()
    for attempt in range(4):
        with app.app_context():
            scheduled.sync_due(now + dt.timedelta(days=attempt), failures_before_email=3)
            db.session.remove()
        assert len(coordinator_emails(app)) == (1 if attempt >= 2 else 0)
    assert "aa-intergroup has failed 3 times in a row" in coordinator_emails(app)[0]


def test_coordinators_are_asked_to_confirm_a_sync_that_would_empty_a_source(
        app, runner, tmp_path):
    with app.app_context():
        make_coordinator()
    server = Server(tmp_path)
    try:
        write_feed(tmp_path / "feed.json", meeting("monday-step"), meeting("tuesday-step"))
        add(runner, f"{server.url}/feed.json", "--every", "1h")
        run_worker_pass(app, utcnow())
        write_feed(tmp_path / "feed.json")
        counts = run_worker_pass(app, utcnow() + dt.timedelta(hours=2))
    finally:
        server.stop()
    assert counts == {"sources_synced": 0, "sources_failed": 1}
    assert len(slugs(app)) == 2
    (email,) = coordinator_emails(app)
    assert "sources sync aa-intergroup --confirm" in email
