"""What happens as time passes, run by the worker: route new requests, widen waves, give up
before the meeting, remind volunteers, finish requests nobody reported on, send the follow-up
message the morning after the meeting, and erase personal data after the retention period.
Every request ends somewhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import cast

from sqlalchemy import delete
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.engine import CursorResult

from finder.models import AccompanimentRequest
from finder.models import ChangeReport
from finder.models import ContactAllowance
from finder.models import OutboxMessage
from finder.models import RequestEvent
from finder.models import SafeguardingConcern
from finder.models import Volunteer
from finder.models.session import Session
from finder.peer import follow_up
from finder.peer import messages
from finder.peer import routing
from finder.peer import states

# After this long past the meeting, a request nobody reported on is completed as "unknown".
OUTCOME_GRACE = dt.timedelta(days=2)


def _requests(session: Session, *statuses: str) -> list[AccompanimentRequest]:
    return list(session.scalars(select(AccompanimentRequest)
                                .where(AccompanimentRequest.status.in_(statuses))
                                .order_by(AccompanimentRequest.priority.desc(),
                                          AccompanimentRequest.id)))


def advance(session: Session, now: dt.datetime, config: Mapping) -> dict[str, int]:
    """One pass over open requests. Safe to run on several hosts: each change is a conditional
    UPDATE, and a change someone else made first is simply skipped."""
    counts = dict.fromkeys(("routed", "waves", "expired", "held_closed", "reminded",
                            "finished", "followed_up"), 0)
    lead = dt.timedelta(minutes=config["FINDER_PEER_LEAD_MINUTES"])
    wave_length = dt.timedelta(minutes=config["FINDER_PEER_WAVE_MINUTES"])
    for request in _requests(session, *states.WAITING):
        if request.meeting_at - lead <= now:
            # Too late for anyone to arrange it: close with alternatives on the status page.
            if states.transition(session, request, "expired", actor="system", now=now,
                                 reason="no_volunteer"):
                routing.expire_open_offers(session, request, now)
                messages.to_requester_update(session, request, now)
                counts["expired"] += 1
        elif request.status == "submitted":
            routing.start_wave(session, request, now, config)
            counts["routed"] += 1
        elif (request.status == "offering" and request.wave_started_at is not None
              and request.wave_started_at + wave_length <= now):
            # Claimed by wave number: with several workers, only one widens it.
            if routing.start_wave(session, request, now, config, lapse_open=True) or \
                    request.status == "escalated":
                counts["waves"] += 1
        session.commit()
    for request in _requests(session, "held"):
        # Closed when a request still looking would be, and quietly: nobody else was asked.
        if request.meeting_at - lead <= now and states.transition(
                session, request, "closed", actor="system", now=now,
                reason=request.held_reason, values={"closed_reason": request.held_reason}):
            counts["held_closed"] += 1
        session.commit()
    reminder = dt.timedelta(minutes=config["FINDER_PEER_REMINDER_MINUTES"])
    for request in _requests(session, *states.WITH_VOLUNTEER):
        if request.meeting_at + OUTCOME_GRACE <= now:
            if states.transition(session, request, "completed", actor="system", now=now,
                                 reason="unknown", values={"outcome": "unknown"}):
                counts["finished"] += 1
        elif (request.status == "matched" and request.reminder_sent_at is None
              and request.matched_at is not None and request.matched_at + reminder <= now):
            claimed = cast(CursorResult, session.execute(
                update(AccompanimentRequest)
                .where(AccompanimentRequest.id == request.id,
                       AccompanimentRequest.reminder_sent_at.is_(None))
                .values(reminder_sent_at=now).execution_options(synchronize_session=False)))
            volunteer = session.get(Volunteer, request.volunteer_id)
            if claimed.rowcount == 1 and volunteer is not None:
                messages.to_volunteer_reminder(session, volunteer, now, config)
                counts["reminded"] += 1
        session.commit()
    for request in follow_up.due_for_message(session, now):
        if follow_up.queue_message(session, request, now, config):
            counts["followed_up"] += 1
    counts["erased"] = purge(session, now, config)
    return counts


# The welcome answer goes too: it is asked only of people who take methadone or buprenorphine.
PERSONAL_FIELDS = ("first_name", "contact_method", "contact_value", "note", "access_needs",
                   "token_hash", "resent_token_hash", "follow_up_token_hash",
                   "takes_ort_medication", "follow_up_welcome", "volunteer_note")


# A report nobody has resolved is kept this many retention periods, for a coordinator to act on.
UNRESOLVED_REPORTS_KEPT = 3


def purge(session: Session, now: dt.datetime, config: Mapping) -> int:
    """Erase requesters' personal data a set time after closure, emails that old, and reports
    of changed meetings. What remains (fellowship, area, day and time, statuses, outcome) are
    anonymous figures, and the outcome events (finder.peer.outcome_events) are never erased."""
    cutoff = now - dt.timedelta(days=config["FINDER_PEER_RETENTION_DAYS"])
    unresolved_cutoff = now - UNRESOLVED_REPORTS_KEPT * dt.timedelta(
        days=config["FINDER_PEER_RETENTION_DAYS"])
    result = cast(CursorResult, session.execute(
        update(AccompanimentRequest)
        .where(AccompanimentRequest.closed_at.is_not(None),
               AccompanimentRequest.closed_at <= cutoff,
               AccompanimentRequest.erased_at.is_(None))
        .values(erased_at=now, **dict.fromkeys(PERSONAL_FIELDS))
        .execution_options(synchronize_session=False)
    ))
    # A coordinator's reasons and the words of safeguarding concerns may name the person too;
    # that a concern was raised, and handled, stays.
    erased = select(AccompanimentRequest.id).where(AccompanimentRequest.erased_at.is_not(None))
    session.execute(update(RequestEvent)
                    .where(RequestEvent.request_id.in_(erased), RequestEvent.note.is_not(None))
                    .values(note=None).execution_options(synchronize_session=False))
    session.execute(update(SafeguardingConcern)
                    .where(SafeguardingConcern.request_id.in_(erased),
                           SafeguardingConcern.details.is_not(None))
                    .values(details=None).execution_options(synchronize_session=False))
    # Emails hold addresses, names and status links too: none is kept longer than the requests
    # themselves, whether sent, given up on, or never sent (no mail server configured).
    session.execute(delete(OutboxMessage).where(OutboxMessage.created_at <= cutoff))
    # Daily allowances are keyed by a hash of a contact: gone once their day is over.
    session.execute(delete(ContactAllowance)
                    .where(ContactAllowance.window_started_at <= now - dt.timedelta(days=1)))
    # Reports of changed meetings are free text that people fill with names and numbers.
    session.execute(delete(ChangeReport).where(
        ChangeReport.created_at <= cutoff,
        ChangeReport.resolved.is_(True) | (ChangeReport.created_at <= unresolved_cutoff)))
    session.commit()
    return result.rowcount
