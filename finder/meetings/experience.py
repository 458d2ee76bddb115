"""People's experience: what people on methadone or buprenorphine said after going to a
meeting, used only as counts ("4 of 5 people ... said they felt welcome"), only once at least
3 separate people have answered for that group in the last 12 months, and only after a
coordinator has published it. Never a quote, never a name.

The requester follow-up calls `record_answer`; coordinators call `publish`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy import select

from finder.models import ExperienceAnswer
from finder.models import Meeting
from finder.models.session import Session

THRESHOLD = 3
WINDOW = dt.timedelta(days=365)


@dataclass(frozen=True)
class Summary:
    welcomed: int
    answered: int

    @property
    def publishable(self) -> bool:
        return self.answered >= THRESHOLD


def record_answer(session: Session, meeting: Meeting, respondent: str, felt_welcome: bool,
                  now: dt.datetime) -> None:
    """One person's answer for this group; a later answer from the same person replaces their
    earlier one, so each person counts once. `respondent` must identify no one: pass an opaque
    key (for example a hash of the request's id), never a name or contact."""
    if not respondent or len(respondent) > 64:
        raise ValueError("respondent is an opaque key of 1 to 64 characters")
    existing = session.scalars(select(ExperienceAnswer).where(
        ExperienceAnswer.meeting_slug == meeting.slug,
        ExperienceAnswer.respondent == respondent)).first()
    if existing is None:
        session.add(ExperienceAnswer(meeting_slug=meeting.slug, respondent=respondent,
                                     felt_welcome=felt_welcome, answered_at=now))
    else:
        existing.felt_welcome, existing.answered_at = felt_welcome, now
    session.commit()


def summary(session: Session, meeting_slug: str, now: dt.datetime) -> Summary:
    """Counts of the last 12 months' answers for the group."""
    rows = session.execute(select(ExperienceAnswer.felt_welcome).where(
        ExperienceAnswer.meeting_slug == meeting_slug,
        ExperienceAnswer.answered_at >= now - WINDOW)).scalars().all()
    return Summary(welcomed=sum(1 for felt in rows if felt), answered=len(rows))


def ready_to_publish(session: Session, now: dt.datetime) -> list[tuple[Meeting, Summary]]:
    """Meetings whose recent answers have reached the threshold and differ from what is shown."""
    since = now - WINDOW
    slugs = session.scalars(
        select(ExperienceAnswer.meeting_slug).where(ExperienceAnswer.answered_at >= since)
        .group_by(ExperienceAnswer.meeting_slug).having(func.count() >= THRESHOLD))
    found = []
    for meeting in session.scalars(select(Meeting).where(Meeting.slug.in_(list(slugs)))):
        counts = summary(session, meeting.slug, now)
        if (counts.welcomed, counts.answered) != (meeting.experience_welcomed,
                                                  meeting.experience_total):
            found.append((meeting, counts))
    return found


def publish(session: Session, meeting: Meeting, now: dt.datetime) -> Summary | None:
    """Show the current counts on the meeting; None (nothing shown) below the threshold."""
    counts = summary(session, meeting.slug, now)
    if not counts.publishable:
        return None
    meeting.experience_welcomed, meeting.experience_total = counts.welcomed, counts.answered
    meeting.experience_on = now.date()
    session.commit()
    return counts
