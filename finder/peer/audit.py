"""The record coordinators read of who saw which requester's contact details, and when.

Each view of a requester's contact details is stored (ContactReveal) as it happens; this
module only reads it back, newest first, with what became of the request, so a coordinator can
spot someone collecting contacts (accepting, looking, then withdrawing)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from finder.models import AccompanimentRequest
from finder.models import ContactReveal
from finder.models import Volunteer
from finder.models.session import Session


@dataclass(frozen=True)
class Reveal:
    at: dt.datetime
    viewer_name: str
    viewer_email: str
    viewer_role: str
    request_public_id: str
    request_status: str
    # Whose details: the requester's first name (None once erased), the group and meeting.
    requester_name: str | None
    fellowship: str
    meeting_at: dt.datetime
    # The viewer no longer holds the request (they withdrew, or it went to someone else).
    viewer_let_go: bool


def recent_reveals(session: Session, limit: int = 200) -> list[Reveal]:
    rows = session.execute(
        select(ContactReveal.at, Volunteer, AccompanimentRequest)
        .join(Volunteer, Volunteer.id == ContactReveal.volunteer_id)
        .join(AccompanimentRequest, AccompanimentRequest.id == ContactReveal.request_id)
        .order_by(ContactReveal.at.desc(), ContactReveal.id.desc())
        .limit(limit)
    )
    return [
        Reveal(
            at=at,
            viewer_name=viewer.first_name,
            viewer_email=viewer.email,
            viewer_role=viewer.role,
            request_public_id=request.public_id,
            request_status=request.status,
            requester_name=request.first_name,
            fellowship=request.fellowship,
            meeting_at=request.meeting_at,
            viewer_let_go=viewer.role != "coordinator" and request.volunteer_id != viewer.id,
        )
        for at, viewer, request in rows
    ]
