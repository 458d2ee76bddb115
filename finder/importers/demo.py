"""The fictional demo meetings in seeds/demo-meetings.json, loaded as a source of their own
(marked as demo, so pages can say so) and removable in one go."""

from __future__ import annotations

from importlib.resources.abc import Traversable
from typing import cast

from sqlalchemy import delete
from sqlalchemy import select
from sqlalchemy.engine import CursorResult

from finder.extensions import db
from finder.importers import meeting_guide
from finder.importers.sync import ImportReport
from finder.importers.sync import sync
from finder.models import Meeting
from finder.models import MeetingSource
from finder.seeds import seed_file

DEMO_FILE = seed_file("demo-meetings.json")
# How the demo source is known, whichever copy of the file it was read from.
DEMO_LOCATION = "seeds/demo-meetings.json"


def load_demo_data(path: Traversable = DEMO_FILE) -> ImportReport:
    """Load (or refresh) the demo meetings; each row names its own fellowship."""
    parsed = meeting_guide.parse(path.read_text(encoding="utf-8"))
    return sync(parsed, location=DEMO_LOCATION, format="meeting-guide", is_demo=True)


def remove_demo_data() -> int:
    """Delete every demo source and its meetings; returns how many meetings went."""
    demo_sources = select(MeetingSource.id).where(MeetingSource.is_demo.is_(True))
    removed = cast(CursorResult, db.session.execute(
        delete(Meeting).where(Meeting.source_id.in_(demo_sources))))
    db.session.execute(delete(MeetingSource).where(MeetingSource.is_demo.is_(True)))
    db.session.commit()
    return removed.rowcount
