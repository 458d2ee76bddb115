"""A meeting as an iCalendar file: a weekly event on the Europe/London wall clock."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar
from icalendar import Event
from icalendar import Timezone
from icalendar import TimezoneDaylight
from icalendar import TimezoneStandard

from finder.meetings import schedule
from finder.models import Meeting


def _london_timezone() -> Timezone:
    """Europe/London as the UK has kept it since 1996: the last Sundays of March and October."""
    timezone = Timezone()
    timezone.add("tzid", "Europe/London")
    summer = TimezoneDaylight()
    summer.add("tzname", "BST")
    summer.add("dtstart", dt.datetime(1970, 3, 29, 1, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1SU"})
    summer.add("tzoffsetfrom", dt.timedelta(hours=0))
    summer.add("tzoffsetto", dt.timedelta(hours=1))
    winter = TimezoneStandard()
    winter.add("tzname", "GMT")
    winter.add("dtstart", dt.datetime(1970, 10, 25, 2, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1SU"})
    winter.add("tzoffsetfrom", dt.timedelta(hours=1))
    winter.add("tzoffsetto", dt.timedelta(hours=0))
    timezone.add_component(summer)
    timezone.add_component(winter)
    return timezone


def meeting_calendar(meeting: Meeting, meeting_url: str, host: str, now: dt.datetime) -> bytes:
    """A weekly event; only for a meeting with a day and a time (its page offers no file
    otherwise)."""
    if meeting.day is None or meeting.start_time is None:
        raise ValueError(f"meeting {meeting.slug} has no day and time for a calendar")
    occurrence = schedule.next_occurrence(
        meeting.day, meeting.start_time, meeting.duration_minutes, now
    )
    event = Event()
    event.add("uid", f"{meeting.slug}@{host}")
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("summary", meeting.name)
    event.add("dtstart", occurrence.start)
    event.add("dtend", occurrence.end)
    event.add("rrule", {"freq": "weekly"})
    place = ", ".join(
        part
        for part in (
            meeting.location,
            meeting.formatted_address or meeting.address,
            meeting.postal_code,
        )
        if part
    )
    if place:
        event.add("location", place)
    if meeting.latitude is not None and meeting.longitude is not None and meeting.is_in_person:
        event.add("geo", (meeting.latitude, meeting.longitude))
    event.add("url", meeting_url)
    if meeting.conference_url:
        event.add("description", meeting.conference_url)

    calendar = Calendar()
    calendar.add("prodid", "-//finder//meeting finder//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add_component(_london_timezone())
    calendar.add_component(event)
    return calendar.to_ical()
