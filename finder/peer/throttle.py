"""Slowing down password and code guessing per account, without ever locking anyone out.

Every try is counted before it is checked. The first FINDER_SIGN_IN_MAX_FAILURES tries since
the last success are checked at once; after that the account's next try may be checked only
FINDER_SIGN_IN_DELAY_SECONDS after the last one, the wait doubling each time up to
FINDER_SIGN_IN_MAX_DELAY_SECONDS. A try made too soon is simply not checked, and the caller
answers it exactly as it answers a wrong password. The per-IP rate limit on the sign-in form
comes on top."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import cast

from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.engine import CursorResult

from finder.models import Volunteer
from finder.models.session import Session


def retry_delay(tries: int, config: Mapping) -> dt.timedelta:
    """How long after the `tries`-th try since the last success the next may be checked."""
    free = config["FINDER_SIGN_IN_MAX_FAILURES"]
    if tries < free:
        return dt.timedelta(0)
    seconds = config["FINDER_SIGN_IN_DELAY_SECONDS"] * 2 ** min(tries - free, 20)
    return dt.timedelta(seconds=min(seconds, config["FINDER_SIGN_IN_MAX_DELAY_SECONDS"]))


def take_a_turn(session: Session, volunteer: Volunteer, now: dt.datetime,
                config: Mapping) -> bool:
    """Count one try; False when it comes too soon and must not be checked. Commits.

    One conditional UPDATE that compares and sets the count, so of tries made at the same
    moment only one is counted and may be checked: guessing in parallel is no faster than
    guessing one after another (on SQLite and PostgreSQL alike)."""
    seen, not_before = session.execute(
        select(Volunteer.failed_logins, Volunteer.next_sign_in_at)
        .where(Volunteer.id == volunteer.id)).one()
    if not_before is not None and not_before > now:
        session.commit()
        return False
    counted = cast(CursorResult, session.execute(
        update(Volunteer).where(Volunteer.id == volunteer.id, Volunteer.failed_logins == seen)
        .values(failed_logins=seen + 1, next_sign_in_at=now + retry_delay(seen + 1, config))
        .execution_options(synchronize_session=False)))
    session.commit()
    return counted.rowcount == 1


def reset(session: Session, volunteer: Volunteer) -> None:
    """After a full sign-in. The caller commits."""
    session.execute(update(Volunteer).where(Volunteer.id == volunteer.id)
                    .values(failed_logins=0, next_sign_in_at=None)
                    .execution_options(synchronize_session=False))


def same_work(session: Session) -> None:
    """For an unknown address: the statements take_a_turn makes, changing nothing, so the time
    a try takes does not tell whether the address has an account. Commits."""
    session.execute(select(Volunteer.failed_logins, Volunteer.next_sign_in_at)
                    .where(Volunteer.id == -1)).all()
    session.execute(update(Volunteer).where(Volunteer.id == -1)
                    .values(failed_logins=Volunteer.failed_logins + 1)
                    .execution_options(synchronize_session=False))
    session.commit()
