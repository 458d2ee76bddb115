"""Email and text messages waiting to be sent. Stored in the same transaction as the change
that caused them, then sent by the worker with retries, so an outage never loses or rolls back
a request."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from finder import vocabulary
from finder.extensions import db
from finder.models.coded import coded
from finder.models.times import utcnow


class OutboxMessage(db.Model):
    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(
        coded("ck_outbox_messages_channel", vocabulary.OUTBOX_CHANNELS, length=10),
        default="email", server_default="email")
    to: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(200))  # empty for a text message
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(
        coded("ck_outbox_messages_status", vocabulary.OUTBOX_STATUSES), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    claimed_by: Mapped[str | None] = mapped_column(String(120))
    # Refreshed by the worker while it holds the claim (a heartbeat).
    claimed_at: Mapped[dt.datetime | None]
    # Set, and committed, just before the message content goes to the mail server. A worker
    # that dies after this point may or may not have delivered it: see finder/peer/outbox.py.
    attempt_started_at: Mapped[dt.datetime | None]
    # Who the last attempt went to. GOV.UK Notify can be asked afterwards whether it has a
    # message (by its reference), so a retry after a lost answer checks before sending again.
    sent_via: Mapped[str | None] = mapped_column(
        coded("ck_outbox_messages_sent_via", vocabulary.OUTBOX_SENDERS, length=10))
    # The provider's id for the message once it has taken it (GOV.UK Notify's notification id).
    provider_id: Mapped[str | None] = mapped_column(String(64))
    sent_at: Mapped[dt.datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)
