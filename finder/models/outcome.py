"""Anonymous outcome figures: one row per thing that happened to a request, written as it
happens and kept when the purge erases the person. A row names no request and no person: only
the month the request came in, the group, who asked, a coarse area, and for a match whether it
came before the meeting and how long it took."""

from __future__ import annotations

from sqlalchemy import Index
from sqlalchemy import String
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from finder import vocabulary
from finder.extensions import db
from finder.models.coded import coded


class OutcomeEvent(db.Model):
    __tablename__ = "outcome_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(
        coded("ck_outcome_events_kind", vocabulary.OUTCOME_EVENT_KINDS))
    month: Mapped[str] = mapped_column(String(7))  # "2025-03": when the request came in, London
    fellowship: Mapped[str] = mapped_column(String(40))
    asked_by: Mapped[str] = mapped_column(
        coded("ck_outcome_events_asked_by", tuple(vocabulary.ASKED_BY)))
    # The postcode district (outward code, "LS1"), "online", or "unknown".
    area: Mapped[str] = mapped_column(String(60))
    # For "matched": found before the meeting started, and the minutes it took.
    in_time: Mapped[bool | None]
    minutes_to_match: Mapped[int | None]
    is_demo: Mapped[bool] = mapped_column(default=False)

    __table_args__ = (Index("ix_outcome_events_month", "month"),)
