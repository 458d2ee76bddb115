"""Factories with keyword defaults, so each test says only what matters to it."""

from __future__ import annotations

import datetime as dt
import itertools

from finder.extensions import db
from finder.models import Meeting

_numbers = itertools.count(1)

LEEDS = (53.795472, -1.555729)  # LS1 4AP


def make_meeting(**overrides) -> Meeting:
    number = next(_numbers)
    values = dict(
        slug=f"meeting-{number}",
        source_key=f"meeting-{number}",
        name=f"Test Meeting {number}",
        fellowship="aa",
        day=1,
        start_time=dt.time(19, 30),
        end_time=dt.time(20, 30),
        attendance_mode="in_person",
        location="Test Community Centre",
        postal_code="LS1 4AP",
        latitude=LEEDS[0],
        longitude=LEEDS[1],
        languages=",en,",
    )
    values.update(overrides)
    # A stated ethos or medication position is the group's own statement in its listing; the
    # meeting's effective answers are derived from it (finder.meetings.facts).
    if values.pop("ethos_source", None) == "group" or values.get("ethos") == "secular":
        values.setdefault("feed_ethos", values.get("ethos"))
    values.pop("ethos", None)
    openness, source = values.pop("ort_openness", None), values.pop("ort_source", None)
    if openness in ("welcoming", "restricted") and source == "group":
        values.setdefault("feed_ort", openness)
        values.setdefault("feed_facts_on", dt.date(2025, 1, 1))
    if "start_time" in overrides and "end_time" not in overrides and values["start_time"]:
        start = dt.datetime.combine(dt.date(2000, 1, 1), values["start_time"])
        values["end_time"] = (start + dt.timedelta(hours=1)).time()
    meeting = Meeting(**values)
    db.session.add(meeting)
    db.session.commit()
    return meeting
