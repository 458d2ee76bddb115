"""What our emails say. Discreet: no fellowship name and no "addiction" in a subject or sender
sent to a requester; offers to volunteers carry no requester details.

Free of the Flask app: links start with the `FINDER_BASE_URL` of the `config` each caller is
handed, and the templates are rendered by this package's own Jinja environment, which holds
nothing of any one app (only the templates and the words they use), so two apps with
different base addresses never share a link."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Mapping

import jinja2
from flask import has_request_context
from flask_babel import force_locale
from flask_babel import format_datetime
from flask_babel import get_translations
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from finder import vocabulary
from finder.meetings import schedule
from finder.meetings import text as meeting_text
from finder.models import AccompanimentRequest
from finder.models import Volunteer
from finder.models.session import Session
from finder.peer import contacts
from finder.peer import labels
from finder.peer import outbox

STAFF_LOCALE = "en_GB"


def _locale(for_requester: bool):
    """A requester gets their email in the language they were reading; volunteers, and
    anything the worker sends, in English."""
    if for_requester and has_request_context():
        return contextlib.nullcontext()
    return force_locale(STAFF_LOCALE)


@functools.cache
def _templates() -> jinja2.Environment:
    """The emails and texts in finder/templates, with `_()` in the language of the moment
    (as Flask-Babel gives pages) and the few words for codes they use. Plain text: nothing
    is escaped."""
    environment = jinja2.Environment(loader=jinja2.PackageLoader("finder", "templates"),
                                     extensions=["jinja2.ext.i18n"], autoescape=False)
    # The i18n extension adds this method when it loads, so jinja2's types do not list it.
    environment.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: get_translations().ugettext(s),
        ngettext=lambda s, p, n: get_translations().ungettext(s, p, n),
        newstyle=True)
    environment.filters["language_name"] = meeting_text.language_name
    environment.globals.update(
        gender_wish_label=functools.partial(labels.label, vocabulary.GENDER_WISHES),
        when_text=when_text)
    return environment


def render_template(name: str, for_requester: bool = False, **context) -> str:
    with _locale(for_requester):
        return _templates().get_template(name).render(**context)


SUBJECTS = {
    "request": _l("Your request"),
    "update": _l("An update on your request"),
    "follow_up": _l("How did it go?"),
    "offer": _l("Someone would like company at a meeting"),
    "reminder": _l("Reminder: please get in touch"),
    "escalation": _l("A request needs a coordinator"),
    "new_volunteer": _l("A new volunteer is waiting for approval"),
    "sign_up_again": _l("Someone tried to sign up with your email address"),
    "source_failing": _l("A meeting source needs a coordinator"),
    "concern": _l("A safeguarding concern has been raised"),
    "urgent_concern": _l("Urgent: a safeguarding concern has been raised"),
}


def _subject(key: str, for_requester: bool = False) -> str:
    with _locale(for_requester):
        return str(SUBJECTS[key])


def base_url(config: Mapping) -> str:
    return config["FINDER_BASE_URL"].rstrip("/")


def status_link(token: str, config: Mapping) -> str:
    return f"{base_url(config)}/request-status/{token}"


def date_text(at: dt.datetime) -> str:
    """A naive UTC time as people read it: weekday, date and time in Europe/London."""
    return format_datetime(at.replace(tzinfo=dt.UTC), "EEEE d MMMM y, HH:mm")


def deadline_text(at: dt.datetime, now: dt.datetime) -> str:
    """A deadline read at a glance: 'Today at 18:44', 'Tomorrow at 09:00', else the whole
    date. Both naive UTC; the day is the day in Europe/London."""
    local = at.replace(tzinfo=dt.UTC).astimezone(schedule.LONDON)
    today = now.replace(tzinfo=dt.UTC).astimezone(schedule.LONDON).date()
    return meeting_text.today_or_tomorrow(local, today) or date_text(at)


def when_text(request: AccompanimentRequest) -> str:
    return date_text(request.meeting_at)


# What a requester can be sent: (subject key, email template, text message template). Texts
# never hold health details, the meeting or its fellowship: only that something happened and
# where to look (the status link, which carries the rest).
REQUESTER_MESSAGES: dict[str, tuple[str, str | None, str | None]] = {
    "confirmation": ("request", "emails/requester_confirmation.txt",
                     "texts/requester_confirmation.txt"),
    "resent_link": ("request", "emails/requester_resent_link.txt",
                    "texts/requester_resent_link.txt"),
    "matched": ("update", "emails/requester_matched.txt", "texts/requester_matched.txt"),
    "update": ("update", "emails/requester_update.txt", "texts/requester_update.txt"),
    # The morning after the meeting (finder.peer.follow_up); `link` is a status link.
    "follow_up": ("follow_up", "emails/requester_follow_up.txt",
                  "texts/requester_follow_up.txt"),
}


def to_requester(session: Session, request: AccompanimentRequest, kind: str,
                 now: dt.datetime, **context) -> None:
    """Queue one message to the person who asked, by every channel their contact allows: an
    email to an address, a text message to a mobile number (nothing to a landline). `kind`
    is a key of REQUESTER_MESSAGES; `context` goes to both templates (`link`, ...)."""
    subject_key, email_template, text_template = REQUESTER_MESSAGES[kind]
    address = request.contact_value
    if address is None:  # erased with the request's personal details: nobody to tell
        return
    for channel in contacts.channels(request.contact_method, address):
        if channel == "email" and email_template is not None:
            body = render_template(email_template, True, request=request, **context)
            outbox.enqueue(session, address, _subject(subject_key, True), body, now)
        elif channel == "sms" and text_template is not None:
            body = render_template(text_template, True, request=request, **context).strip()
            outbox.enqueue(session, address, "", body, now, channel="sms")


def to_requester_confirmation(session: Session, request: AccompanimentRequest, token: str,
                              now: dt.datetime, config: Mapping) -> None:
    to_requester(session, request, "confirmation", now, link=status_link(token, config))


def to_requester_resent_link(session: Session, request: AccompanimentRequest, token: str,
                             now: dt.datetime, config: Mapping) -> None:
    to_requester(session, request, "resent_link", now, link=status_link(token, config))


def to_requester_update(session: Session, request: AccompanimentRequest, now: dt.datetime) -> None:
    """A short note that something changed (a volunteer said yes, or the request is looking
    again or ended); the details are behind the status link they hold."""
    to_requester(session, request, "matched" if request.status == "matched" else "update", now)


def can_follow_up(request: AccompanimentRequest) -> bool:
    """Whether the follow-up message has a way to reach this requester: an email address or
    a mobile number (a landline gets no message)."""
    return bool(request.contact_value
                and contacts.channels(request.contact_method, request.contact_value))


def to_requester_follow_up(session: Session, request: AccompanimentRequest, token: str,
                           now: dt.datetime, config: Mapping) -> None:
    """The follow-up message after the meeting, by email or text: a link to the questions, and
    nothing about the group or anyone's health."""
    to_requester(session, request, "follow_up", now, link=status_link(token, config))


def to_volunteer_offer(session: Session, volunteer: Volunteer, request: AccompanimentRequest,
                       now: dt.datetime, config: Mapping) -> None:
    body = render_template("emails/volunteer_offer.txt", request=request, when=when_text(request),
                           fellowship=meeting_text.fellowship_name(request.fellowship),
                           link=f"{base_url(config)}/volunteer")
    outbox.enqueue(session, volunteer.email, _subject("offer"), body, now)


def to_volunteer_reminder(session: Session, volunteer: Volunteer, now: dt.datetime,
                          config: Mapping) -> None:
    body = render_template("emails/volunteer_reminder.txt",
                           link=f"{base_url(config)}/volunteer")
    outbox.enqueue(session, volunteer.email, _subject("reminder"), body, now)


def _to_coordinators(session: Session, template: str, subject: str, now: dt.datetime,
                     **context) -> None:
    coordinators = session.scalars(
        select(Volunteer).where(Volunteer.role == "coordinator", Volunteer.state == "active")
    )
    body = render_template(template, **context)
    for coordinator in coordinators:
        outbox.enqueue(session, coordinator.email, _subject(subject), body, now)


def _request_context(request: AccompanimentRequest, config: Mapping) -> dict:
    """What coordinators are told about a request by email: no requester details."""
    return {"when": when_text(request),
            "fellowship": meeting_text.fellowship_name(request.fellowship),
            "link": f"{base_url(config)}/coordinator/requests/{request.public_id}"}


def to_coordinators(session: Session, request: AccompanimentRequest, now: dt.datetime,
                    config: Mapping) -> None:
    _to_coordinators(session, "emails/coordinator_escalation.txt", "escalation", now,
                     **_request_context(request, config))


def to_coordinators_short_notice(session: Session, request: AccompanimentRequest,
                                 now: dt.datetime, config: Mapping) -> None:
    """Volunteers were asked, but the meeting is too near for the wave to run its course."""
    _to_coordinators(session, "emails/coordinator_short_notice.txt", "escalation", now,
                     **_request_context(request, config))


def to_coordinators_handed_back(session: Session, request: AccompanimentRequest,
                                now: dt.datetime, config: Mapping) -> None:
    """The volunteer going with this request retired: it is back with volunteers."""
    _to_coordinators(session, "emails/coordinator_handed_back.txt", "escalation", now,
                     **_request_context(request, config))


def to_coordinators_withdrawn_after_seeing(session: Session, request: AccompanimentRequest,
                                           now: dt.datetime, config: Mapping) -> None:
    """A volunteer withdrew after seeing the requester's contact details."""
    _to_coordinators(session, "emails/coordinator_withdrawn_after_seeing.txt", "escalation",
                     now, **_request_context(request, config))


def to_coordinators_held(session: Session, request: AccompanimentRequest,
                         now: dt.datetime, config: Mapping) -> None:
    """A request over its contact's daily limit waits for a coordinator to look at it."""
    _to_coordinators(session, "emails/coordinator_held.txt", "escalation", now,
                     **_request_context(request, config))


def to_coordinators_concern(session: Session, request: AccompanimentRequest, urgent: bool,
                            now: dt.datetime, config: Mapping) -> None:
    """Only that a concern was raised (and whether it is urgent), and where to read it."""
    _to_coordinators(session, "emails/coordinator_concern.txt",
                     "urgent_concern" if urgent else "concern", now, urgent=urgent,
                     link=f"{base_url(config)}/coordinator/requests/{request.public_id}#concerns")


def to_coordinators_new_volunteer(session: Session, now: dt.datetime, config: Mapping) -> None:
    """Only that someone is waiting: their details are on the coordinators' page."""
    _to_coordinators(session, "emails/coordinator_new_volunteer.txt", "new_volunteer", now,
                     link=f"{base_url(config)}/coordinator/volunteers")


def to_coordinators_source_failing(session: Session, name: str, failures: int,
                                   held_back: bool, now: dt.datetime) -> None:
    """A meeting source keeps failing, or a sync waits for confirmation; its meetings stay."""
    _to_coordinators(session, "emails/coordinator_source_failing.txt", "source_failing", now,
                     source_name=name, failures=failures, held_back=held_back)


def to_existing_account_sign_up(session: Session, email: str, now: dt.datetime,
                                config: Mapping) -> None:
    """The sign-up page never says an address has an account; the owner hears about it here."""
    body = render_template("emails/volunteer_sign_up_again.txt",
                           link=f"{base_url(config)}/volunteer/sign-in")
    outbox.enqueue(session, email, _subject("sign_up_again"), body, now)
