"""Searching meetings: filters and ordering done in SQL (an index-friendly box around the
point first), then exact distances and next times for the one page that is shown."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from dataclasses import field

from geopy.distance import great_circle
from sqlalchemy import ColumnElement
from sqlalchemy import Select
from sqlalchemy import and_
from sqlalchemy import case
from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy import text

from finder.extensions import db
from finder.geo import grid
from finder.meetings import filters
from finder.meetings import schedule
from finder.models import Meeting

MILES_PER_DEGREE_LATITUDE = 69.05


@dataclass(frozen=True)
class Criteria:
    """A search, already validated. Empty tuples mean "any"."""

    latitude: float | None = None
    longitude: float | None = None
    radius_miles: float = 10.0
    fellowships: tuple[str, ...] = ()
    ethos: str | None = None
    ethos_group_only: bool = False  # only groups that have stated their ethos themselves
    ort_welcoming: bool = False
    ort_group_only: bool = False  # only groups that have said so themselves
    days: tuple[str, ...] = ()  # "0".."6", "today", "tomorrow"
    times: tuple[str, ...] = ()
    soon: bool = False
    mode: str | None = None
    types: tuple[str, ...] = ()
    language: str | None = None
    sort: str = "soonest"

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def uses_distance(self) -> bool:
        return self.has_point and self.attendance[1]

    @property
    def attendance(self) -> tuple[tuple[str, ...], bool]:
        """The attendance modes searched, and whether distance counts for them."""
        return filters.MODES.get(self.mode or "", filters.DEFAULT_MODES)

    @property
    def point(self) -> tuple[float, float]:
        """The search's point, for a search that has one (`has_point`)."""
        assert self.latitude is not None and self.longitude is not None
        return self.latitude, self.longitude


@dataclass(frozen=True)
class Result:
    meeting: Meeting
    occurrence: schedule.Occurrence | None
    distance_miles: float | None


@dataclass
class Results:
    items: list[Result] = field(default_factory=list)
    total: int = 0
    page: int = 1
    page_size: int = 20

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def minutes_until_key(now: dt.datetime):
    """SQL for real minutes until each meeting next starts (negative while it is on).

    Works on the wall clock (minutes since Sunday 00:00) and then corrects for a clock
    change in the coming week, so ordering and "soon" are right on those days too."""
    now_minute = schedule.week_minute(now)
    week = schedule.MINUTES_PER_WEEK
    wall_ahead = (Meeting.week_minute - now_minute + week) % week
    in_progress = wall_ahead > week - Meeting.duration_minutes
    wall = case((in_progress, wall_ahead - week), else_=wall_ahead)
    change = schedule.clock_change_this_week(now)
    if change is None:
        return wall
    return wall + case((wall >= change.wall_minutes_away, change.shift_minutes), else_=0)


def _approximate_square_miles(criteria: Criteria):
    """Squared distance on a flat projection around the point: exact enough to filter and
    order within tens of miles, and cheap in SQL on both databases."""
    latitude, longitude = criteria.point
    cos_lat = math.cos(math.radians(latitude))
    dlat = (Meeting.latitude - latitude) * MILES_PER_DEGREE_LATITUDE
    dlng = (Meeting.longitude - longitude) * (MILES_PER_DEGREE_LATITUDE * cos_lat)
    return dlat * dlat + dlng * dlng


def _where(criteria: Criteria, now: dt.datetime, minutes_until) -> list:
    modes, _ = criteria.attendance
    conditions: list[ColumnElement[bool]] = [
        Meeting.attendance_mode.in_(modes), Meeting.week_minute.is_not(None),
        Meeting.duplicate_of_id.is_(None)]
    if criteria.uses_distance:
        conditions += _within_radius(criteria)
    if criteria.fellowships:
        conditions.append(Meeting.fellowship.in_(criteria.fellowships))
    if criteria.ethos:
        conditions.append(Meeting.ethos == criteria.ethos)
    if criteria.ethos_group_only:
        conditions.append(Meeting.ethos_source == "group")
    if criteria.ort_welcoming or criteria.ort_group_only:
        conditions.append(Meeting.ort_openness == "welcoming")
    if criteria.ort_group_only:
        conditions.append(Meeting.ort_source == "group")
    if criteria.types:
        mask = filters.types_mask(criteria.types)
        conditions.append(Meeting.feature_bits.bitwise_and(mask) == mask)
    if criteria.language:
        conditions.append(Meeting.languages.like(f"%,{criteria.language},%"))
    if criteria.days:
        conditions.append(_on_days(criteria.days, now, minutes_until))
    if criteria.times:
        conditions.append(or_(*(_in_time_band(name) for name in criteria.times)))
    if criteria.soon:
        conditions.append(minutes_until.between(0, schedule.SOON_MINUTES))
    return conditions


def _within_radius(criteria: Criteria) -> list:
    lat_span = criteria.radius_miles / MILES_PER_DEGREE_LATITUDE
    latitude, longitude = criteria.point
    cos_lat = max(math.cos(math.radians(latitude)), 0.01)
    lng_span = lat_span / cos_lat
    cells = grid.cells_covering(
        latitude - lat_span,
        latitude + lat_span,
        longitude - lng_span,
        longitude + lng_span,
    )
    return [
        Meeting.grid_cell.in_(cells),
        Meeting.latitude.between(latitude - lat_span, latitude + lat_span),
        Meeting.longitude.between(longitude - lng_span, longitude + lng_span),
        _approximate_square_miles(criteria) <= criteria.radius_miles**2,
    ]


def _on_days(days: tuple[str, ...], now: dt.datetime, minutes_until):
    today = schedule.now_weekday(now)
    numbers = set()
    clauses = []
    for day in days:
        if day == "today":
            # Today's meetings that are on now or still to come before midnight.
            clauses.append(
                and_(_on_day(today), minutes_until < schedule.minutes_to_end_of_day(now))
            )
        elif day == "tomorrow":
            numbers.add((today + 1) % 7)
        else:
            numbers.add(int(day))
    clauses += [_on_day(number) for number in sorted(numbers)]
    return or_(*clauses)


def _on_day(day: int):
    """Written on week_minute rather than day, so the search index answers it."""
    return Meeting.week_minute.between(day * 1440, day * 1440 + 1439)


def _in_time_band(name: str):
    (start, end), _label = filters.TIMES[name]
    minute_of_day = Meeting.week_minute % 1440
    if start < end:
        return minute_of_day.between(start, end - 1)
    return or_(minute_of_day >= start, minute_of_day < end)


def search(criteria: Criteria, now: dt.datetime, page: int = 1, page_size: int = 20) -> Results:
    minutes_until = minutes_until_key(now)
    conditions = _where(criteria, now, minutes_until)
    # The count of all matches comes with the page's ids: one round trip, not two.
    query: Select = select(Meeting.id, func.count().over()).where(*conditions)
    if criteria.uses_distance:
        nearness = _approximate_square_miles(criteria)
        if criteria.sort == "nearest":
            query = query.order_by(nearness, minutes_until, Meeting.name, Meeting.id)
        else:
            query = query.order_by(minutes_until, nearness, Meeting.name, Meeting.id)
    else:
        query = query.order_by(minutes_until, Meeting.name, Meeting.id)
    query = query.limit(page_size).offset((page - 1) * page_size)
    # Order and page on the index alone, then read just the rows on this page.
    rows = db.session.execute(query).all()
    ids = [meeting_id for meeting_id, _total in rows]
    if rows:
        total = rows[0][1]
    elif page == 1:
        total = 0
    else:  # past the last page: nothing came back to carry the count
        total = db.session.scalar(select(func.count(Meeting.id)).where(*conditions))
    by_id = {m.id: m for m in db.session.scalars(select(Meeting).where(Meeting.id.in_(ids)))}
    items = [describe(by_id[meeting_id], criteria, now) for meeting_id in ids]
    return Results(items=items, total=total, page=page, page_size=page_size)


def describe(meeting: Meeting, criteria: Criteria | None, now: dt.datetime) -> Result:
    occurrence = None
    if meeting.day is not None and meeting.start_time is not None:
        occurrence = schedule.next_occurrence(
            meeting.day, meeting.start_time, meeting.duration_minutes, now
        )
    distance = None
    if criteria and criteria.has_point and meeting.latitude is not None and meeting.is_in_person:
        distance = great_circle(
            criteria.point, (meeting.latitude, meeting.longitude)
        ).miles
    return Result(meeting, occurrence, distance)


def refresh_statistics() -> None:
    """Let the database's query planner see the meetings table as it is after a bulk change,
    so radius searches use the grid index."""
    db.session.execute(text("ANALYZE meetings"))
    db.session.commit()
