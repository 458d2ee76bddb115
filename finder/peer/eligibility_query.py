"""The query behind routing: everyone who may be asked about a request, filtered in the
database so only a few rows reach Python however many volunteers there are (finder.peer.routing
checks those few exactly and makes the waves)."""

from __future__ import annotations

import datetime as dt
import functools
import math

from sqlalchemy import Select
from sqlalchemy import String
from sqlalchemy import and_
from sqlalchemy import bindparam
from sqlalchemy import cast
from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy.orm import aliased

from finder import vocabulary
from finder.meetings.schedule import LONDON
from finder.models import AccompanimentRequest
from finder.models import AvailabilityWindow
from finder.models import Offer
from finder.models import Volunteer
from finder.models.free_slots import slot_bit
from finder.peer import states
from finder.peer.requirements import Requirements
from finder.peer.requirements import met_in_sql


def _json_list_holds(column, pattern_name: str):
    """A coarse test that a JSON list column holds a code, on its text (`["aa", "na"]`): the
    same on SQLite and PostgreSQL. `_` in a code matches any character, so the exact test is
    made again in Python (`_really_eligible`)."""
    return cast(column, String).like(bindparam(pattern_name))


def _list_pattern(code: str) -> str:
    return f'%"{code}"%'


# Degrees of latitude per mile, with a margin so a box always holds its circle.
PER_MILE_LATITUDE = 1.05 / 69.0


def _latitude_bands() -> list[tuple[float, float | None, float]]:
    """(lowest radius, highest radius or None for "exactly the lowest", widest radius in the
    band): one band per radius a volunteer can choose (the profile form offers these) and one
    per range between them; radii above the widest get a band of their own (`None` widest)."""
    radii = sorted(vocabulary.VOLUNTEER_RADII_MILES)
    bands: list[tuple[float, float | None, float]] = [
        (float(miles), None, float(miles)) for miles in radii]
    bands += [(float(below), float(above), float(above))
              for below, above in zip([0, *radii[:-1]], radii, strict=True)]
    return bands


# Least recently offered first, never offered before all.
OFFER_ORDER = (Volunteer.last_offered_at.asc().nulls_first(), Volunteer.id)


def _row_rules(online: bool, by_gender: bool, by_language: bool,
               requirements: Requirements) -> list:
    """The rules read from the volunteer's own row, cheap to test on many rows."""
    rules = [
        Volunteer.approved.is_(True), Volunteer.state == "active",
        or_(Volunteer.paused_until.is_(None), Volunteer.paused_until < bindparam("today")),
        met_in_sql(requirements),
        _json_list_holds(Volunteer.fellowships, "fellowship_pattern"),
        # Free then, as far as the mask on the row says (finder/models/free_slots.py).
        Volunteer.free_slots.bitwise_and(bindparam("slot")) != 0,
    ]
    if by_gender:
        rules.append(Volunteer.gender == bindparam("gender"))
    if by_language:
        rules.append(_json_list_holds(Volunteer.languages, "language_pattern"))
    if not online:
        radius = Volunteer.travel_radius_miles
        # Each band is a range the index on (radius, latitude) finds, so the database reads
        # only volunteers near enough to the venue's latitude.
        bands = []
        for number, (low, high, _widest) in enumerate(_latitude_bands()):
            near = Volunteer.latitude.between(bindparam(f"south_{number}"),
                                              bindparam(f"north_{number}"))
            bands.append(and_(radius == low, near) if high is None
                         else and_(radius > low, radius < high, near))
        widest = float(max(vocabulary.VOLUNTEER_RADII_MILES))
        bands.append(and_(radius > widest, Volunteer.latitude.between(
            bindparam("latitude") - radius * PER_MILE_LATITUDE,
            bindparam("latitude") + radius * PER_MILE_LATITUDE)))
        rules += [or_(*bands), Volunteer.longitude.between(
            bindparam("longitude") - radius * bindparam("per_mile_longitude"),
            bindparam("longitude") + radius * bindparam("per_mile_longitude"))]
    return rules


def _lookup_rules(candidate) -> list:
    """The rules that look in other tables (one index lookup each), for one candidate row."""
    free_then = (select(func.count()).select_from(AvailabilityWindow)
                 .where(AvailabilityWindow.volunteer_id == candidate.id,
                        AvailabilityWindow.day == bindparam("day"),
                        AvailabilityWindow.start_minute <= bindparam("minute"),
                        AvailabilityWindow.end_minute > bindparam("minute"))
                 .scalar_subquery())
    asked = select(Offer.id).where(Offer.request_id == bindparam("request_id"),
                                   Offer.volunteer_id == candidate.id).exists()
    active = (select(func.count()).select_from(AccompanimentRequest)
              .where(AccompanimentRequest.volunteer_id == candidate.id,
                     AccompanimentRequest.status.in_(states.WITH_VOLUNTEER))
              .scalar_subquery())
    return [free_then > 0, ~asked, active < candidate.max_active_requests]


@functools.lru_cache(maxsize=64)
def _eligible_statement(online: bool, by_gender: bool, by_language: bool,
                        requirements: Requirements) -> Select:
    """The query for one kind of request, built once: every value is a bound parameter
    (`_eligible_parameters`), so building it costs nothing per request and the database sees
    the same statement each time.

    Two steps: the candidates that pass the rules on their own row, in the order they are
    asked; then, in that order, the lookups in other tables (their windows, earlier offers,
    requests they are going with), so with a LIMIT the database stops after the first few
    rather than looking up every candidate. (OFFSET 0 keeps the first step a step of its own:
    without it the database may merge the two and start from every window of that day.)"""
    candidates = (select(Volunteer)
                  .where(*_row_rules(online, by_gender, by_language, requirements))
                  .order_by(*OFFER_ORDER).offset(0).subquery("candidates"))
    candidate = aliased(Volunteer, candidates)
    return (select(candidate).where(*_lookup_rules(candidate))
            .order_by(candidate.last_offered_at.asc().nulls_first(), candidate.id))


def _eligible_parameters(request: AccompanimentRequest, now: dt.datetime) -> dict:
    today = now.replace(tzinfo=dt.UTC).astimezone(LONDON).date()
    values: dict = {
        "request_id": request.id, "today": today, "day": request.wanted_day,
        "minute": request.wanted_minute,
        "slot": slot_bit(request.wanted_day, request.wanted_minute),
        "fellowship_pattern": _list_pattern(request.fellowship),
        "gender": request.volunteer_gender,
        "language_pattern": _list_pattern(request.language or ""),
    }
    if not request.online:
        lat, lng = request.latitude or 0.0, request.longitude or 0.0
        values["latitude"], values["longitude"] = lat, lng
        values["per_mile_longitude"] = 1.05 / (69.0 * max(math.cos(math.radians(abs(lat) + 1)),
                                                         0.1))
        for number, (_low, _high, widest) in enumerate(_latitude_bands()):
            values[f"south_{number}"] = lat - widest * PER_MILE_LATITUDE
            values[f"north_{number}"] = lat + widest * PER_MILE_LATITUDE
    return values


def eligible_query(request: AccompanimentRequest, now: dt.datetime,
                   requirements: Requirements | None = None) -> tuple[Select, dict]:
    """Everyone who may be asked, as one query and its values, least recently offered first
    (never offered before all). It filters every rule in the database, so only a few rows
    reach Python however many volunteers there are: the distance as a box around the venue
    (each volunteer's own radius), the fellowship and language lists on their JSON text, the
    time by the week's slots and then the windows."""
    statement = _eligible_statement(bool(request.online), bool(request.volunteer_gender),
                                    bool(request.language), requirements or Requirements())
    return statement, _eligible_parameters(request, now)
