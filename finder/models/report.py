"""Reports from the public that a meeting's details have changed, kept for coordinators."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from finder.extensions import db
from finder.models.times import utcnow


class ChangeReport(db.Model):
    __tablename__ = "change_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The slug and name, not a foreign key: a report outlives a meeting removed by a re-import.
    meeting_slug: Mapped[str] = mapped_column(String(200), index=True)
    meeting_name: Mapped[str] = mapped_column(String(300))
    what_changed: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    resolved: Mapped[bool] = mapped_column(default=False)
