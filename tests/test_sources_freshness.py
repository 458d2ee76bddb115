"""Meetings kept honest across sources: the same meeting in two sources is shown once, a
meeting no source has listed lately is flagged, and a sync held back for removing too many
meetings can be confirmed by a coordinator from the sources page."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select
from sqlalchemy import update
from test_sources_cli import meeting
from test_sources_cli import slugs
from test_sources_cli import write_feed

from finder.extensions import db
from finder.importers import duplicates
from finder.importers import scheduled
from finder.meetings.search import Criteria
from finder.meetings.search import search
from finder.models import Meeting
from finder.models import MeetingSource
from finder.models.times import utcnow

# A venue in Leeds, and another about 100 metres away (the same place, geocoded apart).
VENUE = {"latitude": 53.8008, "longitude": -1.5491}
NEXT_DOOR = {"latitude": 53.8017, "longitude": -1.5491}
ACROSS_TOWN = {"latitude": 53.8300, "longitude": -1.5491}  # about 2 miles north


def add_source(runner, path, name: str) -> None:
    result = runner.invoke(args=["sources", "add", str(path), "--format", "meeting-guide",
                                 "--fellowship", "aa", "--name", name])
    assert result.exit_code == 0, result.output


def sync(runner, name: str):
    result = runner.invoke(args=["sources", "sync", name])
    assert result.exit_code == 0, result.output
    return result


def two_sources(runner, tmp_path, intergroup: list[dict], national: list[dict]) -> None:
    write_feed(tmp_path / "intergroup.json", *intergroup)
    write_feed(tmp_path / "national.json", *national)
    add_source(runner, tmp_path / "intergroup.json", "intergroup")
    add_source(runner, tmp_path / "national.json", "national")
    sync(runner, "intergroup")
    sync(runner, "national")


def found_near_venue(app) -> list[str]:
    with app.app_context():
        results = search(Criteria(**VENUE, radius_miles=5), utcnow())
        return sorted(result.meeting.slug for result in results.items)


def test_the_same_meeting_in_two_sources_is_shown_once_and_listed_for_coordinators(
        app, runner, tmp_path, client, coordinator_client, page):
    two_sources(runner, tmp_path,
                [meeting("monday-step", **VENUE)],
                [meeting("aa-leeds-monday-step-group", name="Monday Step Group", **NEXT_DOOR)])

    assert slugs(app) == ["aa-leeds-monday-step-group", "monday-step"]
    assert found_near_venue(app) == ["monday-step"]  # the one imported first
    feed = json.loads(client.get("/meetings.json").get_data(as_text=True))
    assert [item["slug"] for item in feed] == ["monday-step"]

    soup = page(coordinator_client.get("/coordinator/sources"))
    row = soup.select_one("table tbody tr")
    shown, hidden = (cell.get_text(" ", strip=True) for cell in row.select("td"))
    assert shown == "Monday Step (intergroup)"
    assert hidden == "Monday Step Group (national)"


def test_when_the_kept_meeting_goes_the_other_source_s_listing_is_shown_again(
        app, runner, tmp_path):
    two_sources(runner, tmp_path, [meeting("monday-step", **VENUE)],
                [meeting("monday-step-group", name="Monday Step Group", **NEXT_DOOR)])
    write_feed(tmp_path / "intergroup.json", meeting("tuesday-step", day=2, **VENUE))
    runner.invoke(args=["sources", "sync", "intergroup", "--confirm"])

    assert found_near_venue(app) == ["monday-step-group", "tuesday-step"]


@pytest.mark.parametrize("other", [
    meeting("monday-step-far", name="Monday Step", **ACROSS_TOWN),  # another part of town
    meeting("monday-women", name="Women's Big Book Group", **NEXT_DOOR),  # another group
    meeting("monday-later", name="Monday Step", time="20:30", **VENUE),  # another time
])
def test_meetings_that_only_look_alike_are_both_shown(app, runner, tmp_path, other):
    two_sources(runner, tmp_path, [meeting("monday-step", **VENUE)], [other])

    assert found_near_venue(app) == sorted(["monday-step", other["slug"]])


def test_online_meetings_are_the_same_when_they_share_a_link(app, runner, tmp_path):
    online = {"conference_url": "https://zoom.us/j/123456789", "attendance_option": "online"}
    two_sources(runner, tmp_path, [meeting("monday-online", name="Monday Online", **online)],
                [meeting("monday-online-2", name="Monday online meeting", **online),
                 meeting("monday-other", name="Monday Online",
                         conference_url="https://zoom.us/j/987654321",
                         attendance_option="online")])

    with app.app_context():
        assert duplicates.find_duplicates(db.session) == {
            db.session.scalar(select(Meeting.id).where(Meeting.slug == "monday-online-2")):
            db.session.scalar(select(Meeting.id).where(Meeting.slug == "monday-online"))}


def test_a_meeting_no_source_has_listed_lately_is_flagged_until_its_source_lists_it(
        app, runner, tmp_path, client, coordinator_client, page):
    write_feed(tmp_path / "intergroup.json", meeting("monday-step", **VENUE))
    add_source(runner, tmp_path / "intergroup.json", "intergroup")
    sync(runner, "intergroup")
    detail = page(client.get("/meetings/monday-step"))
    assert detail.select_one(".panel--notice") is None
    assert f"on {utcnow():%-d %B %Y}" in detail.find("dt", string="These details") \
        .find_next("dd").get_text()

    long_ago = utcnow() - dt.timedelta(days=91)
    with app.app_context():
        db.session.execute(update(MeetingSource).values(imported_at=long_ago))
        db.session.commit()
    notice = page(client.get("/meetings/monday-step")).select_one(".panel--notice")
    assert f"has not confirmed these details since {long_ago:%-d %B %Y}" in notice.get_text()
    assert "Check with the group before you go" in notice.get_text()
    listed = page(coordinator_client.get("/coordinator/sources"))
    heading = listed.find("h2", string="Meetings not confirmed lately")
    assert [a.get_text() for a in heading.find_next("ul").select("a")] == ["Monday Step"]

    sync(runner, "intergroup")  # listed again today
    assert page(client.get("/meetings/monday-step")).select_one(".panel--notice") is None
    heading = page(coordinator_client.get("/coordinator/sources")).find(
        "h2", string="Meetings not confirmed lately")
    assert "Every meeting was listed by its source" in heading.find_next("p").get_text()


def test_a_coordinator_confirms_a_held_back_sync_on_the_sources_page(
        app, runner, tmp_path, coordinator_client, page):
    four = [meeting(f"step-{day}", day=day) for day in range(1, 5)]
    write_feed(tmp_path / "intergroup.json", *four)
    add_source(runner, tmp_path / "intergroup.json", "intergroup")
    sync(runner, "intergroup")
    write_feed(tmp_path / "intergroup.json", *four[:2])  # lost half its meetings
    held = runner.invoke(args=["sources", "sync", "intergroup"])
    assert held.exit_code == 1
    assert len(slugs(app)) == 4

    soup = page(coordinator_client.get("/coordinator/sources"))
    confirm = soup.select_one("form[action$='/confirm']")
    assert confirm.button.get_text(" ", strip=True).startswith(
        "Confirm the removal of 2 meetings")
    response = coordinator_client.post(confirm["action"], data={
        "csrf_token": confirm.select_one("[name=csrf_token]")["value"]})
    assert response.status_code == 303

    with app.app_context():
        assert scheduled.sync_due(utcnow() + dt.timedelta(seconds=1))["sources_synced"] == 1
        source = db.session.scalars(select(MeetingSource)).one()
        assert (source.held_back_removals, source.removals_allowed) == (None, None)
    assert slugs(app) == ["step-1", "step-2"]
    soup = page(coordinator_client.get("/coordinator/sources"))
    assert soup.select_one("form[action$='/confirm']") is None


def test_a_confirmation_allows_only_the_removals_it_was_shown(app, runner, tmp_path,
                                                               coordinator_client, page):
    four = [meeting(f"step-{day}", day=day) for day in range(1, 5)]
    write_feed(tmp_path / "intergroup.json", *four)
    add_source(runner, tmp_path / "intergroup.json", "intergroup")
    sync(runner, "intergroup")
    write_feed(tmp_path / "intergroup.json", *four[:2])
    runner.invoke(args=["sources", "sync", "intergroup"])
    confirm = page(coordinator_client.get("/coordinator/sources")).select_one(
        "form[action$='/confirm']")
    coordinator_client.post(confirm["action"], data={
        "csrf_token": confirm.select_one("[name=csrf_token]")["value"]})
    write_feed(tmp_path / "intergroup.json")  # before the worker reads it, the feed empties

    with app.app_context():
        assert scheduled.sync_due(utcnow() + dt.timedelta(seconds=1))["sources_failed"] == 1
        assert db.session.scalars(select(MeetingSource)).one().held_back_removals == 4
    assert len(slugs(app)) == 4
