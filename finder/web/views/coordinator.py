"""Coordinators: their home (what needs them now), the queue (escalated first), assigning by
hand, closing, looking after volunteers, and reports of changed meeting details."""

from __future__ import annotations

from flask import Blueprint
from flask import abort
from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from finder.extensions import db
from finder.meetings import fellowships
from finder.models import AccompanimentRequest
from finder.models import ChangeReport
from finder.models import Volunteer
from finder.models.times import utcnow
from finder.peer import audit
from finder.peer import coordination
from finder.peer import coordinator_home
from finder.peer import matching
from finder.peer import preferences
from finder.peer import requests as peer_requests
from finder.peer import routing
from finder.peer import states
from finder.peer import two_factor
from finder.peer.requirements import Requirements
from finder.peer.requirements import missing
from finder.web.access import coordinator_required
from finder.web.access import signed_in_volunteer
from finder.web.security import private

bp = Blueprint("coordinator", __name__, url_prefix="/coordinator")


def _page(template: str, status: int = 200, **context):
    return private(current_app.make_response((render_template(
        template, volunteer=signed_in_volunteer(), fellowships_by_slug=fellowships.by_slug(),
        **context), status)))


def _request(public_id: str) -> AccompanimentRequest:
    return db.first_or_404(
        select(AccompanimentRequest).where(AccompanimentRequest.public_id == public_id))


def requirements() -> Requirements:
    return Requirements.from_config(current_app.config)


@bp.get("")
@coordinator_required
def home():
    return _page("pages/coordinator/home.html",
                 needs=coordinator_home.what_needs_you(db.session, utcnow()), now=utcnow())


@bp.get("/requests")
@coordinator_required
def queue():
    return _page("pages/coordinator/queue.html", waiting=coordination.queue(db.session),
                 closed=coordination.recently_closed(db.session))


@bp.get("/requests/<public_id>")
@coordinator_required
def request_detail(public_id: str):
    found = _request(public_id)
    candidates = []
    if found.status in states.WAITING:
        candidates = routing.eligible_volunteers(db.session, found, utcnow(),
                                                 requirements=requirements())
    return _page("pages/coordinator/request.html", request_=found, candidates=candidates,
                 reasons=states.CLOSE_REASONS, can_step_in=preferences.can_step_in(found))


@bp.get("/requests/<public_id>/contact")
@coordinator_required
def contact(public_id: str):
    found = _request(public_id)
    details = matching.reveal_contact(db.session, found, signed_in_volunteer(), utcnow())
    return _page("pages/coordinator/contact.html", request_=found, contact=details)


@bp.post("/requests/<public_id>/assign")
@coordinator_required
def assign(public_id: str):
    found = _request(public_id)
    chosen = db.session.get(Volunteer, request.form.get("volunteer_id", type=int) or 0)
    if chosen is None or not chosen.approved or chosen.state != "active":
        flash(_("Choose a volunteer from the list"))
    else:
        outcome = matching.assign(db.session, found, chosen, utcnow(), requirements())
        flash({"assigned": _("Assigned to %(name)s.", name=chosen.first_name),
               "not_ready": _("%(name)s does not yet have everything the service requires on "
                              "record. Choose someone else.", name=chosen.first_name),
               "unavailable": _("%(name)s is paused or retired. Choose someone else.",
                                name=chosen.first_name),
               "at_limit": _("%(name)s is already going with as many people as their limit "
                             "allows. Choose someone else.", name=chosen.first_name),
               }.get(outcome, _("This request can no longer be assigned.")))
    return redirect(url_for("coordinator.request_detail", public_id=public_id), code=303)


@bp.post("/requests/<public_id>/release")
@coordinator_required
def release(public_id: str):
    found = _request(public_id)
    if peer_requests.release(db.session, found, utcnow(), current_app.config):
        flash(_("Sent to volunteers."))
    else:
        flash(_("This request can no longer be sent to volunteers."))
    return redirect(url_for("coordinator.request_detail", public_id=public_id), code=303)


@bp.post("/requests/<public_id>/close")
@coordinator_required
def close(public_id: str):
    found = _request(public_id)
    if matching.close(db.session, found, request.form.get("reason", ""), utcnow()):
        flash(_("The request is closed."))
    else:
        flash(_("Choose why you are closing it"))
    return redirect(url_for("coordinator.request_detail", public_id=public_id), code=303)


@bp.get("/volunteers")
@coordinator_required
def volunteers():
    ready = requirements()
    people = coordination.volunteers(db.session)
    return _page("pages/coordinator/volunteers.html", people=people,
                 today=matching.london_today(utcnow()),
                 missing={person.id: missing(person, ready) for person in people})


@bp.post("/volunteers/<int:volunteer_id>/<action>")
@coordinator_required
def change_volunteer(volunteer_id: int, action: str):
    person = db.get_or_404(Volunteer, volunteer_id)
    myself = person.id == signed_in_volunteer().id
    outcome = "done"
    if action == "reset-second-factor":
        two_factor.reset(db.session, person, signed_in_volunteer())
    elif action in coordination.VOLUNTEER_ACTIONS:
        outcome = coordination.change_volunteer(db.session, person, action, utcnow(),
                                                current_app.config)
    else:
        abort(404)
    if outcome == "last_coordinator":
        flash(_("You cannot pause or retire the only active coordinator: nobody would be "
                "left to look after requests. Ask another coordinator to take over first.")
              if myself else
              _("You cannot pause or retire %(name)s: they are the only active coordinator.",
                name=person.first_name))
    elif myself and action == "retire":
        return redirect(url_for("home.index"), code=303)  # their session has ended
    else:
        flash(_("Saved."))
    return redirect(url_for("coordinator.volunteers"), code=303)


@bp.get("/contact-views")
@coordinator_required
def contact_views():
    return _page("pages/coordinator/contact_views.html",
                 reveals=audit.recent_reveals(db.session))


@bp.get("/change-reports")
@coordinator_required
def change_reports():
    reports = db.session.scalars(select(ChangeReport).order_by(
        ChangeReport.resolved, ChangeReport.created_at.desc()))
    return _page("pages/coordinator/reports.html", reports=list(reports))


@bp.post("/change-reports/<int:report_id>/resolve")
@coordinator_required
def resolve_report(report_id: int):
    report = db.get_or_404(ChangeReport, report_id)
    report.resolved = True
    db.session.commit()
    flash(_("Marked as dealt with."))
    return redirect(url_for("coordinator.change_reports"), code=303)
