"""After the meeting: asking the person who asked, with no account, how it went.

Three questions, one at a time, each asked once: did you go, would you go again, and what
would help next. The answers are codes on the request (no personal data), so they stay as
anonymous figures when the purge erases the person. "Stop asking me" ends the questions.
Only requests a volunteer accepted are asked: a request held back or never matched shows
nothing new, so status pages stay alike until a volunteer says yes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import cast
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlalchemy.engine import CursorResult

from finder import vocabulary
from finder.models import AccompanimentRequest
from finder.models.session import Session

LONDON = ZoneInfo("Europe/London")
# The statuses of a request a volunteer accepted (and nobody cancelled).
ASKED_AFTER = frozenset({"matched", "contacted", "completed"})
# question -> (column, allowed answers)
QUESTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "went": ("follow_up_went", vocabulary.FOLLOW_UP_WENT),
    "again": ("follow_up_again", vocabulary.FOLLOW_UP_AGAIN),
    "next": ("follow_up_next", vocabulary.FOLLOW_UP_NEXT),
}


def opens_at(request: AccompanimentRequest, config: Mapping) -> dt.datetime:
    """The morning after the meeting, at FINDER_PEER_FOLLOW_UP_HOUR London time, as naive UTC."""
    meeting = request.meeting_at.replace(tzinfo=dt.UTC).astimezone(LONDON)
    morning = dt.datetime.combine(meeting.date() + dt.timedelta(days=1),
                                  dt.time(config["FINDER_PEER_FOLLOW_UP_HOUR"]), LONDON)
    return morning.astimezone(dt.UTC).replace(tzinfo=None)


def next_question(request: AccompanimentRequest, now: dt.datetime,
                  config: Mapping) -> str | None:
    """The question to ask now, or None (not yet, not this request, stopped, or all answered)."""
    if (request.status not in ASKED_AFTER or request.erased_at is not None
            or request.follow_up_stopped_at is not None or now < opens_at(request, config)):
        return None
    for question, (column, _allowed) in QUESTIONS.items():
        if getattr(request, column) is None:
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
    session.commit()
    session.expire(request, [column])
    return result.rowcount == 1


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
