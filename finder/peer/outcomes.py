"""Outcome figures for coordinators and the services that fund them, computed only from the
anonymous outcome events (finder.models.OutcomeEvent), so they survive the purge: requests
received, matched, matched before the meeting, went, would go again, by month, by group and
by who asked; how long a match takes; and where requests go unmatched. Every count passes the
small-number rule (finder.peer.small_numbers). Codes only: the web side puts them into words."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections import defaultdict
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field

from sqlalchemy import select

from finder import vocabulary
from finder.models import OutcomeEvent
from finder.models.session import Session
from finder.peer import small_numbers
from finder.peer.outcome_events import month_of
from finder.peer.small_numbers import Cell

MONTHS = 12  # the figures cover the last 12 months, this one included
FUNNEL = ("received", "matched", "in_time", "went", "again")
FUNNEL_PART_OF = {"matched": "received", "in_time": "matched", "went": "matched",
                  "again": "matched"}
UNMATCHED = ("received", "unmatched")
UNMATCHED_PART_OF = {"unmatched": "received"}
OTHER_AREAS = "other"  # areas with fewer than 5 requests, counted together


@dataclass
class Row:
    code: str
    cells: dict[str, Cell]
    median_minutes: int | None = None  # None below 5 matches


@dataclass
class Table:
    key: str
    columns: tuple[str, ...]
    rows: list[Row]
    total: Row
    has_median: bool = False


@dataclass
class Figures:
    first_month: str
    last_month: str
    tables: dict[str, Table] = field(default_factory=dict)

    @property
    def total(self) -> Row:
        return self.tables["by-month"].total


def months_back(now: dt.datetime, count: int = MONTHS) -> list[str]:
    """The last `count` London months up to now's, oldest first, as "2025-03"."""
    year, month = (int(part) for part in month_of(now).split("-"))
    found = []
    for _ in range(count):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return found[::-1]


def _counts(events: Iterable[OutcomeEvent]) -> Counter:
    counts: Counter = Counter()
    for event in events:
        counts[event.kind] += 1
        if event.kind == "matched" and event.in_time:
            counts["in_time"] += 1
    return counts


def _median(events: Iterable[OutcomeEvent]) -> int | None:
    minutes = [e.minutes_to_match for e in events
               if e.kind == "matched" and e.minutes_to_match is not None]
    return round(statistics.median(minutes)) if len(minutes) >= small_numbers.THRESHOLD else None


def _table(key: str, groups: dict[str, list[OutcomeEvent]], everything: list[OutcomeEvent],
           columns: tuple[str, ...], part_of: dict[str, str], with_median: bool) -> Table:
    codes = list(groups)
    counted = [_counts(groups[code]) for code in codes]
    all_counted = _counts(everything)
    body, total = small_numbers.protect(
        [{column: counts[column] for column in columns} for counts in counted],
        {column: all_counted[column] for column in columns}, part_of)
    rows = [Row(code, cells, _median(groups[code]) if with_median else None)
            for code, cells in zip(codes, body, strict=True)]
    return Table(key, columns, rows, Row("total", total, _median(everything) if with_median
                                         else None), with_median)


def _grouped(events: list[OutcomeEvent], key: Callable[[OutcomeEvent], str],
             order: Iterable[str]) -> dict[str, list[OutcomeEvent]]:
    groups: dict[str, list[OutcomeEvent]] = defaultdict(list)
    for event in events:
        groups[key(event)].append(event)
    return {code: groups[code] for code in order if code in groups}


def _areas(events: list[OutcomeEvent]) -> dict[str, list[OutcomeEvent]]:
    """Areas by unmatched requests, most first; areas with fewer than 5 requests together."""
    by_area = _grouped(events, lambda e: e.area, sorted({e.area for e in events}))
    large = {area: found for area, found in by_area.items()
             if sum(e.kind == "received" for e in found) >= small_numbers.THRESHOLD}
    ordered = dict(sorted(large.items(),
                          key=lambda item: (-sum(e.kind == "unmatched" for e in item[1]),
                                            item[0])))
    rest = [e for area, found in by_area.items() if area not in large for e in found]
    if rest:
        ordered[OTHER_AREAS] = rest
    return ordered


def figures(session: Session, now: dt.datetime, fellowship_order: Iterable[str]) -> Figures:
    """All the tables for the last 12 months. `fellowship_order` is the neutral order in which
    groups are listed (by name); groups not in it come after, by code."""
    months = months_back(now)
    events = list(session.scalars(select(OutcomeEvent).where(OutcomeEvent.month >= months[0],
                                                            OutcomeEvent.month <= months[-1])))
    known = list(fellowship_order)
    fellowships = [*known, *sorted({e.fellowship for e in events} - set(known))]
    found = Figures(months[0], months[-1])
    by = {
        "by-month": _grouped(events, lambda e: e.month, months),
        "by-group": _grouped(events, lambda e: e.fellowship, fellowships),
        "by-who-asked": _grouped(events, lambda e: e.asked_by, tuple(vocabulary.ASKED_BY)),
    }
    for key, groups in by.items():
        found.tables[key] = _table(key, groups, events, FUNNEL, FUNNEL_PART_OF, True)
    unmatched = [e for e in events if e.kind in UNMATCHED]
    found.tables["unmatched-by-area"] = _table(
        "unmatched-by-area", _areas(unmatched), unmatched, UNMATCHED, UNMATCHED_PART_OF, False)
    found.tables["unmatched-by-group"] = _table(
        "unmatched-by-group", _grouped(unmatched, lambda e: e.fellowship, fellowships),
        unmatched, UNMATCHED, UNMATCHED_PART_OF, False)
    return found
