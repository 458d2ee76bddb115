"""Meetings, in the shape of the Meeting Guide feed plus the facets the mission needs."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import UniqueConstraint
from sqlalchemy import event
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from finder import vocabulary
from finder.extensions import db
from finder.geo import grid
from finder.meetings import facts
from finder.meetings import filters
from finder.models.coded import coded
from finder.models.times import utcnow


class MeetingSource(db.Model):
    """Where a set of meetings came from: a feed URL, a file, or the demo seed.

    Re-importing the same source is a sync: its meetings are updated by slug and
    the ones it no longer lists are removed.
    """

    __tablename__ = "meeting_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    location: Mapped[str] = mapped_column(String(1000))
    format: Mapped[str] = mapped_column(String(20))
    fellowship: Mapped[str | None] = mapped_column(String(40))
    is_demo: Mapped[bool] = mapped_column(default=False)
    imported_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # A source added with `flask sources add` has a name and, if synced on schedule, how often.
    name: Mapped[str | None] = mapped_column(String(100))
    every_minutes: Mapped[int | None]
    # The last sync attempted, the last that succeeded, and what it did (or why it failed).
    last_attempt_at: Mapped[dt.datetime | None]
    last_success_at: Mapped[dt.datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    failures: Mapped[int] = mapped_column(default=0)
    # A coordinator pressed "sync now": the worker reads the source on its next pass.
    sync_requested_at: Mapped[dt.datetime | None]
    added: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    removed: Mapped[int] = mapped_column(default=0)
    rejected: Mapped[int] = mapped_column(default=0)
    # A sync held back because it would remove too many meetings: how many it would remove.
    # A coordinator who confirms allows that many removals on the next read.
    held_back_removals: Mapped[int | None]
    removals_allowed: Mapped[int | None]

    meetings: Mapped[list[Meeting]] = relationship(back_populates="source")

    __table_args__ = (
        UniqueConstraint("location", "fellowship", name="uq_source_location"),
        UniqueConstraint("name", name="uq_meeting_sources_name"),
    )


class Meeting(db.Model):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_sources.id"))
    # The slug the source itself uses; the public slug may carry a prefix if two sources clash.
    source_key: Mapped[str] = mapped_column(String(200))
    fellowship: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(300))

    # Weekly schedule, Europe/London wall-clock. day 0 = Sunday ... 6 = Saturday.
    # day/start_time are empty for meetings "by appointment".
    day: Mapped[int | None]
    start_time: Mapped[dt.time | None]
    end_time: Mapped[dt.time | None]
    timezone: Mapped[str] = mapped_column(String(60), default="Europe/London")
    # Derived from day/start_time/end_time when saved, so search can filter and order in SQL:
    # minutes since Sunday 00:00 (wall-clock) and the meeting's length in minutes.
    week_minute: Mapped[int | None] = mapped_column(index=True)
    duration_minutes: Mapped[int] = mapped_column(default=60)

    attendance_mode: Mapped[str] = mapped_column(
        coded("ck_meetings_attendance_mode", vocabulary.ATTENDANCE), default="in_person")
    # The effective ethos and openness to opioid substitution treatment (methadone,
    # buprenorphine), whose statement each is (FACT_SOURCES; no source = not stated) and the
    # date it was made or checked. Derived when saved from the statements below and the
    # fellowship's published position (finder.meetings.facts), so search filters on them.
    ethos: Mapped[str] = mapped_column(coded("ck_meetings_ethos", vocabulary.ETHOS))
    ethos_source: Mapped[str] = mapped_column(
        coded("ck_meetings_ethos_source", vocabulary.FACT_SOURCES), default="fellowship")
    ethos_as_of: Mapped[dt.date | None]
    ort_openness: Mapped[str] = mapped_column(
        coded("ck_meetings_ort_openness", vocabulary.ORT_OPENNESS), default="not_stated")
    ort_source: Mapped[str | None] = mapped_column(
        coded("ck_meetings_ort_source", vocabulary.FACT_SOURCES))
    ort_as_of: Mapped[dt.date | None]
    # What the group says in the source's listing (extension fields, the A code), and the date
    # of that listing.
    feed_ethos: Mapped[str | None] = mapped_column(
        coded("ck_meetings_feed_ethos", vocabulary.ETHOS))
    feed_ort: Mapped[str | None] = mapped_column(
        coded("ck_meetings_feed_ort", vocabulary.ORT_STATEMENTS))
    feed_facts_on: Mapped[dt.date | None]
    # The group's latest published statement made since (to a coordinator, or by its link).
    group_ethos: Mapped[str | None] = mapped_column(
        coded("ck_meetings_group_ethos", vocabulary.ETHOS))
    group_ethos_on: Mapped[dt.date | None]
    group_ethos_via: Mapped[str | None] = mapped_column(
        coded("ck_meetings_group_ethos_via", vocabulary.STATEMENT_CHANNELS))
    group_ort: Mapped[str | None] = mapped_column(
        coded("ck_meetings_group_ort", vocabulary.ORT_STATEMENTS))
    group_ort_on: Mapped[dt.date | None]
    group_ort_via: Mapped[str | None] = mapped_column(
        coded("ck_meetings_group_ort_via", vocabulary.STATEMENT_CHANNELS))
    # People's experience as a coordinator published it: counts only.
    experience_welcomed: Mapped[int | None]
    experience_total: Mapped[int | None]
    experience_on: Mapped[dt.date | None]

    # Place
    location: Mapped[str | None] = mapped_column(String(300))
    location_notes: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(String(300))
    city: Mapped[str | None] = mapped_column(String(120))
    region: Mapped[str | None] = mapped_column(String(200))
    postal_code: Mapped[str | None] = mapped_column(String(12))
    country: Mapped[str | None] = mapped_column(String(60))
    formatted_address: Mapped[str | None] = mapped_column(String(500))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    # A 0.1-degree square of the map (see finder.geo.grid), so a radius search reads only the
    # index entries of the squares it covers. Derived from latitude/longitude when saved.
    grid_cell: Mapped[int | None]
    approximate: Mapped[bool] = mapped_column(default=False)

    # Online
    conference_url: Mapped[str | None] = mapped_column(String(1000))
    conference_url_notes: Mapped[str | None] = mapped_column(Text)
    conference_phone: Mapped[str | None] = mapped_column(String(100))
    conference_phone_notes: Mapped[str | None] = mapped_column(Text)

    # Meeting Guide type codes as the source gave them (interpreted per fellowship),
    # plus the facets people filter on, resolved from them at import.
    types: Mapped[list[str]] = mapped_column(JSON, default=list)
    is_open: Mapped[bool | None]
    for_women: Mapped[bool] = mapped_column(default=False)
    for_men: Mapped[bool] = mapped_column(default=False)
    lgbtq: Mapped[bool] = mapped_column(default=False)
    young_people: Mapped[bool] = mapped_column(default=False)
    wheelchair_access: Mapped[bool] = mapped_column(default=False)
    hearing_loop: Mapped[bool] = mapped_column(default=False)
    proof_of_attendance: Mapped[bool] = mapped_column(default=False)
    # The filterable features above as bits (finder.meetings.filters.feature_bits), so a search can
    # check them from an index without reading each row.
    feature_bits: Mapped[int] = mapped_column(default=0)
    # ISO 639-1 codes, stored ",en,pl," so a LIKE '%,pl,%' filter is exact.
    languages: Mapped[str] = mapped_column(String(200), default=",en,")

    notes: Mapped[str | None] = mapped_column(Text)
    group_name: Mapped[str | None] = mapped_column(String(300))
    website: Mapped[str | None] = mapped_column(String(1000))
    email: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(100))
    updated: Mapped[dt.datetime | None]
    # Set when another source lists the same meeting: only the meeting kept is shown.
    duplicate_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"))

    source: Mapped[MeetingSource | None] = relationship(back_populates="meetings")

    __table_args__ = (
        UniqueConstraint("source_id", "source_key", name="uq_meeting_source_key"),
        # Covers everything a radius search filters and orders on, so it never reads rows
        # that it does not show.
        Index("ix_meetings_radius_search", "grid_cell", "week_minute", "latitude", "longitude",
              "duration_minutes", "attendance_mode", "fellowship", "ethos", "ort_openness",
              "feature_bits", "ort_source", "duplicate_of_id", "ethos_source"),
        Index("ix_meetings_mode", "attendance_mode"),
    )

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @language_codes.setter
    def language_codes(self, codes: list[str]) -> None:
        self.languages = "," + ",".join(dict.fromkeys(codes)) + "," if codes else ","

    @property
    def is_online(self) -> bool:
        return self.attendance_mode in {"online", "hybrid"}

    @property
    def is_in_person(self) -> bool:
        return self.attendance_mode in {"in_person", "hybrid"}

    def __repr__(self) -> str:
        return f"<Meeting {self.slug}>"


DEFAULT_DURATION_MINUTES = 60


def _minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute


@event.listens_for(Meeting, "before_insert")
@event.listens_for(Meeting, "before_update")
def _derive_before_saving(mapper, connection, meeting: Meeting) -> None:
    derive_search_columns(meeting)


def derive_search_columns(meeting: Meeting) -> None:
    """The columns search reads, worked out from the meeting's own facts."""
    facts.derive(meeting)
    meeting.grid_cell = grid.cell_of(meeting.latitude, meeting.longitude)
    meeting.feature_bits = filters.feature_bits(meeting)
    if meeting.day is None or meeting.start_time is None:
        meeting.week_minute = None
    else:
        meeting.week_minute = meeting.day * 1440 + _minutes(meeting.start_time)
    if meeting.start_time is not None and meeting.end_time is not None:
        length = (_minutes(meeting.end_time) - _minutes(meeting.start_time)) % 1440
        meeting.duration_minutes = length or DEFAULT_DURATION_MINUTES
    else:
        meeting.duration_minutes = DEFAULT_DURATION_MINUTES
