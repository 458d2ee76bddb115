"""What a volunteer's page shows: open offers (with enough to decide), recent answers, and the
requests they hold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from finder.models import AccompanimentRequest
from finder.models import Meeting
from finder.models import Offer
from finder.models import Volunteer
from finder.models.session import Session
from finder.peer import routing
from finder.peer import states

RECENT = dt.timedelta(days=7)


@dataclass(frozen=True)
class OfferCard:
    """An offer as the volunteer reads it: never who asked, only what and where."""

    offer: Offer
    meeting_name: str | None
    miles: float | None  # from where the volunteer travels; None online or unknown
    closes_at: dt.datetime  # naive UTC

    @property
    def request(self) -> AccompanimentRequest:
        return self.offer.request


@dataclass(frozen=True)
class Dashboard:
    offers: list[OfferCard]
    answered: list[Offer]
    accepted: list[AccompanimentRequest]


def offer_closes_at(request: AccompanimentRequest, config: Mapping) -> dt.datetime:
    """When the offer stops being open: the wave ends, or the meeting is too near."""
    too_near = request.meeting_at - dt.timedelta(minutes=config["FINDER_PEER_LEAD_MINUTES"])
    if request.wave_started_at is None:
        return too_near
    wave_ends = request.wave_started_at + dt.timedelta(
        minutes=config["FINDER_PEER_WAVE_MINUTES"])
    return min(wave_ends, too_near)


def _card(session: Session, volunteer: Volunteer, offer: Offer, config: Mapping) -> OfferCard:
    request = offer.request
    name = None
    if request.meeting_slug:
        name = session.scalar(select(Meeting.name).where(Meeting.slug == request.meeting_slug))
    miles = None if request.online else routing.miles_apart(volunteer, request)
    return OfferCard(offer, name, miles, offer_closes_at(request, config))


def for_volunteer(session: Session, volunteer: Volunteer, now: dt.datetime,
                  config: Mapping) -> Dashboard:
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
    return Dashboard([_card(session, volunteer, offer, config) for offer in offers], answered,
                     accepted)
