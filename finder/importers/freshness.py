"""How fresh a meeting's details are: when its source was last read successfully.

Every successful sync lists all of a source's meetings (those it no longer lists are
removed), so a meeting was last confirmed when its source was last imported. A meeting whose
source has not been read successfully for a set number of days (FINDER_MEETING_STALE_DAYS)
is stale: coordinators see it on the sources page, and its page asks people to check with the
group before they go. Demonstration meetings are never stale: they say what they are.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func
from sqlalchemy import select

from finder.models import Meeting
from finder.models import MeetingSource
from finder.models.session import Session


def confirmed_on(meeting: Meeting) -> dt.datetime | None:
    """When the meeting's source last listed it (None for a meeting entered by hand)."""
    return meeting.source.imported_at if meeting.source is not None else None


def is_stale(meeting: Meeting, now: dt.datetime, days: int) -> bool:
    if meeting.source is None or meeting.source.is_demo:
        return False
    return meeting.source.imported_at < now - dt.timedelta(days=days)


def stale_meetings(session: Session, now: dt.datetime, days: int,
                   limit: int = 100) -> tuple[int, list[Meeting]]:
    """How many meetings are stale, and the longest unconfirmed of them (up to `limit`)."""
    stale = (MeetingSource.imported_at < now - dt.timedelta(days=days),
             MeetingSource.is_demo.is_(False))
    count = session.scalar(select(func.count(Meeting.id)).join(Meeting.source)
                           .where(*stale)) or 0
    oldest = session.scalars(select(Meeting).join(Meeting.source).where(*stale)
                             .order_by(MeetingSource.imported_at, Meeting.slug).limit(limit))
    return count, list(oldest)
