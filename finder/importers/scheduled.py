"""Syncing each listed source when it is due, from the worker.

A source with a period (`--every`) is due that long after its last attempt. After a failure
it is tried again sooner at first, then less and less often: 15 minutes after the first
failure, doubling each time, never more often than its own period would and never less
often than once a day. A failed sync keeps the meetings the source last gave.

Several workers may run at once: a worker claims a source by moving its last attempt
forward only if no other worker has, so each due source is read once.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.engine import CursorResult

from finder.extensions import db
from finder.importers import registry
from finder.importers.records import FeedError
from finder.importers.sources import SourceError
from finder.models import MeetingSource
from finder.peer import messages

FIRST_RETRY = dt.timedelta(minutes=15)
LONGEST_WAIT = dt.timedelta(days=1)


def next_due(source: MeetingSource) -> dt.datetime | None:
    """When the worker should next read the source; None if it is synced only by hand.
    A coordinator's "sync now" makes it due at once."""
    if source.sync_requested_at is not None:
        return source.sync_requested_at
    if not source.every_minutes:
        return None
    if source.last_attempt_at is None:
        return dt.datetime.min
    every = dt.timedelta(minutes=source.every_minutes)
    if not source.failures:
        return source.last_attempt_at + every
    backing_off = FIRST_RETRY * 2 ** min(source.failures - 1, 16)
    return source.last_attempt_at + min(backing_off, max(every, LONGEST_WAIT))


def sync_due(now: dt.datetime, *, removal_share: float = registry.DEFAULT_REMOVAL_SHARE,
             failures_before_email: int = 3) -> dict[str, int]:
    """Sync every source that is due; counts of those synced and those that failed.

    Coordinators are emailed when a source reaches `failures_before_email` failures in a
    row, and when a sync first waits for confirmation."""
    counts = {"sources_synced": 0, "sources_failed": 0}
    scheduled = select(MeetingSource).where(
        MeetingSource.every_minutes.is_not(None) | MeetingSource.sync_requested_at.is_not(None),
        MeetingSource.name.is_not(None))
    for source in list(db.session.scalars(scheduled)):
        due = next_due(source)
        if due is None or due > now or not _claim(source, now):
            continue
        held_back = False
        try:
            report = registry.sync_source(source, removal_share=removal_share)
            held_back = report.held_back
            if report.ok and not held_back:
                counts["sources_synced"] += 1
                continue
        except (SourceError, FeedError):
            pass
        counts["sources_failed"] += 1
        failed = db.session.get(MeetingSource, source.id)
        if failed is not None and (failed.failures == failures_before_email
                                   or (held_back and failed.failures == 1)):
            messages.to_coordinators_source_failing(
                db.session, failed.name or "", failed.failures, held_back, now)
            db.session.commit()
    return counts


def _claim(source: MeetingSource, now: dt.datetime) -> bool:
    claimed = cast(CursorResult, db.session.execute(
        update(MeetingSource)
        .where(MeetingSource.id == source.id,
               MeetingSource.last_attempt_at.is_not_distinct_from(source.last_attempt_at))
        .values(last_attempt_at=now, sync_requested_at=None)
        .execution_options(synchronize_session=False)))
    db.session.commit()
    return claimed.rowcount == 1
