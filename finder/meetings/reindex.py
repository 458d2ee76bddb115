"""Rewrite the columns search derives from each meeting's facts (feature bits, grid square,
minute of the week, length, effective ethos and medication answers), after a change to how
they are derived or to a fellowship's published position. Rows are otherwise only rewritten
when their meeting changes, so without this a stored row keeps its old values."""

from __future__ import annotations

from sqlalchemy import select

from finder.meetings.search import refresh_statistics
from finder.models import Meeting
from finder.models.meeting import derive_search_columns
from finder.models.session import Session

DERIVED = ("feature_bits", "grid_cell", "week_minute", "duration_minutes", "ethos",
           "ethos_source", "ethos_as_of", "ort_openness", "ort_source", "ort_as_of")


def reindex_meetings(session: Session, batch_size: int = 1000) -> int:
    """Recompute every meeting's derived columns; returns how many rows changed. One
    transaction, so a search never sees half the meetings reindexed."""
    changed = 0
    for meeting in session.scalars(select(Meeting).execution_options(yield_per=batch_size)):
        before = tuple(getattr(meeting, column) for column in DERIVED)
        derive_search_columns(meeting)
        if tuple(getattr(meeting, column) for column in DERIVED) != before:
            changed += 1
    session.commit()
    refresh_statistics()
    return changed
