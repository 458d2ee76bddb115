"""Who is asked: the eligibility rules, a fair order, and waves of offers.

A volunteer is eligible for a request when they are approved, active, not paused, under their
own limit, a member of the meeting's fellowship, within their travel radius of the venue (any
distance for online meetings), available at that day and time, match the hard preferences
(gender, language), and have not been asked about this request before."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import selectinload

from finder.meetings import fellowships
from finder.meetings.schedule import LONDON
from finder.models import AccompanimentRequest
from finder.models import Offer
from finder.models import Volunteer
from finder.models.session import Session
from finder.peer import messages
from finder.peer import states

EARTH_RADIUS_MILES = 3958.8


def distance_miles(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = math.radians(lat2 - lat1), math.radians(lng2 - lng1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(a))


def active_counts(session: Session) -> dict[int, int]:
    """How many requests each volunteer is going with now."""
    rows = session.execute(
        select(AccompanimentRequest.volunteer_id, func.count())
        .where(AccompanimentRequest.status.in_(states.WITH_VOLUNTEER))
        .group_by(AccompanimentRequest.volunteer_id)
    )
    return {volunteer_id: count for volunteer_id, count in rows if volunteer_id is not None}


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


def why_not(volunteer: Volunteer, request: AccompanimentRequest, today: dt.date,
            active: int, asked_before: bool) -> str | None:
    """The first rule a volunteer fails for this request, or None when they are eligible."""
    if not volunteer.approved:
        return "not_approved"
    if volunteer.state != "active":
        return "retired"
    if volunteer.is_paused(today):
        return "paused"
    if active >= volunteer.max_active_requests:
        return "at_limit"
    if asked_before:
        return "asked_before"
    if not serves_fellowship(volunteer, request.fellowship):
        return "other_fellowship"
    if not request.online:
        if volunteer.latitude is None or request.latitude is None:
            return "too_far"
        miles = distance_miles(volunteer.latitude, volunteer.longitude,
                               request.latitude, request.longitude)
        if miles > volunteer.travel_radius_miles:
            return "too_far"
    if not any(w.covers(request.wanted_day, request.wanted_minute) for w in volunteer.availability):
        return "not_available"
    if request.volunteer_gender and volunteer.gender != request.volunteer_gender:
        return "gender"
    if request.language and request.language not in (volunteer.languages or []):
        return "language"
    return None


def eligible_volunteers(session: Session, request: AccompanimentRequest,
                        now: dt.datetime) -> list[Volunteer]:
    """Everyone who may be asked, least recently offered first (never offered before all)."""
    today = now.replace(tzinfo=dt.UTC).astimezone(LONDON).date()
    asked = set(session.scalars(select(Offer.volunteer_id).where(Offer.request_id == request.id)))
    active = active_counts(session)
    candidates = session.scalars(
        select(Volunteer)
        .where(Volunteer.approved.is_(True), Volunteer.state == "active")
        .options(selectinload(Volunteer.availability))
        .order_by(Volunteer.last_offered_at.is_not(None), Volunteer.last_offered_at, Volunteer.id)
    )
    return [v for v in candidates
            if why_not(v, request, today, active.get(v.id, 0), v.id in asked) is None]


def _claim_wave(session: Session, request: AccompanimentRequest, seen_wave: int,
                now: dt.datetime, actor: str) -> bool:
    """Take the next wave number, only if nobody else took it since `seen_wave` was read: one
    conditional UPDATE, so of two workers (or a worker and a decline) widening the same wave at
    once, exactly one goes on. A request not yet offering changes status in the same UPDATE."""
    values = {"wave": seen_wave + 1, "wave_started_at": now}
    if request.status != "offering":
        return states.transition(session, request, "offering", actor=actor, now=now,
                                 values=values, where={"wave": seen_wave})
    claimed = session.execute(
        update(AccompanimentRequest)
        .where(AccompanimentRequest.id == request.id, AccompanimentRequest.status == "offering",
               AccompanimentRequest.wave == seen_wave)
        .values(**values, updated_at=now)
        .execution_options(synchronize_session=False))
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
    chosen = eligible_volunteers(session, request, now)[: config["FINDER_PEER_WAVE_SIZE"]]
    if not chosen:
        if request.status != "escalated" and states.transition(
                session, request, "escalated", actor=actor, now=now, reason="no_volunteer",
                where={"wave": seen}):
            if lapse_open:
                expire_open_offers(session, request, now, up_to_wave=seen)
            messages.to_coordinators(session, request, now)
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
        messages.to_volunteer_offer(session, volunteer, request, now)
        offers.append(offer)
    if seen == 0 and _short_notice(request, now, config):
        messages.to_coordinators_short_notice(session, request, now)
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
