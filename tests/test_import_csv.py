"""Reading CSV laid out as the TSML plugin's import template."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from finder.importers import FeedError
from finder.importers import tsml_csv

TEMPLATE = Path(__file__).parent / "data" / "tsml-template.csv"
HEADER = "Time,End Time,Day,Name,Location,Address,City,Postal Code,Types,Slug\n"


@pytest.fixture
def template() -> dict:
    result = tsml_csv.parse(TEMPLATE.read_text(encoding="utf-8"), "aa")
    assert result.errors == []
    return {record.name: record for record in result.records}


def errors(csv_text: str, fellowship: str = "aa") -> list[str]:
    return [str(error) for error in tsml_csv.parse(csv_text, fellowship).errors]


def test_the_template_columns_are_read(template):
    monday = template["Monday Step Group"]
    assert monday.source_key == "monday-step-group"
    assert (monday.day, monday.start_time, monday.end_time) == (1, dt.time(19, 30), dt.time(21))
    assert monday.location == "Fictional Community Hall"
    assert monday.location_notes == "Side door, first floor."
    assert monday.formatted_address == "12 Fictional Road, Leeds LS1 4AP, United Kingdom"
    assert monday.region == "Leeds, City Centre"
    assert monday.group_name == "Fictional Step Group"
    assert monday.website == "https://example.org/monday"
    assert monday.updated == dt.datetime(2025, 1, 6, 9, 0)


def test_twelve_hour_times_are_read(template):
    saturday = template["Saturday Morning Women"]
    assert (saturday.start_time, saturday.end_time) == (dt.time(10), dt.time(11, 15))
    assert template["Sunday Noon"].start_time == dt.time(12)


def test_type_labels_become_codes_and_unknown_ones_are_kept(template):
    assert template["Monday Step Group"].types == ["O", "X", "ST"]
    assert template["Monday Step Group"].wheelchair_access
    assert template["Saturday Morning Women"].types == ["C", "W", "POL"]
    assert template["Saturday Morning Women"].language_codes == ["pl"]
    assert template["Sunday Noon"].types == ["O", "Mystery Type", "TC"]


def test_online_and_temporarily_closed_meetings(template):
    online = template["Online Newcomers"]
    assert online.types == ["ONL", "O", "BE"]
    assert online.attendance_mode == "online"
    assert online.conference_phone == "020 7946 0000"
    assert template["Sunday Noon"].attendance_mode == "inactive"


def test_no_day_or_time_is_by_appointment(template):
    appointment = template["Appointment Group"]
    assert (appointment.day, appointment.start_time) == (None, None)


def test_a_row_without_a_slug_gets_one_from_name_day_time_and_place(template):
    assert template["Saturday Morning Women"].source_key == (
        "saturday-morning-women-saturday-10-00-fictional-library"
    )


def test_address_columns_and_day_abbreviations():
    row = "18:00,,tue,Tea Group,Hall,1 Fake St,York,YO1 7HH,O,tea\n"
    result = tsml_csv.parse(HEADER + row, "ca")
    (record,) = result.records
    assert (record.day, record.fellowship) == (2, "ca")
    assert record.formatted_address == "1 Fake St, York, YO1 7HH"


def test_our_columns_are_read_too():
    text = (
        "Time,Day,Name,Slug,Fellowship,Languages,Hearing Loop\n19:00,Friday,Cymraeg,cy,na,cy,yes\n"
    )
    (record,) = tsml_csv.parse(text, "aa").records
    assert (record.fellowship, record.language_codes, record.hearing_loop) == ("na", ["cy"], True)


def test_a_bad_day_is_reported_by_spreadsheet_row_with_the_meeting_name():
    text = HEADER + "19:00,,Monday,Fine,Hall,,,,,fine\n19:00,,Funday,Monday Step Group,,,,,,bad\n"
    assert errors(text) == ["row 3 (Monday Step Group): day 'Funday' is not a day of the week"]


def test_a_bad_time_and_a_missing_name_are_reported():
    text = HEADER + "13:75,,Monday,Late,Hall,,,,,late\n19:00,,Monday,,Hall,,,,,nameless\n"
    assert errors(text) == [
        "row 2 (Late): time '13:75' is not a time of day (HH:MM, 24-hour clock)",
        "row 3: has no name",
    ]


def test_a_csv_without_a_name_column_is_refused():
    with pytest.raises(FeedError, match="no Name column"):
        tsml_csv.parse("Meeting,When\nA,B\n", "aa")
