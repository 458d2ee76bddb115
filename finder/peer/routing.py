"""Who is asked: the eligibility rules, a fair order, and waves of offers.

A volunteer is eligible for a request when they are approved, active, not paused, meet the
service's requirements (finder.peer.requirements: agreement, training, checks), under their
own limit, a member of the meeting's fellowship, within their travel radius of the venue (any
distance for online meetings), available at that day and time, match the hard preferences
(gender, language), and have not been asked about this request before. The query that finds
them is in finder.peer.eligibility_query."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Mapping

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.engine import CursorResult

from finder.geo.distance import distance_miles
from finder.meetings import fellowships
from finder.models import AccompanimentRequest
from finder.models import Offer
from finder.models import Volunteer
from finder.models.session import Session
from finder.peer import messages
from finder.peer import states
from finder.peer.eligibility_query import eligible_query
from finder.peer.requirements import Requirements


def active_count(session: Session, volunteer_id: int) -> int:
    """How many requests one volunteer is going with now."""
    return session.scalar(
        select(func.count()).select_from(AccompanimentRequest)
        .where(AccompanimentRequest.volunteer_id == volunteer_id,
               AccompanimentRequest.status.in_(states.WITH_VOLUNTEER))) or 0


def serves_fellowship(volunteer: Volunteer, slug: str) -> bool:
    """Members go with people to their own fellowship's meetings only, so a family group's
    request never goes to a volunteer who is only a member of AA, NA, CA or SMART."""
    return fellowships.get(slug) is not None and slug in (volunteer.fellowships or [])


def _really_eligible(volunteer: Volunteer, request: AccompanimentRequest) -> bool:
    """What the query only approximates: list membership and the exact distance."""
    if not serves_fellowship(volunteer, request.fellowship):
        return False
    if request.language and request.language not in (volunteer.languages or []):
        return False
    if request.online:
        return True
    miles = miles_apart(volunteer, request)
    return miles is not None and miles <= volunteer.travel_radius_miles


def miles_apart(volunteer: Volunteer, request: AccompanimentRequest) -> float | None:
    """How far the request's place is from the volunteer's; None when either is not known."""
    if (volunteer.latitude is None or volunteer.longitude is None
            or request.latitude is None or request.longitude is None):
        return None
    return distance_miles(volunteer.latitude, volunteer.longitude, request.latitude,
                          request.longitude)


def eligible_volunteers(session: Session, request: AccompanimentRequest, now: dt.datetime,
                        limit: int | None = None,
                        requirements: Requirements | None = None) -> list[Volunteer]:
    """Everyone who may be asked (the first `limit` of them), in the order they are asked.
    `requirements`: the service's (default: agreement and training)."""
    if not request.online and request.latitude is None:
        return []
    statement, values = eligible_query(request, now, requirements)
    if limit is None:
        return [volunteer for volunteer in session.scalars(statement, values)
                if _really_eligible(volunteer, request)]
    found: list[Volunteer] = []
    # In pages, so a wave reads a few rows however many are eligible (the query's box and
    # list tests let through a few that `_really_eligible` then refuses).
    page, offset = max(limit * 4, 8), 0
    while True:
        rows = session.scalars(statement.limit(page).offset(offset), values).all()
        for volunteer in rows:
            if _really_eligible(volunteer, request):
                found.append(volunteer)
                if len(found) >= limit:
                    return found
        if len(rows) < page:
            return found
        offset += page


def _claim_wave(session: Session, request: AccompanimentRequest, seen_wave: int,
                now: dt.datetime, actor: str) -> bool:
    """Take the next wave number, only if nobody else took it since `seen_wave` was read: one
    conditional UPDATE, so of two workers (or a worker and a decline) widening the same wave at
    once, exactly one goes on. A request not yet offering changes status in the same UPDATE."""
    values = {"wave": seen_wave + 1, "wave_started_at": now}
    if request.status != "offering":
        return states.transition(session, request, "offering", actor=actor, now=now,
                                 values=values, where={"wave": seen_wave})
    claimed = typing.cast(CursorResult, session.execute(
        update(AccompanimentRequest)
        .where(AccompanimentRequest.id == request.id, AccompanimentRequest.status == "offering",
               AccompanimentRequest.wave == seen_wave)
        .values(**values, updated_at=now)
        .execution_options(synchronize_session=False)))
    session.expire(request, ["wave", "wave_started_at", "updated_at"])
    return claimed.rowcount == 1


def start_wave(session: Session, request: AccompanimentRequest, now: dt.datetime,
               config: Mapping, actor: str = "system", *, lapse_open: bool = False,
               seen_wave: int | None = None) -> list[Offer]:
    """Offer the request to the next few eligible volunteers; with nobody left, escalate to the
    coordinators. `seen_wave` is the wave the caller acted on (default: the one loaded now);
    when another worker has started a wave since, nothing happens. With `lapse_open`, offers
    still open from earlier waves lapse first (a wave that ran out of time). The caller
    commits."""
    seen = request.wave if seen_wave is None else seen_wave
    chosen = eligible_volunteers(session, request, now, limit=config["FINDER_PEER_WAVE_SIZE"],
                                 requirements=Requirements.from_config(config))
    if not chosen:
        if request.status != "escalated" and states.transition(
                session, request, "escalated", actor=actor, now=now, reason="no_volunteer",
                where={"wave": seen}):
            if lapse_open:
                expire_open_offers(session, request, now, up_to_wave=seen)
            messages.to_coordinators(session, request, now, config)
        return []
    if not _claim_wave(session, request, seen, now, actor):
        return []
    if lapse_open:
        expire_open_offers(session, request, now, up_to_wave=seen)
    offers = []
    for volunteer in chosen:
        offer = Offer(request_id=request.id, volunteer_id=volunteer.id, wave=seen + 1,
                      offered_at=now)
        session.add(offer)
        volunteer.last_offered_at = now
        messages.to_volunteer_offer(session, volunteer, request, now, config)
        offers.append(offer)
    if seen == 0 and _short_notice(request, now, config):
        messages.to_coordinators_short_notice(session, request, now, config)
    session.flush()
    return offers


def _short_notice(request: AccompanimentRequest, now: dt.datetime, config: Mapping) -> bool:
    """Too little time for a second wave before the request closes: without a word now, no
    coordinator would hear of it before it expired."""
    closes = request.meeting_at - dt.timedelta(minutes=config["FINDER_PEER_LEAD_MINUTES"])
    return closes < now + dt.timedelta(minutes=config["FINDER_PEER_WAVE_MINUTES"])


def expire_open_offers(session: Session, request: AccompanimentRequest, now: dt.datetime,
                       up_to_wave: int | None = None) -> None:
    """Offers still open lapse (only those of waves up to `up_to_wave`, when given)."""
    lapsing = update(Offer).where(Offer.request_id == request.id, Offer.status == "offered")
    if up_to_wave is not None:
        lapsing = lapsing.where(Offer.wave <= up_to_wave)
    session.execute(lapsing.values(status="expired", responded_at=now)
                    .execution_options(synchronize_session="fetch"))
