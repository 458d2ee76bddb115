"""Meeting Guide JSON feeds (code4recovery spec): an array of meetings.

A `day` given as an array is one meeting per day: each gets the source key
"<slug>-<day>" (even for an array of one day, so a key never changes when days are
added or removed).
"""

from __future__ import annotations

import json
from typing import Any

from finder.importers.normalise import to_record
from finder.importers.records import FeedError
from finder.importers.records import InvalidRow
from finder.importers.records import MeetingRecord
from finder.importers.records import ParseResult
from finder.importers.records import collect
from finder.importers.records import position


def parse(text: str, fellowship: str | None = None) -> ParseResult:
    try:
        meetings = json.loads(text)
    except json.JSONDecodeError as error:
        raise FeedError(f"not JSON: {error}") from None
    if not isinstance(meetings, list):
        raise FeedError("a Meeting Guide feed is a JSON array of meetings")
    rows = ((position(f"index {i}", _name(row)), row) for i, row in enumerate(meetings))
    return collect(rows, lambda row: _records(row, fellowship))


def _name(row: Any) -> Any:
    return row.get("name") if isinstance(row, dict) else None


def _records(row: Any, fellowship: str | None) -> list[MeetingRecord]:
    if not isinstance(row, dict):
        raise InvalidRow([f"is {type(row).__name__}, not a meeting (a JSON object)"])
    days = row.get("day")
    if not isinstance(days, list):
        return [to_record(row, fellowship)]
    if not days:
        return [to_record({**row, "day": None}, fellowship)]
    base = row.get("slug")
    usable_base = isinstance(base, str | int) and str(base).strip()
    records: list[MeetingRecord] = []
    reasons: list[str] = []
    for day in dict.fromkeys(str(day).strip() for day in days):
        slug = f"{str(base).strip()}-{day}" if usable_base else base  # else to_record says why
        try:
            records.append(to_record({**row, "day": day, "slug": slug}, fellowship))
        except InvalidRow as invalid:
            reasons.extend(r for r in invalid.reasons if r not in reasons)
    if reasons:
        raise InvalidRow(reasons)
    return records
