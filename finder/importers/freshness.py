"""How fresh a meeting's details are: when a sync of its source last listed it.

A meeting no sync has listed for a set number of days (FINDER_MEETING_STALE_DAYS) is stale:
coordinators see it on the sources page, and its page asks people to check with the group
before they go. Demonstration meetings are never stale: they say what they are.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select

from finder.models import Meeting
from finder.models import MeetingSource
from finder.models.session import Session


def confirmed_on(meeting: Meeting) -> dt.datetime | None:
    """When the meeting's source last listed it (for meetings read before this was kept,
    when their source was last read)."""
    if meeting.confirmed_at is not None:
        return meeting.confirmed_at
    return meeting.source.imported_at if meeting.source is not None else None


def is_stale(meeting: Meeting, now: dt.datetime, days: int) -> bool:
    if meeting.source is not None and meeting.source.is_demo:
        return False
    confirmed = confirmed_on(meeting)
    return confirmed is not None and confirmed < now - dt.timedelta(days=days)


def _stale(now: dt.datetime, days: int):
    demo = select(MeetingSource.id).where(MeetingSource.is_demo.is_(True))
    return (Meeting.confirmed_at < now - dt.timedelta(days=days),
            or_(Meeting.source_id.is_(None), Meeting.source_id.not_in(demo)))


def stale_meetings(session: Session, now: dt.datetime, days: int,
                   limit: int = 100) -> tuple[int, list[Meeting]]:
    """How many meetings are stale, and the longest unconfirmed of them (up to `limit`)."""
    count = session.scalar(select(func.count(Meeting.id)).where(*_stale(now, days))) or 0
    oldest = session.scalars(select(Meeting).where(*_stale(now, days))
                             .order_by(Meeting.confirmed_at, Meeting.slug).limit(limit))
    return count, list(oldest)
