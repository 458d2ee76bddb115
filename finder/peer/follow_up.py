"""After the meeting: asking the person who asked, with no account, how it went.

Questions one at a time, each asked once: did you go; did you feel welcome (only for someone
who said on the form that they take methadone or buprenorphine, and went); would you go
again; what would help next. The answers are codes on the request (no personal data), so they
stay as anonymous figures when the purge erases the person, except the welcome answer, which
would tell who takes medication and is erased with them (its counts live on in
finder.meetings.experience). "Stop asking me" ends the questions and the message. Only
requests a volunteer accepted are asked: a request held back or never matched shows nothing
new, so status pages stay alike until a volunteer says yes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Mapping
from typing import cast
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.engine import CursorResult

from finder import vocabulary
from finder.meetings import experience
from finder.models import AccompanimentRequest
from finder.models import Meeting
from finder.models.session import Session
from finder.peer import messages
from finder.peer import outcome_events
from finder.peer.requests import TOKEN_BYTES
from finder.peer.requests import hash_token

LONDON = ZoneInfo("Europe/London")
# The statuses of a request a volunteer accepted (and nobody cancelled).
ASKED_AFTER = frozenset({"matched", "contacted", "completed"})
# question -> (column, allowed answers), in the order they are asked
QUESTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "went": ("follow_up_went", vocabulary.FOLLOW_UP_WENT),
    "welcome": ("follow_up_welcome", vocabulary.FOLLOW_UP_WELCOME),
    "again": ("follow_up_again", vocabulary.FOLLOW_UP_AGAIN),
    "next": ("follow_up_next", vocabulary.FOLLOW_UP_NEXT),
}
# The message is sent only this long after the questions open: a worker that was stopped for
# a while does not chase people about meetings long past.
MESSAGE_WINDOW = dt.timedelta(days=3)


def opens_at(request: AccompanimentRequest, config: Mapping) -> dt.datetime:
    """The morning after the meeting, at FINDER_PEER_FOLLOW_UP_HOUR London time, as naive UTC."""
    meeting = request.meeting_at.replace(tzinfo=dt.UTC).astimezone(LONDON)
    morning = dt.datetime.combine(meeting.date() + dt.timedelta(days=1),
                                  dt.time(config["FINDER_PEER_FOLLOW_UP_HOUR"]), LONDON)
    return morning.astimezone(dt.UTC).replace(tzinfo=None)


def _applies(request: AccompanimentRequest, question: str) -> bool:
    if question == "welcome":
        # About one group, for someone who went and said they take methadone or buprenorphine.
        return bool(request.takes_ort_medication and request.meeting_slug
                    and request.follow_up_went == "yes")
    return True


def next_question(request: AccompanimentRequest, now: dt.datetime,
                  config: Mapping) -> str | None:
    """The question to ask now, or None (not yet, not this request, stopped, or all answered)."""
    if (request.status not in ASKED_AFTER or request.erased_at is not None
            or request.outcome == "meeting_did_not_happen"
            or request.follow_up_stopped_at is not None or now < opens_at(request, config)):
        return None
    for question, (column, _allowed) in QUESTIONS.items():
        if getattr(request, column) is None and _applies(request, question):
            return question
    return None


def answer(session: Session, request: AccompanimentRequest, question: str, value: str,
           now: dt.datetime, config: Mapping) -> bool:
    """Record one answer, once: a second answer to the same question changes nothing."""
    if question != next_question(request, now, config):
        return False
    column, allowed = QUESTIONS[question]
    if value not in allowed:
        return False
    result = cast(CursorResult, session.execute(
        update(AccompanimentRequest)
        .where(AccompanimentRequest.id == request.id,
               getattr(AccompanimentRequest, column).is_(None))
        .values({column: value})
        .execution_options(synchronize_session=False)))
    recorded = result.rowcount == 1
    session.expire(request, [column])
    if recorded and value == "yes":
        if question == "went":
            outcome_events.went(session, request)
        elif question == "again":
            outcome_events.again(session, request)
    session.commit()
    if recorded and question == "welcome" and value != "skipped":
        _tell_peoples_experience(session, request, value == "yes", now)
    return recorded


def _tell_peoples_experience(session: Session, request: AccompanimentRequest,
                             felt_welcome: bool, now: dt.datetime) -> None:
    meeting = session.scalar(select(Meeting).where(Meeting.slug == request.meeting_slug))
    if meeting is None or request.token_hash is None:
        return
    # Opaque, and unlinkable once the purge has erased the request's token hash.
    respondent = hashlib.sha256(f"welcome:{request.token_hash}".encode()).hexdigest()
    experience.record_answer(session, meeting, respondent, felt_welcome, now)


def stop(session: Session, request: AccompanimentRequest, now: dt.datetime) -> None:
    """Ask nothing more about this request."""
    session.execute(
        update(AccompanimentRequest)
        .where(AccompanimentRequest.id == request.id,
               AccompanimentRequest.follow_up_stopped_at.is_(None))
        .values(follow_up_stopped_at=now)
        .execution_options(synchronize_session=False))
    session.commit()
    session.expire(request, ["follow_up_stopped_at"])


def queue_message(session: Session, request: AccompanimentRequest, now: dt.datetime,
                  config: Mapping) -> bool:
    """Queue the follow-up message for this request (with a status link of its own) if the
    questions are open, it has a way to reach the person, and it was never sent: nobody is
    chased twice. One conditional UPDATE claims it, so two workers cannot both send it."""
    if (next_question(request, now, config) is None or not messages.can_follow_up(request)
            or now > opens_at(request, config) + MESSAGE_WINDOW):
        return False
    token = secrets.token_urlsafe(TOKEN_BYTES)
    claimed = cast(CursorResult, session.execute(
        update(AccompanimentRequest)
        .where(AccompanimentRequest.id == request.id,
               AccompanimentRequest.follow_up_sent_at.is_(None),
               AccompanimentRequest.follow_up_stopped_at.is_(None))
        .values(follow_up_sent_at=now, follow_up_token_hash=hash_token(token))
        .execution_options(synchronize_session=False)))
    if claimed.rowcount != 1:
        session.rollback()
        return False
    messages.to_requester_follow_up(session, request, token, now, config)
    session.commit()
    session.expire(request, ["follow_up_sent_at", "follow_up_token_hash"])
    return True


def due_for_message(session: Session, now: dt.datetime) -> list[AccompanimentRequest]:
    """Requests whose meeting is over and whose follow-up message has not been sent."""
    return list(session.scalars(
        select(AccompanimentRequest).where(
            AccompanimentRequest.status.in_(ASKED_AFTER),
            AccompanimentRequest.follow_up_sent_at.is_(None),
            AccompanimentRequest.follow_up_stopped_at.is_(None),
            AccompanimentRequest.erased_at.is_(None),
            AccompanimentRequest.meeting_at <= now,
            AccompanimentRequest.meeting_at >= now - MESSAGE_WINDOW - dt.timedelta(days=2))
        .order_by(AccompanimentRequest.id)))
