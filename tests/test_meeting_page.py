"""The meeting page: everything known, ways to get there or join, calendar, share, report."""

import datetime as dt

import pytest
from factories import make_meeting
from icalendar import Calendar

from finder.meetings import schedule
from finder.meetings.schedule import LONDON
from finder.models import ChangeReport

MONDAY_NOON = dt.datetime(2026, 11, 23, 12, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(schedule, "now_in_london", lambda: MONDAY_NOON)


def summary(soup) -> dict[str, str]:
    return {
        row.dt.get_text(strip=True): row.dd.get_text(" ", strip=True)
        for row in soup.select("dl.summary-list > div")
    }


def test_a_meeting_page_shows_what_is_known(client, page, app_context):
    make_meeting(
        slug="hope",
        name="Hope Group",
        fellowship="na",
        day=3,
        start_time=dt.time(19, 30),
        end_time=dt.time(21, 0),
        location="Elm Hall",
        address="1 Test Road",
        city="Leeds",
        is_open=True,
        wheelchair_access=True,
        ort_openness="welcoming",
        ort_source="group",
        notes="Fictional notes.",
        languages=",en,pl,",
    )
    soup = page(client.get("/meetings/hope"))
    assert soup.h1.get_text(strip=True) == "Hope Group"
    facts = summary(soup)
    assert facts["Group"] == "Narcotics Anonymous"
    assert facts["When"] == "Every Wednesday, 19:30 to 21:00 (UK time)"
    assert facts["How to attend"] == "In person"
    assert "Elm Hall" in facts["Where"] and "LS1 4AP" in facts["Where"]
    assert facts["Methadone or buprenorphine"].startswith(
        "Welcomes people on methadone or buprenorphine Stated by the group in its meeting listing"
    )
    assert facts["Features"] == "Open, Wheelchair access"
    assert facts["Languages"] == "English, Polish"
    directions = soup.select_one('a[href^="https://www.openstreetmap.org/directions"]')
    assert directions.get_text(" ", strip=True).startswith("Directions on OpenStreetMap")
    assert soup.find("h2", string="What to expect") is not None


@pytest.mark.parametrize(
    ("language", "when"),
    [
        ("cy", "Bob dydd Mercher, 19:30 tan 21:00 (amser y DU)"),
        ("pl", "W każdą środę od 19:30 do 21:00 (czas brytyjski)"),
    ],
)
def test_the_weekly_time_reads_as_one_sentence_in_welsh_and_polish(
    client, page, app_context, language, when
):
    make_meeting(slug="hope", day=3, start_time=dt.time(19, 30), end_time=dt.time(21, 0))
    soup = page(client.get("/meetings/hope", headers={"Accept-Language": language}))
    assert when in soup.select_one("dl.summary-list").get_text(" ", strip=True)

def test_an_online_meeting_page_has_the_join_link_and_dial_in(client, page, app_context):
    make_meeting(
        slug="online",
        attendance_mode="online",
        latitude=None,
        longitude=None,
        conference_url="https://meet.example.org/demo",
        conference_phone="020 7946 0001",
    )
    soup = page(client.get("/meetings/online"))
    assert (
        soup.find("a", string="Join the meeting online")["href"] == "https://meet.example.org/demo"
    )
    assert soup.find("a", href="tel:02079460001") is not None
    assert "Where" not in summary(soup)


def test_an_unknown_meeting_is_not_found(client):
    assert client.get("/meetings/no-such-meeting").status_code == 404


def test_the_calendar_file_repeats_weekly_in_london_time(client, app_context):
    make_meeting(
        slug="cal", name="Calendar Group", day=0, start_time=dt.time(23, 0), end_time=dt.time(0, 30)
    )
    response = client.get("/meetings/cal.ics")
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Calendar Group"
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == dt.datetime(2026, 11, 29, 23, 0, tzinfo=LONDON)
    assert end == dt.datetime(2026, 11, 30, 0, 30, tzinfo=LONDON)
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    (timezone,) = calendar.walk("VTIMEZONE")
    assert timezone["TZID"] == "Europe/London"
    rules = {part.name: part["RRULE"]["BYMONTH"] for part in timezone.subcomponents}
    assert rules == {"DAYLIGHT": [3], "STANDARD": [10]}


def test_a_calendar_across_the_spring_clock_change_keeps_the_wall_clock_time(
    client, app_context, monkeypatch
):
    monkeypatch.setattr(
        schedule, "now_in_london", lambda: dt.datetime(2026, 3, 27, 12, 0, tzinfo=LONDON)
    )
    make_meeting(slug="spring", day=0, start_time=dt.time(10, 0))
    event = Calendar.from_ical(client.get("/meetings/spring.ics").data).walk("VEVENT")[0]
    start = event.decoded("DTSTART")
    assert (start.hour, start.utcoffset()) == (10, dt.timedelta(hours=1))


def test_a_meeting_by_appointment_has_no_calendar_file(client, app_context):
    make_meeting(slug="appointment", day=None, start_time=None, end_time=None)
    assert client.get("/meetings/appointment.ics").status_code == 404


def test_reporting_a_change_stores_it_for_coordinators(client, app_context):
    make_meeting(slug="moved", name="Moved Group")
    response = client.post(
        "/meetings/moved/report-a-change", data={"what_changed": "It meets on Thursdays now."}
    )
    assert response.status_code == 303
    (report,) = ChangeReport.query.all()
    assert (report.meeting_slug, report.what_changed) == ("moved", "It meets on Thursdays now.")
    assert "Thank you" in client.get(response.location).get_data(as_text=True)


def test_an_empty_change_report_is_refused_with_a_clear_message(client, page, app_context):
    make_meeting(slug="moved")
    response = client.post("/meetings/moved/report-a-change", data={"what_changed": "  "})
    assert response.status_code == 422
    soup = page(response)
    assert soup.title.get_text().startswith("Error:")
    assert soup.find(class_="error-summary").a.get_text(strip=True) == "Enter what has changed"
    assert ChangeReport.query.count() == 0


def test_a_change_report_with_the_hidden_field_filled_is_dropped_quietly(client, app_context):
    make_meeting(slug="moved")
    response = client.post(
        "/meetings/moved/report-a-change",
        data={"what_changed": "Buy cheap watches", "website": "http://spam"},
    )
    assert response.status_code == 303
    assert ChangeReport.query.count() == 0
