"""Safeguarding concerns: the volunteer going with someone, or a coordinator, raises one on a
request (urgent or not, in a few words); every coordinator is emailed at once, with a link
and no personal data; it waits on their home page until one of them marks it handled, and
stays in the request's history. The words are erased with the requester's personal data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import select

from finder.models import AccompanimentRequest
from finder.models import SafeguardingConcern
from finder.models import Volunteer
from finder.models.session import Session
from finder.peer import messages

DETAILS_MAX_LENGTH = 500


def may_raise(request: AccompanimentRequest, person: Volunteer) -> bool:
    """Coordinators, and the volunteer going (or who went) with the person."""
    return person.is_coordinator or request.volunteer_id == person.id


def raise_concern(session: Session, request: AccompanimentRequest, person: Volunteer,
                  urgent: bool, details: str, now: dt.datetime,
                  config: Mapping) -> SafeguardingConcern | None:
    """Record a concern and tell the coordinators; None when this person may not. Commits."""
    if not may_raise(request, person):
        return None
    concern = SafeguardingConcern(
        request_id=request.id, raised_by_id=person.id,
        raised_by_role="coordinator" if person.is_coordinator else "volunteer",
        urgent=urgent, details=details.strip()[:DETAILS_MAX_LENGTH], raised_at=now)
    session.add(concern)
    messages.to_coordinators_concern(session, request, urgent, now, config)
    session.commit()
    return concern


def open_concerns(session: Session) -> list[SafeguardingConcern]:
    """Not yet handled: urgent first, then oldest first."""
    return list(session.scalars(
        select(SafeguardingConcern).where(SafeguardingConcern.handled_at.is_(None))
        .order_by(SafeguardingConcern.urgent.desc(), SafeguardingConcern.raised_at)))


def mark_handled(session: Session, concern: SafeguardingConcern, coordinator: Volunteer,
                 now: dt.datetime) -> bool:
    """Commits. False when it was already handled (by someone else, perhaps)."""
    if concern.handled_at is not None or not coordinator.is_coordinator:
        return False
    concern.handled_at = now
    concern.handled_by_id = coordinator.id
    session.commit()
    return True
