"""Making the database match one source's feed, in one transaction.

Meetings are matched by their key in the source: new ones are added, listed ones updated,
ones the feed no longer lists removed. If any row has an error nothing is written, and a
dry run works out the same report without writing.

A new meeting's public slug is its source key (made URL-safe) when no other meeting has
it; otherwise the fellowship slug is put in front ("aa-monday-step"), then a number
("aa-monday-step-2"). A meeting keeps its public slug on every later import.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field

from sqlalchemy import select

from finder.extensions import db
from finder.importers.duplicates import mark_duplicates
from finder.importers.records import MeetingRecord
from finder.importers.records import ParseResult
from finder.importers.records import RowError
from finder.importers.values import slugify
from finder.meetings.search import refresh_statistics
from finder.models import Meeting
from finder.models import MeetingSource
from finder.models.times import utcnow


@dataclass
class ImportReport:
    location: str
    dry_run: bool = False
    # "Name (slug)" of each meeting, by what happens to it.
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    # Set when the sync stopped because it would remove more meetings than allowed.
    held_back: bool = False
    had: int = 0
    # How many meetings (of every source) are duplicates of another source's, after the sync.
    duplicates: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if self.errors:
            problems = "1 problem" if len(self.errors) == 1 else f"{len(self.errors)} problems"
            return f"Nothing imported from {self.location}: {problems} in the data."
        if self.held_back:
            return (f"Stopped {self.location}, nothing written: it would remove "
                    f"{len(self.removed)} of {self.had} meetings. If the feed is right, "
                    "sync again with --confirm.")
        counts = (
            f"{len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.removed)} removed"
        )
        if self.dry_run:
            return f"Dry run of {self.location}, nothing written: would be {counts}."
        twice = ""
        if self.duplicates:
            meetings = "1 meeting is" if self.duplicates == 1 else f"{self.duplicates} meetings are"
            twice = f" {meetings} also listed by another source, and shown once."
        return f"Imported {self.location}: {counts}.{twice}"


def sync(
    parsed: ParseResult,
    *,
    location: str,
    format: str,
    fellowship: str | None = None,
    is_demo: bool = False,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    max_removed: int | None = None,
) -> ImportReport:
    """Apply one source's parsed feed. `progress(1)` is called once per meeting.

    With `max_removed`, a sync that would remove more of the source's meetings than that
    writes nothing and comes back `held_back`."""
    report = ImportReport(location=location, dry_run=dry_run, errors=list(parsed.errors))
    if report.errors:
        return report

    source = _find_source(location, fellowship)
    existing = {m.source_key: m for m in source.meetings} if source else {}
    listed = {record.source_key for record in parsed.records}
    leaving = [meeting for key, meeting in existing.items() if key not in listed]
    taken = set(db.session.scalars(select(Meeting.slug))) - {m.slug for m in leaving}
    arriving: list[tuple[MeetingRecord, str]] = []
    changing: list[tuple[Meeting, MeetingRecord]] = []
    for record in parsed.records:
        meeting = existing.get(record.source_key)
        if meeting is None:
            slug = _free_slug(record, taken)
            taken.add(slug)
            arriving.append((record, slug))
            report.added.append(f"{record.name} ({slug})")
        elif _differs(meeting, record):
            changing.append((meeting, record))
            report.updated.append(f"{record.name} ({meeting.slug})")
        else:
            report.unchanged.append(f"{record.name} ({meeting.slug})")
        if progress:
            progress(1)
    report.removed = [f"{meeting.name} ({meeting.slug})" for meeting in leaving]
    report.had = len(existing)
    report.held_back = max_removed is not None and len(leaving) > max_removed
    if dry_run or report.held_back:
        return report

    try:
        if source is None:
            source = MeetingSource(location=location, fellowship=fellowship)
            db.session.add(source)
        source.format, source.is_demo = format, is_demo
        source.imported_at = utcnow()
        for meeting in leaving:
            db.session.delete(meeting)
        db.session.flush()  # so a removed meeting's slug is free for a new one
        for meeting, record in changing:
            _copy(record, meeting)
        for record, slug in arriving:
            meeting = Meeting(slug=slug, source=source)
            _copy(record, meeting)
            db.session.add(meeting)
        db.session.flush()
        report.duplicates = mark_duplicates(db.session)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    refresh_statistics()
    return report


def _find_source(location: str, fellowship: str | None) -> MeetingSource | None:
    same_fellowship = (
        MeetingSource.fellowship.is_(None)
        if fellowship is None
        else MeetingSource.fellowship == fellowship
    )
    query = select(MeetingSource).where(MeetingSource.location == location, same_fellowship)
    return db.session.scalars(query).first()


def _free_slug(record: MeetingRecord, taken: set[str]) -> str:
    base = slugify(record.source_key)[:180] or "meeting"
    prefixed = f"{record.fellowship}-{base}"
    numbered = (f"{prefixed}-{n}" for n in itertools.count(2))
    return next(slug for slug in itertools.chain([base, prefixed], numbered) if slug not in taken)


def _differs(meeting: Meeting, record: MeetingRecord) -> bool:
    return any(getattr(meeting, key) != value for key, value in record.values().items()
               if not (key == "updated" and value is None))


def _copy(record: MeetingRecord, meeting: Meeting) -> None:
    stated_before = (meeting.feed_ethos, meeting.feed_ort)
    updated_before = meeting.updated
    for key, value in record.values().items():
        setattr(meeting, key, value)
    # A listing with no date of its own is dated when it was first read (and kept), so the
    # feed we export always says when a meeting was last updated.
    if record.updated is None:
        meeting.updated = updated_before or utcnow().replace(microsecond=0)
    # When the listing's own statements were made: the listing's date, else the day they were
    # first read (kept while they stay the same).
    if record.updated is not None:
        meeting.feed_facts_on = record.updated.date()
    elif stated_before != (record.feed_ethos, record.feed_ort) or meeting.feed_facts_on is None:
        meeting.feed_facts_on = utcnow().date()
