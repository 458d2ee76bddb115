"""The coordinators' sources page: each source, when it was last read, its counts, its
errors with rejected rows' reasons, and "sync now" for the worker."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from test_sources_cli import Server
from test_sources_cli import add
from test_sources_cli import meeting
from test_sources_cli import slugs
from test_sources_cli import write_feed

from finder.extensions import db
from finder.importers import scheduled
from finder.models import MeetingSource
from finder.models.times import utcnow


def test_each_source_shows_when_it_was_last_read_and_what_it_did(
        app, runner, tmp_path, coordinator_client, page):
    server = Server(tmp_path)
    try:
        write_feed(tmp_path / "feed.json", meeting("monday-step"), meeting("tuesday-step"))
        add(runner, f"{server.url}/feed.json")
        runner.invoke(args=["sources", "sync", "aa-intergroup"])
    finally:
        server.stop()
    soup = page(coordinator_client.get("/coordinator/sources"))
    entry = soup.select_one("li.result")
    assert entry.h2.get_text() == "aa-intergroup"
    assert "2 added, 0 updated, 0 unchanged, 0 removed" in entry.get_text()
    assert "The last sync failed" not in entry.get_text()


def test_a_failed_source_shows_its_error_and_each_rejected_row(
        app, runner, tmp_path, coordinator_client, page):
    write_feed(tmp_path / "feed.json", meeting("monday-step", day=9), meeting("x", time="late"))
    add(runner, str(tmp_path / "feed.json"))
    runner.invoke(args=["sources", "sync", "aa-intergroup"])
    soup = page(coordinator_client.get("/coordinator/sources"))
    failure = soup.select_one("li.result .panel")
    assert failure.h3.get_text() == "The last sync failed"
    assert "rows rejected: 2" in failure.get_text()
    assert len(failure.select("ul li")) == 2
    assert slugs(app) == []


def test_sync_now_has_the_worker_read_the_source_on_its_next_pass(
        app, runner, tmp_path, coordinator_client, page):
    write_feed(tmp_path / "feed.json", meeting("monday-step"))
    add(runner, str(tmp_path / "feed.json"))  # synced by hand: the worker leaves it alone
    with app.app_context():
        assert scheduled.sync_due(utcnow())["sources_synced"] == 0
        source_id = db.session.scalars(select(MeetingSource.id)).one()
    form = page(coordinator_client.get("/coordinator/sources")).select_one("li.result form")
    response = coordinator_client.post(form["action"], data={
        "csrf_token": form.select_one("[name=csrf_token]")["value"]})
    assert response.status_code == 303
    assert form["action"] == f"/coordinator/sources/{source_id}/sync"
    with app.app_context():
        assert scheduled.sync_due(utcnow() + dt.timedelta(seconds=1))["sources_synced"] == 1
        assert db.session.get(MeetingSource, source_id).sync_requested_at is None
    assert slugs(app) == ["monday-step"]
