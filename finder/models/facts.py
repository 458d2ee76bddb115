"""What groups say about themselves, and what people on methadone or buprenorphine said after
going: the evidence behind a meeting's medication and ethos facts (finder.meetings.facts).

Both are kept by the meeting's public slug, not a foreign key, like change reports: a meeting
keeps its slug on every re-import, and the evidence outlives a meeting removed and listed again.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey
from sqlalchemy import String
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from finder import vocabulary
from finder.extensions import db
from finder.models.coded import coded
from finder.models.times import utcnow


class GroupStatement(db.Model):
    """A group's own statement about medication or ethos, recorded by a coordinator after
    contact with the group (published at once) or made by the group through its signed link
    (pending until a coordinator publishes it). No names: who at the group said it is not kept."""

    __tablename__ = "group_statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_slug: Mapped[str] = mapped_column(String(200), index=True)
    meeting_name: Mapped[str] = mapped_column(String(300))
    topic: Mapped[str] = mapped_column(
        coded("ck_group_statements_topic", vocabulary.STATEMENT_TOPICS))
    # An ORT_STATEMENTS code for medication, an ETHOS code for ethos.
    value: Mapped[str] = mapped_column(String(20))
    via: Mapped[str] = mapped_column(
        coded("ck_group_statements_via", vocabulary.STATEMENT_CHANNELS))
    heard_by: Mapped[str | None] = mapped_column(
        coded("ck_group_statements_heard_by", vocabulary.HEARD_BY))
    stated_on: Mapped[dt.date]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("volunteers.id"))
    status: Mapped[str] = mapped_column(
        coded("ck_group_statements_status", vocabulary.STATEMENT_STATUSES), default="pending")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[dt.datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("volunteers.id"))


class ExperienceAnswer(db.Model):
    """One person on methadone or buprenorphine, after going to a meeting: did they feel
    welcome? `respondent` is an opaque key the follow-up chooses (never a name or contact), so
    one person counts once per group however often they answer."""

    __tablename__ = "experience_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_slug: Mapped[str] = mapped_column(String(200), index=True)
    respondent: Mapped[str] = mapped_column(String(64))
    felt_welcome: Mapped[bool]
    answered_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        UniqueConstraint("meeting_slug", "respondent", name="uq_experience_respondent"),
    )
