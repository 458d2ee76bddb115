"""Requests for a volunteer to go with someone to a meeting, the offers made to volunteers,
and the audit trail (status changes and every reveal of contact details)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import UniqueConstraint
from sqlalchemy import text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from finder import vocabulary
from finder.extensions import db
from finder.models.coded import coded
from finder.models.times import utcnow
from finder.models.volunteer import Volunteer

# Statuses of a request still open (finder.peer.states.OPEN), as SQL for a partial index.
OPEN_REQUEST = text("status IN ('submitted', 'offering', 'escalated', 'matched', 'contacted')")


class AccompanimentRequest(db.Model):
    """Times are naive UTC. Personal data (first name, contact, note, token hashes) is erased a
    set time after closure; the rest stays as anonymous outcome figures."""

    __tablename__ = "accompaniment_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    # sha256 of the secret status-link token; the token itself is never stored.
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # A second link, sent by email when the same person asks again while this one is open.
    resent_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)

    # What and when: a meeting, or a fellowship + postcode district + a day and time.
    meeting_slug: Mapped[str | None] = mapped_column(String(200))
    fellowship: Mapped[str] = mapped_column(String(40))
    postcode_district: Mapped[str | None] = mapped_column(String(60))
    online: Mapped[bool] = mapped_column(default=False)
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    wanted_day: Mapped[int]  # 0 = Sunday, Europe/London
    wanted_minute: Mapped[int]  # minutes since midnight, Europe/London
    meeting_at: Mapped[dt.datetime]  # the occurrence asked for, in UTC

    # Personal data.
    first_name: Mapped[str | None] = mapped_column(String(80))
    contact_method: Mapped[str | None] = mapped_column(
        coded("ck_requests_contact_method", vocabulary.CONTACT_METHODS, length=10))
    contact_value: Mapped[str | None] = mapped_column(String(320), index=True)
    note: Mapped[str | None] = mapped_column(Text)

    # Preferences (hard: gender, language).
    volunteer_gender: Mapped[str | None] = mapped_column(
        coded("ck_requests_volunteer_gender", vocabulary.GENDERS))
    language: Mapped[str | None] = mapped_column(String(8))
    access_needs: Mapped[str | None] = mapped_column(String(500))

    made_by: Mapped[str] = mapped_column(
        coded("ck_requests_made_by", vocabulary.MADE_BY), default="self")  # "self" or "keyworker"
    consent_at: Mapped[dt.datetime]
    # A keyworker asking for a client: when they confirmed that the client agreed to the
    # request and to their details going to one volunteer (None when people ask for themselves).
    client_consent_at: Mapped[dt.datetime | None]
    # The client also agreed that the keyworker may be told whether they went (issue 13): the
    # status page then shows the person's own answer, "did you go?".
    keyworker_may_know_if_went: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(
        coded("ck_requests_status", vocabulary.REQUEST_STATUSES), default="submitted")
    closed_reason: Mapped[str | None] = mapped_column(
        coded("ck_requests_closed_reason", vocabulary.REQUEST_REASONS, length=30))
    # Why a request was held back from volunteers: "duplicate" or "over_limit".
    held_reason: Mapped[str | None] = mapped_column(
        coded("ck_requests_held_reason", vocabulary.HELD_REASONS, length=30))
    outcome: Mapped[str | None] = mapped_column(
        coded("ck_requests_outcome", vocabulary.OUTCOMES, length=30))
    # The requester's answers after the meeting (finder.peer.follow_up): anonymous codes,
    # kept by the purge as outcome figures.
    follow_up_went: Mapped[str | None] = mapped_column(
        coded("ck_requests_follow_up_went", vocabulary.FOLLOW_UP_WENT))
    follow_up_again: Mapped[str | None] = mapped_column(
        coded("ck_requests_follow_up_again", vocabulary.FOLLOW_UP_AGAIN))
    follow_up_next: Mapped[str | None] = mapped_column(
        coded("ck_requests_follow_up_next", vocabulary.FOLLOW_UP_NEXT))
    follow_up_stopped_at: Mapped[dt.datetime | None]
    # Personal (health) data, erased by the purge: said on the form that they take methadone
    # or buprenorphine, so the follow-up may ask whether they felt welcome; and that answer.
    takes_ort_medication: Mapped[bool | None]
    follow_up_welcome: Mapped[str | None] = mapped_column(
        coded("ck_requests_follow_up_welcome", vocabulary.FOLLOW_UP_WELCOME))
    # The follow-up message: when it was queued (once only), and the hash of the status link
    # it carries (the first link's token is never stored, so the message has a link of its own).
    follow_up_sent_at: Mapped[dt.datetime | None]
    follow_up_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # What the volunteer wants the coordinator to know after the meeting (no health details).
    volunteer_note: Mapped[str | None] = mapped_column(Text)
    # Whether the outcome figures already count this request as matched, and as went in:
    # each is counted once however many times (and by whom) it is said.
    matched_counted: Mapped[bool] = mapped_column(default=False)
    went_counted: Mapped[bool] = mapped_column(default=False)
    # A coordinator asked the person whether they would drop this preference (a code of
    # vocabulary.RELAXABLE_PREFERENCES), because nobody who meets it can go; the status page
    # asks them (finder.peer.preferences).
    relax_asked_for: Mapped[str | None] = mapped_column(
        coded("ck_requests_relax_asked_for", vocabulary.RELAXABLE_PREFERENCES, length=30))
    relax_asked_at: Mapped[dt.datetime | None]
    priority: Mapped[bool] = mapped_column(default=False)
    wave: Mapped[int] = mapped_column(default=0)
    wave_started_at: Mapped[dt.datetime | None]
    volunteer_id: Mapped[int | None] = mapped_column(ForeignKey("volunteers.id"), index=True)
    matched_at: Mapped[dt.datetime | None]
    reminder_sent_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[dt.datetime | None]
    erased_at: Mapped[dt.datetime | None]

    volunteer: Mapped[Volunteer | None] = relationship()
    offers: Mapped[list[Offer]] = relationship(back_populates="request", order_by="Offer.id")
    events: Mapped[list[RequestEvent]] = relationship(order_by="RequestEvent.id")
    concerns: Mapped[list[SafeguardingConcern]] = relationship(
        back_populates="request", order_by="SafeguardingConcern.id")

    __table_args__ = (
        Index("ix_requests_status", "status"),
        # One open request per person and meeting, kept by the database itself: of two
        # identical submissions at the same instant, the second INSERT fails and is held as
        # a repeat (see finder.peer.requests.submit).
        Index("uq_requests_open_per_meeting", "contact_value", "fellowship", "wanted_day",
              "wanted_minute", unique=True, sqlite_where=OPEN_REQUEST,
              postgresql_where=OPEN_REQUEST),
    )

    def __repr__(self) -> str:
        return f"<AccompanimentRequest {self.public_id} {self.status}>"


class ContactAllowance(db.Model):
    """How many requests one contact has sent to volunteers in the current day: a counter that
    one conditional UPDATE moves, so requests made at the same instant cannot all pass the
    limit. Keyed by a hash of the contact, deleted by the purge once the day is over."""

    __tablename__ = "contact_allowances"

    contact_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    window_started_at: Mapped[dt.datetime]
    used: Mapped[int] = mapped_column(default=0)




class Offer(db.Model):
    """An invitation to one volunteer. It holds no requester details: the volunteer sees the
    fellowship, the area, the day and time and the preferences, nothing else, until they accept."""

    __tablename__ = "offers"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("accompaniment_requests.id"), index=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id"), index=True)
    wave: Mapped[int]
    status: Mapped[str] = mapped_column(
        coded("ck_offers_status", vocabulary.OFFER_STATUSES), default="offered")
    offered_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    responded_at: Mapped[dt.datetime | None]

    request: Mapped[AccompanimentRequest] = relationship(back_populates="offers")
    volunteer: Mapped[Volunteer] = relationship()

    __table_args__ = (UniqueConstraint("request_id", "volunteer_id", name="uq_offer_once"),)


class RequestEvent(db.Model):
    """One status change: statuses, a reason code, when, and the actor's role; and a
    coordinator's own words when they step outside the rules (an offer outside the person's
    preferences), erased with the requester's personal data."""

    __tablename__ = "request_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("accompaniment_requests.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(
        coded("ck_request_events_from_status", vocabulary.REQUEST_STATUSES))
    to_status: Mapped[str] = mapped_column(
        coded("ck_request_events_to_status", vocabulary.REQUEST_STATUSES))
    reason: Mapped[str | None] = mapped_column(String(30))
    actor_role: Mapped[str] = mapped_column(
        coded("ck_request_events_actor_role", vocabulary.ACTORS))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ContactReveal(db.Model):
    """Who saw which request's contact details, and when."""

    __tablename__ = "contact_reveals"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("accompaniment_requests.id"), index=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SafeguardingConcern(db.Model):
    """A worry about someone's safety, raised on a request by its volunteer or a coordinator.
    The words are kept short and erased with the requester's personal data; the record that a
    concern was raised, and handled, stays in the request's history."""

    __tablename__ = "safeguarding_concerns"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("accompaniment_requests.id"), index=True)
    raised_by_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id"))
    raised_by_role: Mapped[str] = mapped_column(
        coded("ck_safeguarding_concerns_raised_by_role", vocabulary.ACTORS))
    urgent: Mapped[bool] = mapped_column(default=False)
    details: Mapped[str | None] = mapped_column(Text)
    raised_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    handled_at: Mapped[dt.datetime | None]
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("volunteers.id"))

    request: Mapped[AccompanimentRequest] = relationship(back_populates="concerns")
    raised_by: Mapped[Volunteer] = relationship(foreign_keys=[raised_by_id])
    handled_by: Mapped[Volunteer | None] = relationship(foreign_keys=[handled_by_id])

    __table_args__ = (Index("ix_safeguarding_concerns_open", "handled_at"),)
