"""Who may see what. Every view says so with one of these decorators; a convention test walks
the URL map and checks each route for anonymous people, volunteers and coordinators."""

from __future__ import annotations

import functools

from flask import abort
from flask import redirect
from flask import request
from flask import session
from flask import url_for

from finder.extensions import db
from finder.models import Volunteer

SESSION_KEY = "volunteer_id"


def current_volunteer() -> Volunteer | None:
    """The signed-in volunteer (read from the session each time: the session's identity map
    makes repeat calls cheap, and nothing outlives the request)."""
    volunteer_id = session.get(SESSION_KEY)
    volunteer = db.session.get(Volunteer, volunteer_id) if volunteer_id else None
    if volunteer is not None and volunteer.state != "active":
        session.pop(SESSION_KEY, None)
        volunteer = None
    return volunteer


def sign_in_as(volunteer: Volunteer) -> None:
    session.clear()
    session[SESSION_KEY] = volunteer.id
    session.permanent = False


def sign_out() -> None:
    session.clear()


def _mark(view, access: str):
    view.access = access
    return view


def public(view):
    """Anyone, no account needed."""
    return _mark(view, "public")


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
