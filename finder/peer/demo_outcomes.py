"""Fictional outcome figures for the demo, so the coordinators' outcomes page has something to
show: invented anonymous events over the last 12 months, marked is_demo, drawn from a fixed
seed so every demo looks the same. Nothing here describes real people or real groups."""

from __future__ import annotations

import datetime as dt
import random
from typing import cast

from sqlalchemy import delete
from sqlalchemy.engine import CursorResult

from finder.extensions import db
from finder.meetings import fellowships
from finder.models import OutcomeEvent
from finder.peer.outcomes import months_back

# (fellowship, areas it is asked for in, requests a month)
DEMO_DEMAND = (
    ("aa", ("LS1", "M1", "B1", "CF10"), 9),
    ("na", ("LS1", "CF10", "G1"), 6),
    ("ca", ("BS1", "SW1A"), 3),
    ("smart", ("B1", "BS1", "EH1"), 6),
    ("al-anon", ("SW1A", "EH1"), 4),
    ("nar-anon", ("LS1",), 2),
)
SEED = 2025


def _asked_by(fellowship: str, chance: random.Random) -> str:
    if chance.random() < 0.35:
        return "keyworker"
    group = fellowships.get(fellowship)
    return "family" if group is not None and group.family_group else "self"


def load_demo_outcomes(now: dt.datetime) -> int:
    """Replace the demo's outcome events; returns how many were added."""
    remove_demo_outcomes()
    chance = random.Random(SEED)
    events = []
    for month in months_back(now):
        for fellowship, areas, per_month in DEMO_DEMAND:
            for _ in range(chance.randint(per_month // 2, per_month + 2)):
                common = dict(month=month, fellowship=fellowship, is_demo=True,
                              area=chance.choice(areas),
                              asked_by=_asked_by(fellowship, chance))
                events.append(OutcomeEvent(kind="received", **common))
                if chance.random() < 0.2:
                    events.append(OutcomeEvent(kind="unmatched", **common))
                    continue
                minutes = int(chance.lognormvariate(5.5, 0.9))
                events.append(OutcomeEvent(kind="matched", in_time=chance.random() < 0.9,
                                           minutes_to_match=minutes, **common))
                if chance.random() < 0.7:
                    events.append(OutcomeEvent(kind="went", **common))
                if chance.random() < 0.6:
                    events.append(OutcomeEvent(kind="again", **common))
    db.session.add_all(events)
    db.session.commit()
    return len(events)


def remove_demo_outcomes() -> int:
    removed = cast(CursorResult, db.session.execute(
        delete(OutcomeEvent).where(OutcomeEvent.is_demo.is_(True))))
    db.session.commit()
    return removed.rowcount
