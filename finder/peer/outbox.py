"""The outbox: email and text messages are stored with the change that caused them, then sent
by the worker, each through the sender configured for its channel (finder.peer.senders).

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
  window, at least once everywhere else).

GOV.UK Notify (text messages, and email when configured) can be asked whether it has a
message, by the reference each message carries (the same on every attempt). So with Notify an
attempt whose outcome is unknown (a 500, a timeout, a worker that died) is simply retried, and
the retry asks Notify first: a message it already has is marked sent, never sent twice. The
message is marked sent only once Notify has answered that it has it."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable
from collections.abc import Mapping
from typing import cast

from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.engine import CursorResult

from finder.models import OutboxMessage
from finder.models.session import Session
from finder.peer import senders
from finder.vocabulary import OUTBOX_CHANNELS

log = logging.getLogger(__name__)
MAX_BACKOFF_SECONDS = 6 * 60 * 60


def enqueue(session: Session, to: str, subject: str, body: str, now: dt.datetime,
            channel: str = "email") -> None:
    """Add a message to the caller's transaction; it is only sent if that commits. A text
    message (channel "sms") has no subject."""
    session.add(OutboxMessage(channel=channel, to=to, subject=subject, body=body,
                              next_attempt_at=now, created_at=now))


def _due(now: dt.datetime, config: Mapping, channels=OUTBOX_CHANNELS):
    """Pending and due, or left by a dead worker before it sent anything, or left by one
    that was talking to Notify (the next attempt asks Notify first)."""
    stale = now - dt.timedelta(seconds=config["FINDER_OUTBOX_CLAIM_TIMEOUT_SECONDS"])
    return OutboxMessage.channel.in_(channels) & or_(
        (OutboxMessage.status == "pending") & (OutboxMessage.next_attempt_at <= now),
        (OutboxMessage.status == "sending") & (OutboxMessage.claimed_at < stale)
        & (OutboxMessage.attempt_started_at.is_(None) | (OutboxMessage.sent_via == "notify")),
    )


def _set_aside_unconfirmed(session: Session, now: dt.datetime, config: Mapping) -> int:
    """Messages whose worker died while the mail server had them: never resent by a worker."""
    stale = now - dt.timedelta(seconds=config["FINDER_OUTBOX_CLAIM_TIMEOUT_SECONDS"])
    result = cast(CursorResult, session.execute(
        update(OutboxMessage).where(
            OutboxMessage.status == "sending", OutboxMessage.claimed_at < stale,
            OutboxMessage.attempt_started_at.is_not(None),
            OutboxMessage.sent_via.is_distinct_from("notify"))
        .values(status="unconfirmed", claimed_by=None, claimed_at=None)))
    if result.rowcount:
        log.warning("%s outbox message(s) may or may not have been delivered: see "
                    "`flask outbox unconfirmed`", result.rowcount)
    return result.rowcount


def claim(session: Session, worker: str, now: dt.datetime, config: Mapping,
          limit: int = 20, channels=OUTBOX_CHANNELS) -> list[int]:
    """Claim due messages of these channels for this worker and commit the claim. Returns
    their ids."""
    _set_aside_unconfirmed(session, now, config)
    due = _due(now, config, channels)
    query = select(OutboxMessage.id).where(due).order_by(OutboxMessage.id).limit(limit)
    claimed: list[int] = []
    if session.get_bind().dialect.name == "postgresql":
        ids = list(session.scalars(query.with_for_update(skip_locked=True)))
        if ids:
            session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(ids))
                            .values(status="sending", claimed_by=worker, claimed_at=now,
                                    attempt_started_at=None))
        claimed = ids
    else:
        for message_id_ in session.scalars(query).all():
            result = cast(CursorResult, session.execute(
                update(OutboxMessage).where(OutboxMessage.id == message_id_, due)
                .values(status="sending", claimed_by=worker, claimed_at=now,
                        attempt_started_at=None)
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


def _record_attempt(session: Session, message: OutboxMessage, worker: str, sender: str,
                    now: dt.datetime) -> bool:
    """Before the content goes out: only the worker holding the claim gets past. Commits."""
    result = cast(CursorResult, session.execute(
        update(OutboxMessage).where(OutboxMessage.id == message.id,
                                    OutboxMessage.claimed_by == worker,
                                    OutboxMessage.status == "sending",
                                    OutboxMessage.attempt_started_at.is_(None))
        .values(attempt_started_at=now, attempts=OutboxMessage.attempts + 1, sent_via=sender)
        .execution_options(synchronize_session=False)))
    session.commit()
    return result.rowcount == 1


def backoff(attempts: int, config: Mapping) -> dt.timedelta:
    seconds = config["FINDER_OUTBOX_BACKOFF_SECONDS"] * 2 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(seconds, MAX_BACKOFF_SECONDS))


def _failed(message: OutboxMessage, error: Exception, now: dt.datetime, config: Mapping,
            counts: dict[str, int]) -> None:
    message.last_error = str(error)[:500]
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
                error)


def send_due(session: Session, worker: str, now: dt.datetime, config: Mapping,
             clock: Callable[[], dt.datetime] | None = None) -> dict[str, int]:
    """Send what is due, on every channel that has a sender. Returns counts of sent, retrying,
    failed and unconfirmed messages. `clock` gives the time for heartbeats and attempts (`now`
    throughout when not given)."""
    clock = clock or (lambda: now)
    counts = {"sent": 0, "retrying": 0, "failed": 0, "unconfirmed": 0}
    by_channel = {channel: senders.for_channel(channel, config) for channel in OUTBOX_CHANNELS}
    ready = [channel for channel, sender in by_channel.items() if sender is not None]
    if not ready:
        return counts
    claimed = claim(session, worker, now, config, channels=ready)
    for position, message_id_ in enumerate(claimed):
        heartbeat(session, worker, claimed[position:], clock())
        message = session.get(OutboxMessage, message_id_)
        if message is None or message.claimed_by != worker:
            continue
        sender = by_channel[message.channel]
        assert sender is not None
        record = functools.partial(
            lambda held, name: _record_attempt(session, held, worker, name, clock()), message)
        try:
            provider_id = sender.send(message, record)
        except senders.ClaimLost:
            continue
        except senders.NotSent as error:
            session.refresh(message)
            if message.attempt_started_at is None:  # failed before the attempt was recorded
                message.attempts += 1
            _failed(message, error, now, config, counts)
        except senders.OutcomeUnknown as error:
            session.refresh(message)
            message.status = "unconfirmed"
            message.last_error = str(error)[:500]
            counts["unconfirmed"] += 1
            log.warning("Outbox message %s may or may not have been delivered: %s",
                        message.id, error)
        else:
            session.refresh(message)
            message.status = "sent"
            message.sent_at = clock()
            message.provider_id = provider_id
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
