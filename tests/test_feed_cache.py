"""/meetings.json is built once per change of meeting data, and answers with its ETag."""

from __future__ import annotations

from factories import make_meeting
from sqlalchemy import select
from sqlalchemy import text

from finder.extensions import db
from finder.models import Meeting


def add_meeting(app, slug: str, name: str) -> None:
    with app.app_context():
        db.session.add(make_meeting(slug=slug, name=name))
        db.session.commit()


def names(response) -> list[str]:
    return [entry["name"] for entry in response.get_json()]


def test_the_feed_is_built_once_and_kept_until_meeting_data_changes(app, client):
    add_meeting(app, "monday-step", "Monday Step")
    first = client.get("/meetings.json")
    assert names(first) == ["Monday Step"]
    # A change that goes round the application (and so round its change token) is not seen:
    # the feed served is the one already built.
    with app.app_context():
        db.session.execute(text("UPDATE meetings SET name = 'Renamed Behind Our Back'"))
        db.session.commit()
    second = client.get("/meetings.json")
    assert names(second) == ["Monday Step"]
    assert second.headers["ETag"] == first.headers["ETag"]


def test_a_change_of_meeting_data_rebuilds_the_feed_with_a_new_etag(app, client):
    add_meeting(app, "monday-step", "Monday Step")
    first = client.get("/meetings.json")
    with app.app_context():
        meeting = db.session.scalars(select(Meeting)).one()
        meeting.name = "Monday Big Book"
        db.session.commit()
    second = client.get("/meetings.json")
    assert names(second) == ["Monday Big Book"]
    assert second.headers["ETag"] != first.headers["ETag"]
    add_meeting(app, "tuesday-step", "Tuesday Step")
    assert len(names(client.get("/meetings.json"))) == 2


def test_a_client_holding_the_current_etag_is_told_nothing_changed(app, client):
    add_meeting(app, "monday-step", "Monday Step")
    etag = client.get("/meetings.json").headers["ETag"]
    again = client.get("/meetings.json", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    with app.app_context():
        db.session.delete(db.session.scalars(select(Meeting)).one())
        db.session.commit()
    changed = client.get("/meetings.json", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and names(changed) == []
