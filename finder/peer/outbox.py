"""The outbox: email is stored with the change that caused it, then sent by the worker.

Several workers may run at once (on several hosts): each claims rows before sending them, with
`SELECT ... FOR UPDATE SKIP LOCKED` on PostgreSQL and a conditional UPDATE on SQLite, so no
message is sent twice. A failed send is retried with exponential backoff."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid

from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy import update

from finder.models import OutboxMessage
from finder.models.session import Session

log = logging.getLogger(__name__)
MAX_BACKOFF_SECONDS = 6 * 60 * 60


def enqueue(session: Session, to: str, subject: str, body: str, now: dt.datetime) -> None:
    """Add a message to the caller's transaction; it is only sent if that commits."""
    session.add(OutboxMessage(to=to, subject=subject, body=body, next_attempt_at=now,
                              created_at=now))


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    username: str
    password: str
    starttls: bool
    sender: str
    timeout: float = 20

    @classmethod
    def from_config(cls, config: Mapping) -> SmtpSettings:
        return cls(config["SMTP_HOST"], config["SMTP_PORT"], config["SMTP_USERNAME"],
                   config["SMTP_PASSWORD"], config["SMTP_STARTTLS"], config["MAIL_FROM"],
                   config.get("SMTP_TIMEOUT_SECONDS", 20))


def send_one(message: OutboxMessage, smtp: SmtpSettings) -> None:
    email = EmailMessage()
    email["From"] = smtp.sender
    email["To"] = message.to
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(idstring=f"outbox-{message.id}")
    email.set_content(message.body)
    with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout) as connection:
        if smtp.starttls:
            connection.starttls()
        if smtp.username:
            connection.login(smtp.username, smtp.password)
        connection.send_message(email)


def claim(session: Session, worker: str, now: dt.datetime, config: Mapping,
          limit: int = 20) -> list[int]:
    """Claim due messages for this worker and commit the claim. Returns their ids."""
    stale = now - dt.timedelta(seconds=config["FINDER_OUTBOX_CLAIM_TIMEOUT_SECONDS"])
    due = or_(
        (OutboxMessage.status == "pending") & (OutboxMessage.next_attempt_at <= now),
        (OutboxMessage.status == "sending") & (OutboxMessage.claimed_at < stale),
    )
    query = select(OutboxMessage.id).where(due).order_by(OutboxMessage.id).limit(limit)
    claimed: list[int] = []
    if session.get_bind().dialect.name == "postgresql":
        ids = list(session.scalars(query.with_for_update(skip_locked=True)))
        if ids:
            session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(ids))
                            .values(status="sending", claimed_by=worker, claimed_at=now))
        claimed = ids
    else:
        for message_id in session.scalars(query).all():
            result = session.execute(
                update(OutboxMessage).where(OutboxMessage.id == message_id, due)
                .values(status="sending", claimed_by=worker, claimed_at=now)
            )
            if result.rowcount == 1:
                claimed.append(message_id)
    session.commit()
    return claimed


def backoff(attempts: int, config: Mapping) -> dt.timedelta:
    seconds = config["FINDER_OUTBOX_BACKOFF_SECONDS"] * 2 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(seconds, MAX_BACKOFF_SECONDS))


def send_due(session: Session, worker: str, now: dt.datetime, config: Mapping) -> dict[str, int]:
    """Send what is due. Returns counts of sent, retrying and failed messages."""
    counts = {"sent": 0, "retrying": 0, "failed": 0}
    if not config["SMTP_HOST"]:
        return counts
    smtp = SmtpSettings.from_config(config)
    for message_id in claim(session, worker, now, config):
        message = session.get(OutboxMessage, message_id)
        if message is None or message.claimed_by != worker:
            continue
        message.attempts += 1
        try:
            send_one(message, smtp)
        except (OSError, smtplib.SMTPException) as error:
            message.last_error = f"{type(error).__name__}: {error}"[:500]
            if message.attempts >= config["FINDER_OUTBOX_MAX_ATTEMPTS"]:
                message.status = "failed"
                counts["failed"] += 1
            else:
                message.status = "pending"
                message.next_attempt_at = now + backoff(message.attempts, config)
                counts["retrying"] += 1
            # The message id only: addresses and contents stay out of logs.
            log.warning("Outbox message %s not sent (attempt %s): %s", message.id,
                        message.attempts, type(error).__name__)
        else:
            message.status = "sent"
            message.sent_at = now
            message.last_error = None
            counts["sent"] += 1
        message.claimed_by = None
        message.claimed_at = None
        session.commit()
    return counts
