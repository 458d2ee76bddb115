"""Volunteers who go with people to meetings, and the coordinators who look after them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import String
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from finder import vocabulary
from finder.extensions import db
from finder.models.coded import coded
from finder.models.encrypted import EncryptedString
from finder.models.times import utcnow


class Volunteer(db.Model):
    __tablename__ = "volunteers"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    first_name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(
        coded("ck_volunteers_role", vocabulary.ROLES), default="volunteer")
    approved: Mapped[bool] = mapped_column(default=False)
    # "active" or "retired"; a retired volunteer keeps their history but gets no offers.
    state: Mapped[str] = mapped_column(
        coded("ck_volunteers_state", vocabulary.VOLUNTEER_STATES), default="active")
    paused_until: Mapped[dt.date | None]
    # Fellowship slugs and ISO 639-1 language codes.
    fellowships: Mapped[list[str]] = mapped_column(JSON, default=list)
    languages: Mapped[list[str]] = mapped_column(JSON, default=lambda: ["en"])
    gender: Mapped[str | None] = mapped_column(coded("ck_volunteers_gender", vocabulary.GENDERS))
    # A postcode or a place ("Newport, Pembrokeshire"), as the volunteer chose it.
    home_postcode: Mapped[str | None] = mapped_column(String(80))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    travel_radius_miles: Mapped[float] = mapped_column(default=5)
    max_active_requests: Mapped[int] = mapped_column(default=1)
    last_offered_at: Mapped[dt.datetime | None]
    # Which parts of which weekdays they may be free, kept from their availability windows
    # (finder/models/free_slots.py), so routing filters availability in this row.
    free_slots: Mapped[int] = mapped_column(default=0, server_default="0")
    # The records a service keeps (finder.peer.requirements): dates only, never what a check
    # found or anything about health. The agreement is the one ticked at sign-up.
    agreement_on: Mapped[dt.date | None]
    trained_on: Mapped[dt.date | None]
    dbs_checked_on: Mapped[dt.date | None]
    reference_checked_on: Mapped[dt.date | None]
    # When they confirmed they had read "What a volunteer is and isn't" (before their first
    # "I can go"; finder.peer.matching.accept asks for it).
    guidance_read_on: Mapped[dt.date | None]
    # Signing in and answering offers.
    last_active_at: Mapped[dt.datetime | None]
    # Sign-in attempts since the last success, and the earliest time the next may be checked
    # (finder/peer/accounts.py: a throttle that slows guessing without locking anyone out).
    failed_logins: Mapped[int] = mapped_column(default=0)
    next_sign_in_at: Mapped[dt.datetime | None]
    # Stored in the session at sign-in; raising it ends every session of this account.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    # Two-factor sign-in (finder/peer/two_factor.py): the TOTP secret, confirmed once the
    # first code from it is entered; the last time step used (a code works once); recovery
    # codes as SHA-256 hashes. The secret is stored encrypted (finder/models/encrypted.py).
    # Deferred: read (and decrypted) only by the two-factor steps that use it.
    totp_secret: Mapped[str | None] = mapped_column(EncryptedString, deferred=True)
    totp_confirmed_at: Mapped[dt.datetime | None]
    totp_last_step: Mapped[int | None]
    recovery_code_hashes: Mapped[list[str] | None] = mapped_column(JSON)
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    # Routing finds volunteers by a band of latitude for each radius (finder.peer.routing).
    __table_args__ = (Index("ix_volunteers_radius_latitude", "travel_radius_miles", "latitude"),)

    availability: Mapped[list[AvailabilityWindow]] = relationship(
        back_populates="volunteer", cascade="all, delete-orphan",
        order_by="(AvailabilityWindow.day, AvailabilityWindow.start_minute)",
    )

    @property
    def is_coordinator(self) -> bool:
        return self.role == "coordinator"

    def is_paused(self, today: dt.date) -> bool:
        return self.paused_until is not None and self.paused_until >= today

    def __repr__(self) -> str:
        return f"<Volunteer {self.id}>"


class AvailabilityWindow(db.Model):
    """A weekly window on the Europe/London wall clock: day 0 = Sunday, minutes since midnight."""

    __tablename__ = "availability_windows"

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id"), index=True)
    day: Mapped[int]
    start_minute: Mapped[int]
    end_minute: Mapped[int]

    volunteer: Mapped[Volunteer] = relationship(back_populates="availability")

    # Routing asks whether each volunteer is free at one day and minute: one index lookup.
    __table_args__ = (Index("ix_availability_when", "volunteer_id", "day", "start_minute",
                            "end_minute"),)

    def covers(self, day: int, minute: int) -> bool:
        return self.day == day and self.start_minute <= minute < self.end_minute
