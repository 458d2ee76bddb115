"""Importing is a sync of one source: add, update, remove; all or nothing; dry runs write
nothing; public slugs are unique and stable."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func
from sqlalchemy import select

from finder.extensions import db
from finder.importers import load_demo_data
from finder.importers import meeting_guide
from finder.importers import remove_demo_data
from finder.importers import sync
from finder.models import Meeting
from finder.models import MeetingSource

pytestmark = pytest.mark.usefixtures("app_context")


def meeting(slug: str, **fields) -> dict:
    return {
        "name": slug.replace("-", " ").title(),
        "slug": slug,
        "day": 1,
        "time": "19:00",
        "address": "12 Fictional Road",
        "city": "Leeds",
        **fields,
    }


def run(
    *meetings: dict,
    location: str = "/feeds/leeds.json",
    fellowship: str | None = "aa",
    dry_run: bool = False,
    progress=None,
):
    parsed = meeting_guide.parse(json.dumps(list(meetings)), fellowship)
    return sync(
        parsed,
        location=location,
        format="meeting-guide",
        fellowship=fellowship,
        dry_run=dry_run,
        progress=progress,
    )


def meetings() -> dict[str, Meeting]:
    db.session.expire_all()
    return {m.slug: m for m in db.session.scalars(select(Meeting))}


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_first_import_adds_every_meeting_as_one_source():
    report = run(meeting("monday-step"), meeting("tuesday-big-book", day=2))
    assert report.summary() == (
        "Imported /feeds/leeds.json: 2 added, 0 updated, 0 unchanged, 0 removed."
    )
    assert report.added == ["Monday Step (monday-step)", "Tuesday Big Book (tuesday-big-book)"]
    source = db.session.scalars(select(MeetingSource)).one()
    assert (source.location, source.fellowship, source.format) == (
        "/feeds/leeds.json",
        "aa",
        "meeting-guide",
    )
    assert {m.source_id for m in meetings().values()} == {source.id}
    assert meetings()["monday-step"].source_key == "monday-step"


def test_importing_the_same_feed_again_changes_nothing():
    run(meeting("monday-step", updated="2025-01-06 09:00:00", latitude=53.79, longitude=-1.55))
    before = {slug: m.id for slug, m in meetings().items()}
    report = run(
        meeting("monday-step", updated="2025-01-06 09:00:00", latitude=53.79, longitude=-1.55)
    )
    assert (report.added, report.updated, report.removed) == ([], [], [])
    assert report.unchanged == ["Monday Step (monday-step)"]
    assert {slug: m.id for slug, m in meetings().items()} == before


def test_a_reimport_updates_changed_meetings_removes_unlisted_ones_and_adds_new_ones():
    run(meeting("monday-step"), meeting("tuesday-big-book", day=2), meeting("wednesday-women"))
    kept_id = meetings()["monday-step"].id
    report = run(
        meeting("monday-step", time="19:30", types=["C"]),
        meeting("wednesday-women"),
        meeting("thursday-newcomers", day=4),
    )
    assert report.updated == ["Monday Step (monday-step)"]
    assert report.unchanged == ["Wednesday Women (wednesday-women)"]
    assert report.removed == ["Tuesday Big Book (tuesday-big-book)"]
    assert report.added == ["Thursday Newcomers (thursday-newcomers)"]
    after = meetings()
    assert set(after) == {"monday-step", "wednesday-women", "thursday-newcomers"}
    assert after["monday-step"].id == kept_id
    assert (after["monday-step"].start_time.isoformat(), after["monday-step"].is_open) == (
        "19:30:00",
        False,
    )
    assert count(MeetingSource) == 1


def test_a_bad_row_means_nothing_is_written_and_every_error_is_reported():
    run(meeting("monday-step"), meeting("tuesday-big-book", day=2))
    before = (count(Meeting), count(MeetingSource), meetings()["monday-step"].start_time)
    report = run(
        meeting("monday-step", time="20:00"),
        meeting("new-one"),
        meeting("broken", day=9),
        meeting("also-broken", latitude=95, longitude=0.1),
    )
    assert [str(e) for e in report.errors] == [
        "index 2 (Broken): day 9 is not a day of the week (0 = Sunday to 6 = Saturday)",
        "index 3 (Also Broken): latitude 95.0 is out of range (-90 to 90)",
    ]
    assert report.summary() == "Nothing imported from /feeds/leeds.json: 2 problems in the data."
    assert (count(Meeting), count(MeetingSource), meetings()["monday-step"].start_time) == before


def test_a_dry_run_reports_the_changes_and_writes_nothing():
    run(meeting("monday-step"), meeting("tuesday-big-book", day=2))
    before = {slug: (m.id, m.start_time) for slug, m in meetings().items()}
    report = run(meeting("monday-step", time="20:00"), meeting("friday-step", day=5), dry_run=True)
    assert report.summary() == (
        "Dry run of /feeds/leeds.json, nothing written: would be 1 added, 1 updated, "
        "0 unchanged, 1 removed."
    )
    assert report.added == ["Friday Step (friday-step)"]
    assert {slug: (m.id, m.start_time) for slug, m in meetings().items()} == before


def test_a_dry_run_of_a_new_source_creates_nothing():
    run(meeting("monday-step"), dry_run=True)
    assert (count(Meeting), count(MeetingSource)) == (0, 0)


def test_a_slug_taken_by_another_source_gets_the_fellowship_prefix_then_a_number():
    run(meeting("monday-step"), location="/feeds/one.json", fellowship="aa")
    run(meeting("monday-step"), location="/feeds/two.json", fellowship="aa")
    run(meeting("monday-step"), location="/feeds/three.json", fellowship="aa")
    run(meeting("monday-step"), location="/feeds/one.json", fellowship="na")
    assert sorted(meetings()) == [
        "aa-monday-step",
        "aa-monday-step-2",
        "monday-step",
        "na-monday-step",
    ]
    assert {m.source_key for m in meetings().values()} == {"monday-step"}


def test_public_slugs_stay_the_same_on_reimport():
    run(meeting("monday-step"), location="/feeds/one.json")
    run(meeting("monday-step"), location="/feeds/two.json")
    first = {m.id: m.slug for m in meetings().values()}
    run(meeting("monday-step", time="20:00"), location="/feeds/two.json")
    run(meeting("monday-step", time="20:00"), location="/feeds/one.json")
    assert {m.id: m.slug for m in meetings().values()} == first


def test_a_removed_meetings_slug_can_be_used_by_a_new_one_in_the_same_import():
    run(meeting("monday-step"))
    run(meeting("Monday Step"))
    assert list(meetings()) == ["monday-step"]
    assert meetings()["monday-step"].source_key == "Monday Step"


def test_the_same_location_for_another_fellowship_is_another_source():
    run(meeting("monday-step"), fellowship="aa")
    run(meeting("tuesday-step"), fellowship="na")
    assert count(MeetingSource) == 2
    assert count(Meeting) == 2


def test_a_source_without_a_fellowship_is_found_again():
    run(meeting("monday-step", fellowship="ca"), fellowship=None)
    report = run(meeting("monday-step", fellowship="ca"), fellowship=None)
    assert report.unchanged == ["Monday Step (monday-step)"]
    assert count(MeetingSource) == 1


def test_progress_is_reported_once_per_meeting():
    steps = []
    run(meeting("a"), meeting("b"), meeting("c"), progress=steps.append)
    assert steps == [1, 1, 1]


def test_al_anon_and_aa_codes_are_stored_with_their_own_meanings():
    run(meeting("aa-young", types=["Y", "POA"]), fellowship="aa", location="/aa.json")
    run(meeting("alateen", types=["Y", "POA"]), fellowship="al-anon", location="/al-anon.json")
    stored = meetings()
    assert (stored["aa-young"].young_people, stored["aa-young"].proof_of_attendance) == (True, True)
    assert (stored["alateen"].young_people, stored["alateen"].proof_of_attendance) == (True, False)
    assert stored["alateen"].types == ["Y", "POA"]


def test_every_field_is_stored():
    run(
        meeting(
            "full",
            fellowship="na",
            day=6,
            time="23:30",
            end_time="00:30",
            types=["O", "A", "W", "X", "POL", "MYSTERY"],
            location="Fictional Hall",
            location_notes="Back door",
            postal_code="LS1 4AP",
            country="United Kingdom",
            state="West Yorkshire",
            latitude="53.79",
            longitude="-1.55",
            approximate="yes",
            conference_url="https://zoom.example.org/j/1",
            conference_url_notes="Code 1",
            conference_phone="020 7946 0000",
            conference_phone_notes="Press 1",
            notes="Fictional.",
            group="Fictional Group",
            website="https://example.org",
            email="group@example.org",
            phone="0113 496 0000",
            updated="2025-01-06 09:00:00",
            ort_openness="restricted",
            ort_source="fellowship",
            hearing_loop="yes",
            languages=["en"],
        )
    )
    stored = meetings()["full"]
    assert stored.fellowship == "na"
    assert (stored.day, stored.start_time.isoformat(), stored.end_time.isoformat()) == (
        6,
        "23:30:00",
        "00:30:00",
    )
    assert stored.types == ["O", "A", "W", "X", "POL", "MYSTERY"]
    assert (stored.ethos, stored.ethos_source) == ("secular", "group")
    assert (stored.for_women, stored.wheelchair_access, stored.is_open) == (True, True, True)
    assert stored.language_codes == ["en", "pl"]
    assert (stored.latitude, stored.longitude, stored.approximate) == (53.79, -1.55, True)
    assert stored.attendance_mode == "online", "an approximate address is not a venue"
    assert (stored.ort_openness, stored.ort_source) == ("restricted", "fellowship")
    assert stored.hearing_loop is True
    assert stored.region == "West Yorkshire"
    assert stored.updated.isoformat() == "2025-01-06T09:00:00"


def test_the_demo_seed_is_one_demo_source_that_a_reload_replaces(tmp_path):
    seed = tmp_path / "demo.json"
    seed.write_text(
        json.dumps([meeting("demo-one", fellowship="aa"), meeting("demo-two", fellowship="smart")]),
        encoding="utf-8",
    )
    load_demo_data(seed)
    seed.write_text(json.dumps([meeting("demo-two", fellowship="smart")]), encoding="utf-8")
    report = load_demo_data(seed)
    assert (report.removed, report.unchanged) == (["Demo One (demo-one)"], ["Demo Two (demo-two)"])
    source = db.session.scalars(select(MeetingSource)).one()
    assert source.is_demo is True
    assert remove_demo_data() == 1
    assert (count(Meeting), count(MeetingSource)) == (0, 0)
