"""Asking for someone to go with you (no account), the confirmation and the secret status page."""

from __future__ import annotations

import datetime as dt
import math
import secrets
import time
from typing import cast

from flask import Blueprint
from flask import Flask
from flask import abort
from flask import current_app
from flask import redirect
from flask import render_template
from flask import request
from flask import session
from flask import url_for
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_limiter import RequestLimit
from sqlalchemy import select
from werkzeug.local import LocalProxy

from finder import vocabulary
from finder.extensions import db
from finder.extensions import limiter
from finder.geo.locate import Located
from finder.geo.locate import district_only
from finder.meetings import fellowships
from finder.models import Meeting
from finder.models.times import utcnow
from finder.peer import contacts
from finder.peer import follow_up
from finder.peer import held_preferences
from finder.peer import preferences
from finder.peer import requests as peer_requests
from finder.web.access import public
from finder.web.forms.fields import minute_of_day
from finder.web.forms.peer import RequestForm
from finder.web.pages import render_page_or_fragment
from finder.web.pages import wants_fragment
from finder.web.security import private
from finder.web.urls import absolute_url

bp = Blueprint("ask", __name__)
ASK = "/ask-someone-to-go-with-you"


def _request_rate_limit() -> str:
    return current_app.config["FINDER_PEER_REQUEST_RATE_LIMIT"]


def _meeting(slug: str | None) -> Meeting | None:
    if not slug:
        return None
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == slug))
    return meeting if meeting is not None and meeting.day is not None \
        and meeting.start_time is not None else None


def _render_form(form: RequestForm, status: int = 200, too_soon=None, wait: str | None = None):
    return private(current_app.make_response((render_template(
        "pages/ask/form.html", form=form, meeting=form.for_meeting,
        next_at=_next_occurrence(form.for_meeting),
        form_errors=form.error_fields(), too_soon=too_soon, wait=wait), status)))


def _next_occurrence(meeting: Meeting | None) -> dt.datetime | None:
    """The date the request would be for, so the form says which one ("Every Wednesday"
    alone does not): the next one that has not started and leaves a volunteer time."""
    if meeting is None or meeting.day is None or meeting.start_time is None:
        return None
    minute = meeting.start_time.hour * 60 + meeting.start_time.minute
    chosen, _passed_over = peer_requests.plan_meeting(
        meeting.day, minute, utcnow(), current_app.config["FINDER_PEER_LEAD_MINUTES"])
    return chosen


def _sent_a_request(response) -> bool:
    """Only a request sent counts towards the limit: a form with mistakes, the "too soon"
    question or the under-18 page does not."""
    return response.status_code == 303


def _limit_reached(limit: RequestLimit):
    """Over the limit: the form again, as they filled it in, saying how long to wait."""
    seconds = max(60, limit.window[0] - time.time())  # when the window resets
    wait = format_timedelta(dt.timedelta(minutes=math.ceil(seconds / 60)),
                            granularity="minute", threshold=2, add_direction=True)
    form = RequestForm(meeting=_meeting(request.values.get("meeting")))
    response = _render_form(form, 429, wait=wait)
    response.headers["Retry-After"] = str(int(seconds))
    return response


AREA_LENGTH = 60  # as stored (AccompanimentRequest.postcode_district)
PREFILLED = ("fellowship", "area", "day", "time")


def _prefilled() -> dict[str, str]:
    """Where and when, passed in the link (as the follow-up's "someone to go with me again"
    does), so asking again starts from the last request."""
    return {name: request.args[name][:40] for name in PREFILLED if request.args.get(name)}


def _new_request(form: RequestForm, meeting: Meeting | None, located: Located | None):
    details = dict(
        first_name=form.first_name.data.strip(), contact_method=form.contact_method.data,
        contact_value=form.contact_value(), made_by=form.made_by.data,
        volunteer_gender=form.volunteer_gender.data or None, language=form.language.data or None,
        access_needs=(form.access_needs.data or "").strip() or None,
        note=(form.note.data or "").strip() or None,
        takes_ort_medication=form.medication_answer(),
        client_consented=form.made_by.data == "keyworker" and form.client_consent.data == "yes",
        keyworker_may_know_if_went=(form.made_by.data == "keyworker"
                                    and form.keyworker_told.data == "yes"),
    )
    if meeting is not None:
        return peer_requests.from_meeting(meeting, **details)
    if located is None:  # the view finds the area before it gets here
        raise ValueError("a request for no particular meeting needs an area")
    found = district_only(located)  # the form promises to keep only the first part
    minute = minute_of_day(form.time.data)
    assert minute is not None  # RequestForm.validate_time, without a meeting
    return peer_requests.NewRequest(
        fellowship=form.fellowship.data, wanted_day=int(form.day.data),
        wanted_minute=minute,
        postcode_district=found.label[:AREA_LENGTH], latitude=found.latitude,
        longitude=found.longitude, **details)


@bp.route(ASK, methods=["GET", "POST"])
@limiter.limit(_request_rate_limit, methods=["POST"], deduct_when=_sent_a_request,
               on_breach=_limit_reached)
@public
def ask():
    meeting = _meeting(request.values.get("meeting"))
    if request.method == "GET":
        return _render_form(RequestForm(formdata=None, meeting=meeting,
                                        data={"meeting": meeting.slug if meeting else "",
                                              **_prefilled()}))
    started = time.monotonic()
    form = RequestForm(meeting=meeting)
    if form.website.data:  # people leave the hidden field empty; bots fill it in
        session["peer_token"] = secrets.token_urlsafe(peer_requests.TOKEN_BYTES)  # leads nowhere
        return _confirmed(started)
    if form.over_18.data == "no":
        return private(current_app.make_response(render_template(
            "pages/ask/under_18.html", al_anon=fellowships.get("al-anon"))))
    valid = form.validate()
    # Where, checked alongside the rest, so every mistake is shown at once.
    located = form.area.locate() if meeting is None and not form.area.errors else None
    if not valid or (meeting is None and located is None):
        return _render_form(form, 422)
    new = _new_request(form, meeting, located)
    now = utcnow()
    meeting_at, passed_over = peer_requests.plan_meeting(
        new.wanted_day, new.wanted_minute, now, current_app.config["FINDER_PEER_LEAD_MINUTES"])
    if passed_over is not None and request.form.get("next_date") != meeting_at.isoformat():
        # Not enough time for the next one: say so, and ask before choosing the week after.
        return _render_form(form, too_soon={"passed_over": passed_over, "next": meeting_at})
    submitted = peer_requests.submit(db.session, new, now, current_app.config)
    session["peer_token"] = submitted.token
    response = _confirmed(started)
    # Routed once the answer has gone: a fresh and a held submission answer alike (same
    # work, same timing) and nobody waits for routing.
    response.call_on_close(_route_later(submitted.request_id))
    return response


def _route_later(request_id: int, route_by_id=peer_requests.route_by_id):
    app = cast("LocalProxy[Flask]", current_app)._get_current_object()

    def route() -> None:
        with app.app_context():
            try:
                route_by_id(db.session, request_id, utcnow(), app.config)
            except Exception:  # the request is saved; the worker routes it on its next run
                db.session.rollback()
                app.logger.exception("Routing a new request failed; the worker will retry")
            finally:
                db.session.remove()
    return route


def _confirmed(started: float):
    """To the confirmation page, never sooner than the set time after the form arrived: a
    request held back answers faster than one sent to volunteers, and must not be told apart."""
    floor = current_app.config["FINDER_PEER_SUBMIT_MILLISECONDS"] / 1000
    time.sleep(max(0.0, started + floor - time.monotonic()))
    return redirect(url_for("ask.sent"), code=303)


@bp.get(f"{ASK}/sent")
@public
def sent():
    token = session.pop("peer_token", None)
    link = absolute_url("ask.status", token=token) if token else None
    return private(current_app.make_response(render_template("pages/ask/sent.html", link=link)))


def _by_token(token: str):
    found = peer_requests.find_by_token(db.session, token)
    if found is None or found.erased_at is not None:
        abort(404)
    return found


@bp.get("/request-status/<token>")
@public
def status(token: str):
    found = _by_token(token)
    stage = peer_requests.requester_stage(found)
    if wants_fragment() and request.args.get("seen") == stage:
        return private(current_app.make_response(("", 204)))  # nothing new: htmx keeps the page
    now = utcnow()
    lead = dt.timedelta(minutes=current_app.config["FINDER_PEER_LEAD_MINUTES"])
    return private(render_page_or_fragment(
        "pages/ask/status.html", "partials/ask/status.html", request_=found, stage=stage,
        token=token, fellowship=fellowships.get(found.fellowship),
        meeting=_meeting(found.meeting_slug), closes_at=found.meeting_at - lead,
        holding_up=_holding_up(found, now) if stage == "looking" else [],
        texted="sms" in contacts.channels(found.contact_method, found.contact_value),
        question=follow_up.next_question(found, now, current_app.config),
        answered=found.follow_up_went is not None))


def _holding_up(found, now) -> list[tuple[str, str]]:
    """The preferences holding a request up, each with the words for what was asked."""
    words = {
        "volunteer_gender": lambda code: vocabulary.GENDER_WISHES.get(code, code),
        "language": lambda code: _("Language: %(language)s",
                                   language=vocabulary.MEETING_LANGUAGES.get(code, code)),
    }
    names = held_preferences.holding_up(db.session, found, now)
    # A coordinator may also have asked whether they would drop one (finder.peer.preferences).
    asked = preferences.relax_question(found)
    if asked in words and asked not in names:
        names.append(asked)
    return [(name, str(words[name](getattr(found, name)))) for name in names]


@bp.get("/request-status/<token>/cancel")
@public
def confirm_cancel(token: str):
    """"Are you sure?": a page of its own, so it works without JavaScript."""
    found = _by_token(token)
    if peer_requests.requester_stage(found) not in ("looking", "matched", "contacted"):
        return private(redirect(url_for("ask.status", token=token), code=303))
    return private(current_app.make_response(render_template(
        "pages/ask/cancel.html", request_=found, token=token)))


@bp.post("/request-status/<token>/cancel")
@limiter.limit("20 per hour")
@public
def cancel(token: str):
    found = _by_token(token)
    peer_requests.cancel(db.session, found, utcnow())
    return private(redirect(url_for("ask.status", token=token), code=303))


@bp.post("/request-status/<token>/drop-preference")
@limiter.limit("20 per hour")
@public
def drop_preference(token: str):
    """The person lets go of a preference nobody can meet; volunteers are asked again."""
    found = _by_token(token)
    response = private(redirect(url_for("ask.status", token=token), code=303))
    if held_preferences.drop(db.session, found, request.form.get("preference", ""), utcnow()):
        response.call_on_close(_route_later(found.id, held_preferences.ask_again))
    return response


@bp.post("/request-status/<token>/follow-up")
@limiter.limit("30 per hour")
@public
def follow_up_answer(token: str):
    """One tap: record the answer to the question asked; "what next" leads on to it."""
    found = _by_token(token)
    question, value = request.form.get("question", ""), request.form.get("answer", "")
    now = utcnow()
    if question == "stop":
        follow_up.stop(db.session, found, now)
    else:
        follow_up.answer(db.session, found, question, value, now, current_app.config)
    if question == "next" and found.follow_up_next == value:
        return private(redirect(_next_step(found, value), code=303))
    return private(redirect(url_for("ask.status", token=token, _anchor="follow-up"), code=303))


def _next_step(found, choice: str) -> str:
    if choice == "accompany":
        if found.meeting_slug:
            return url_for("ask.ask", meeting=found.meeting_slug)
        return url_for("ask.ask", fellowship=found.fellowship, area=found.postcode_district,
                       day=found.wanted_day, time=f"{found.wanted_minute // 60:02d}:"
                                                   f"{found.wanted_minute % 60:02d}")
    if choice == "online":
        return url_for("meetings.search", mode="online", day="today")
    return url_for("meetings.search", near=found.postcode_district or "", type="open")
