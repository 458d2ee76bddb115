"""Making a request (persist first, then notify), finding it by its secret link, cancelling it."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from sqlalchemy import case
from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError

from finder.meetings import schedule
from finder.models import AccompanimentRequest
from finder.models import ContactAllowance
from finder.models import Meeting
from finder.models import RequestEvent
from finder.models.session import Session
from finder.peer import contacts
from finder.peer import messages
from finder.peer import outcome_events
from finder.peer import routing
from finder.peer import states
from finder.peer.contacts import normalise_contact

TOKEN_BYTES = 24  # 192 bits


@dataclass(frozen=True)
class NewRequest:
    fellowship: str
    wanted_day: int
    wanted_minute: int
    first_name: str
    contact_method: str
    contact_value: str
    made_by: str = "self"
    meeting_slug: str | None = None
    postcode_district: str | None = None
    online: bool = False
    latitude: float | None = None
    longitude: float | None = None
    volunteer_gender: str | None = None
    language: str | None = None
    access_needs: str | None = None
    note: str | None = None
    takes_ort_medication: bool | None = None
    # A keyworker asking for a client: the client agreed to the request (required), and
    # whether the keyworker may be told if they went.
    client_consented: bool = False
    keyworker_may_know_if_went: bool = False


@dataclass(frozen=True)
class Submitted:
    """What the requester is given: always a link, and the request it leads to."""

    token: str
    request: AccompanimentRequest
    request_id: int  # read before the commit, so using it costs no trip to the database


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def from_meeting(meeting: Meeting, **details) -> NewRequest:
    """A request for one meeting: where and when come from the meeting itself, which must
    have a day and a time (the request form offers no other)."""
    if meeting.day is None or meeting.start_time is None:
        raise ValueError(f"meeting {meeting.slug} has no day and time to go with someone at")
    return NewRequest(
        fellowship=meeting.fellowship, meeting_slug=meeting.slug,
        wanted_day=meeting.day, wanted_minute=meeting.start_time.hour * 60
        + meeting.start_time.minute,
        postcode_district=(meeting.postal_code or "").split(" ")[0].upper() or None,
        online=meeting.attendance_mode == "online",
        latitude=meeting.latitude, longitude=meeting.longitude, **details,
    )


def next_meeting_time(day: int, minute: int, now: dt.datetime, lead_minutes: int) -> dt.datetime:
    """The first occurrence a volunteer still has time to arrange, as naive UTC."""
    return plan_meeting(day, minute, now, lead_minutes)[0]


def plan_meeting(day: int, minute: int, now: dt.datetime,
                 lead_minutes: int) -> tuple[dt.datetime, dt.datetime | None]:
    """The occurrence a request is for, and the sooner one passed over because it has started
    or is too close for a volunteer to arrange (None when there was time). Naive UTC. The
    form asks the person to confirm the later date rather than choosing it silently."""
    start = dt.time(minute // 60, minute % 60)
    aware_now = now.replace(tzinfo=dt.UTC)
    earliest = aware_now + dt.timedelta(minutes=lead_minutes)
    soonest = schedule.next_occurrence(day, start, 60, aware_now).start
    occurrence = schedule.next_occurrence(day, start, 60, earliest)
    if occurrence.start.astimezone(dt.UTC) < earliest.astimezone(dt.UTC):
        occurrence = schedule.next_occurrence(day, start, 60, occurrence.end)

    def naive(at: dt.datetime) -> dt.datetime:
        return at.astimezone(dt.UTC).replace(tzinfo=None)

    chosen = naive(occurrence.start)
    return chosen, (naive(soonest) if naive(soonest) != chosen else None)


def _open_request(session: Session, new: NewRequest, contact: str):
    """This person's open request for the same meeting (fellowship, day and time)."""
    return session.scalar(
        select(AccompanimentRequest).where(
            AccompanimentRequest.contact_value == contact,
            AccompanimentRequest.fellowship == new.fellowship,
            AccompanimentRequest.wanted_day == new.wanted_day,
            AccompanimentRequest.wanted_minute == new.wanted_minute,
            AccompanimentRequest.status.in_(states.OPEN),
        ).limit(1)
    )


def _use_allowance(session: Session, contact: str, now: dt.datetime, per_day: int) -> bool:
    """Count one request against the contact's daily allowance, if any is left: True when it
    was. The day starts at the first request counted. One conditional UPDATE decides, so of
    requests at the same instant (on any number of app processes) only `per_day` pass: on
    PostgreSQL the second waits for the first's row lock and then re-checks the condition, on
    SQLite writes run one at a time."""
    key = hash_token(contact)
    dialect = session.get_bind().dialect.name
    insert = sqlite_insert if dialect == "sqlite" else postgresql_insert
    session.execute(insert(ContactAllowance)
                    .values(contact_hash=key, window_started_at=now, used=0)
                    .on_conflict_do_nothing())
    day_over = ContactAllowance.window_started_at <= now - dt.timedelta(days=1)
    used = cast(CursorResult, session.execute(
        update(ContactAllowance)
        .where(ContactAllowance.contact_hash == key,
               day_over | (ContactAllowance.used < per_day))
        .values(used=case((day_over, 1), else_=ContactAllowance.used + 1),
                window_started_at=case((day_over, now),
                                       else_=ContactAllowance.window_started_at))
        .execution_options(synchronize_session=False)))
    return used.rowcount == 1


def _recent_count(session: Session, contact: str, since: dt.datetime, *, held: bool) -> int:
    """Requests from this contact since then: the held-back ones, or the others."""
    is_held = AccompanimentRequest.held_reason.is_not(None)
    return session.execute(
        select(func.count()).select_from(AccompanimentRequest).where(
            AccompanimentRequest.contact_value == contact,
            AccompanimentRequest.created_at >= since,
            is_held if held else ~is_held,
        )
    ).scalar_one()


def _over_limit_count(session: Session, contact: str, since: dt.datetime) -> int:
    return session.scalar(
        select(func.count()).select_from(AccompanimentRequest).where(
            AccompanimentRequest.contact_value == contact,
            AccompanimentRequest.created_at >= since,
            AccompanimentRequest.held_reason == "over_limit")) or 0


# A repeat keeps only what it needs to look like any other request to whoever holds its link,
# and its contact so that repeats can be counted. (A request over the limit keeps everything:
# a coordinator may find it genuine and send it to volunteers.)
# The preferences stay too, so a repeat's page says the same about a preference nobody can
# meet as a new request's would (finder.peer.held_preferences).
REPEAT_FIELDS = ("fellowship", "wanted_day", "wanted_minute", "contact_method", "made_by",
                 "meeting_slug", "postcode_district", "online", "latitude", "longitude",
                 "volunteer_gender", "language", "client_consented", "keyworker_may_know_if_went")


def submit(session: Session, new: NewRequest, now: dt.datetime, config: Mapping) -> Submitted:
    """Save the request, its first event and any email in one transaction.

    Every submission gets a status link that works, so the response never tells anyone whether
    a request already exists for these details. Two kinds are *held*, saved but not sent to
    volunteers: a repeat (same contact, fellowship, day and time while one is open; the
    database keeps it so, see AccompanimentRequest's unique index), which closes by
    itself, and one over the contact's daily limit, which waits for a coordinator. A repeat to
    an email address or a mobile number sends a fresh link to the open request there, which
    only the owner of that address or number reads (a few times a day at most). Routing
    happens afterwards (see `route`). `now` is naive UTC, as everywhere in finder.peer."""
    for _attempt in range(3):
        try:
            return _submit(session, new, now, config)
        except IntegrityError:
            # The same person's identical request committed an instant earlier (the unique
            # index on open requests): asked again, this one is now a repeat.
            session.rollback()
    raise RuntimeError("a request could not be saved")


def _submit(session: Session, new: NewRequest, now: dt.datetime, config: Mapping) -> Submitted:
    contact = normalise_contact(new.contact_method, new.contact_value)
    day_ago = now - dt.timedelta(days=1)
    per_day = config["FINDER_PEER_REQUESTS_PER_CONTACT_PER_DAY"]
    existing = _open_request(session, new, contact)
    if existing is not None:
        held_because = "duplicate"
    elif not _use_allowance(session, contact, now, per_day):
        held_because = "over_limit"
    else:
        held_because = None

    token = secrets.token_urlsafe(TOKEN_BYTES)
    kept = {f: getattr(new, f) for f in REPEAT_FIELDS} if held_because == "duplicate" \
        else dict(vars(new))
    client_consented = kept.pop("client_consented", False)
    request = AccompanimentRequest(
        **{k: v for k, v in kept.items() if k != "contact_value"}, contact_value=contact,
        public_id=secrets.token_urlsafe(9), token_hash=hash_token(token), consent_at=now,
        client_consent_at=now if client_consented and new.made_by == "keyworker" else None,
        created_at=now, updated_at=now, status="held" if held_because else "submitted",
        held_reason=held_because,
        meeting_at=next_meeting_time(new.wanted_day, new.wanted_minute, now,
                                     config["FINDER_PEER_LEAD_MINUTES"]),
    )
    session.add(request)
    session.flush()
    session.add(RequestEvent(request_id=request.id, from_status=None, to_status=request.status,
                             reason=held_because, actor_role="requester", at=now))
    if held_because is None:
        outcome_events.received(session, request)
        messages.to_requester_confirmation(session, request, token, now, config)
    elif held_because == "over_limit":
        # One email for the first today; any more from this contact wait in the queue.
        if _over_limit_count(session, contact, day_ago) == 1:
            messages.to_coordinators_held(session, request, now, config)
    elif (contacts.channels(existing.contact_method, existing.contact_value)
          and _recent_count(session, contact, day_ago, held=True) <= per_day):
        resent = secrets.token_urlsafe(TOKEN_BYTES)
        existing.resent_token_hash = hash_token(resent)
        messages.to_requester_resent_link(session, existing, resent, now, config)
    request_id = request.id
    session.commit()
    return Submitted(token, request, request_id)


def release(session: Session, request: AccompanimentRequest, now: dt.datetime,
            config: Mapping) -> bool:
    """A coordinator sends a request held over the limit to volunteers after all."""
    try:
        released = request.held_reason == "over_limit" and states.transition(
            session, request, "submitted", actor="coordinator", now=now)
    except IntegrityError:  # the same person has since asked for this meeting again
        released = False
    if not released:
        session.rollback()
        return False
    route(session, request, now, config)
    session.commit()
    return True


def route(session: Session, request: AccompanimentRequest, now: dt.datetime,
          config: Mapping) -> None:
    """Ask the first wave (or escalate). Separate from `submit`: if it fails, the request is
    already safe and the worker routes it on its next run."""
    if request.status == "submitted":
        routing.start_wave(session, request, now, config)
        session.commit()


def route_by_id(session: Session, request_id: int, now: dt.datetime, config: Mapping) -> None:
    """Route a request saved earlier (after the answer to its submission has gone out)."""
    request = session.get(AccompanimentRequest, request_id)
    if request is not None:
        route(session, request, now, config)


def find_by_token(session: Session, token: str) -> AccompanimentRequest | None:
    if not token or len(token) > 100:
        return None
    digest = hash_token(token)
    return session.scalar(select(AccompanimentRequest).where(
        or_(AccompanimentRequest.token_hash == digest,
            AccompanimentRequest.resent_token_hash == digest,
            AccompanimentRequest.follow_up_token_hash == digest)))


# What a requester's page says for each status. A held request looks like any other request
# still looking for a volunteer, so its link cannot be told apart from a new request's.
REQUESTER_STAGES = {
    "submitted": "looking", "offering": "looking", "escalated": "looking", "held": "looking",
    "matched": "matched", "contacted": "contacted", "completed": "completed",
    "cancelled": "cancelled", "expired": "ended", "closed": "ended",
}


def requester_stage(request: AccompanimentRequest) -> str:
    return REQUESTER_STAGES[request.status]


def cancel(session: Session, request: AccompanimentRequest, now: dt.datetime) -> bool:
    """The requester cancels. Open offers lapse; a matched volunteer sees it on their page."""
    if not states.transition(session, request, "cancelled", actor="requester", now=now):
        session.rollback()
        return False
    routing.expire_open_offers(session, request, now)
    session.commit()
    return True
