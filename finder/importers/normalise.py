"""From a meeting's fields, named as in the Meeting Guide feed, to a MeetingRecord: the rules
for schedules, ethos, openness to opioid substitution treatment, attendance and languages.

Every importer ends here, so these rules hold for every format.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import String

from finder import vocabulary
from finder.importers import values
from finder.importers.records import InvalidRow
from finder.importers.records import MeetingRecord
from finder.meetings import fellowships
from finder.meetings import types as meeting_types
from finder.models import Meeting

ATTENDANCE_OPTIONS = tuple(vocabulary.ATTENDANCE)
ETHOS = tuple(vocabulary.ETHOS)
SOURCES = tuple(vocabulary.FACT_SOURCES)
ORT_OPENNESS = tuple(vocabulary.ORT_OPENNESS)


class _Reasons(list[str]):
    """Every problem in a row, so one run reports them all."""

    def read(self, parse: Callable[..., Any], *args: Any, default: Any = None) -> Any:
        try:
            return parse(*args)
        except values.InvalidValue as invalid:
            self.append(str(invalid))
            return default


def to_record(fields: dict[str, Any], default_fellowship: str | None) -> MeetingRecord:
    """Raises InvalidRow with every reason the row cannot be imported."""
    reasons = _Reasons()
    read = reasons.read

    def text(key: str) -> str | None:
        return read(values.text, fields.get(key), key)

    def required(key: str) -> str | None:
        known_problems = len(reasons)
        value = text(key)
        if value is None and len(reasons) == known_problems:
            reasons.append(f"has no {key}")
        return value

    name, source_key = required("name"), required("slug")
    fellowship = _fellowship(text("fellowship") or default_fellowship, reasons)
    schedule = _schedule(fields, reasons)
    codes = read(values.string_list, fields.get("types"), "types", default=[])
    facets = meeting_types.facets(codes, fellowship)
    place = _place(fields, reasons)
    conference_url = read(values.web_address, fields.get("conference_url"), "conference_url")
    conference_phone = text("conference_phone")
    attendance = read(
        values.choice, fields.get("attendance_option"), "attendance_option", ATTENDANCE_OPTIONS
    ) or _attendance(
        facets,
        online_access=bool(conference_url or conference_phone),
        has_place=bool(place["address"] or fields.get("formatted_address"))
        and not place["approximate"],
    )
    feed_ethos = _ethos(fields, facets, reasons)
    feed_ort = _ort(fields, reasons)
    languages = read(values.language_codes, fields.get("languages"), default=[])
    record_fields = dict(
        source_key=source_key,
        fellowship=fellowship,
        name=name,
        **schedule,
        attendance_mode=attendance,
        feed_ethos=feed_ethos,
        feed_ort=feed_ort,
        **place,
        conference_url=conference_url,
        conference_url_notes=text("conference_url_notes"),
        conference_phone=conference_phone,
        conference_phone_notes=text("conference_phone_notes"),
        types=codes,
        is_open=facets.is_open,
        **{column: column in facets.flags for column in meeting_types.FLAG_COLUMNS},
        hearing_loop=read(values.flag, fields.get("hearing_loop"), "hearing_loop", default=False),
        language_codes=list(dict.fromkeys([*languages, *facets.languages])) or ["en"],
        notes=text("notes"),
        group_name=text("group"),
        website=_website(fields, reasons),
        email=text("email"),
        phone=text("phone"),
        updated=read(values.timestamp, fields.get("updated")),
    )
    _online_area(record_fields)
    if attendance == "inactive" and "TC" not in codes:
        record_fields["types"] = [*codes, "TC"]  # so clients also see it is not meeting
    reasons.extend(_too_long(record_fields))
    if reasons:
        raise InvalidRow(list(dict.fromkeys(reasons)))
    return MeetingRecord(**record_fields)


def to_record_with(
    fields: dict[str, Any], default_fellowship: str | None, reasons: list[str]
) -> list[MeetingRecord]:
    """The record for one row, reporting the parser's own problems with the row together
    with any the shared rules find."""
    try:
        record = to_record(fields, default_fellowship)
    except InvalidRow as invalid:
        reasons.extend(invalid.reasons)
    if reasons:
        raise InvalidRow(reasons)
    return [record]


def _schedule(fields: dict, reasons: _Reasons) -> dict[str, Any]:
    """No day means "by appointment", and then a time means nothing; a day needs a time."""
    day = reasons.read(values.day, fields.get("day"))
    known_problems = len(reasons)
    start = reasons.read(values.time_of_day, fields.get("time"), "time")
    time_unreadable = len(reasons) > known_problems
    end = reasons.read(values.time_of_day, fields.get("end_time"), "end_time")
    if day is None:
        start = end = None
    elif start is None and not time_unreadable:
        reasons.append(f"has a day ({day}) but no time")
    return {
        "day": day,
        "start_time": start,
        "end_time": end,
        "timezone": reasons.read(values.timezone, fields.get("timezone")),
    }


def _place(fields: dict, reasons: _Reasons) -> dict[str, Any]:
    def text(key: str) -> str | None:
        return reasons.read(values.text, fields.get(key), key)

    address, city, state = text("address"), text("city"), text("state")
    postal_code, country = text("postal_code"), text("country")
    latitude, longitude = reasons.read(
        values.coordinates, fields.get("latitude"), fields.get("longitude"), default=(None, None)
    )
    formatted = (
        text("formatted_address")
        or ", ".join(filter(None, [address, city, state, postal_code, country]))
        or None
    )
    return {
        "location": text("location"),
        "location_notes": text("location_notes"),
        "address": address,
        "city": city,
        "region": _region(fields, reasons) or state,
        "postal_code": postal_code,
        "country": country,
        "formatted_address": formatted,
        "latitude": latitude,
        "longitude": longitude,
        "approximate": _approximate(fields, reasons, formatted, address, latitude),
    }


def _approximate(fields: dict, reasons: _Reasons, formatted: str | None, address: str | None,
                 latitude: float | None) -> bool:
    """As the feed says; otherwise, as Meeting Guide clients (TSML UI) read it: a place with no
    street address and no coordinates, whose formatted address has fewer than four parts
    ("Anytown, OK 12345, USA"), is only an area."""
    if fields.get("approximate") not in (None, ""):
        return reasons.read(values.flag, fields.get("approximate"), "approximate",
                            default=False)
    return (formatted is not None and address is None and latitude is None
            and len(formatted.split(",")) < 4)


def _online_area(record_fields: dict[str, Any]) -> None:
    """An online-only meeting with no place at all gets its group's area, marked approximate,
    so Meeting Guide clients keep it (they skip meetings with no address information)."""
    if record_fields["attendance_mode"] == "online" and not record_fields["formatted_address"]:
        area = [record_fields["city"], record_fields["region"]]
        record_fields["formatted_address"] = ", ".join(filter(None, area)) or "United Kingdom"
        record_fields["approximate"] = True


def _website(fields: dict, reasons: _Reasons) -> str | None:
    """The group's own website, else the website of the body that lists it."""
    for key in ("website", "entity_url", "entity_website_url"):
        if fields.get(key):
            return reasons.read(values.web_address, fields[key], key)
    return None


def _fellowship(slug: str | None, reasons: list[str]) -> str | None:
    if slug is None:
        reasons.append("has no fellowship (add a fellowship field, or give --fellowship)")
    elif fellowships.get(slug) is None:
        known = ", ".join(sorted(fellowships.by_slug()))
        reasons.append(f"fellowship {slug!r} is not one of: {known}")
        return None
    return slug


def _attendance(facets: meeting_types.Facets, *, online_access: bool, has_place: bool) -> str:
    """When a feed does not say: a closed venue with a link still meets online; a link (or
    the ONL code) with a real address is hybrid, without one online."""
    if facets.temporarily_closed:
        return "online" if online_access else "inactive"
    if facets.online or online_access:
        return "hybrid" if has_place else "online"
    return "in_person"


def _ethos(fields: dict, facets: meeting_types.Facets, reasons: _Reasons) -> str | None:
    """The group's own stated ethos (the ethos field, or the A code), or None. An ethos whose
    source is not the group (as in our own export) is worked out here again instead."""
    stated = reasons.read(values.choice, fields.get("ethos"), "ethos", ETHOS)
    source = reasons.read(values.choice, fields.get("ethos_source"), "ethos_source", SOURCES)
    if stated and facets.secular and stated != "secular":
        reasons.append(f"ethos {stated!r} contradicts type A (secular)")
    if facets.secular:
        return "secular"
    if stated and source in (None, "group"):
        return stated
    return None


def _ort(fields: dict, reasons: _Reasons) -> str | None:
    """Never invented: the group's statement only when the feed says the group made it. Other
    sources (the fellowship's position, people's experience, as in our own export) are worked
    out here again from our own evidence, not taken from a feed."""
    openness = (
        reasons.read(values.choice, fields.get("ort_openness"), "ort_openness", ORT_OPENNESS)
        or "not_stated"
    )
    source = reasons.read(values.choice, fields.get("ort_source"), "ort_source", SOURCES)
    if openness == "not_stated":
        return None
    if source is None:
        reasons.append(f"ort_openness {openness!r} needs an ort_source (group or fellowship)")
        return None
    if source != "group":
        return None
    if openness not in vocabulary.ORT_STATEMENTS:
        reasons.append(f"ort_openness {openness!r} is not something a group states")
        return None
    return openness


def _region(fields: dict, reasons: _Reasons) -> str | None:
    """The `regions` list (broadest first), else `region` and `sub_region`, as one text."""
    parts = reasons.read(values.string_list, fields.get("regions"), "regions", default=[])
    if not parts:
        keys = ("region", "sub_region")
        parts = [reasons.read(values.text, fields.get(key), key) for key in keys]
    return ", ".join(filter(None, parts)) or None


def _too_long(record_fields: dict[str, Any]) -> list[str]:
    columns = Meeting.__table__.columns
    too_long = []
    for key, value in record_fields.items():
        column = columns.get(key)
        if column is not None and isinstance(column.type, String) and isinstance(value, str):
            if column.type.length and len(value) > column.type.length:
                too_long.append(f"{key} is longer than {column.type.length} characters")
    return too_long
