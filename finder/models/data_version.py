"""A token that changes whenever meeting data changes, so what is built from the data (the
public feed) can be cached until then, in every process.

Any flush that adds, changes or deletes a meeting, a source or a fact about a meeting gives
the one row a new random token, in the same transaction. A random token, not a counter, so
a database emptied and refilled never repeats an old one.
"""

from __future__ import annotations

import uuid

from sqlalchemy import String
from sqlalchemy import event
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import Session
from sqlalchemy.orm import mapped_column

from finder.extensions import db

MEETINGS = "meetings"


class DataVersion(db.Model):
    __tablename__ = "data_versions"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    token: Mapped[str] = mapped_column(String(32))


def current_token(name: str = MEETINGS) -> str | None:
    """The token now; None before the data has ever changed (then nothing is cached)."""
    return db.session.scalar(select(DataVersion.token).where(DataVersion.name == name))


def _watched() -> tuple[type, ...]:
    from finder.models.facts import ExperienceAnswer
    from finder.models.facts import GroupStatement
    from finder.models.meeting import Meeting
    from finder.models.meeting import MeetingSource
    return (Meeting, MeetingSource, ExperienceAnswer, GroupStatement)


@event.listens_for(Session, "before_flush")
def _new_token_when_meetings_change(session: Session, flush_context, instances) -> None:
    watched = _watched()
    changed = any(isinstance(obj, watched) for obj in session.new) or any(
        isinstance(obj, watched) for obj in session.deleted) or any(
        isinstance(obj, watched) and session.is_modified(obj) for obj in session.dirty)
    if not changed:
        return
    token = uuid.uuid4().hex
    connection = session.connection()
    done = connection.execute(
        update(DataVersion).where(DataVersion.name == MEETINGS).values(token=token))
    if done.rowcount == 0:
        connection.execute(insert(DataVersion).values(name=MEETINGS, token=token))
