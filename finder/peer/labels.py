"""Words for the codes stored on requests and offers, and London times, for pages and emails.
Codes stay in the database and in events; people only ever read these labels."""

from __future__ import annotations

import datetime as dt

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l

STATUSES = {
    "submitted": _l("Received"),
    "offering": _l("Looking for a volunteer"),
    "escalated": _l("Passed to a coordinator"),
    "matched": _l("Volunteer found"),
    "contacted": _l("Volunteer in touch"),
    "completed": _l("Finished"),
    "cancelled": _l("Cancelled"),
    "expired": _l("Expired"),
    "closed": _l("Closed"),
    "held": _l("Held back, not sent to volunteers"),
}
CLOSE_REASONS = {
    "no_volunteer": _l("no volunteer could go"),
    "duplicate": _l("duplicate"),
    "spam": _l("spam"),
    "safeguarding": _l("safeguarding concern"),
    "over_limit": _l("too many requests from one contact in a day"),
}
OFFER_STATUSES = {
    "offered": _l("offered"),
    "accepted": _l("accepted"),
    "declined": _l("declined"),
    "taken": _l("taken by someone else"),
    "expired": _l("expired"),
    "withdrawn": _l("withdrawn"),
}
ACTORS = {
    "requester": _l("requester"),
    "volunteer": _l("volunteer"),
    "coordinator": _l("coordinator"),
    "system": _l("automatic"),
}
GENDERS = {"woman": _l("a woman"), "man": _l("a man"), "non_binary": _l("non-binary")}


def label(table: dict, code: str | None) -> str:
    return str(table.get(code, code or ""))


def request_reason(request) -> str:
    """Why a request was closed or held back, in words; empty when neither."""
    code = request.closed_reason or request.held_reason
    return label(CLOSE_REASONS, code) if code else ""


def london_time(moment: dt.datetime | None) -> str:
    """A stored UTC time as Europe/London wall-clock time, in the reader's language."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return format_datetime(moment, "d MMM y, HH:mm")
