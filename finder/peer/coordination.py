"""What coordinators see and do to volunteers: the queue, approvals, pauses, retirements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import case
from sqlalchemy import func
from sqlalchemy import select

from finder.models import AccompanimentRequest
from finder.models import Volunteer
from finder.models.session import Session
from finder.peer import matching
from finder.peer import messages
from finder.peer import states

# The queue's order: what needs a person first.
QUEUE_ORDER = ("escalated", "held", "submitted", "offering", "matched", "contacted")
VOLUNTEER_ACTIONS = ("approve", "pause", "unpause", "retire", "reinstate")
PAUSE = dt.timedelta(days=28)


def _waiting_for_coordinator():
    """Held over a contact's daily limit: a coordinator decides whether it is genuine."""
    return (AccompanimentRequest.status == "held") & \
        (AccompanimentRequest.held_reason == "over_limit")


def queue(session: Session) -> list[AccompanimentRequest]:
    rank = case({status: n for n, status in enumerate(QUEUE_ORDER)},
                value=AccompanimentRequest.status)
    return list(session.scalars(
        select(AccompanimentRequest)
        .where(AccompanimentRequest.status.in_(states.OPEN) | _waiting_for_coordinator())
        .order_by(rank, AccompanimentRequest.priority.desc(), AccompanimentRequest.meeting_at)))


def recently_closed(session: Session, limit: int = 50) -> list[AccompanimentRequest]:
    """Finished requests, and repeats held back until they close by themselves."""
    repeats = (AccompanimentRequest.status == "held") & \
        (AccompanimentRequest.held_reason == "duplicate")
    return list(session.scalars(
        select(AccompanimentRequest)
        .where(AccompanimentRequest.status.in_(states.FINAL) | repeats)
        .order_by(func.coalesce(AccompanimentRequest.closed_at,
                                AccompanimentRequest.created_at).desc())
        .limit(limit)))


def volunteers(session: Session) -> list[Volunteer]:
    return list(session.scalars(select(Volunteer).order_by(
        Volunteer.approved, Volunteer.state, Volunteer.first_name, Volunteer.id)))


def other_active_coordinators(session: Session, volunteer: Volunteer, now: dt.datetime) -> int:
    """Coordinators besides this one who are active and not paused."""
    today = matching.london_today(now)
    return session.scalar(
        select(func.count()).select_from(Volunteer)
        .where(Volunteer.role == "coordinator", Volunteer.state == "active",
               Volunteer.approved.is_(True), Volunteer.id != volunteer.id,
               (Volunteer.paused_until.is_(None)) | (Volunteer.paused_until < today))) or 0


def is_last_coordinator(session: Session, volunteer: Volunteer, now: dt.datetime) -> bool:
    """Pausing or retiring this account would leave nobody to look after requests."""
    return volunteer.is_coordinator and other_active_coordinators(session, volunteer, now) == 0


def change_volunteer(session: Session, volunteer: Volunteer, action: str, now: dt.datetime,
                     config: Mapping) -> str:
    """"done", "last_coordinator" (pausing or retiring the only active coordinator is refused)
    or "unknown" (no such action). Commits."""
    today = matching.london_today(now)
    if action in ("pause", "retire") and is_last_coordinator(session, volunteer, now):
        return "last_coordinator"
    if action == "approve":
        volunteer.approved = True
    elif action == "pause":
        volunteer.paused_until = today + PAUSE
    elif action == "unpause":
        volunteer.paused_until = None
    elif action == "retire":
        volunteer.state = "retired"
    elif action == "reinstate":
        volunteer.state = "active"
    else:
        return "unknown"
    session.commit()
    if action == "retire":
        hand_back(session, volunteer, now, config)
    return "done"


def hand_back(session: Session, volunteer: Volunteer, now: dt.datetime,
              config: Mapping) -> int:
    """A retired volunteer's requests go back to other volunteers (first in line), their
    requesters' pages stop naming them, and coordinators are told. How many went back."""
    theirs = list(session.scalars(select(AccompanimentRequest).where(
        AccompanimentRequest.volunteer_id == volunteer.id,
        AccompanimentRequest.status.in_(states.WITH_VOLUNTEER))))
    handed = [r for r in theirs
              if matching.withdraw(session, r, volunteer.id, now, config, actor="coordinator")]
    for request in handed:
        messages.to_coordinators_handed_back(session, request, now, config)
    session.commit()
    return len(handed)
