"""A request held up by a preference nobody can meet ("a woman", a language): which one it
is, and letting the person drop it.

The question is asked of the pool of volunteers, not of the request's history: would anyone
be able to go if this preference were dropped, when nobody can with it? So the answer is the
same for a request still looking, one passed to a coordinator and one held back, and a status
page never tells them apart (see finder.peer.requests.REPEAT_FIELDS)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from finder.models import AccompanimentRequest
from finder.models.session import Session
from finder.peer import routing
from finder.peer import states

PREFERENCES = ("volunteer_gender", "language")
# The statuses of a request still looking for someone, as its requester sees it.
LOOKING = states.WAITING | {"held"}


def _someone_could_go(session: Session, request: AccompanimentRequest, now: dt.datetime,
                      keep: list[str]) -> bool:
    """Whether any volunteer could take the request with only the `keep` preferences: asked
    of an unsaved copy, so offers already made play no part."""
    probe = AccompanimentRequest(
        fellowship=request.fellowship, wanted_day=request.wanted_day,
        wanted_minute=request.wanted_minute, online=request.online,
        latitude=request.latitude, longitude=request.longitude,
        **{name: getattr(request, name) if name in keep else None for name in PREFERENCES})
    return bool(routing.eligible_volunteers(session, probe, now, limit=1))


def holding_up(session: Session, request: AccompanimentRequest,
               now: dt.datetime) -> list[str]:
    """The preferences (column names, in PREFERENCES order) without which someone could go,
    when nobody can with them all; empty when none is holding the request up."""
    chosen = [name for name in PREFERENCES if getattr(request, name)]
    if (request.status not in LOOKING or not chosen
            or _someone_could_go(session, request, now, chosen)):
        return []
    alone = [name for name in chosen
             if _someone_could_go(session, request, now, [n for n in chosen if n != name])]
    if alone:
        return alone
    return chosen if _someone_could_go(session, request, now, []) else []


def drop(session: Session, request: AccompanimentRequest, preference: str,
         now: dt.datetime) -> bool:
    """The person lets go of one preference. Commits. False when there was nothing to drop.
    Volunteers are asked again by `ask_again`, after the answer has gone, so dropping one on a
    held-back repeat takes the same time as on any request."""
    if (preference not in PREFERENCES or request.status not in LOOKING
            or getattr(request, preference) is None):
        return False
    setattr(request, preference, None)
    if request.relax_asked_for == preference:  # what a coordinator asked about is answered
        request.relax_asked_for = None
    request.updated_at = now
    session.commit()
    return True


def ask_again(session: Session, request_id: int, now: dt.datetime, config: Mapping) -> None:
    """After a preference was dropped: a request waiting for routing or passed to a
    coordinator goes back to volunteers at once (one still offering widens with its next
    wave; a held one stays held)."""
    request = session.get(AccompanimentRequest, request_id)
    if request is not None and request.status in ("submitted", "escalated"):
        routing.start_wave(session, request, now, config, actor="requester")
        session.commit()
