"""Words for the codes stored on requests and offers, and London times, for pages and emails.
Codes stay in the database and in events; people only ever read these labels."""

from __future__ import annotations

import datetime as dt

from flask_babel import format_datetime

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
