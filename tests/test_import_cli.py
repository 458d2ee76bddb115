"""`flask meetings import | load-demo | remove-demo` from the command line."""

from __future__ import annotations

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy import select

from finder.extensions import db
from finder.importers import sources
from finder.models import Meeting
from finder.models import MeetingSource

TEMPLATE = Path(__file__).parent / "data" / "tsml-template.csv"
DEMO = Path(__file__).resolve().parent.parent / "seeds" / "demo-meetings.json"


def meeting(slug: str, **fields) -> dict:
    return {
        "name": slug.replace("-", " ").title(),
        "slug": slug,
        "day": 1,
        "time": "19:00",
        **fields,
    }


def write_feed(path: Path, *meetings: dict) -> Path:
    path.write_text(json.dumps(list(meetings)), encoding="utf-8")
    return path


def count(app, model=Meeting) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def web_server(tmp_path):
    """A local web server for tmp_path, so URL sources are tested without the internet."""
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_import_prints_the_totals_and_each_change_only_when_verbose(app, runner, tmp_path):
    feed = write_feed(tmp_path / "feed.json", meeting("monday-step"), meeting("tuesday-step"))
    result = runner.invoke(args=["meetings", "import", str(feed), "--fellowship", "aa"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Imported {feed}: 2 added, 0 updated, 0 unchanged, 0 removed.\n"
    assert count(app) == 2

    write_feed(feed, meeting("monday-step", time="20:00"), meeting("tuesday-step"))
    result = runner.invoke(
        args=["meetings", "import", str(feed), "--fellowship", "aa", "--verbose"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Updated: Monday Step (monday-step)\n")
    assert result.stdout.endswith("1 updated, 1 unchanged, 0 removed.\n")


def test_a_dry_run_says_what_it_would_do_and_writes_nothing(app, runner, tmp_path):
    feed = write_feed(tmp_path / "feed.json", meeting("monday-step"))
    runner.invoke(args=["meetings", "import", str(feed), "--fellowship", "aa"])
    write_feed(feed, meeting("monday-step", time="20:00"), meeting("friday-step", day=5))
    result = runner.invoke(
        args=["meetings", "import", str(feed), "--fellowship", "aa", "--dry-run", "--verbose"]
    )
    assert result.exit_code == 0, result.output
    assert "Will add: Friday Step (friday-step)\n" in result.stdout
    assert "Will update: Monday Step (monday-step)\n" in result.stdout
    assert "nothing written" in result.stdout
    assert count(app) == 1


def test_bad_rows_are_listed_with_position_and_reason_and_the_exit_code_is_1(app, runner, tmp_path):
    csv_file = tmp_path / "meetings.csv"
    csv_file.write_text(
        "Time,Day,Name,Slug\n19:00,Monday,Fine,fine\n19:00,Funday,Odd Day,odd\n", encoding="utf-8"
    )
    result = runner.invoke(
        args=["meetings", "import", str(csv_file), "--format", "csv", "--fellowship", "aa"]
    )
    assert result.exit_code == 1
    assert "Error: row 3 (Odd Day): day 'Funday' is not a day of the week\n" in result.stderr
    assert "Nothing imported" in result.stdout
    assert count(app) == 0 and count(app, MeetingSource) == 0


def test_the_tsml_template_imports(app, runner):
    result = runner.invoke(
        args=["meetings", "import", str(TEMPLATE), "--format", "csv", "--fellowship", "aa"]
    )
    assert result.exit_code == 0, result.output
    assert count(app) == 5


def test_bmlt_meetings_are_na_unless_told(app, runner, tmp_path):
    feed = tmp_path / "bmlt.json"
    feed.write_text(
        json.dumps(
            [
                {
                    "id_bigint": "7",
                    "meeting_name": "Hope",
                    "weekday_tinyint": "1",
                    "start_time": "19:00:00",
                    "formats": "",
                }
            ]
        ),
        encoding="utf-8",
    )
    result = runner.invoke(args=["meetings", "import", str(feed), "--format", "bmlt"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalars(select(Meeting.fellowship)).one() == "na"
        assert db.session.scalars(select(MeetingSource.fellowship)).one() == "na"


def test_an_unknown_fellowship_is_refused_before_reading(runner, tmp_path):
    result = runner.invoke(args=["meetings", "import", "missing.json", "--fellowship", "xa"])
    assert result.exit_code == 2
    assert "'xa' is not one of: aa, al-anon" in result.output


def test_a_missing_file_or_a_file_that_is_not_a_feed_is_an_error(runner, tmp_path):
    result = runner.invoke(
        args=["meetings", "import", str(tmp_path / "nope.json"), "--fellowship", "aa"]
    )
    assert result.exit_code == 1
    assert "cannot read" in result.output
    (tmp_path / "feed.json").write_text("<html>", encoding="utf-8")
    result = runner.invoke(
        args=["meetings", "import", str(tmp_path / "feed.json"), "--fellowship", "aa"]
    )
    assert result.exit_code == 1
    assert "Error: not JSON" in result.output


def test_a_url_source_is_fetched_and_known_by_its_url(app, runner, tmp_path, web_server):
    write_feed(tmp_path / "feed.json", meeting("monday-step"))
    url = f"{web_server}/feed.json"
    result = runner.invoke(args=["meetings", "import", url, "--fellowship", "aa"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalars(select(MeetingSource.location)).one() == url
    assert runner.invoke(args=["meetings", "import", url, "--fellowship", "aa"]).exit_code == 0
    assert count(app) == 1 and count(app, MeetingSource) == 1


def test_a_url_that_fails_is_an_error(runner, web_server):
    result = runner.invoke(
        args=["meetings", "import", f"{web_server}/gone.json", "--fellowship", "aa"]
    )
    assert result.exit_code == 1
    assert "could not fetch" in result.output and "404" in result.output


def test_a_source_larger_than_the_cap_is_refused(runner, tmp_path, web_server, monkeypatch):
    monkeypatch.setattr(sources, "MAX_BYTES", 100)
    write_feed(tmp_path / "big.json", *(meeting(f"m{n}") for n in range(10)))
    result = runner.invoke(
        args=["meetings", "import", f"{web_server}/big.json", "--fellowship", "aa"]
    )
    assert result.exit_code == 1
    assert "sent more than" in result.output


def test_load_demo_and_remove_demo(app, runner):
    result = runner.invoke(args=["meetings", "load-demo"])
    assert result.exit_code == 0, result.output
    demo_count = len(json.loads(DEMO.read_text(encoding="utf-8")))
    assert count(app) == demo_count
    with app.app_context():
        assert db.session.scalars(select(MeetingSource.is_demo)).one() is True
    again = runner.invoke(args=["meetings", "load-demo"])
    assert f"{demo_count} unchanged" in again.output
    result = runner.invoke(args=["meetings", "remove-demo"])
    assert result.output.splitlines()[0] == f"Removed {demo_count} demo meetings."
    assert count(app) == 0 and count(app, MeetingSource) == 0


def test_remove_demo_leaves_real_meetings(app, runner, tmp_path):
    feed = write_feed(tmp_path / "feed.json", meeting("real-meeting"))
    runner.invoke(args=["meetings", "import", str(feed), "--fellowship", "aa"])
    runner.invoke(args=["meetings", "load-demo"])
    runner.invoke(args=["meetings", "remove-demo"])
    with app.app_context():
        assert db.session.scalars(select(Meeting.slug)).all() == ["real-meeting"]
