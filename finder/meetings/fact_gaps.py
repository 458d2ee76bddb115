"""The meetings whose medication facts are missing or old, for coordinators to ask the group:
nearest first to where requests to bring a peer come from, since that is where people are
looking."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy import and_
from sqlalchemy import or_
from sqlalchemy import select

from finder.meetings import facts
from finder.meetings import fellowships
from finder.models import AccompanimentRequest
from finder.models import Meeting
from finder.models.session import Session

# Requests from this far back say where people look.
REQUESTS_WINDOW = dt.timedelta(days=365)
MILES_PER_DEGREE = 69.05


@dataclass(frozen=True)
class Gap:
    meeting: Meeting
    fact: facts.Fact
    reason: str  # "not_stated", "fellowship_only" or "old"
    miles_from_requests: float | None


def _request_squares(session: Session, now: dt.datetime) -> list[tuple[float, float]]:
    """Where requests came from, rounded to squares of a tenth of a degree (a few miles), so
    thousands of requests cost no more than the few places they come from."""
    query = select(AccompanimentRequest.latitude, AccompanimentRequest.longitude).where(
        AccompanimentRequest.latitude.is_not(None),
        AccompanimentRequest.created_at >= now - REQUESTS_WINDOW)
    return sorted({(round(lat, 1), round(lng, 1)) for lat, lng in session.execute(query)
                   if lat is not None and lng is not None})


def _miles(lat: float, lng: float, squares: list[tuple[float, float]]) -> float | None:
    if not squares:
        return None
    cos_lat = math.cos(math.radians(lat))
    return min(math.hypot((lat - a) * MILES_PER_DEGREE, (lng - b) * MILES_PER_DEGREE * cos_lat)
               for a, b in squares)


def _reason(fact: facts.Fact, today: dt.date) -> str | None:
    if fact.source is None:
        return "not_stated"
    if fact.is_stale(today):
        return "old"
    if fact.source == "fellowship" and fact.value != "welcoming":
        return "fellowship_only"  # the fellowship leaves it to each group
    return None


def meetings_needing_facts(session: Session, now: dt.datetime, limit: int = 50) -> list[Gap]:
    """Missing (not stated, or only a fellowship position that leaves it to groups) or over a
    year old; family groups never (the question does not apply to them)."""
    today = now.date()
    family = [f.slug for f in fellowships.family_groups()]
    stale = today - facts.STALE_AFTER
    query = select(Meeting).where(
        Meeting.fellowship.not_in(family),
        Meeting.attendance_mode != "inactive",
        or_(Meeting.ort_source.is_(None), Meeting.ort_as_of < stale,
            and_(Meeting.ort_source == "fellowship", Meeting.ort_openness != "welcoming")))
    squares = _request_squares(session, now)
    gaps = []
    for meeting in session.scalars(query):
        fact = facts.medication(meeting)
        reason = _reason(fact, today)
        if reason is None:
            continue
        miles = (_miles(meeting.latitude, meeting.longitude, squares)
                 if meeting.latitude is not None and meeting.longitude is not None else None)
        gaps.append(Gap(meeting, fact, reason, miles))
    gaps.sort(key=lambda gap: (gap.miles_from_requests is None,
                               gap.miles_from_requests or 0.0, gap.meeting.name))
    return gaps[:limit]
