"""What needs a coordinator now, for their home page: requests nobody can take (and how long
they have waited), requests whose meeting is near with nobody yet, volunteers waiting for
approval, reports of changed meetings and safeguarding concerns not yet dealt with."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy import select

from finder.models import AccompanimentRequest
from finder.models import ChangeReport
from finder.models import RequestEvent
from finder.models import SafeguardingConcern
from finder.models import Volunteer
from finder.models.session import Session
from finder.peer import concerns

# A request still looking this close to its meeting needs a coordinator's eye.
SOON = dt.timedelta(hours=24)


@dataclass(frozen=True)
class Waiting:
    request: AccompanimentRequest
    since: dt.datetime  # when it came to the coordinators (naive UTC)


@dataclass(frozen=True)
class Home:
    needing_a_person: list[Waiting]
    soon_with_nobody: list[AccompanimentRequest]
    volunteers_waiting: list[Volunteer]
    open_reports: list[ChangeReport]
    open_concerns: list[SafeguardingConcern]


def _needing_a_person(session: Session) -> list[Waiting]:
    """Passed to coordinators because nobody could be asked, or held over a contact's daily
    limit: since the last time it came to them, longest waiting first."""
    came = (select(RequestEvent.request_id, func.max(RequestEvent.at).label("at"))
            .where(RequestEvent.to_status.in_(("escalated", "held")))
            .group_by(RequestEvent.request_id).subquery())
    rows = session.execute(
        select(AccompanimentRequest, came.c.at)
        .outerjoin(came, came.c.request_id == AccompanimentRequest.id)
        .where((AccompanimentRequest.status == "escalated")
               | ((AccompanimentRequest.status == "held")
                  & (AccompanimentRequest.held_reason == "over_limit"))))
    waiting = [Waiting(request, at or request.created_at) for request, at in rows]
    return sorted(waiting, key=lambda w: w.since)


def what_needs_you(session: Session, now: dt.datetime) -> Home:
    soon = list(session.scalars(
        select(AccompanimentRequest)
        .where(AccompanimentRequest.status.in_(("submitted", "offering")),
               AccompanimentRequest.meeting_at <= now + SOON)
        .order_by(AccompanimentRequest.meeting_at)))
    waiting_volunteers = list(session.scalars(
        select(Volunteer).where(Volunteer.approved.is_(False), Volunteer.state == "active")
        .order_by(Volunteer.created_at)))
    reports = list(session.scalars(
        select(ChangeReport).where(ChangeReport.resolved.is_(False))
        .order_by(ChangeReport.created_at)))
    return Home(_needing_a_person(session), soon, waiting_volunteers, reports,
                concerns.open_concerns(session))
