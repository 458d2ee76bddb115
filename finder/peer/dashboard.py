"""What a volunteer's page shows: open offers, recent answers, and the requests they hold."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from finder.models import AccompanimentRequest
from finder.models import Offer
from finder.models import Volunteer
from finder.models.session import Session
from finder.peer import states

RECENT = dt.timedelta(days=7)


@dataclass(frozen=True)
class Dashboard:
    offers: list[Offer]
    answered: list[Offer]
    accepted: list[AccompanimentRequest]


def for_volunteer(session: Session, volunteer: Volunteer, now: dt.datetime) -> Dashboard:
    mine = select(Offer).where(Offer.volunteer_id == volunteer.id)
    offers = list(session.scalars(mine.where(Offer.status == "offered").order_by(Offer.id)))
    answered = list(session.scalars(
        mine.where(Offer.status.in_(("taken", "expired", "declined")),
                   Offer.responded_at >= now - RECENT).order_by(Offer.responded_at.desc())))
    accepted = list(session.scalars(
        select(AccompanimentRequest)
        .where(AccompanimentRequest.volunteer_id == volunteer.id,
               AccompanimentRequest.status.in_(states.WITH_VOLUNTEER))
        .order_by(AccompanimentRequest.meeting_at)))
    return Dashboard(offers, answered, accepted)
