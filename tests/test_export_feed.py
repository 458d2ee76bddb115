"""The Meeting Guide feed we publish, at /meetings.json and from `flask meetings export`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import delete
from sqlalchemy import select

from finder.extensions import db
from finder.importers import load_demo_data
from finder.importers import meeting_guide
from finder.importers import sync
from finder.meetings import fellowships
from finder.meetings.feed import feed_json
from finder.meetings.feed import meeting_to_feed_entry
from finder.models import Meeting
from finder.models import MeetingSource

DEMO = Path(__file__).resolve().parent.parent / "seeds" / "demo-meetings.json"
NOT_COMPARED = {"id", "source_id"}

FULL = {
    "name": "Monday Step Group",
    "slug": "monday-step",
    "fellowship": "aa",
    "day": 1,
    "time": "19:30",
    "end_time": "21:00",
    "timezone": "Europe/London",
    "location": "Fictional Hall",
    "location_notes": "Side door",
    "address": "12 Fictional Road",
    "city": "Leeds",
    "state": "West Yorkshire",
    "postal_code": "LS1 4AP",
    "country": "United Kingdom",
    "latitude": 53.795472,
    "longitude": -1.555729,
    "types": ["O", "A", "X", "POL", "MYSTERY"],
    "conference_url": "https://zoom.example.org/j/1",
    "conference_url_notes": "Passcode 1",
    "conference_phone": "020 7946 0000",
    "conference_phone_notes": "Press 1",
    "notes": "Fictional.",
    "group": "Fictional Group",
    "website": "https://example.org",
    "email": "group@example.org",
    "phone": "0113 496 0000",
    "updated": "2025-01-06 09:00:00",
    "ort_openness": "welcoming",
    "ort_source": "group",
    "hearing_loop": True,
    "languages": ["en"],
}


def import_feed(
    meetings: list[dict], location: str = "/feeds/original.json", fellowship: str | None = None
):
    parsed = meeting_guide.parse(json.dumps(meetings), fellowship)
    assert parsed.errors == []
    return sync(parsed, location=location, format="meeting-guide", fellowship=fellowship)


def columns(meeting: Meeting) -> dict:
    return {
        c.key: getattr(meeting, c.key)
        for c in Meeting.__table__.columns
        if c.key not in NOT_COMPARED
    }


def stored() -> dict[str, dict]:
    db.session.expire_all()
    return {m.slug: columns(m) for m in db.session.scalars(select(Meeting))}


def forget_all_meetings() -> None:
    db.session.execute(delete(Meeting))
    db.session.execute(delete(MeetingSource))
    db.session.commit()


@pytest.mark.usefixtures("app_context")
def test_a_meeting_is_written_with_the_standard_fields_and_ours():
    import_feed([FULL])
    entry = meeting_to_feed_entry(db.session.scalars(select(Meeting)).one())
    assert entry == {
        **{key: value for key, value in FULL.items() if key != "state"},
        "region": "West Yorkshire",
        "formatted_address": "12 Fictional Road, Leeds, West Yorkshire, LS1 4AP, United Kingdom",
        "approximate": "no",
        "attendance_option": "hybrid",
        "ethos": "secular",
        "ethos_source": "group",
        "ethos_as_of": "2025-01-06",
        "ort_as_of": "2025-01-06",
        "ort_via": "feed",
        "languages": ["en", "pl"],
    }


@pytest.mark.usefixtures("app_context")
def test_a_meeting_by_appointment_has_no_day_or_time_and_empty_fields_are_left_out():
    import_feed([{"name": "Appointment", "slug": "appointment", "fellowship": "smart"}])
    entry = meeting_to_feed_entry(db.session.scalars(select(Meeting)).one())
    assert entry.pop("updated"), "a listing with no date is dated when it was first read"
    assert entry == {
        "name": "Appointment",
        "slug": "appointment",
        "timezone": "Europe/London",
        "types": [],
        "attendance_option": "in_person",
        "fellowship": "smart",
        "ethos": "secular",
        "ethos_source": "fellowship",
        "ort_openness": "welcoming",
        "ort_source": "fellowship",
        "ort_as_of": "2026-12-02",
        "ort_source_url": fellowships.get("smart").medication_position.source,
        "hearing_loop": False,
        "languages": ["en"],
    }


@pytest.mark.usefixtures("app_context")
def test_exporting_and_importing_reproduces_the_same_meetings():
    by_appointment = {
        "name": "Appt",
        "slug": "appt",
        "fellowship": "smart-family-friends",
        "approximate": "yes",
        "formatted_address": "Leeds",
    }
    import_feed(
        [
            FULL,
            by_appointment,
            {
                **FULL,
                "slug": "late",
                "day": [5, 6],
                "time": "23:30",
                "end_time": "00:15",
                "fellowship": "al-anon",
                "types": ["Y", "POA", "TC"],
                "ort_openness": None,
            },
        ]
    )
    before = stored()
    exported = json.loads(feed_json())
    forget_all_meetings()
    import_feed(exported, location="/feeds/copy.json")
    assert stored() == {slug: {**row, "source_key": slug} for slug, row in before.items()}


@pytest.mark.usefixtures("app_context")
def test_the_demo_meetings_survive_a_round_trip():
    import_feed(json.loads(DEMO.read_text(encoding="utf-8")))
    before = stored()
    exported = json.loads(feed_json())
    assert len(exported) == len(before)
    forget_all_meetings()
    import_feed(exported, location="/feeds/copy.json")
    assert stored() == before


@pytest.mark.usefixtures("app_context")
def test_a_copy_imported_beside_the_original_gets_prefixed_slugs_and_the_same_facts():
    import_feed([FULL])
    import_feed(json.loads(feed_json()), location="/feeds/copy.json")
    copies = stored()
    assert sorted(copies) == ["aa-monday-step", "monday-step"]
    copy, original = copies["aa-monday-step"], copies["monday-step"]
    # The copy is the same meeting from another source: it is marked, so it is shown once.
    original_id = db.session.scalar(select(Meeting.id).where(Meeting.slug == "monday-step"))
    assert (copy.pop("duplicate_of_id"), original.pop("duplicate_of_id")) == (original_id, None)
    assert {**copy, "slug": "monday-step"} == original


@pytest.mark.usefixtures("app_context")
def test_fictional_demo_meetings_are_never_published():
    load_demo_data()
    import_feed([FULL])
    assert [entry["slug"] for entry in json.loads(feed_json())] == ["monday-step"]


@pytest.mark.usefixtures("app_context")
def test_the_feed_is_in_day_and_time_order_with_appointments_last():
    import_feed(
        [
            {**FULL, "slug": "appt", "day": None},
            {**FULL, "slug": "sun", "day": 0},
            {**FULL, "slug": "mon-early", "time": "07:00"},
            {**FULL, "slug": "mon"},
        ]
    )
    assert [entry["slug"] for entry in json.loads(feed_json())] == [
        "sun",
        "mon-early",
        "mon",
        "appt",
    ]


def test_the_feed_endpoint_serves_the_same_json_as_the_export_command(app, client, runner):
    with app.app_context():
        import_feed([FULL, {**FULL, "slug": "tuesday", "day": 2}])
    response = client.get("/meetings.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "public, max-age=300"
    exported = runner.invoke(args=["meetings", "export"])
    assert exported.exit_code == 0
    assert response.get_data(as_text=True) == exported.stdout.rstrip("\n")
    assert [entry["slug"] for entry in response.get_json()] == ["monday-step", "tuesday"]


def test_the_feed_endpoint_answers_not_modified_to_a_matching_etag(client):
    first = client.get("/meetings.json")
    again = client.get("/meetings.json", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_an_empty_database_publishes_an_empty_array(client):
    assert client.get("/meetings.json").get_json() == []
