"""What search engines and link previews read: the canonical address of a page, its
versions in each language, whether it may be indexed, and a meeting as schema.org data.

Every address is absolute and built from FINDER_BASE_URL, never from the request's Host."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import current_app
from flask import request

from finder.meetings import fellowships
from finder.models import Meeting
from finder.web.i18n import LANGUAGE_PARAMETER
from finder.web.urls import base_url

# Areas for someone already involved, or a form a search engine has nothing to find in.
PRIVATE_BLUEPRINTS = frozenset({
    "ask", "coordinator", "meeting_facts", "volunteer", "profile", "two_factor",
    "group_statement", "sources", "stepping_in", "volunteer_records", "concerns",
})

SCHEMA_DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
SCHEMA_MODES = {
    "in_person": "OfflineEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
}


def _language_parameter() -> str | None:
    chosen = request.args.get(LANGUAGE_PARAMETER)
    return chosen if chosen in current_app.config["FINDER_LANGUAGES"] else None


def page_url(language: str | None = None) -> str:
    """This page without its filters or paging, in `language` if given (or if the
    address asked for one)."""
    language = language or _language_parameter()
    query = "?" + urlencode({LANGUAGE_PARAMETER: language}) if language else ""
    return base_url() + request.path + query


def language_versions() -> list[tuple[str, str]]:
    """(hreflang, address) for each language, and x-default for the page without one."""
    versions = [(code, page_url(code)) for code in current_app.config["FINDER_LANGUAGES"]]
    return [*versions, ("x-default", base_url() + request.path)]


def indexable(demo_data_loaded: bool) -> bool:
    """Fictional demo meetings never reach a search engine: with them loaded, no page may
    be indexed. Nor may any page behind a sign-in, whatever its blueprint."""
    view = current_app.view_functions.get(request.endpoint or "")
    behind_sign_in = getattr(view, "access", "public") != "public"
    return not (demo_data_loaded or behind_sign_in or request.blueprint in PRIVATE_BLUEPRINTS)


def meeting_event(meeting: Meeting, start, page_address: str) -> dict:
    """A meeting as a schema.org Event that repeats weekly; `start` is its next occurrence's
    start (None for a meeting by appointment)."""
    fellowship = fellowships.get(meeting.fellowship)
    event: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": meeting.name,
        "url": page_address,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/"
        + SCHEMA_MODES.get(meeting.attendance_mode, SCHEMA_MODES["in_person"]),
        "isAccessibleForFree": True,
        "organizer": {
            "@type": "Organization",
            "name": fellowship.name if fellowship else meeting.fellowship,
        },
    }
    if fellowship:
        event["organizer"]["url"] = base_url() + f"/groups/{fellowship.slug}"
    if start is not None:
        event["startDate"] = start.isoformat()
    if meeting.day is not None and meeting.start_time is not None:
        schedule = {
            "@type": "Schedule",
            "repeatFrequency": "P1W",
            "byDay": "https://schema.org/" + SCHEMA_DAYS[meeting.day],
            "startTime": meeting.start_time.strftime("%H:%M"),
            "scheduleTimezone": meeting.timezone,
        }
        if meeting.end_time is not None:
            schedule["endTime"] = meeting.end_time.strftime("%H:%M")
        event["eventSchedule"] = schedule
    places = []
    if meeting.attendance_mode != "online":
        places.append(_place(meeting))
    if meeting.attendance_mode != "in_person" and meeting.conference_url:
        places.append({"@type": "VirtualLocation", "url": meeting.conference_url})
    places = [place for place in places if place]
    if places:
        event["location"] = places[0] if len(places) == 1 else places
    return event


def _place(meeting: Meeting) -> dict | None:
    address = {
        "@type": "PostalAddress",
        "streetAddress": meeting.address,
        "addressLocality": meeting.city,
        "addressRegion": meeting.region,
        "postalCode": meeting.postal_code,
        "addressCountry": "GB" if meeting.country in (None, "", "UK", "GB") else meeting.country,
    }
    address = {key: value for key, value in address.items() if value}
    if len(address) <= 2:  # nothing known but the country
        return None
    place: dict = {"@type": "Place", "name": meeting.location or meeting.city, "address": address}
    if meeting.latitude is not None and meeting.longitude is not None and not meeting.approximate:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": meeting.latitude,
                        "longitude": meeting.longitude}
    return {key: value for key, value in place.items() if value}


def fellowship_names(results) -> list[str]:
    """The fellowships on a page of results, in alphabetical order, for its description."""
    return sorted({_fellowship_name(result.meeting.fellowship) for result in results.items})


def _fellowship_name(slug: str) -> str:
    found = fellowships.get(slug)
    return found.name if found else slug
