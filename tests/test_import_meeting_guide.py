"""Reading Meeting Guide JSON feeds into meeting records, and saying exactly what is wrong."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from samples import SAMPLES

from finder.importers import FeedError
from finder.importers import meeting_guide

TSML_UI_TIMES = SAMPLES / "code4recovery_tsml-ui__public_data_times.json"


def meeting(**fields) -> dict:
    return {
        "name": "Monday Step Group",
        "slug": "monday-step",
        "day": 1,
        "time": "19:00",
        "address": "12 Fictional Road",
        "city": "Leeds",
        **fields,
    }


def parse(*meetings: dict, fellowship: str | None = "aa"):
    return meeting_guide.parse(json.dumps(list(meetings)), fellowship)


def only(*meetings: dict, fellowship: str | None = "aa"):
    result = parse(*meetings, fellowship=fellowship)
    assert result.errors == []
    (record,) = result.records
    return record


def errors(*meetings: dict, fellowship: str | None = "aa") -> list[str]:
    return [str(error) for error in parse(*meetings, fellowship=fellowship).errors]


@pytest.fixture
def tsml_ui_times():
    if not TSML_UI_TIMES.exists():
        pytest.skip(f"sample feed not found: {TSML_UI_TIMES}")
    result = meeting_guide.parse(TSML_UI_TIMES.read_text(encoding="utf-8"), "aa")
    assert result.errors == []
    return {record.source_key: record for record in result.records}


def test_tsml_ui_sample_reads_days_given_as_strings(tsml_ui_times):
    assert len(tsml_ui_times) == 9
    assert tsml_ui_times["monday-7pm"].day == 1
    assert tsml_ui_times["saturday-8pm"].day == 6
    assert tsml_ui_times["sunday-8am"].day == 0
    assert tsml_ui_times["monday-7pm"].start_time == dt.time(19, 0)
    assert tsml_ui_times["monday-7pm"].end_time == dt.time(21, 0)


def test_tsml_ui_sample_keeps_a_missing_end_time_missing(tsml_ui_times):
    assert tsml_ui_times["monday-7am"].start_time == dt.time(7, 0)
    assert tsml_ui_times["monday-7am"].end_time is None


def test_tsml_ui_sample_meeting_without_day_or_time_is_by_appointment(tsml_ui_times):
    appointment = tsml_ui_times["appointment"]
    assert (appointment.day, appointment.start_time, appointment.end_time) == (None, None, None)


def test_tsml_ui_sample_approximate_address_is_kept_as_given(tsml_ui_times):
    approximate = tsml_ui_times["approximate"]
    assert approximate.formatted_address == "Anytown, OK 12345, USA"
    assert approximate.address is None
    assert approximate.attendance_mode == "in_person"


def test_tsml_ui_sample_keeps_the_non_standard_type_code(tsml_ui_times):
    approximate = tsml_ui_times["approximate"]
    assert approximate.types == ["O", "NA"]
    assert approximate.is_open is True


def test_tsml_ui_sample_reads_types_and_links(tsml_ui_times):
    monday = tsml_ui_times["monday-7pm"]
    assert monday.types == ["O", "M"] and monday.for_men and not monday.for_women
    assert monday.group_name == "Online Group"
    assert monday.conference_url == "https://zoom.us/d/1234567"
    assert monday.attendance_mode == "hybrid", "a link and a street address"


def test_day_and_time_come_as_numbers_or_strings_and_seconds_are_dropped():
    assert only(meeting(day=0, time="07:05")).day == 0
    record = only(meeting(day="3", time="19:30:00", end_time="21:00:00"))
    assert (record.day, record.start_time, record.end_time) == (3, dt.time(19, 30), dt.time(21))


def test_a_day_array_is_one_meeting_per_day_with_the_day_in_its_key():
    result = parse(meeting(slug="daily", day=[1, "3", 5]))
    assert [(r.source_key, r.day) for r in result.records] == [
        ("daily-1", 1),
        ("daily-3", 3),
        ("daily-5", 5),
    ]


def test_an_empty_day_array_is_by_appointment():
    assert only(meeting(day=[])).day is None


def test_a_meeting_may_end_after_midnight():
    record = only(meeting(time="23:30", end_time="00:30"))
    assert (record.start_time, record.end_time) == (dt.time(23, 30), dt.time(0, 30))


def test_address_parts_make_the_formatted_address_and_state_is_the_region():
    record = only(
        meeting(
            address="12 Fictional Road",
            city="Leeds",
            state="West Yorkshire",
            postal_code="LS1 4AP",
            country="United Kingdom",
        )
    )
    assert record.formatted_address == (
        "12 Fictional Road, Leeds, West Yorkshire, LS1 4AP, United Kingdom"
    )
    assert record.region == "West Yorkshire"


def test_a_regions_list_is_the_region():
    assert only(meeting(regions=["Leeds", "Headingley"], state="WY")).region == "Leeds, Headingley"


def test_coordinates_as_strings_or_numbers():
    record = only(meeting(latitude="53.7955", longitude=-1.5557))
    assert (record.latitude, record.longitude) == (53.7955, -1.5557)


def test_contacts_and_the_website_fall_back_to_the_entity_url():
    record = only(meeting(entity_url="https://intergroup.example.org", email="x@example.org"))
    assert record.website == "https://intergroup.example.org"
    assert record.email == "x@example.org"
    assert only(meeting(website="www.example.org")).website == "https://www.example.org"


def test_updated_is_read_as_a_time():
    assert only(meeting(updated="2025-01-06 09:00:00")).updated == dt.datetime(2025, 1, 6, 9)
    assert only(meeting(updated="2025-01-06T09:00:00+01:00")).updated == dt.datetime(2025, 1, 6, 8)


@pytest.mark.parametrize(
    ("fields", "mode"),
    [
        ({}, "in_person"),
        ({"conference_url": "https://zoom.example.org/j/1"}, "hybrid"),
        ({"types": ["ONL"]}, "hybrid"),
        ({"conference_url": "https://zoom.example.org/j/1", "address": None}, "online"),
        ({"conference_phone": "020 7946 0000", "address": None}, "online"),
        ({"conference_url": "https://zoom.example.org/j/1", "approximate": "yes"}, "online"),
        ({"types": ["TC"]}, "inactive"),
        ({"types": ["TC"], "conference_url": "https://zoom.example.org/j/1"}, "online"),
        ({"attendance_option": "online"}, "online"),
    ],
)
def test_attendance_is_derived_when_the_feed_does_not_say(fields, mode):
    assert only(meeting(**fields)).attendance_mode == mode


def test_a_listing_that_states_no_ethos_leaves_it_to_the_fellowship():
    assert only(meeting(), fellowship="aa").feed_ethos is None
    assert only(meeting(), fellowship="smart").feed_ethos is None


def test_type_a_makes_a_secular_meeting_stated_by_the_group():
    assert only(meeting(types=["O", "A"]), fellowship="aa").feed_ethos == "secular"


def test_positions_resting_on_the_fellowship_or_experience_are_not_taken_as_the_groups():
    """Our own export carries answers from the fellowship's position and people's experience;
    read back, they are worked out again, never turned into the group's statement."""
    record = only(meeting(fellowship="smart", ethos="secular", ethos_source="fellowship",
                          ort_openness="welcoming", ort_source="fellowship"))
    assert (record.feed_ethos, record.feed_ort) == (None, None)
    record = only(meeting(ort_openness="mixed", ort_source="experience"))
    assert record.feed_ort is None


def test_our_own_fields_are_read():
    record = only(
        meeting(
            fellowship="na",
            ethos="secular",
            ethos_source="group",
            ort_openness="welcoming",
            ort_source="group",
            hearing_loop=True,
            languages=["cy"],
            types=["POL"],
            postal_code="CF10 1AA",
        )
    )
    assert record.fellowship == "na"
    assert (record.feed_ethos, record.feed_ort) == ("secular", "welcoming")
    assert record.hearing_loop is True
    assert record.language_codes == ["cy", "pl"]
    assert record.postal_code == "CF10 1AA"


def test_a_rows_own_fellowship_wins_over_the_commands():
    assert only(meeting(fellowship="ca"), fellowship="aa").fellowship == "ca"


def test_openness_to_opioid_substitution_is_not_stated_unless_the_feed_says():
    assert only(meeting()).feed_ort is None


def test_languages_default_to_english():
    assert only(meeting()).language_codes == ["en"]
    assert only(meeting(types=["PUN"])).language_codes == ["pa"]


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"day": 7}, "day 7 is not a day of the week (0 = Sunday to 6 = Saturday)"),
        ({"day": "Monday"}, "day 'Monday' is not a day of the week (0 = Sunday to 6 = Saturday)"),
        ({"time": "7pm"}, "time '7pm' is not a time of day (HH:MM, 24-hour clock)"),
        ({"end_time": "25:00"}, "end_time '25:00' is not a time of day (HH:MM, 24-hour clock)"),
        ({"time": None}, "has a day (1) but no time"),
        ({"latitude": 91, "longitude": 0.5}, "latitude 91.0 is out of range (-90 to 90)"),
        ({"latitude": 53.1}, "longitude is missing (give both latitude and longitude, or neither)"),
        (
            {"fellowship": "xa"},
            "fellowship 'xa' is not one of: aa, al-anon, ca, "
            "families-anonymous, na, nar-anon, smart, smart-family-friends",
        ),
        ({"slug": ""}, "has no slug"),
        (
            {"attendance_option": "sometimes"},
            "attendance_option 'sometimes' is not one of: in_person, hybrid, online, inactive",
        ),
        (
            {"ort_openness": "welcoming"},
            "ort_openness 'welcoming' needs an ort_source (group or fellowship)",
        ),
        ({"ethos": "spiritual", "types": ["A"]}, "ethos 'spiritual' contradicts type A (secular)"),
        (
            {"conference_url": "javascript:alert(1)"},
            "conference_url 'javascript:alert(1)' is not a web address (it should start with "
            "https://)",
        ),
        (
            {"languages": ["english"]},
            "language 'english' is not an ISO 639-1 code (such as en or pl)",
        ),
        (
            {"timezone": "London"},
            "timezone 'London' is not a time zone name (such as Europe/London)",
        ),
        ({"postal_code": "X" * 13}, "postal_code is longer than 12 characters"),
    ],
)
def test_a_bad_value_is_reported_with_the_rows_index_name_and_reason(fields, reason):
    assert errors(meeting(), meeting(**{"slug": "second", **fields})) == [
        f"index 1 (Monday Step Group): {reason}"
    ]


def test_a_row_without_a_name_is_reported_by_index():
    assert errors(meeting(name="  ")) == ["index 0: has no name"]


def test_every_problem_in_a_row_is_reported():
    assert errors(meeting(day=9, latitude=100, longitude=0.1)) == [
        "index 0 (Monday Step Group): day 9 is not a day of the week (0 = Sunday to 6 = Saturday)",
        "index 0 (Monday Step Group): latitude 100.0 is out of range (-90 to 90)",
    ]


def test_a_row_with_no_fellowship_needs_one():
    assert errors(meeting(), fellowship=None) == [
        "index 0 (Monday Step Group): has no fellowship (add a fellowship field, "
        "or give --fellowship)"
    ]


def test_a_slug_used_twice_is_an_error():
    assert errors(meeting(), meeting(name="Again")) == [
        "index 1 (Again): slug 'monday-step' is already used by index 0 (Monday Step Group)"
    ]


def test_a_row_that_is_not_an_object_is_an_error():
    assert errors(meeting(), "meeting") == ["index 1: is str, not a meeting (a JSON object)"]


@pytest.mark.parametrize(
    ("text", "message"),
    [("{not json", "not JSON: "), ('{"meetings": []}', "a Meeting Guide feed is a JSON array")],
)
def test_a_file_that_is_not_a_feed_is_refused_whole(text, message):
    with pytest.raises(FeedError, match=message):
        meeting_guide.parse(text, "aa")
