"""Our meetings as a Meeting Guide JSON feed, with our own facets as extra fields.

Standard fields follow the code4recovery spec; `fellowship`, `ethos`, `ethos_source`,
`ethos_as_of`, `ort_openness`, `ort_source`, `ort_as_of`, `ort_via`, `ort_source_url`,
`ort_experience`, `hearing_loop` and `languages` are ours. Each fact carries its source
(group, experience, fellowship; none means not stated) and the date it was made or checked.
The importer reads them back: a group's statement stays the group's, and answers that rest on
other sources are worked out again from the importer's own evidence, so an export imported
elsewhere reproduces the same meetings without turning a fellowship's position into a group's. Empty
fields are left out, and a meeting by appointment has no day or time. The fictional demo
meetings are never published: a feed is for other services to list real meetings.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import select

from finder.extensions import db
from finder.meetings import facts
from finder.models import Meeting
from finder.models import MeetingSource
from finder.models.data_version import current_token


def meeting_to_feed_entry(meeting: Meeting, base_url: str | None = None) -> dict[str, Any]:
    """One meeting; `base_url` (such as https://finder.example.org) makes `url` absolute."""
    entry = {
        "name": meeting.name,
        "slug": meeting.slug,
        "day": meeting.day,
        "time": _clock(meeting.start_time) if meeting.day is not None else None,
        "end_time": _clock(meeting.end_time) if meeting.day is not None else None,
        "timezone": meeting.timezone,
        "location": meeting.location,
        "location_notes": meeting.location_notes,
        "address": meeting.address,
        "city": meeting.city,
        "region": meeting.region,
        "postal_code": meeting.postal_code,
        "country": meeting.country,
        "formatted_address": meeting.formatted_address,
        "latitude": meeting.latitude,
        "longitude": meeting.longitude,
        "approximate": _approximate(meeting),
        "types": meeting.types,
        "attendance_option": meeting.attendance_mode,
        "conference_url": meeting.conference_url,
        "conference_url_notes": meeting.conference_url_notes,
        "conference_phone": meeting.conference_phone,
        "conference_phone_notes": meeting.conference_phone_notes,
        "notes": meeting.notes,
        "group": meeting.group_name,
        "website": meeting.website,
        "email": meeting.email,
        "phone": meeting.phone,
        "updated": meeting.updated.strftime("%Y-%m-%d %H:%M:%S") if meeting.updated else None,
        # The meeting's page here (the route in finder.web.views.meetings).
        "url": f"{base_url.rstrip('/')}/meetings/{meeting.slug}" if base_url else None,
        "fellowship": meeting.fellowship,
        "ethos": meeting.ethos,
        "ethos_source": meeting.ethos_source,
        "ethos_as_of": _day(meeting.ethos_as_of),
        **_medication(meeting),
        "hearing_loop": meeting.hearing_loop,
        "languages": meeting.language_codes,
    }
    return {key: value for key, value in entry.items() if value is not None and value != ""}


def _approximate(meeting: Meeting) -> str | None:
    """Said outright, so clients need not guess from the address's shape: "no" for a venue,
    "yes" where only a town or area is known (and for online-only meetings' areas)."""
    if not meeting.formatted_address and not meeting.address:
        return None
    return "yes" if meeting.approximate else "no"


def _day(value) -> str | None:
    return value.isoformat() if value else None


def _medication(meeting: Meeting) -> dict[str, Any]:
    """The medication fact with its source and date; nothing for family groups."""
    if not facts.applies_to(meeting):
        return {}
    fact = facts.medication(meeting)
    return {
        "ort_openness": fact.value,
        "ort_source": fact.source,
        "ort_as_of": _day(fact.as_of),
        "ort_via": fact.via,
        "ort_source_url": fact.position.source if fact.position else None,
        "ort_experience": {"welcomed": fact.welcomed, "answered": fact.answered}
        if fact.source == "experience" else None,
    }


def _clock(value) -> str | None:
    return value.strftime("%H:%M") if value else None


def published_meetings() -> list[Meeting]:
    """Every real meeting, once (no duplicates), by day and time (meetings by appointment
    last), then name."""
    demo_sources = select(MeetingSource.id).where(MeetingSource.is_demo.is_(True))
    query = (
        select(Meeting)
        .where(Meeting.source_id.is_(None) | Meeting.source_id.not_in(demo_sources),
               Meeting.duplicate_of_id.is_(None))
        .order_by(
            Meeting.day.is_(None), Meeting.day, Meeting.start_time, Meeting.name, Meeting.slug
        )
    )
    return list(db.session.scalars(query))


_built: dict[str | None, tuple[str, str, str]] = {}  # base URL: (data token, JSON, ETag)


def cached_feed(base_url: str | None = None) -> tuple[str, str]:
    """(the feed's JSON, its ETag), built once per change of meeting data in this process."""
    token = current_token()
    kept = _built.get(base_url)
    if token is not None and kept is not None and kept[0] == token:
        return kept[1], kept[2]
    body = feed_json(base_url)
    etag = hashlib.sha256(body.encode("utf-8")).hexdigest()[:32]
    if token is not None:
        _built[base_url] = (token, body, etag)
    return body, etag


def feed_json(base_url: str | None = None) -> str:
    return json.dumps(
        [meeting_to_feed_entry(meeting, base_url) for meeting in published_meetings()],
        ensure_ascii=False,
        separators=(",", ":"),
    )
