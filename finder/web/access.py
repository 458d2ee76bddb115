"""Who may see what. Every view says so with one of these decorators; a convention test walks
the URL map and checks each route for anonymous people, volunteers and coordinators.

A session holds the account's id and its session version; every request checks the version
against the database, so signing out (which raises it) ends copies of the cookie too. Between
the password and the second factor the session holds the account only as "pending"."""

from __future__ import annotations

import functools

from flask import abort
from flask import current_app
from flask import redirect
from flask import request
from flask import session
from flask import url_for
from itsdangerous import BadSignature
from itsdangerous import URLSafeSerializer

from finder.extensions import db
from finder.models import Volunteer
from finder.models.times import utcnow
from finder.peer import accounts
from finder.web.pages import local_path_or

SESSION_KEY = "volunteer_id"
VERSION_KEY = "session_version"
PENDING_KEY = "pending_volunteer_id"
PENDING_VERSION_KEY = "pending_session_version"
KNOWN_BROWSER_COOKIE = "finder_known_browser"
ONE_YEAR = 365 * 24 * 60 * 60


def _load(id_key: str, version_key: str) -> Volunteer | None:
    volunteer_id = session.get(id_key)
    volunteer = db.session.get(Volunteer, volunteer_id) if volunteer_id else None
    if volunteer is not None and (volunteer.state != "active"
                                  or session.get(version_key) != volunteer.session_version):
        session.pop(id_key, None)
        volunteer = None
    return volunteer


def current_volunteer() -> Volunteer | None:
    """The signed-in volunteer (read from the session each time: the session's identity map
    makes repeat calls cheap, and nothing outlives the request)."""
    return _load(SESSION_KEY, VERSION_KEY)


def signed_in_volunteer() -> Volunteer:
    """The signed-in volunteer, for a view behind `volunteer_required` or
    `coordinator_required` (which send everyone else away first); anywhere else, a refusal."""
    volunteer = current_volunteer()
    if volunteer is None:
        abort(403)
    return volunteer


def pending_volunteer() -> Volunteer | None:
    """Who has given the right password but not yet their second factor."""
    return _load(PENDING_KEY, PENDING_VERSION_KEY)


def sign_in_as(volunteer: Volunteer) -> None:
    session.clear()
    session[SESSION_KEY] = volunteer.id
    session[VERSION_KEY] = volunteer.session_version
    session.permanent = False


def await_second_factor(volunteer: Volunteer) -> None:
    session.clear()
    session[PENDING_KEY] = volunteer.id
    session[PENDING_VERSION_KEY] = volunteer.session_version
    session.permanent = False


def complete_sign_in(volunteer: Volunteer):
    """Every step passed: the session, a redirect to where they were going, and this browser
    remembered as one the account uses."""
    accounts.signed_in(db.session, volunteer, utcnow())
    sign_in_as(volunteer)
    landing = url_for("coordinator.home" if volunteer.is_coordinator else "volunteer.dashboard")
    response = redirect(local_path_or(request.args.get("next"), landing), code=303)
    return remember_browser(response, volunteer)


def sign_out() -> None:
    volunteer = current_volunteer()
    if volunteer is not None:
        accounts.end_sessions(db.session, volunteer)
    session.clear()


def _known_browsers() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="known-browser")


def known_browser_for() -> int | None:
    """The account this browser last signed in to (a signed cookie): its password tries are
    not slowed by a stranger's guessing."""
    try:
        value = _known_browsers().loads(request.cookies.get(KNOWN_BROWSER_COOKIE, ""))
    except BadSignature:
        return None
    return value if isinstance(value, int) else None


def remember_browser(response, volunteer: Volunteer):
    response.set_cookie(KNOWN_BROWSER_COOKIE, _known_browsers().dumps(volunteer.id),
                        max_age=ONE_YEAR, httponly=True, samesite="Lax",
                        secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


def _mark(view, access: str):
    view.access = access
    return view


def public(view):
    """Anyone, no account needed."""
    return _mark(view, "public")


def second_step_required(view):
    """Someone who has given the right password and not yet their second factor."""
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if pending_volunteer() is None:
            return redirect(url_for("volunteer.sign_in", next=request.args.get("next")),
                            code=303)
        return view(*args, **kwargs)
    return _mark(wrapped, "pending")


def volunteer_required(view):
    """Signed-in volunteers and coordinators."""
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if current_volunteer() is None:
            return redirect(url_for("volunteer.sign_in", next=request.path), code=303)
        return view(*args, **kwargs)
    return _mark(wrapped, "volunteer")


def coordinator_required(view):
    """Signed-in coordinators only."""
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        volunteer = current_volunteer()
        if volunteer is None:
            return redirect(url_for("volunteer.sign_in", next=request.path), code=303)
        if not volunteer.is_coordinator:
            abort(403)
        return view(*args, **kwargs)
    return _mark(wrapped, "coordinator")
