"""When nobody who meets a request's preferences can go: a coordinator offers it to another
volunteer (the service's requirements still hold), giving their reason, which stays in the
request's history; or asks the person, on their status page, whether they would drop the
preference that is holding it up.

For the status page: `relax_question(request)` says which preference a coordinator asked
about (a code of vocabulary.RELAXABLE_PREFERENCES, stored in `relax_asked_for`). The person
drops it, as any preference holding their request up, through finder.peer.held_preferences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import or_
from sqlalchemy import select

from finder import vocabulary
from finder.models import AccompanimentRequest
from finder.models import Offer
from finder.models import Volunteer
from finder.models.session import Session
from finder.peer import matching
from finder.peer import messages
from finder.peer import routing
from finder.peer import states
from finder.peer.requirements import Requirements
from finder.peer.requirements import met_in_sql

REASON_MAX_LENGTH = 500
# How a volunteer differs from what a request asks (words in the vocabulary).
MISMATCHES = tuple(vocabulary.VOLUNTEER_MISMATCHES)


@dataclass(frozen=True)
class Candidate:
    volunteer: Volunteer
    # What about this volunteer differs from the request (codes of MISMATCHES); empty when
    # they fit but were not asked (busy, say).
    differs: tuple[str, ...]


def differences(volunteer: Volunteer, request: AccompanimentRequest) -> tuple[str, ...]:
    found = []
    if not routing.serves_fellowship(volunteer, request.fellowship):
        found.append("fellowship")
    if request.volunteer_gender and volunteer.gender != request.volunteer_gender:
        found.append("volunteer_gender")
    if request.language and request.language not in (volunteer.languages or []):
        found.append("language")
    miles = routing.miles_apart(volunteer, request)
    if not request.online and (miles is None or miles > volunteer.travel_radius_miles):
        found.append("distance")
    if not any(window.covers(request.wanted_day, request.wanted_minute)
               for window in volunteer.availability):
        found.append("time")
    return tuple(found)


def can_step_in(request: AccompanimentRequest) -> bool:
    """Only a request passed to coordinators because nobody could be asked."""
    return request.status == "escalated"


def candidates(session: Session, request: AccompanimentRequest, now: dt.datetime,
               requirements: Requirements) -> list[Candidate]:
    """Every volunteer who could be offered the request outside its preferences: approved,
    active, not paused, a member of some group, meeting the service's requirements and not
    asked about it before;
    those who differ least first, members of the meeting's fellowship before others."""
    today = matching.london_today(now)
    asked = select(Offer.id).where(Offer.request_id == request.id,
                                   Offer.volunteer_id == Volunteer.id).exists()
    people = session.scalars(select(Volunteer).where(
        Volunteer.approved.is_(True), Volunteer.state == "active",
        or_(Volunteer.paused_until.is_(None), Volunteer.paused_until < today),
        met_in_sql(requirements), ~asked).order_by(Volunteer.first_name, Volunteer.id))
    # Someone who is a member of no group (a coordinator only, say) goes with nobody.
    found = [Candidate(person, differences(person, request)) for person in people
             if person.fellowships]
    return sorted(found, key=lambda c: ("fellowship" in c.differs, len(c.differs)))


def offer_outside_preferences(session: Session, request: AccompanimentRequest,
                              volunteer: Volunteer, reason: str, now: dt.datetime,
                              requirements: Requirements, config: Mapping) -> str:
    """A coordinator offers an escalated request to one volunteer, with their reason:
    "offered", or why not: "no_reason", "not_eligible" (not approved, paused, retired, lacking
    a requirement, or asked before), "not_waiting" (no longer passed to coordinators). The
    offer runs like any wave: if they decline or it times out, the request comes back to the
    coordinators. Commits."""
    reason = (reason or "").strip()
    if not reason:
        return "no_reason"
    if not any(c.volunteer.id == volunteer.id
               for c in candidates(session, request, now, requirements)):
        return "not_eligible"
    if not can_step_in(request) or not states.transition(
            session, request, "offering", actor="coordinator", now=now, reason="override",
            note=reason[:REASON_MAX_LENGTH],
            values={"wave": request.wave + 1, "wave_started_at": now, "relax_asked_for": None}):
        session.rollback()
        return "not_waiting"
    session.add(Offer(request_id=request.id, volunteer_id=volunteer.id, wave=request.wave,
                      offered_at=now))
    volunteer.last_offered_at = now
    messages.to_volunteer_offer(session, volunteer, request, now, config)
    session.commit()
    return "offered"


def holding_preferences(request: AccompanimentRequest) -> list[str]:
    """The preferences a request has that a coordinator could ask the person to drop."""
    return [code for code in vocabulary.RELAXABLE_PREFERENCES if getattr(request, code)]


def ask_to_relax(session: Session, request: AccompanimentRequest, preference: str,
                 now: dt.datetime) -> bool:
    """A coordinator asks the person whether they would drop one preference: recorded on the
    request (`relax_asked_for`, `relax_asked_at`) for the status page, and the person is told
    there is news on it. Commits."""
    if not can_step_in(request) or preference not in holding_preferences(request):
        return False
    request.relax_asked_for = preference
    request.relax_asked_at = now
    messages.to_requester_update(session, request, now)
    session.commit()
    return True


def relax_question(request: AccompanimentRequest) -> str | None:
    """The preference the person is being asked to drop, while the question still stands."""
    if request.status in states.WAITING and request.relax_asked_for \
            and getattr(request, request.relax_asked_for):
        return request.relax_asked_for
    return None
