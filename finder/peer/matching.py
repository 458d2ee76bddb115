"""What volunteers and coordinators do with a request: accept (first accept wins), decline,
withdraw, say they made contact, record the outcome, assign by hand, close, see contact details."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import cast

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.engine import CursorResult

from finder.meetings.schedule import LONDON
from finder.models import AccompanimentRequest
from finder.models import ContactReveal
from finder.models import Offer
from finder.models import Volunteer
from finder.models.session import Session
from finder.peer import messages
from finder.peer import routing
from finder.peer import states
from finder.peer.requirements import Requirements
from finder.peer.requirements import missing


def _take_other_offers(session: Session, request_id: int, winner_id: int | None,
                       now: dt.datetime) -> None:
    session.execute(
        update(Offer)
        .where(Offer.request_id == request_id, Offer.status == "offered", Offer.id != winner_id)
        .values(status="taken", responded_at=now)
        .execution_options(synchronize_session=False)
    )


def london_today(now: dt.datetime) -> dt.date:
    return now.replace(tzinfo=dt.UTC).astimezone(LONDON).date()


def can_go(volunteer: Volunteer, now: dt.datetime) -> bool:
    """Approved, not retired and not paused: only such a volunteer takes on a request or sees
    a requester's details."""
    return volunteer.approved and volunteer.state == "active" and \
        not volunteer.is_paused(london_today(now))


def _hold_volunteer(session: Session, volunteer_id: int, now: dt.datetime) -> str | None:
    """Lock the volunteer's row for the rest of the transaction, then say why they cannot take
    on one more request ("unavailable", "at_limit"), or None when they can. The lock is a
    write (a no-op UPDATE), so it is taken on SQLite (the database's write lock) and
    PostgreSQL (the row's lock) alike: two accepts by one volunteer run one after the other,
    and the second counts the first's request once it is committed (each statement reads
    what is committed when it starts). Without it, ten accepts at once all see a count under
    the limit and all succeed."""
    locked = cast(CursorResult, session.execute(
        update(Volunteer).where(Volunteer.id == volunteer_id)
        .values(max_active_requests=Volunteer.max_active_requests)
        .execution_options(synchronize_session=False)))
    if locked.rowcount != 1:
        return "unavailable"
    volunteer = session.get(Volunteer, volunteer_id, populate_existing=True)
    if volunteer is None or not can_go(volunteer, now):
        return "unavailable"
    if routing.active_count(session, volunteer_id) >= volunteer.max_active_requests:
        return "at_limit"
    if withdrawn_after_seeing(session, volunteer_id, now) >= WITHDRAWALS_AFTER_SEEING:
        return "unavailable"  # until a coordinator looks into it (see `withdraw`)
    return None


# Accepting, reading someone's contact details and withdrawing is how details would be
# harvested: after this many within WITHDRAWALS_WINDOW, a volunteer takes on nothing more.
WITHDRAWALS_AFTER_SEEING = 2
WITHDRAWALS_WINDOW = dt.timedelta(days=30)


def withdrawn_after_seeing(session: Session, volunteer_id: int, now: dt.datetime) -> int:
    """Requests this volunteer withdrew from lately after seeing the contact details."""
    return session.scalar(
        select(func.count(func.distinct(Offer.request_id)))
        .join(ContactReveal, (ContactReveal.request_id == Offer.request_id)
              & (ContactReveal.volunteer_id == Offer.volunteer_id))
        .where(Offer.volunteer_id == volunteer_id, Offer.status == "withdrawn",
               Offer.responded_at >= now - WITHDRAWALS_WINDOW)) or 0


def accept(session: Session, offer_id: int, volunteer_id: int, now: dt.datetime,
           read_guidance: bool = False) -> str:
    """"accepted" when this volunteer got the request; otherwise why not: "taken" (someone else
    was first, or it closed), "at_limit", "unavailable" (paused or retired), "unread_guidance"
    (a first accept without confirming they have read what a volunteer is and isn't; with
    `read_guidance` the date is recorded), or "missing". Commits."""
    offer = session.get(Offer, offer_id)
    if offer is None or offer.volunteer_id != volunteer_id:
        return "missing"
    if offer.status != "offered":
        return offer.status
    if offer.volunteer.guidance_read_on is None:
        if not read_guidance:
            return "unread_guidance"
        offer.volunteer.guidance_read_on = london_today(now)
    request = offer.request
    cannot = _hold_volunteer(session, volunteer_id, now)
    if cannot is not None:
        session.rollback()
        return cannot
    won = states.transition(session, request, "matched", actor="volunteer", now=now,
                            values={"volunteer_id": volunteer_id, "matched_at": now})
    if not won:
        session.rollback()
        session.execute(update(Offer).where(Offer.id == offer_id, Offer.status == "offered")
                        .values(status="taken", responded_at=now))
        session.commit()
        return "taken"
    offer.status = "accepted"
    offer.responded_at = now
    offer.volunteer.last_active_at = now
    _take_other_offers(session, request.id, offer.id, now)
    messages.to_requester_update(session, request, now)
    session.commit()
    return "accepted"


def decline(session: Session, offer_id: int, volunteer_id: int, now: dt.datetime,
            config: Mapping) -> bool:
    """Decline; this volunteer is never asked about this request again. When everyone in the
    wave has said no, the next wave is asked straight away. Commits."""
    offer = session.get(Offer, offer_id)
    if offer is None or offer.volunteer_id != volunteer_id or offer.status != "offered":
        return False
    offer.status = "declined"
    offer.responded_at = now
    offer.volunteer.last_active_at = now
    request = offer.request
    session.flush()
    still_open = any(o.status == "offered" for o in request.offers)
    if request.status == "offering" and not still_open:
        routing.start_wave(session, request, now, config)
    session.commit()
    return True


def _own_request(session: Session, public_id: str, volunteer: Volunteer):
    request = session.scalar(select(AccompanimentRequest)
                             .where(AccompanimentRequest.public_id == public_id))
    if request is None:
        return None
    if request.volunteer_id != volunteer.id and not volunteer.is_coordinator:
        return None
    return request


def withdraw(session: Session, request: AccompanimentRequest, volunteer_id: int,
             now: dt.datetime, config: Mapping, actor: str = "volunteer") -> bool:
    """"I can no longer do this": back to offering, first in line, never to the same person."""
    if request.volunteer_id != volunteer_id:
        return False
    if not states.transition(session, request, "offering", actor=actor, now=now,
                             reason="withdrawn",
                             values={"volunteer_id": None, "matched_at": None,
                                     "priority": True, "reminder_sent_at": None}):
        session.rollback()
        return False
    session.execute(update(Offer)
                    .where(Offer.request_id == request.id, Offer.volunteer_id == volunteer_id)
                    .values(status="withdrawn", responded_at=now))
    routing.start_wave(session, request, now, config)
    messages.to_requester_update(session, request, now)
    if actor == "volunteer" and session.scalar(select(ContactReveal.id).where(
            ContactReveal.request_id == request.id,
            ContactReveal.volunteer_id == volunteer_id).limit(1)) is not None:
        messages.to_coordinators_withdrawn_after_seeing(session, request, now, config)
    session.commit()
    return True


def mark_contacted(session: Session, request: AccompanimentRequest, actor: str,
                   now: dt.datetime) -> bool:
    done = states.transition(session, request, "contacted", actor=actor, now=now)
    session.commit()
    return done


def record_outcome(session: Session, request: AccompanimentRequest, outcome: str, actor: str,
                   now: dt.datetime, note: str | None = None) -> bool:
    """How it went, and anything the coordinator should know (erased with the person)."""
    if outcome not in states.OUTCOMES:
        return False
    done = states.transition(session, request, "completed", actor=actor, now=now,
                             reason=outcome, values={"outcome": outcome, "volunteer_note": note})
    session.commit()
    return done


def assign(session: Session, request: AccompanimentRequest, volunteer: Volunteer,
           now: dt.datetime, requirements: Requirements | None = None) -> str:
    """A coordinator gives the request to a volunteer by hand: "assigned", or why not:
    "unavailable" (not approved, paused or retired), "not_ready" (lacks one of the service's
    `requirements`), "at_limit", or "taken" (no longer open). Commits."""
    if requirements is not None and missing(volunteer, requirements):
        return "not_ready"
    cannot = _hold_volunteer(session, volunteer.id, now)
    if cannot is not None:
        session.rollback()
        return cannot
    if not states.transition(session, request, "matched", actor="coordinator", now=now,
                             reason="assigned",
                             values={"volunteer_id": volunteer.id, "matched_at": now}):
        session.rollback()
        return "taken"
    offer = session.scalar(select(Offer).where(Offer.request_id == request.id,
                                               Offer.volunteer_id == volunteer.id))
    if offer is None:
        offer = Offer(request_id=request.id, volunteer_id=volunteer.id, wave=request.wave,
                      offered_at=now)
        session.add(offer)
    offer.status = "accepted"
    offer.responded_at = now
    session.flush()
    _take_other_offers(session, request.id, offer.id, now)
    messages.to_requester_update(session, request, now)
    session.commit()
    return "assigned"


def close(session: Session, request: AccompanimentRequest, reason: str, now: dt.datetime,
          actor: str = "coordinator") -> bool:
    if reason not in states.CLOSE_REASONS:
        return False
    if not states.transition(session, request, "closed", actor=actor, now=now, reason=reason,
                             values={"closed_reason": reason}):
        session.rollback()
        return False
    routing.expire_open_offers(session, request, now)
    if reason == "no_volunteer":
        messages.to_requester_update(session, request, now)
    session.commit()
    return True


def reveal_contact(session: Session, request: AccompanimentRequest,
                   viewer: Volunteer, now: dt.datetime) -> dict | None:
    """Contact details for the accepting volunteer or a coordinator, and a record that they
    were seen. None for anyone else, or once erased."""
    allowed = viewer.is_coordinator or (
        request.volunteer_id == viewer.id and request.status in states.WITH_VOLUNTEER
        and can_go(viewer, now))
    if not allowed or request.erased_at is not None:
        return None
    session.add(ContactReveal(request_id=request.id, volunteer_id=viewer.id, at=now))
    session.commit()
    return {"first_name": request.first_name, "method": request.contact_method,
            "value": request.contact_value, "note": request.note,
            "access_needs": request.access_needs}
