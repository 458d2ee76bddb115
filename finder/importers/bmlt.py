"""BMLT (NA's Basic Meeting List Toolbox) GetSearchResults: an array of meetings, or
{"meetings": [...], "formats": [...]}. Every value is a string.

Format codes are local to each server, so they are read through the server's format
list to NAWS world ids, and world ids with a Meeting Guide equivalent become that code
(so one table, finder.meetings.types, says what they mean). Other formats are kept by
world id, or by local code when the server gives no world id. Without a format list
the local codes are kept as they are and mean nothing here.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from finder.importers import values
from finder.importers.normalise import to_record_with
from finder.importers.records import FeedError
from finder.importers.records import InvalidRow
from finder.importers.records import MeetingRecord
from finder.importers.records import ParseResult
from finder.importers.records import collect
from finder.importers.records import position

DEFAULT_FELLOWSHIP = "na"
VENUE_TYPES = {"1": "in_person", "2": "online", "3": "hybrid"}
WORLD_ID_TO_TYPE = {
    "OPEN": "O",
    "CLOSED": "C",
    "WCHR": "X",
    "W": "W",
    "M": "M",
    "LGBTQ": "LGBTQ",
    "GL": "LGBTQ",
    "Y": "Y",
    "BEG": "BE",
    "CW": "CF",
    "DISC": "D",
    "SPK": "SP",
    "STEP": "ST",
    "TRAD": "TR",
    "LIT": "LIT",
    "MED": "MED",
    "CAN": "CAN",
    "SMOK": "SM",
    "VM": "ONL",
    "TC": "TC",
}
# BMLT field -> Meeting Guide field, for the fields that need no conversion.
SAME_MEANING = {
    "meeting_name": "name",
    "id_bigint": "slug",
    "location_text": "location",
    "location_info": "location_notes",
    "location_street": "address",
    "location_municipality": "city",
    "location_province": "state",
    "location_postal_code_1": "postal_code",
    "location_nation": "country",
    "latitude": "latitude",
    "longitude": "longitude",
    "virtual_meeting_link": "conference_url",
    "virtual_meeting_additional_info": "conference_url_notes",
    "phone_meeting_number": "conference_phone",
    "comments": "notes",
    "time_zone": "timezone",
}


def parse(text: str, fellowship: str | None = None) -> ParseResult:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FeedError(f"not JSON: {error}") from None
    meetings = data
    formats: object = []
    if isinstance(data, dict):
        meetings, formats = data.get("meetings"), data.get("formats") or []
    if not isinstance(meetings, list) or not isinstance(formats, list):
        raise FeedError(
            "a BMLT GetSearchResults answer is an array of meetings, "
            'or an object with "meetings" and "formats" arrays'
        )
    types_by_local_code = _types_by_local_code(formats)
    rows = (
        (position(f"index {i}", row.get("meeting_name") if isinstance(row, dict) else None), row)
        for i, row in enumerate(meetings)
    )
    return collect(
        rows, lambda row: _records(row, types_by_local_code, fellowship or DEFAULT_FELLOWSHIP)
    )


def _types_by_local_code(formats: list) -> dict[str, str]:
    """Server-local code (key_string, or format id) -> Meeting Guide code or world id."""
    table = {}
    for entry in formats:
        if not isinstance(entry, dict) or not entry.get("key_string"):
            continue
        world_id = (entry.get("world_id") or "").strip()
        kept = WORLD_ID_TO_TYPE.get(world_id) or world_id or entry["key_string"]
        table[entry["key_string"]] = kept
        if entry.get("id"):
            table[f"id:{entry['id']}"] = kept
    return table


def _records(row: Any, types_by_local_code: dict, fellowship: str) -> list[MeetingRecord]:
    if not isinstance(row, dict):
        raise InvalidRow([f"is {type(row).__name__}, not a meeting (a JSON object)"])
    reasons: list[str] = []

    def read(parse: Any, *args: Any) -> Any:
        try:
            return parse(*args)
        except values.InvalidValue as invalid:
            reasons.append(str(invalid))
            return None

    fields: dict[str, Any] = {mg: row[bmlt] for bmlt, mg in SAME_MEANING.items() if bmlt in row}
    duration = read(_duration, row.get("duration_time"))
    fields.update(
        fellowship=fellowship,
        types=_types(row, types_by_local_code),
        day=read(_day, row.get("weekday_tinyint")),
        time=row.get("start_time"),  # read (and any problem reported) by to_record
        end_time=_end(row.get("start_time"), duration),
        attendance_option=read(_attendance, row.get("venue_type")),
    )
    return to_record_with(fields, fellowship, reasons)


def _types(row: dict, types_by_local_code: dict) -> list[str]:
    local = [code.strip() for code in str(row.get("formats") or "").split(",") if code.strip()]
    ids = [f"id:{i.strip()}" for i in str(row.get("format_shared_id_list") or "").split(",")]
    found = [types_by_local_code.get(code, code) for code in local]
    found += [types_by_local_code[i] for i in ids if i in types_by_local_code]
    return list(dict.fromkeys(found))


def _day(weekday: Any) -> int:
    """BMLT counts 1 = Sunday ... 7 = Saturday; we count 0 = Sunday."""
    number = str(weekday or "").strip()
    if not number.isdigit() or not 1 <= int(number) <= 7:
        raise values.InvalidValue(
            f"weekday_tinyint {weekday!r} is not a day of the week (1 = Sunday to 7 = Saturday)"
        )
    return int(number) - 1


def _attendance(venue_type: Any) -> str | None:
    code = str(venue_type or "").strip()
    if code and code not in VENUE_TYPES:
        raise values.InvalidValue(
            f"venue_type {code!r} is not 1 (in person), 2 (virtual) or 3 (hybrid)"
        )
    return VENUE_TYPES.get(code)


def _duration(value: Any) -> dt.timedelta | None:
    raw = str(value or "").strip()
    match = values.TIME.fullmatch(raw)
    if not raw:
        return None
    if match:
        hours, minutes, _seconds = (int(part or 0) for part in match.groups())
        if minutes < 60 and hours * 60 + minutes <= 24 * 60:
            return dt.timedelta(hours=hours, minutes=minutes)
    raise values.InvalidValue(f"duration_time {raw!r} is not a length of time (HH:MM:SS)")


def _end(start_time: Any, duration: dt.timedelta | None) -> dt.time | None:
    """Start plus duration, on the clock (so a late meeting can end after midnight)."""
    try:
        start = values.time_of_day(start_time, "start_time")
    except values.InvalidValue:
        return None
    if start is None or not duration:
        return None
    return (dt.datetime.combine(dt.date.min, start) + duration).time()
