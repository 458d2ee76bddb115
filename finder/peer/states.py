"""The one table of allowed status changes, and the one function that makes every change."""

from __future__ import annotations

import datetime as dt
from typing import cast

from sqlalchemy import update
from sqlalchemy.engine import CursorResult

from finder import vocabulary
from finder.models import AccompanimentRequest
from finder.models import RequestEvent
from finder.models.session import Session
from finder.peer import outcome_events

# status -> the statuses it may change to. Nothing else is allowed.
TRANSITIONS: dict[str, frozenset[str]] = {
    "submitted": frozenset({"offering", "escalated", "cancelled", "expired", "closed"}),
    "offering": frozenset({"escalated", "matched", "cancelled", "expired", "closed"}),
    "escalated": frozenset({"offering", "matched", "cancelled", "expired", "closed"}),
    # Back to "offering" when the volunteer can no longer go.
    "matched": frozenset({"contacted", "offering", "completed", "cancelled", "closed"}),
    "contacted": frozenset({"offering", "completed", "cancelled", "closed"}),
    "completed": frozenset(),
    "cancelled": frozenset(),
    "expired": frozenset(),
    "closed": frozenset(),
    # Held back from volunteers: a repeat of a request that is still open, or over one
    # contact's daily limit (a coordinator may send that one on). Its requester sees it as a
    # request still looking (see requester_stage), so asking again reveals nothing about an
    # earlier request. Closed, quietly, when the meeting is near.
    "held": frozenset({"submitted", "cancelled", "closed"}),
}

WAITING = frozenset({"submitted", "offering", "escalated"})
WITH_VOLUNTEER = frozenset({"matched", "contacted"})
OPEN = WAITING | WITH_VOLUNTEER
FINAL = frozenset(status for status, targets in TRANSITIONS.items() if not targets)

CLOSE_REASONS = tuple(vocabulary.CLOSE_REASONS)
OUTCOMES = vocabulary.OUTCOMES
ACTORS = tuple(vocabulary.ACTORS)


def can_change(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(from_status, frozenset())


def transition(session: Session, request: AccompanimentRequest, to_status: str, *, actor: str,
               now: dt.datetime, reason: str | None = None, values: dict | None = None,
               where: dict | None = None, note: str | None = None) -> bool:
    """Change a request's status if the table allows it from the status it has in the database.

    One conditional UPDATE (`... WHERE id = ? AND status = ?`) makes the change, so two people
    acting at once cannot both succeed: the loser's UPDATE matches no row. Records a
    RequestEvent, and what the change adds to the outcome figures; the caller commits.
    Returns False (and changes nothing) when not allowed.
    `where` adds conditions (column = value) the row must still meet, such as the wave seen.
    `note`: a coordinator's own words on why, kept with the event.
    """
    assert actor in ACTORS, actor
    changes = {"status": to_status, "updated_at": now, **(values or {})}
    if to_status in FINAL:
        changes["closed_at"] = now
    for _attempt in range(3):
        from_status = request.status
        if not can_change(from_status, to_status):
            return False
        result = cast(CursorResult, session.execute(
            update(AccompanimentRequest)
            .where(AccompanimentRequest.id == request.id,
                   AccompanimentRequest.status == from_status,
                   *(getattr(AccompanimentRequest, column) == value
                     for column, value in (where or {}).items()))
            .values(**changes)
            .execution_options(synchronize_session=False)
        ))
        if result.rowcount == 1:
            # The object reloads what changed the next time it is read.
            session.expire(request, list(changes))
            session.add(RequestEvent(request_id=request.id, from_status=from_status,
                                     to_status=to_status, reason=reason, actor_role=actor, at=now,
                                     note=note))
            outcome_events.on_transition(session, request, to_status, reason, now)
            return True
        # Someone else changed it first: look again at what it is now.
        session.refresh(request, ["status", *(where or {})])
        if any(getattr(request, column) != value for column, value in (where or {}).items()):
            return False
    return False
