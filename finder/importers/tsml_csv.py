"""CSV in the layout of the 12 Step Meeting List (TSML) plugin's import template.

Columns are matched by name, in any order and any case ("Postal Code" is postal_code),
so the template's columns (Time, End Time, Day, Name, Location, Address, Region,
Sub Region, Types, Notes, Location Notes, Timezone, Group, Website, Email, Phone,
Conference URL, Conference Phone, Slug, Updated, ...) and the Meeting Guide names for the
rest (City, State, Postal Code, Country, Latitude, Longitude, Conference URL Notes,
Conference Phone Notes, and our Fellowship, Ethos, Languages, Hearing Loop ...) all work.
Columns nobody reads (Venmo, Contact 1 Name, ...) are ignored.

Rows are numbered as a spreadsheet shows them: the header is row 1. A row without a
Slug gets one made from its name, day, time and location, which stays the same on the
next import as long as those do.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from finder.importers import values
from finder.importers.normalise import to_record_with
from finder.importers.records import FeedError
from finder.importers.records import MeetingRecord
from finder.importers.records import ParseResult
from finder.importers.records import collect
from finder.importers.records import position
from finder.meetings import types as meeting_types

DAYS = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
TWELVE_HOUR = re.compile(r"(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?", re.IGNORECASE)


def parse(text: str, fellowship: str | None = None) -> ParseResult:
    reader = csv.DictReader(io.StringIO(text))
    reader.fieldnames = [_column_key(name) for name in reader.fieldnames or []]
    if "name" not in reader.fieldnames:
        raise FeedError(
            "the CSV has no Name column; the first row should name the columns, "
            "as in the TSML import template (Time, End Time, Day, Name, Location, ...)"
        )
    rows = (
        (position(f"row {number}", row.get("name")), row)
        for number, row in enumerate(reader, start=2)
        if any((value or "").strip() for value in row.values() if isinstance(value, str))
    )
    return collect(rows, lambda row: _records(row, fellowship))


def _column_key(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", header.strip().casefold()).strip("_")


def _records(row: dict[str, Any], fellowship: str | None) -> list[MeetingRecord]:
    reasons: list[str] = []
    try:
        day = _day(row.get("day"))
    except values.InvalidValue as invalid:
        reasons.append(str(invalid))
        day = None
    row_fellowship = (row.get("fellowship") or "").strip() or fellowship
    fields = {key: value for key, value in row.items() if key}
    fields.update(
        day=day,
        time=_twenty_four_hour(row.get("time")),
        end_time=_twenty_four_hour(row.get("end_time")),
        types=[
            _code(token, row_fellowship)
            for token in (row.get("types") or "").split(",")
            if token.strip()
        ],
        slug=(row.get("slug") or "").strip() or _made_up_slug(row, day),
    )
    return to_record_with(fields, fellowship, reasons)


def _day(value: Any) -> int | None:
    """A day name ("Monday", "mon"), or 0-6 with 0 = Sunday; blank = by appointment."""
    raw = (value or "").strip()
    if not raw:
        return None
    if raw.isdigit():
        return values.day(raw)
    for number, name in enumerate(DAYS):
        if len(raw) >= 3 and name.startswith(raw.casefold()):
            return number
    raise values.InvalidValue(f"day {raw!r} is not a day of the week")


def _twenty_four_hour(value: str | None) -> str:
    """'6:00 PM' and '6 pm' as '18:00'; anything else as it is, for to_record to read."""
    raw = (value or "").strip()
    match = TWELVE_HOUR.fullmatch(raw)
    if not match or not 1 <= int(match[1]) <= 12 or int(match[2] or 0) > 59:
        return raw
    hour = int(match[1]) % 12 + (12 if match[3].casefold() == "p" else 0)
    return f"{hour:02d}:{match[2] or '00'}"


def _code(token: str, fellowship: str | None) -> str:
    """The Types column holds codes ("O") or labels ("Wheelchair Access"); unknown kept."""
    token = token.strip()
    if meeting_types.meaning(token, fellowship):
        return token
    return meeting_types.code_for_label(token, fellowship) or token


def _made_up_slug(row: dict, day: int | None) -> str | None:
    """From name, day, time and location; none for a row with no name (reported as such)."""
    if not (row.get("name") or "").strip():
        return None
    when = DAYS[day] if day is not None else "appointment"
    time = _twenty_four_hour(row.get("time")) if day is not None else ""
    return values.slugify(" ".join([row["name"], when, time, row.get("location") or ""]))[:150]
