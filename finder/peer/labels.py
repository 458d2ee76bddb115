"""Words for the codes stored on requests and offers, and London times, for pages and emails.
Codes stay in the database and in events; people only ever read these labels."""

from __future__ import annotations

import datetime as dt

from flask_babel import format_datetime
from flask_babel import format_timedelta

from finder import vocabulary


def label(table: dict, code: str | None) -> str:
    return str(table.get(code, code or ""))


def request_reason(request) -> str:
    """Why a request was closed or held back, in words; empty when neither."""
    code = request.closed_reason or request.held_reason
    return label(vocabulary.REQUEST_REASONS, code) if code else ""


def london_time(moment: dt.datetime | None) -> str:
    """A stored UTC time as Europe/London wall-clock time, in the reader's language."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return format_datetime(moment, "d MMM y, HH:mm")


def how_long(since: dt.datetime, now: dt.datetime) -> str:
    """How long something has waited, roughly, in the reader's language ("3 hours")."""
    return format_timedelta(now - since, granularity="minute", threshold=1.5)


def preference_words(request) -> list[str]:
    """A request's preferences as people read them ("Would like a woman", "Polish"); empty
    when it has none."""
    words = []
    if request.volunteer_gender:
        words.append(label(vocabulary.GENDER_WISHES, request.volunteer_gender))
    if request.language:
        words.append(label(vocabulary.MEETING_LANGUAGES, request.language))
    return words
