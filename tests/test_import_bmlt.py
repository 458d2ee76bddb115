"""Reading BMLT GetSearchResults answers (NA's meeting servers)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from samples import SAMPLES

from finder.importers import FeedError
from finder.importers import bmlt

YAP_SEARCH = (
    SAMPLES / "bmlt-enabled_yap__src_tests_Fixtures_http_bmlt_meeting-search-42.867970-day2.json"
)
FORMATS = [
    {"key_string": "O", "world_id": "OPEN", "id": "17"},
    {"key_string": "C", "world_id": "CLOSED", "id": "4"},
    {"key_string": "WC", "world_id": "WCHR", "id": "33"},
    {"key_string": "GL", "world_id": "GL", "id": "10"},
    {"key_string": "BT", "world_id": "BT", "id": "3"},
    {"key_string": "LOCAL", "world_id": "", "id": "99"},
]


def bmlt_meeting(**fields) -> dict:
    return {
        "id_bigint": "101",
        "meeting_name": "Just for Today",
        "weekday_tinyint": "2",
        "start_time": "19:00:00",
        "duration_time": "01:30:00",
        "formats": "O",
        "location_text": "Fictional Hall",
        "location_street": "1 Fake Street",
        "location_municipality": "Leeds",
        "location_postal_code_1": "LS1 4AP",
        "latitude": "53.79",
        "longitude": "-1.55",
        "venue_type": "1",
        **fields,
    }


def parse(*meetings: dict, fellowship: str | None = None):
    return bmlt.parse(json.dumps({"meetings": list(meetings), "formats": FORMATS}), fellowship)


def only(**fields):
    result = parse(bmlt_meeting(**fields))
    assert result.errors == []
    return result.records[0]


@pytest.fixture
def yap_search():
    if not YAP_SEARCH.exists():
        pytest.skip(f"sample answer not found: {YAP_SEARCH}")
    result = bmlt.parse(YAP_SEARCH.read_text(encoding="utf-8"))
    assert result.errors == []
    return {record.source_key: record for record in result.records}


def test_sample_weekday_2_is_monday(yap_search):
    assert len(yap_search) == 53
    assert {record.day for record in yap_search.values()} == {1}


def test_sample_fields(yap_search):
    record = yap_search["2566"]
    assert record.name == "Step up and Be Free"
    assert record.fellowship == "na"
    assert record.start_time == dt.time(19) and record.end_time is None
    assert record.location == "Clifton springs Hospital"
    assert record.location_notes == "Admin Conference Room"
    assert (record.address, record.city) == ("128 Main street", "Clifton Springs")
    assert record.region == "NY"
    assert (record.latitude, record.longitude) == (42.9613734, -77.1205486)
    assert record.attendance_mode == "in_person"


def test_sample_formats_map_through_world_ids(yap_search):
    assert yap_search["2566"].types == ["O", "VAR", "TOP"]
    assert yap_search["2566"].is_open is True
    assert yap_search["1946"].types == ["SWG", "X"]
    assert yap_search["1946"].wheelchair_access
    assert yap_search["2622"].types == [] and yap_search["2622"].is_open is None


def test_distance_fields_are_ignored():
    near = parse(bmlt_meeting(distance_in_km="1.5", distance_in_miles="0.9")).records
    assert near == parse(bmlt_meeting()).records


@pytest.mark.parametrize(("weekday", "day"), [("1", 0), ("2", 1), ("7", 6)])
def test_weekday_1_is_sunday(weekday, day):
    assert only(weekday_tinyint=weekday).day == day


def test_duration_gives_the_end_even_after_midnight():
    assert only(start_time="19:00:00", duration_time="01:30:00").end_time == dt.time(20, 30)
    assert only(start_time="23:30:00", duration_time="01:00:00").end_time == dt.time(0, 30)


@pytest.mark.parametrize(
    ("venue_type", "link", "mode"),
    [
        ("1", "", "in_person"),
        ("2", "https://zoom.example.org/j/1", "online"),
        ("3", "https://zoom.example.org/j/1", "hybrid"),
        ("", "https://zoom.example.org/j/1", "hybrid"),
        ("", "", "in_person"),
    ],
)
def test_venue_type(venue_type, link, mode):
    record = only(venue_type=venue_type, virtual_meeting_link=link)
    assert record.attendance_mode == mode


def test_closed_wheelchair_and_lgbtq_formats_and_ones_without_a_world_id():
    record = only(formats="C,WC,GL,BT,LOCAL")
    assert record.types == ["C", "X", "LGBTQ", "BT", "LOCAL"]
    assert (record.is_open, record.wheelchair_access, record.lgbtq) == (False, True, True)


def test_formats_by_shared_id():
    assert only(formats="", format_shared_id_list="4,33").types == ["C", "X"]


def test_a_plain_array_without_formats_keeps_the_local_codes():
    result = bmlt.parse(json.dumps([bmlt_meeting(formats="WC")]))
    assert result.records[0].types == ["WC"]


def test_zero_zero_coordinates_mean_none():
    record = only(latitude="0", longitude="0")
    assert (record.latitude, record.longitude) == (None, None)


def test_fellowship_defaults_to_na_but_can_be_given():
    assert only().fellowship == "na"
    assert parse(bmlt_meeting(), fellowship="ca").records[0].fellowship == "ca"


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        (
            {"weekday_tinyint": "8"},
            "weekday_tinyint '8' is not a day of the week (1 = Sunday to 7 = Saturday)",
        ),
        ({"venue_type": "9"}, "venue_type '9' is not 1 (in person), 2 (virtual) or 3 (hybrid)"),
        ({"duration_time": "soon"}, "duration_time 'soon' is not a length of time (HH:MM:SS)"),
        ({"start_time": "25:00:00"}, "time '25:00:00' is not a time of day (HH:MM, 24-hour clock)"),
        ({"latitude": "north"}, "latitude 'north' is not a number"),
    ],
)
def test_a_bad_value_is_reported_with_position_and_reason(fields, reason):
    result = parse(bmlt_meeting(), bmlt_meeting(id_bigint="102", **fields))
    assert [str(error) for error in result.errors] == [f"index 1 (Just for Today): {reason}"]


def test_an_answer_that_is_not_meetings_is_refused():
    with pytest.raises(FeedError, match="array of meetings"):
        bmlt.parse('{"error": "no results"}')
