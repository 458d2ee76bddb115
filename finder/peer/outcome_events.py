"""Writing the anonymous outcome figures as a request moves through its life (see
finder.models.OutcomeEvent). Each row copies only coarse facts from the request, so it says
nothing the erased request does not, and nothing links it back once the purge has run."""

from __future__ import annotations

import datetime as dt
from typing import cast
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlalchemy.engine import CursorResult

from finder.meetings import fellowships
from finder.models import AccompanimentRequest
from finder.models import OutcomeEvent
from finder.models.session import Session

LONDON = ZoneInfo("Europe/London")
ONLINE = "online"
UNKNOWN_AREA = "unknown"


def month_of(at: dt.datetime) -> str:
    """The London month of a naive UTC time, as "2025-03"."""
    return at.replace(tzinfo=dt.UTC).astimezone(LONDON).strftime("%Y-%m")


def area_of(request: AccompanimentRequest) -> str:
    if request.online:
        return ONLINE
    return (request.postcode_district or UNKNOWN_AREA).upper()


def asked_by(request: AccompanimentRequest) -> str:
    """Who asked, for the figures: a keyworker, or the person themselves; someone asking for
    themselves to go to a family group is a family member or friend."""
    group = fellowships.get(request.fellowship)
    if request.made_by == "self" and group is not None and group.family_group:
        return "family"
    return request.made_by


def _add(session: Session, request: AccompanimentRequest, kind: str, **details) -> None:
    session.add(OutcomeEvent(kind=kind, month=month_of(request.created_at),
                             fellowship=request.fellowship, asked_by=asked_by(request),
                             area=area_of(request), **details))


def _claim(session: Session, request: AccompanimentRequest, flag: str) -> bool:
    """Set the request's flag if it is not set yet: True for the one caller that set it."""
    result = cast(CursorResult, session.execute(
        update(AccompanimentRequest)
        .where(AccompanimentRequest.id == request.id,
               getattr(AccompanimentRequest, flag).is_(False))
        .values({flag: True})
        .execution_options(synchronize_session=False)))
    session.expire(request, [flag])
    return result.rowcount == 1


def received(session: Session, request: AccompanimentRequest) -> None:
    """A request sent on to volunteers (a repeat held back is not a new request)."""
    _add(session, request, "received")


def matched(session: Session, request: AccompanimentRequest, now: dt.datetime) -> None:
    """A volunteer said yes; counted the first time only (a second volunteer after the first
    withdrew is the same request found again)."""
    if _claim(session, request, "matched_counted"):
        minutes = max(0, int((now - request.created_at).total_seconds() // 60))
        _add(session, request, "matched", in_time=now < request.meeting_at,
             minutes_to_match=minutes)


def unmatched(session: Session, request: AccompanimentRequest) -> None:
    """The request ended with nobody able to go."""
    if not request.matched_counted:
        _add(session, request, "unmatched")


def went(session: Session, request: AccompanimentRequest) -> None:
    """The person went in: said by them or by the volunteer, counted once."""
    if _claim(session, request, "went_counted"):
        _add(session, request, "went")


def again(session: Session, request: AccompanimentRequest) -> None:
    """The person said they would go to a meeting again (asked once)."""
    _add(session, request, "again")


def on_transition(session: Session, request: AccompanimentRequest, to_status: str,
                  reason: str | None, now: dt.datetime) -> None:
    """What a status change adds to the figures (called by finder.peer.states.transition)."""
    if to_status == "submitted":  # a held request a coordinator sent on
        received(session, request)
    elif to_status == "matched":
        matched(session, request, now)
    elif to_status in ("expired", "closed") and reason == "no_volunteer":
        unmatched(session, request)
    elif to_status == "completed" and reason == "attended":
        went(session, request)
