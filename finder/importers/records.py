"""The one shape every importer produces: a MeetingRecord per meeting, or a RowError saying
which row is wrong and why."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from typing import Any


class FeedError(Exception):
    """The whole file is unusable (not JSON, not a list of meetings, no Name column...)."""


class InvalidRow(ValueError):
    """One row is wrong, for these reasons."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class RowError:
    position: str  # "index 3 (Monday Step Group)", "row 12 (Monday Step Group)"
    reason: str

    def __str__(self) -> str:
        return f"{self.position}: {self.reason}"


@dataclass
class MeetingRecord:
    """A meeting as the database will hold it: the attributes are Meeting's column names
    (languages as the `language_codes` list)."""

    source_key: str
    fellowship: str
    name: str
    day: int | None
    start_time: dt.time | None
    end_time: dt.time | None
    timezone: str
    attendance_mode: str
    # The group's own statements in the listing (None: the listing says nothing of its own).
    feed_ethos: str | None
    feed_ort: str | None
    location: str | None
    location_notes: str | None
    address: str | None
    city: str | None
    region: str | None
    postal_code: str | None
    country: str | None
    formatted_address: str | None
    latitude: float | None
    longitude: float | None
    approximate: bool
    conference_url: str | None
    conference_url_notes: str | None
    conference_phone: str | None
    conference_phone_notes: str | None
    types: list[str]
    is_open: bool | None
    for_women: bool
    for_men: bool
    lgbtq: bool
    young_people: bool
    wheelchair_access: bool
    hearing_loop: bool
    proof_of_attendance: bool
    language_codes: list[str]
    notes: str | None
    group_name: str | None
    website: str | None
    email: str | None
    phone: str | None
    updated: dt.datetime | None

    def values(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


@dataclass
class ParseResult:
    records: list[MeetingRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def position(place: str, name: Any) -> str:
    """'row 12 (Monday Step Group)', or just 'row 12' for a row with no usable name."""
    if isinstance(name, str) and name.strip():
        return f"{place} ({name.strip()})"
    return place


def collect(
    rows: Iterable[tuple[str, Any]], convert: Callable[[Any], list[MeetingRecord]]
) -> ParseResult:
    """Convert every (position, row); keep going past bad rows so all errors are reported.
    A source key (slug) may appear only once in a feed."""
    result = ParseResult()
    first_seen: dict[str, str] = {}
    for place, row in rows:
        try:
            records = convert(row)
        except InvalidRow as invalid:
            result.errors.extend(RowError(place, reason) for reason in invalid.reasons)
            continue
        for record in records:
            if record.source_key in first_seen:
                earlier = first_seen[record.source_key]
                result.errors.append(
                    RowError(place, f"slug {record.source_key!r} is already used by {earlier}")
                )
            else:
                first_seen[record.source_key] = place
                result.records.append(record)
    return result
