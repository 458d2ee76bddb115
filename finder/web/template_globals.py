"""What templates can call: the page context, and the domain's words for meetings and
requests (the domain modules say things; this module only hands them to Jinja)."""

from __future__ import annotations

from flask import Flask
from flask import g
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from finder import vocabulary
from finder.extensions import db
from finder.meetings import facts as meeting_facts
from finder.meetings import support
from finder.meetings import text as meeting_text
from finder.models import MeetingSource
from finder.models.times import utcnow
from finder.peer import contacts
from finder.peer import labels as peer_labels
from finder.peer import messages as peer_messages
from finder.web import search_engines
from finder.web import search_links
from finder.web import urls
from finder.web.i18n import LANGUAGE_NAMES
from finder.web.security import csp_nonce
from finder.web.static_files import inline_stylesheet
from finder.web.static_files import static_url

GAP_REASONS = {
    "not_stated": _l("Not stated"),
    "fellowship_only": _l("Only the fellowship's position, which leaves it to each group"),
    "old": _l("Checked over a year ago"),
}


def demo_data_loaded() -> bool:
    """Whether to show the demo banner. Every page asks, the error pages too, so a database
    that cannot answer means no banner rather than an error page that fails."""
    if "demo_data_loaded" not in g:
        query = select(MeetingSource.id).where(MeetingSource.is_demo.is_(True)).limit(1)
        try:
            g.demo_data_loaded = db.session.execute(query).first() is not None
        except SQLAlchemyError:
            db.session.rollback()
            g.demo_data_loaded = False
    return g.demo_data_loaded


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
    app.jinja_env.filters["fellowship_name"] = meeting_text.fellowship_name
    app.jinja_env.filters["phone_number"] = contacts.phone_number_for_reading
    app.jinja_env.filters["phone_link"] = contacts.phone_number_link
    app.jinja_env.filters["mismatch_words"] = _label(vocabulary.VOLUNTEER_MISMATCHES)
    app.jinja_env.filters["requirement_words"] = _label(vocabulary.VOLUNTEER_REQUIREMENTS)
    app.jinja_env.globals.update(
        static_url=static_url,
        inline_stylesheet=inline_stylesheet,
        current_path_with=search_links.current_path_with,
        search_path_with=search_links.search_path_with,
        active_filters=search_links.active_filters,
        page_url=search_engines.page_url,
        language_versions=search_engines.language_versions,
        indexable=lambda: search_engines.indexable(demo_data_loaded()),
        meeting_event=search_engines.meeting_event,
        result_fellowship_names=search_engines.fellowship_names,
        handout_search_words=search_links.summary_words,
        support_for=support.for_audience,
        # Meetings
        when=meeting_text.when,
        miles=meeting_text.miles,
        address_lines=meeting_text.address_lines,
        weekly_schedule=meeting_text.weekly_schedule,
        every_week_at=meeting_text.every_week_at,
        clock=meeting_text.clock,
        day_name=meeting_text.day_name,
        ort_sentence=meeting_text.ort_sentence,
        ethos_with_source=meeting_text.ethos_with_source,
        medication_fact=meeting_facts.medication,
        ethos_fact=meeting_facts.ethos,
        medication_applies=meeting_facts.applies_to,
        fact_origin=meeting_text.fact_origin,
        long_date=meeting_text.long_date,
        ort_label=lambda code: vocabulary.ORT_OPENNESS.get(code, code),
        ort_statement_label=lambda code: vocabulary.ORT_STATEMENTS.get(code, code),
        gap_reason_label=lambda code: GAP_REASONS.get(code, code),
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
        outcome_label=_label({**vocabulary.OUTCOME_CHOICES, "unknown": _l("Nobody said")}),
        gender_label=_label(vocabulary.GENDERS),
        gender_wish_label=_label(vocabulary.GENDER_WISHES),
        london_time=peer_labels.london_time,
        how_long=peer_labels.how_long,
        preference_words=peer_labels.preference_words,
        event_reason_label=_label({**vocabulary.REQUEST_REASONS, **vocabulary.EVENT_REASONS,
                                   **vocabulary.OUTCOME_CHOICES}),
        relaxable_label=_label(vocabulary.RELAXABLE_PREFERENCES),
        language_label=_label(vocabulary.MEETING_LANGUAGES),
        when_text=peer_messages.when_text,
        date_text=peer_messages.date_text,
        deadline_text=peer_messages.deadline_text,
        now_utc=utcnow,
        site_base_url=urls.base_url,
    )
