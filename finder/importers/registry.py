"""Sources as data: each feed the finder reads, named, with what its last sync did.

A sync reads the feed, parses it and applies it (finder.importers.sync). Whatever happens is
kept on the source: when it was last tried, when it last worked, the counts of that sync,
and the error if it failed. A failed sync changes no meetings. A sync that would remove more
than a set share of a source's meetings stops until someone confirms it.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

from sqlalchemy import select

from finder.extensions import db
from finder.importers import DEFAULT_FELLOWSHIP
from finder.importers import PARSERS
from finder.importers.records import FeedError
from finder.importers.sources import URL
from finder.importers.sources import SourceError
from finder.importers.sources import read_source
from finder.importers.sync import ImportReport
from finder.importers.sync import sync
from finder.importers.values import slugify
from finder.models import Meeting
from finder.models import MeetingSource
from finder.models.times import utcnow

DEFAULT_REMOVAL_SHARE = 0.3
EVERY = re.compile(r"^\s*(\d+)\s*([mhd])\s*$", re.IGNORECASE)
MINUTES = {"m": 1, "h": 60, "d": 24 * 60}


class SourceExists(Exception):
    """A source with that name, or that location and fellowship, is already listed."""


def parse_every(text: str) -> int:
    """"30m", "6h" or "1d" as minutes; ValueError for anything else."""
    match = EVERY.match(text)
    if not match or int(match.group(1)) == 0:
        raise ValueError(f"{text!r} is not a period such as 30m, 6h or 1d")
    return int(match.group(1)) * MINUTES[match.group(2).lower()]


def known_location(location: str) -> str:
    """How a source is known: a URL as given, a file by its absolute path."""
    return location if URL.match(location) else str(Path(location).expanduser().resolve())


def add_source(location: str, *, format: str, fellowship: str | None,
               name: str | None = None, every_minutes: int | None = None) -> MeetingSource:
    location = known_location(location)
    same = select(MeetingSource).where(
        MeetingSource.location == location,
        MeetingSource.fellowship.is_(None) if fellowship is None
        else MeetingSource.fellowship == fellowship)
    existing = db.session.scalars(same).first()
    if existing is not None and existing.name is not None:
        raise SourceExists(f"{location} is already listed as {existing.name}")
    if name is not None and find_source(name) is not None:
        raise SourceExists(f"a source is already called {name}")
    # A source first read by `meetings import` becomes a listed source, meetings and all.
    source = existing or MeetingSource(location=location, format=format, fellowship=fellowship)
    source.format = format
    source.name = name or _free_name(location, fellowship)
    source.every_minutes = every_minutes
    db.session.add(source)
    db.session.commit()
    return source


def find_source(name: str) -> MeetingSource | None:
    return db.session.scalars(select(MeetingSource).where(MeetingSource.name == name)).first()


def listed_sources() -> list[MeetingSource]:
    query = select(MeetingSource).where(MeetingSource.name.is_not(None))
    return list(db.session.scalars(query.order_by(MeetingSource.name)))


def remove_source(source: MeetingSource) -> int:
    """Delete the source and its meetings; how many meetings went."""
    meetings = list(source.meetings)
    for meeting in meetings:
        db.session.delete(meeting)
    db.session.flush()
    db.session.delete(source)
    db.session.commit()
    return len(meetings)


def sync_source(
    source: MeetingSource,
    *,
    dry_run: bool = False,
    confirm: bool = False,
    removal_share: float = DEFAULT_REMOVAL_SHARE,
    progress: Callable[[int], Callable[[int], None]] | None = None,
) -> ImportReport:
    """Read and apply one source, and keep the outcome on it (unless a dry run).

    `progress(total)` is called once the feed is parsed and returns a function to call
    once per meeting. A feed that cannot be read or parsed comes back as a report with no
    changes and `error` set on the source.
    """
    location, fellowship = source.location, source.fellowship
    fellowship = fellowship or DEFAULT_FELLOWSHIP.get(source.format)
    attempted = utcnow()
    try:
        _, text = read_source(location)
        parsed = PARSERS[source.format](text, fellowship)
    except (SourceError, FeedError) as error:
        if not dry_run:
            _record_failure(source, attempted, str(error), rejected=0)
        raise
    had = _meeting_count(source)
    # A coordinator who confirmed a held-back sync allowed the removals it would have made.
    limit = None if confirm else max(math.floor(had * removal_share),
                                     source.removals_allowed or 0)
    report = sync(
        parsed, location=location, format=source.format, fellowship=source.fellowship,
        dry_run=dry_run, max_removed=limit,
        progress=progress(len(parsed.records)) if progress else None,
    )
    if dry_run:
        return report
    source = db.session.merge(source)
    if report.errors:
        reasons = "\n".join(str(error) for error in report.errors)
        _record_failure(source, attempted, reasons, rejected=len(report.errors))
    elif report.held_back:
        _record_failure(source, attempted, report.summary(), rejected=0,
                        held_back_removals=len(report.removed))
    else:
        source.last_attempt_at = source.last_success_at = attempted
        source.last_error, source.failures = None, 0
        source.held_back_removals = source.removals_allowed = None
        source.added, source.updated = len(report.added), len(report.updated)
        source.unchanged, source.removed = len(report.unchanged), len(report.removed)
        source.rejected = 0
        db.session.commit()
    return report


def confirm_removals(source: MeetingSource) -> None:
    """A coordinator confirms a held-back sync: the next read (soon) may remove as many
    meetings as the held-back one would have. The caller commits."""
    source.removals_allowed = source.held_back_removals
    source.sync_requested_at = utcnow()


def _record_failure(source: MeetingSource, attempted, error: str, *, rejected: int,
                    held_back_removals: int | None = None) -> None:
    """Keep the error and count the failure; the meetings and the last good counts stay."""
    db.session.rollback()
    source = db.session.merge(source)
    if held_back_removals is not None:
        source.held_back_removals = held_back_removals
    source.last_attempt_at = attempted
    source.last_error = error
    source.failures = (source.failures or 0) + 1
    source.rejected = rejected
    db.session.commit()


def _meeting_count(source: MeetingSource) -> int:
    if source.id is None:
        return 0
    query = select(db.func.count(Meeting.id)).where(Meeting.source_id == source.id)
    return db.session.scalar(query) or 0


def _free_name(location: str, fellowship: str | None) -> str:
    if URL.match(location):
        parsed = urlparse(location)
        base = slugify(parsed.hostname or "") or "feed"
    else:
        base = slugify(Path(location).stem) or "file"
    if fellowship:
        base = f"{fellowship}-{base}"
    base = base[:90]
    names = itertools.chain([base], (f"{base}-{n}" for n in itertools.count(2)))
    return next(name for name in names if find_source(name) is None)
