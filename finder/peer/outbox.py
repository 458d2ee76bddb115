"""The outbox: email is stored with the change that caused it, then sent by the worker.

Several workers may run at once (on several hosts): each claims rows before sending them, with
`SELECT ... FOR UPDATE SKIP LOCKED` on PostgreSQL and a conditional UPDATE on SQLite. A worker
renews its claims before each message (a heartbeat), so a short claim timeout is safe and a
dead worker's messages are taken up within FINDER_OUTBOX_CLAIM_TIMEOUT_SECONDS.

What "sent once" can honestly mean with SMTP: a mail server takes a message at the end of
DATA, and a worker can die after the server has it but before the database records that. So:
- every message has a stable Message-ID (the same on every attempt), so a receiving system
  that drops repeats of a Message-ID can;
- before the content goes to the server, the worker records the attempt (a conditional UPDATE
  that only the worker holding the claim can make, committed). A failure before that point
  (server down, refused login) is retried with backoff: nothing was sent. A refusal the server
  states (a 4xx/5xx reply) is retried too: the server did not take the message;
- a message whose attempt was recorded but whose result never was (the worker died, or the
  connection broke during DATA) is never sent again automatically: it becomes "unconfirmed",
  and `flask --app finder outbox unconfirmed` lists such messages for a person to resend or
  drop. So a crash can cost a message a delay, never a duplicate (at most once in that small
  window, at least once everywhere else)."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import smtplib
from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr
from typing import cast

from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.engine import CursorResult

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


def message_id(message: OutboxMessage, sender: str) -> str:
    """The same on every attempt: built from the row, not from the moment of sending."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    return f"<outbox-{message.id}-{message.created_at:%Y%m%d%H%M%S}@{domain}>"


class ClaimLost(Exception):
    """Another worker took the message over (this one was too slow): it sends nothing."""


def send_one(message: OutboxMessage, smtp: SmtpSettings,
             before_content: Callable[[], bool] = lambda: True) -> None:
    """Connect, then `before_content()` (False: send nothing, raise ClaimLost), then send."""
    email = EmailMessage()
    email["From"] = smtp.sender
    email["To"] = message.to
    email["Subject"] = message.subject
    email["Message-ID"] = message_id(message, smtp.sender)
    email.set_content(message.body)
    with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout) as connection:
        if smtp.starttls:
            connection.starttls()
        if smtp.username:
            connection.login(smtp.username, smtp.password)
        if not before_content():
            raise ClaimLost
        connection.send_message(email)


def _due(now: dt.datetime, config: Mapping):
    stale = now - dt.timedelta(seconds=config["FINDER_OUTBOX_CLAIM_TIMEOUT_SECONDS"])
    return or_(
        (OutboxMessage.status == "pending") & (OutboxMessage.next_attempt_at <= now),
        (OutboxMessage.status == "sending") & (OutboxMessage.claimed_at < stale)
        & OutboxMessage.attempt_started_at.is_(None),
    )


def _set_aside_unconfirmed(session: Session, now: dt.datetime, config: Mapping) -> int:
    """Messages whose worker died while the mail server had them: never resent by a worker."""
    stale = now - dt.timedelta(seconds=config["FINDER_OUTBOX_CLAIM_TIMEOUT_SECONDS"])
    result = cast(CursorResult, session.execute(
        update(OutboxMessage).where(
            OutboxMessage.status == "sending", OutboxMessage.claimed_at < stale,
            OutboxMessage.attempt_started_at.is_not(None))
        .values(status="unconfirmed", claimed_by=None, claimed_at=None)))
    if result.rowcount:
        log.warning("%s outbox message(s) may or may not have been delivered: see "
                    "`flask outbox unconfirmed`", result.rowcount)
    return result.rowcount


def claim(session: Session, worker: str, now: dt.datetime, config: Mapping,
          limit: int = 20) -> list[int]:
    """Claim due messages for this worker and commit the claim. Returns their ids."""
    _set_aside_unconfirmed(session, now, config)
    due = _due(now, config)
    query = select(OutboxMessage.id).where(due).order_by(OutboxMessage.id).limit(limit)
    claimed: list[int] = []
    if session.get_bind().dialect.name == "postgresql":
        ids = list(session.scalars(query.with_for_update(skip_locked=True)))
        if ids:
            session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(ids))
                            .values(status="sending", claimed_by=worker, claimed_at=now))
        claimed = ids
    else:
        for message_id_ in session.scalars(query).all():
            result = cast(CursorResult, session.execute(
                update(OutboxMessage).where(OutboxMessage.id == message_id_, due)
                .values(status="sending", claimed_by=worker, claimed_at=now)
            ))
            if result.rowcount == 1:
                claimed.append(message_id_)
    session.commit()
    return claimed


def heartbeat(session: Session, worker: str, ids: list[int], now: dt.datetime) -> None:
    """Renew this worker's claims on messages it has yet to send. Commits."""
    if ids:
        session.execute(update(OutboxMessage).where(
            OutboxMessage.id.in_(ids), OutboxMessage.claimed_by == worker,
            OutboxMessage.status == "sending").values(claimed_at=now)
            .execution_options(synchronize_session=False))
    session.commit()


def _record_attempt(session: Session, message: OutboxMessage, worker: str,
                    now: dt.datetime) -> bool:
    """Before the content goes out: only the worker holding the claim gets past. Commits."""
    result = cast(CursorResult, session.execute(
        update(OutboxMessage).where(OutboxMessage.id == message.id,
                                    OutboxMessage.claimed_by == worker,
                                    OutboxMessage.status == "sending",
                                    OutboxMessage.attempt_started_at.is_(None))
        .values(attempt_started_at=now, attempts=OutboxMessage.attempts + 1)
        .execution_options(synchronize_session=False)))
    session.commit()
    return result.rowcount == 1


def backoff(attempts: int, config: Mapping) -> dt.timedelta:
    seconds = config["FINDER_OUTBOX_BACKOFF_SECONDS"] * 2 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(seconds, MAX_BACKOFF_SECONDS))


def _failed(message: OutboxMessage, error: Exception, now: dt.datetime, config: Mapping,
            counts: dict[str, int]) -> None:
    message.last_error = f"{type(error).__name__}: {error}"[:500]
    message.attempt_started_at = None
    if message.attempts >= config["FINDER_OUTBOX_MAX_ATTEMPTS"]:
        message.status = "failed"
        counts["failed"] += 1
    else:
        message.status = "pending"
        message.next_attempt_at = now + backoff(message.attempts, config)
        counts["retrying"] += 1
    # The message id only: addresses and contents stay out of logs.
    log.warning("Outbox message %s not sent (attempt %s): %s", message.id, message.attempts,
                type(error).__name__)


def send_due(session: Session, worker: str, now: dt.datetime, config: Mapping,
             clock: Callable[[], dt.datetime] | None = None) -> dict[str, int]:
    """Send what is due. Returns counts of sent, retrying, failed and unconfirmed messages.
    `clock` gives the time for heartbeats and attempts (`now` throughout when not given)."""
    clock = clock or (lambda: now)
    counts = {"sent": 0, "retrying": 0, "failed": 0, "unconfirmed": 0}
    if not config["SMTP_HOST"]:
        return counts
    smtp = SmtpSettings.from_config(config)
    claimed = claim(session, worker, now, config)
    for position, message_id_ in enumerate(claimed):
        heartbeat(session, worker, claimed[position:], clock())
        message = session.get(OutboxMessage, message_id_)
        if message is None or message.claimed_by != worker:
            continue
        try:
            send_one(message, smtp, functools.partial(
                lambda held: _record_attempt(session, held, worker, clock()), message))
        except ClaimLost:
            continue
        except smtplib.SMTPResponseException as error:  # the server said no: not delivered
            session.refresh(message)
            if message.attempt_started_at is None:
                message.attempts += 1
            _failed(message, error, now, config, counts)
        except (OSError, smtplib.SMTPException) as error:
            session.refresh(message)
            if message.attempt_started_at is None:  # before any content left: not delivered
                message.attempts += 1
                _failed(message, error, now, config, counts)
            else:  # the connection broke while the server had it: delivered or not, unknown
                message.status = "unconfirmed"
                message.last_error = f"{type(error).__name__}: {error}"[:500]
                counts["unconfirmed"] += 1
                log.warning("Outbox message %s may or may not have been delivered: %s",
                            message.id, type(error).__name__)
        else:
            session.refresh(message)
            message.status = "sent"
            message.sent_at = clock()
            message.last_error = None
            counts["sent"] += 1
        message.claimed_by = None
        message.claimed_at = None
        session.commit()
    return counts


def unconfirmed(session: Session) -> list[OutboxMessage]:
    return list(session.scalars(select(OutboxMessage)
                                .where(OutboxMessage.status == "unconfirmed")
                                .order_by(OutboxMessage.id)))


def decide(session: Session, message: OutboxMessage, resend: bool, now: dt.datetime) -> None:
    """A person's decision on an unconfirmed message: send it again, or leave it as failed."""
    message.status = "pending" if resend else "failed"
    message.attempt_started_at = None
    message.next_attempt_at = now
    session.commit()
