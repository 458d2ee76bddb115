"""Medication and ethos facts on real-shaped feeds: imported SMART and NA meetings, searched with
ort=welcoming, on meeting pages, on the coordinators' pages, through a group's own link, and
in the exported feed."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from factories import make_meeting
from peer_factories import make_coordinator
from peer_factories import make_request
from peer_factories import signed_in_session
from samples import SAMPLES

from finder.extensions import db
from finder.importers import meeting_guide
from finder.importers import sync
from finder.meetings import experience
from finder.meetings import schedule
from finder.meetings import statements
from finder.meetings.schedule import LONDON
from finder.models import GroupStatement
from finder.models.times import utcnow

MONDAY_NOON = dt.datetime(2026, 11, 23, 12, 0, tzinfo=LONDON)
NEAR_LEEDS = "/meetings?near=LS1+4AP&ort=welcoming"


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(schedule, "now_in_london", lambda: MONDAY_NOON)


def leeds_feed(prefix: str, count: int = 2) -> list[dict]:
    """A Meeting Guide feed shaped like a service body's: no medication fields at all."""
    return [{
        "slug": f"{prefix}-{number}", "name": f"{prefix.upper()} Leeds {number}",
        "day": str(number % 7), "time": "19:00", "end_time": "20:30",
        "types": ["O"], "location": "Fictional Hall", "address": f"{number} Park Row",
        "city": "Leeds", "postal_code": "LS1 5HD", "country": "UK",
        "latitude": 53.7990, "longitude": -1.5470, "updated": "2026-10-01 09:00:00",
    } for number in range(1, count + 1)]


def import_feed(rows_or_text, fellowship: str, location: str) -> None:
    text = rows_or_text if isinstance(rows_or_text, str) else json.dumps(rows_or_text)
    parsed = meeting_guide.parse(text, fellowship)
    assert parsed.errors == []
    sync(parsed, location=location, format="meeting-guide", fellowship=fellowship)


@pytest.fixture
def imported(app_context):
    import_feed(leeds_feed("smart"), "smart", "https://example.org/smart.json")
    import_feed(leeds_feed("na"), "na", "https://example.org/na.json")
    import_feed((SAMPLES / "code4recovery_tsml-ui__public_data_times.json").read_text(), "smart",
                "tsml-ui-times.json")


def results(client, page, path=NEAR_LEEDS) -> dict[str, str]:
    soup = page(client.get(path))
    return {item.h3.get_text(strip=True): item.get_text(" ", strip=True)
            for item in soup.select("li.result")}


def signed_in(client, person):
    signed_in_session(client, person)
    return client


def medication_row(soup):
    return soup.select_one("#medication")


@pytest.mark.usefixtures("imported")
def test_welcoming_finds_smart_meetings_by_smarts_published_position_and_no_na(client, page):
    found = results(client, page)
    assert sorted(found) == ["SMART Leeds 1", "SMART Leeds 2"]
    for text in found.values():
        assert re.search(r"\(SMART Recovery's published position, checked \w+ \d{4}\)", text)


@pytest.mark.usefixtures("imported")
def test_online_smart_meetings_from_the_shared_sample_are_found_too(client, page):
    found = results(client, page, "/meetings?mode=online&ort=welcoming")
    assert "Monday 7pm" in found
    assert "SMART Recovery's published position" in found["Monday 7pm"]


@pytest.mark.usefixtures("imported")
def test_an_na_meeting_is_found_once_a_coordinator_records_what_the_group_said(client, page):
    coordinator = make_coordinator()
    response = signed_in(client, coordinator).post("/coordinator/meeting-facts/na-1", data={
        "medication": "welcoming", "ethos": "", "heard_by": "phone",
        "stated_on": "2026-11-20"})
    assert response.status_code == 303
    found = results(client, page)
    assert "NA Leeds 1" in found and "NA Leeds 2" not in found
    assert "(stated by the group, November 2026)" in found["NA Leeds 1"], "whose, and when"
    strict = results(client, page, NEAR_LEEDS + "&ort=group")
    assert list(strict) == ["NA Leeds 1"]


@pytest.mark.usefixtures("imported")
def test_an_na_meeting_is_found_once_a_coordinator_publishes_the_groups_own_statement(
        client, page):
    coordinator = make_coordinator()
    page_with_link = page(signed_in(client, coordinator).post(
        "/coordinator/meeting-facts/na-2/link"))
    link = page_with_link.select_one(".secret-link a")["href"]
    anonymous = client.application.test_client()
    form = page(anonymous.get(link))
    assert form.select_one("input[name=medication][value=welcoming]") is not None
    assert anonymous.post(link, data={"medication": "welcoming", "ethos": ""}).status_code == 303
    assert "NA Leeds 2" not in results(client, page), "it waits for a coordinator"
    [statement] = db.session.query(GroupStatement).all()
    queue = page(client.get("/coordinator/meeting-facts"))
    assert "NA Leeds 2" in queue.get_text()
    client.post(f"/coordinator/meeting-facts/statements/{statement.id}",
                data={"decision": "publish"})
    assert re.search(r"\(stated by the group, \w+ \d{4}\)", results(client, page)["NA Leeds 2"])
    row = medication_row(page(client.get("/meetings/na-2")))
    assert "Stated by the group itself on" in row.get_text()


def test_a_group_link_must_say_something_and_expired_or_altered_links_say_so(
        client, page, app_context, app):
    meeting = make_meeting(fellowship="na")
    token = statements.link_token(app.config["SECRET_KEY"], meeting)
    empty = client.post(f"/group-statement/{token}", data={"medication": "", "ethos": ""})
    assert empty.status_code == 422
    assert "Choose what the group says" in page(empty).select_one(".error-summary").get_text()
    assert client.get(f"/group-statement/{token}x").status_code == 404
    app.config["FINDER_GROUP_LINK_DAYS"] = 0
    try:
        expired = client.get(f"/group-statement/{token}")
    finally:
        app.config["FINDER_GROUP_LINK_DAYS"] = 14
    assert expired.status_code == 410
    assert page(expired).h1.get_text(strip=True) == "This link has expired"


@pytest.mark.usefixtures("imported")
def test_an_na_meeting_page_gives_nas_own_position_with_its_source_and_a_safety_line(
        client, page):
    row = medication_row(page(client.get("/meetings/na-1")))
    text = row.get_text(" ", strip=True)
    assert "Narcotics Anonymous's published position, checked on 2 December 2026" in text
    assert "each group decides" in text
    assert row.select_one('a[href^="https://na.org/"]') is not None
    assert "Do not change your dose" in text and "overdose" in text and "prescriber" in text
    assert "ask the group's contact" in text


def test_a_family_group_page_has_no_medication_row(client, page, app_context):
    make_meeting(slug="family", fellowship="al-anon")
    soup = page(client.get("/meetings/family"))
    assert medication_row(soup) is None
    assert "Methadone or buprenorphine" not in soup.get_text()


def test_a_meeting_where_nothing_is_stated_says_what_to_do_next(client, page, app_context):
    make_meeting(slug="aa", fellowship="aa")
    text = medication_row(page(client.get("/meetings/aa"))).get_text(" ", strip=True)
    assert text.startswith("Methadone or buprenorphine Position on methadone or buprenorphine "
                           "not stated")
    assert "ask the group's contact, or ask someone to go with you" in text


def test_a_statement_over_a_year_old_says_so(client, page, app_context):
    make_meeting(slug="old", fellowship="aa", feed_ort="welcoming",
                 feed_facts_on=dt.date(2024, 6, 1))
    make_meeting(slug="new", fellowship="aa", feed_ort="welcoming",
                 feed_facts_on=dt.date(2026, 6, 1))
    assert "Checked over a year ago" in medication_row(page(client.get("/meetings/old"))).text
    assert "Checked over a year ago" not in medication_row(page(client.get("/meetings/new"))).text


def test_peoples_experience_shows_as_counts_once_published(client, page, app_context):
    meeting = make_meeting(slug="exp", fellowship="na")
    for number, felt in enumerate([True, True, True, True, False]):
        experience.record_answer(db.session, meeting, f"r{number}", felt, utcnow())
    coordinator = make_coordinator()
    signed_in(client, coordinator).post("/coordinator/meeting-facts/exp/experience")
    text = medication_row(page(client.get("/meetings/exp"))).get_text(" ", strip=True)
    assert "4 of 5 people on methadone or buprenorphine who went said they felt welcome" in text


def test_coordinators_see_missing_and_old_facts_nearest_first_to_requests(
        client, page, app_context):
    make_meeting(name="Far AA", fellowship="aa", latitude=51.5, longitude=-0.12)
    make_meeting(name="Near AA", fellowship="aa")
    make_meeting(name="NA left to groups", fellowship="na", latitude=52.5, longitude=-1.9)
    make_meeting(name="SMART", fellowship="smart")
    make_meeting(name="Al-Anon", fellowship="al-anon")
    make_request(now=utcnow())  # from Leeds
    soup = page(signed_in(client, make_coordinator()).get("/coordinator/meeting-facts"))
    names = [row.td.a.get_text(strip=True) for row in soup.select("tbody tr")]
    assert names == ["Near AA", "NA left to groups", "Far AA"]


def test_the_export_carries_each_fact_with_its_source_and_date(client, app_context):
    meeting = make_meeting(slug="said", fellowship="na")
    statements.record_by_coordinator(
        db.session, meeting, statements.Said(medication="welcoming"), heard_by="email",
        stated_on=dt.date(2026, 11, 2), coordinator=make_coordinator(), now=utcnow())
    make_meeting(slug="family", fellowship="nar-anon")
    entries = {entry["slug"]: entry for entry in client.get("/meetings.json").get_json()}
    said = entries["said"]
    assert (said["ort_openness"], said["ort_source"], said["ort_via"], said["ort_as_of"]) == (
        "welcoming", "group", "coordinator", "2026-11-02")
    assert "ort_openness" not in entries["family"]
