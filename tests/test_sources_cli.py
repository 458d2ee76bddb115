"""`flask sources add | list | remove | sync`: feeds served by a local web server."""

from __future__ import annotations

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import select

from finder.extensions import db
from finder.models import Meeting
from finder.models import MeetingSource


def meeting(slug: str, **fields) -> dict:
    return {"name": slug.replace("-", " ").title(), "slug": slug, "day": 1, "time": "19:00",
            **fields}


def write_feed(path: Path, *meetings: dict) -> None:
    path.write_text(json.dumps(list(meetings)), encoding="utf-8")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class Server:
    """A local web server for a folder, which a test can take down."""

    def __init__(self, folder: Path) -> None:
        handler = functools.partial(QuietHandler, directory=str(folder))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        if self.thread.is_alive():
            self.server.shutdown()
            self.server.server_close()
            self.thread.join()


@pytest.fixture
def server(tmp_path):
    running = Server(tmp_path)
    yield running
    running.stop()


def slugs(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(Meeting.slug).order_by(Meeting.slug)))


def source(app, name: str = "aa-intergroup") -> MeetingSource:
    with app.app_context():
        found = db.session.scalars(select(MeetingSource).where(MeetingSource.name == name)).one()
        db.session.expunge(found)
        return found


def add(runner, url: str, *extra: str):
    result = runner.invoke(args=["sources", "add", url, "--format", "meeting-guide",
                                 "--fellowship", "aa", "--name", "aa-intergroup", *extra])
    assert result.exit_code == 0, result.output
    return result


def sync(runner, *extra: str):
    return runner.invoke(args=["sources", "sync", "aa-intergroup", *extra])


def test_a_source_is_added_synced_and_synced_again_after_the_feed_changes(
        app, runner, tmp_path, server):
    write_feed(tmp_path / "feed.json", meeting("monday-step"), meeting("tuesday-step"))
    add(runner, f"{server.url}/feed.json", "--every", "6h")
    assert slugs(app) == []

    result = sync(runner)
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(": 2 added, 0 updated, 0 unchanged, 0 removed.\n")
    assert "Added: Monday Step" not in result.stdout  # one line per change only with --verbose
    assert slugs(app) == ["monday-step", "tuesday-step"]

    write_feed(tmp_path / "feed.json", meeting("monday-step", time="20:00"),
               meeting("tuesday-step"), meeting("friday-step", day=5))
    result = sync(runner, "--verbose")
    assert result.exit_code == 0, result.output
    assert "Added: Friday Step (friday-step)\n" in result.stdout
    assert "Updated: Monday Step (monday-step)\n" in result.stdout
    kept = source(app)
    counts = (kept.added, kept.updated, kept.unchanged, kept.removed, kept.rejected)
    assert counts == (1, 1, 1, 0, 0)
    assert kept.every_minutes == 360
    assert kept.last_success_at is not None and kept.last_error is None


def test_when_the_server_is_down_the_meetings_stay_and_the_error_is_kept(
        app, runner, tmp_path, server):
    write_feed(tmp_path / "feed.json", meeting("monday-step"), meeting("tuesday-step"))
    add(runner, f"{server.url}/feed.json")
    sync(runner)
    server.stop()

    result = sync(runner)
    assert result.exit_code == 1
    assert "failed, meetings kept" in result.stderr
    assert slugs(app) == ["monday-step", "tuesday-step"]
    failed = source(app)
    assert failed.failures == 1 and "could not fetch" in failed.last_error
    assert failed.added == 2  # the last good sync's counts stay
    assert "1 in a row" in runner.invoke(args=["sources", "list"]).stdout
    sync(runner)
    assert source(app).failures == 2


def test_a_feed_that_lost_half_its_meetings_waits_for_confirmation(
        app, runner, tmp_path, server):
    everything = [meeting(f"meeting-{n}") for n in range(10)]
    write_feed(tmp_path / "feed.json", *everything)
    add(runner, f"{server.url}/feed.json")
    sync(runner)
    write_feed(tmp_path / "feed.json", *everything[:5])

    result = sync(runner)
    assert result.exit_code == 1
    assert "it would remove 5 of 10 meetings" in result.stdout
    assert len(slugs(app)) == 10
    assert "--confirm" in source(app).last_error

    result = sync(runner, "--confirm")
    assert result.exit_code == 0, result.output
    assert len(slugs(app)) == 5
    assert source(app).last_error is None


def test_rejected_rows_are_listed_with_their_reasons_and_nothing_changes(
        app, runner, tmp_path, server):
    write_feed(tmp_path / "feed.json", meeting("monday-step"))
    add(runner, f"{server.url}/feed.json")
    sync(runner)
    write_feed(tmp_path / "feed.json", meeting("monday-step"), meeting("bad-day", day=9))

    result = sync(runner)
    assert result.exit_code == 1
    kept = source(app)
    assert kept.rejected == 1 and "day" in kept.last_error.lower()
    assert slugs(app) == ["monday-step"]


def test_a_dry_run_writes_nothing_not_even_the_outcome(app, runner, tmp_path, server):
    write_feed(tmp_path / "feed.json", meeting("monday-step"))
    add(runner, f"{server.url}/feed.json")
    result = sync(runner, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would be 1 added" in result.stdout
    assert slugs(app) == [] and source(app).last_attempt_at is None


def test_sources_are_listed_and_a_removed_source_takes_its_meetings(
        app, runner, tmp_path, server):
    write_feed(tmp_path / "feed.json", meeting("monday-step"))
    add(runner, f"{server.url}/feed.json")
    sync(runner)
    listing = runner.invoke(args=["sources", "list"]).stdout
    assert listing.startswith("aa-intergroup: meeting-guide, aa, by hand, http://127.0.0.1")
    assert "1 added, 0 updated, 0 unchanged, 0 removed, 0 rejected" in listing

    result = runner.invoke(args=["sources", "remove", "aa-intergroup"])
    assert result.exit_code == 0, result.output
    assert "and its 1 meetings" in result.stdout
    assert slugs(app) == []
    assert "No sources yet" in runner.invoke(args=["sources", "list"]).stdout


def test_the_same_address_cannot_be_added_twice_and_bad_periods_are_refused(
        app, runner, tmp_path):
    add(runner, str(tmp_path / "feed.json"))
    again = runner.invoke(args=["sources", "add", str(tmp_path / "feed.json"),
                                "--format", "meeting-guide", "--fellowship", "aa"])
    assert again.exit_code == 1 and "already listed as aa-intergroup" in again.output
    bad = runner.invoke(args=["sources", "add", "x.json", "--format", "csv", "--every", "soon"])
    assert bad.exit_code == 2 and "30m, 6h or 1d" in bad.output


def test_sync_all_reads_every_source_and_an_unknown_name_is_explained(
        app, runner, tmp_path, server):
    write_feed(tmp_path / "feed.json", meeting("monday-step"))
    add(runner, f"{server.url}/feed.json")
    result = runner.invoke(args=["sources", "sync", "--all"])
    assert result.exit_code == 0, result.output
    assert slugs(app) == ["monday-step"]
    unknown = runner.invoke(args=["sources", "sync", "nowhere"])
    assert unknown.exit_code == 1 and "No source is called 'nowhere'" in unknown.output
