"""The exported feed as Meeting Guide clients read it: the spec's field rules, and TSML UI's
rules for what is in person, online, inactive or only an area (code4recovery/tsml-ui,
src/helpers/load-meeting-data.ts), for in-person, hybrid, online-only, temporarily closed and
approximate meetings; and a round trip that changes nothing."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import delete

from finder.extensions import db
from finder.importers import meeting_guide
from finder.importers import sync
from finder.meetings.feed import feed_json
from finder.models import Meeting
from finder.models import MeetingSource

pytestmark = pytest.mark.usefixtures("app_context")

BASE = "https://finder.example.org"
VENUE = {"location": "Fictional Hall", "address": "1 Park Row", "city": "Leeds",
         "postal_code": "LS1 5HD", "country": "UK", "latitude": 53.799, "longitude": -1.547}
ZOOM = {"conference_url": "https://zoom.us/j/123456789"}
MEETINGS = [
    {"slug": "in-person", "name": "In person", "day": 1, "time": "19:00", **VENUE},
    {"slug": "hybrid", "name": "Hybrid", "day": 2, "time": "19:00", **VENUE, **ZOOM},
    {"slug": "online-only", "name": "Online only", "day": 3, "time": "19:00", **ZOOM},
    {"slug": "online-in-leeds", "name": "Online, Leeds group", "day": 3, "time": "20:00",
     "city": "Leeds", **ZOOM},
    {"slug": "closed-for-now", "name": "Closed for now", "day": 4, "time": "19:00",
     "types": ["TC"], **VENUE},
    {"slug": "inactive-by-option", "name": "Inactive", "day": 4, "time": "20:00",
     "attendance_option": "inactive", **VENUE},
    {"slug": "town-only", "name": "Town only", "day": 5, "time": "19:00",
     "formatted_address": "Leeds, UK"},
    {"slug": "by-appointment", "name": "By appointment", **VENUE},
]
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
UPDATED = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")


def import_rows(rows: list[dict], location: str) -> None:
    parsed = meeting_guide.parse(json.dumps(rows), "na")
    assert parsed.errors == []
    sync(parsed, location=location, format="meeting-guide", fellowship="na")


def exported() -> dict[str, dict]:
    import_rows(MEETINGS, "/feeds/original.json")
    return {entry["slug"]: entry for entry in json.loads(feed_json(BASE))}


def as_tsml_ui_reads_it(entry: dict) -> dict | None:
    """TSML UI's reading of one entry (None: skipped, as with no address information)."""
    formatted = entry.get("formatted_address") or ", ".join(filter(None, [
        entry.get("address"), entry.get("city"),
        " ".join(filter(None, [entry.get("state"), entry.get("postal_code")])),
        entry.get("country")]))
    if not entry.get("slug") or not formatted:
        return None
    approximate = entry.get("approximate")
    if isinstance(approximate, str):
        approximate = approximate.lower() == "yes"
    elif not isinstance(approximate, bool):
        approximate = len(formatted.split(",")) < 4
    online = bool(entry.get("conference_url") or entry.get("conference_phone"))
    in_person = "TC" not in entry.get("types", []) and not approximate
    return {"online": online, "in_person": in_person, "active": online or in_person}


@pytest.mark.parametrize(("slug", "online", "in_person"), [
    ("in-person", False, True),
    ("hybrid", True, True),
    ("online-only", True, False),
    ("online-in-leeds", True, False),
    ("closed-for-now", False, False),
    ("inactive-by-option", False, False),
    ("town-only", False, False),
])
def test_tsml_ui_reads_each_kind_of_meeting_as_we_do(slug, online, in_person):
    reading = as_tsml_ui_reads_it(exported()[slug])
    assert reading == {"online": online, "in_person": in_person,
                       "active": online or in_person}


def test_venues_say_they_are_not_approximate_and_areas_that_they_are():
    entries = exported()
    assert entries["in-person"]["approximate"] == "no"
    assert entries["town-only"]["approximate"] == "yes"
    assert entries["online-in-leeds"]["formatted_address"] == "Leeds"
    assert entries["online-in-leeds"]["approximate"] == "yes"


def test_no_meeting_is_skipped_for_want_of_an_address():
    entries = exported()
    assert all(as_tsml_ui_reads_it(entry) is not None for entry in entries.values())
    assert len(entries) == len(MEETINGS)


def test_temporarily_closed_meetings_carry_tc_whichever_way_the_source_said_it():
    entries = exported()
    for slug in ("closed-for-now", "inactive-by-option"):
        assert "TC" in entries[slug]["types"]
        assert entries[slug]["attendance_option"] == "inactive"


def test_every_entry_follows_the_specs_field_rules():
    entries = exported()
    for slug, entry in entries.items():
        assert entry["name"] and entry["slug"] == slug
        assert isinstance(entry["types"], list)
        assert all(isinstance(code, str) for code in entry["types"])
        if "day" in entry:
            assert entry["day"] in range(7) and TIME.match(entry["time"])
            assert "end_time" not in entry or TIME.match(entry["end_time"])
        else:
            assert "time" not in entry
        assert entry["timezone"] == "Europe/London"
        assert UPDATED.match(entry["updated"])
        assert entry["url"] == f"{BASE}/meetings/{slug}"
        assert entry.get("approximate") in ("yes", "no")
        if "latitude" in entry:
            assert isinstance(entry["latitude"], float) and isinstance(entry["longitude"], float)
        assert entry["attendance_option"] in ("in_person", "hybrid", "online", "inactive")


def test_a_round_trip_changes_nothing():
    first = exported()
    # Another finder reads our feed into an empty database (beside the original, each copy
    # would be the same meeting in a second source, and hidden as a duplicate).
    db.session.execute(delete(Meeting))
    db.session.execute(delete(MeetingSource))
    db.session.commit()
    import_rows(list(first.values()), "/feeds/copy.json")
    again = {entry["slug"]: entry for entry in json.loads(feed_json(BASE))}
    assert again == first
