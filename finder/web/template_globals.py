"""What templates can call: the page context, and the domain's words for meetings and
requests (the domain modules say things; this module only hands them to Jinja)."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask
from flask import g
from flask import request
from flask_babel import get_locale
from sqlalchemy import select

from finder import vocabulary
from finder.extensions import db
from finder.meetings import text as meeting_text
from finder.models import MeetingSource
from finder.peer import labels as peer_labels
from finder.peer import messages as peer_messages
from finder.web.i18n import LANGUAGE_NAMES
from finder.web.security import csp_nonce
from finder.web.static_files import static_url


def demo_data_loaded() -> bool:
    if "demo_data_loaded" not in g:
        query = select(MeetingSource.id).where(MeetingSource.is_demo.is_(True)).limit(1)
        g.demo_data_loaded = db.session.execute(query).first() is not None
    return g.demo_data_loaded


def current_path_with(**changes) -> str:
    """The current URL with some query parameters replaced (for pagination and switchers)."""
    args = request.args.to_dict(flat=False)
    for key, value in changes.items():
        args[key] = value if isinstance(value, list) else [value]
    return request.path + ("?" + urlencode(args, doseq=True) if args else "")


def page_context() -> dict:
    locale = get_locale()
    return {
        "csp_nonce": csp_nonce,
        "demo_data_loaded": demo_data_loaded,
        "current_locale": locale.language if locale else "en",
        "html_lang": str(locale).replace("_", "-") if locale else "en-GB",
        "language_names": LANGUAGE_NAMES,
    }


def _label(table: dict):
    return lambda code: peer_labels.label(table, code)


def init_app(app: Flask) -> None:
    app.context_processor(page_context)
    app.jinja_env.filters["language_name"] = meeting_text.language_name
    app.jinja_env.globals.update(
        static_url=static_url,
        current_path_with=current_path_with,
        # Meetings
        when=meeting_text.when,
        miles=meeting_text.miles,
        weekly_schedule=meeting_text.weekly_schedule,
        clock=meeting_text.clock,
        day_name=meeting_text.day_name,
        ort_sentence=meeting_text.ort_sentence,
        mode_label=lambda mode: vocabulary.ATTENDANCE.get(mode, mode),
        ethos_label=lambda e: vocabulary.ETHOS.get(e, e),
        fellowship_name=meeting_text.fellowship_name,
        feature_labels=meeting_text.feature_labels,
        # Requests
        status_label=_label(vocabulary.REQUEST_STATUSES),
        close_reason_label=_label(vocabulary.REQUEST_REASONS),
        request_reason=peer_labels.request_reason,
        offer_status_label=_label(vocabulary.OFFER_STATUSES),
        actor_label=_label(vocabulary.ACTORS),
        gender_label=_label(vocabulary.GENDERS),
        gender_wish_label=_label(vocabulary.GENDER_WISHES),
        london_time=peer_labels.london_time,
        when_text=peer_messages.when_text,
        date_text=peer_messages.date_text,
    )
