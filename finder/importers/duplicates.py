"""The same meeting listed by two sources (an intergroup's feed and a national list).

Two meetings from different sources are likely the same when they belong to the same
fellowship, start at the same time on the same day, have similar names, and meet within a
short walk of each other (or, online only, share the same meeting link). The one imported
first is kept; the other is marked as its duplicate, so search, the feed and the sitemap show
the meeting once. Marks are worked out afresh after every sync, so a meeting that changes or
goes away stops hiding the other.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import aliased

from finder.geo.distance import distance_miles
from finder.models import Meeting
from finder.models import MeetingSource
from finder.models.session import Session

# A short walk: venues this close are the same place, give or take the geocoding.
SAME_PLACE_MILES = 0.2
# difflib's ratio of the names with punctuation and case set aside.
SIMILAR_NAMES = 0.6
_NOT_NAME = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Candidate:
    id: int
    source_id: int | None
    name: str
    latitude: float | None
    longitude: float | None
    attendance_mode: str
    conference_url: str | None


def _plain(name: str) -> str:
    return _NOT_NAME.sub(" ", name.lower()).strip()


def similar_names(first: str, second: str) -> bool:
    a, b = _plain(first), _plain(second)
    if not a or not b:
        return False
    return a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= SIMILAR_NAMES


def _same_place(a: Candidate, b: Candidate) -> bool:
    if a.attendance_mode == "online" and b.attendance_mode == "online":
        return bool(a.conference_url) and a.conference_url == b.conference_url
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return False
    return distance_miles(a.latitude, a.longitude, b.latitude, b.longitude) <= SAME_PLACE_MILES


def _same_meeting(a: Candidate, b: Candidate) -> bool:
    # Cheapest test first: names are compared only for meetings in the same place.
    return a.source_id != b.source_id and _same_place(a, b) and similar_names(a.name, b.name)


def find_duplicates(session: Session) -> dict[int, int]:
    """{duplicate's id: kept meeting's id} for every meeting another source also lists."""
    rows = session.execute(
        select(Meeting.fellowship, Meeting.week_minute, Meeting.id, Meeting.source_id,
               Meeting.name, Meeting.latitude, Meeting.longitude, Meeting.attendance_mode,
               Meeting.conference_url)
        .where(Meeting.week_minute.is_not(None)))
    groups: dict[tuple[str, int], list[Candidate]] = defaultdict(list)
    for row in rows:
        groups[(row.fellowship, row.week_minute)].append(Candidate(
            row.id, row.source_id, row.name, row.latitude, row.longitude, row.attendance_mode,
            row.conference_url))
    kept_for: dict[int, int] = {}
    for group in groups.values():
        if len(group) < 2 or len({c.source_id for c in group}) < 2:
            continue
        group.sort(key=lambda candidate: candidate.id)
        for first, second in combinations(group, 2):
            if second.id not in kept_for and _same_meeting(first, second):
                kept_for[second.id] = kept_for.get(first.id, first.id)
    return kept_for


def mark_duplicates(session: Session) -> int:
    """Mark each duplicate with the meeting kept (and clear marks no longer true); how many
    meetings are duplicates now. The caller commits."""
    found = find_duplicates(session)
    marked = dict(session.execute(
        select(Meeting.id, Meeting.duplicate_of_id).where(Meeting.duplicate_of_id.is_not(None))
    ).all())
    changes = [{"id": meeting_id, "duplicate_of_id": None}
               for meeting_id in set(marked) - set(found)]
    changes += [{"id": meeting_id, "duplicate_of_id": kept_id}
                for meeting_id, kept_id in found.items() if marked.get(meeting_id) != kept_id]
    if changes:  # one statement, run for each change (an executemany)
        session.execute(update(Meeting), changes)
    return len(found)


@dataclass(frozen=True)
class DuplicatePair:
    kept_slug: str
    kept_name: str
    kept_source: str | None
    duplicate_slug: str
    duplicate_name: str
    duplicate_source: str | None


def duplicate_pairs(session: Session, limit: int = 200) -> list[DuplicatePair]:
    """For coordinators: each duplicate beside the meeting kept, and the sources of both."""
    kept = aliased(Meeting)
    kept_source = aliased(MeetingSource)
    duplicate_source = aliased(MeetingSource)
    rows = session.execute(
        select(kept.slug, kept.name, kept_source.name, Meeting.slug, Meeting.name,
               duplicate_source.name)
        .join(kept, Meeting.duplicate_of_id == kept.id)
        .outerjoin(kept_source, kept.source_id == kept_source.id)
        .outerjoin(duplicate_source, Meeting.source_id == duplicate_source.id)
        .order_by(kept.name, kept.slug, Meeting.slug)
        .limit(limit))
    return [DuplicatePair(*row) for row in rows]
