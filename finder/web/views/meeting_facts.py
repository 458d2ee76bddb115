"""Coordinators keep meetings' medication and ethos facts: the meetings whose facts are missing
or old (nearest first to where requests come from), groups' statements waiting to be
published, people's experience ready to publish, and recording what a group said."""

from __future__ import annotations

from flask import Blueprint
from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from finder.extensions import db
from finder.meetings import experience
from finder.meetings import fact_gaps
from finder.meetings import facts
from finder.meetings import fellowships
from finder.meetings import statements
from finder.models import GroupStatement
from finder.models import Meeting
from finder.models import Volunteer
from finder.models.times import utcnow
from finder.web.access import coordinator_required
from finder.web.access import current_volunteer
from finder.web.forms.facts import RecordStatementForm
from finder.web.security import private

bp = Blueprint("meeting_facts", __name__, url_prefix="/coordinator/meeting-facts")


def _page(template: str, status: int = 200, **context):
    return private(current_app.make_response((render_template(
        template, volunteer=current_volunteer(), today=utcnow().date(), **context), status)))


def _coordinator() -> Volunteer:
    signed_in = current_volunteer()
    assert signed_in is not None  # @coordinator_required has checked
    return signed_in


def _meeting(slug: str) -> Meeting:
    return db.first_or_404(select(Meeting).where(Meeting.slug == slug))


@bp.get("")
@coordinator_required
def index():
    now = utcnow()
    return _page("pages/coordinator/meeting_facts.html",
                 waiting=statements.pending(db.session),
                 ready=experience.ready_to_publish(db.session, now),
                 gaps=fact_gaps.meetings_needing_facts(db.session, now))


def _record_page(meeting: Meeting, form: RecordStatementForm, status: int = 200,
                 group_link: str | None = None):
    return _page("pages/coordinator/meeting_fact.html", status, meeting=meeting, form=form,
                 form_errors=form.errors, group_link=group_link,
                 fellowship=fellowships.get(meeting.fellowship),
                 link_days=current_app.config["FINDER_GROUP_LINK_DAYS"],
                 asks_medication=facts.applies_to(meeting))


@bp.get("/<slug>")
@coordinator_required
def meeting(slug: str):
    return _record_page(_meeting(slug), RecordStatementForm(formdata=None))


@bp.post("/<slug>")
@coordinator_required
def record(slug: str):
    found = _meeting(slug)
    form = RecordStatementForm()
    if not facts.applies_to(found):
        form.medication.data = ""
    if not form.validate():
        return _record_page(found, form, 422)
    statements.record_by_coordinator(
        db.session, found, form.said(), heard_by=form.heard_by.data,
        stated_on=form.stated_on.data, coordinator=_coordinator(), now=utcnow())
    flash(_("Saved. The meeting page now shows what the group said."))
    return redirect(url_for("meeting_facts.meeting", slug=slug), code=303)


@bp.post("/<slug>/link")
@coordinator_required
def make_link(slug: str):
    found = _meeting(slug)
    token = statements.link_token(current_app.config["SECRET_KEY"], found)
    link = url_for("group_statement.form", token=token, _external=True)
    return _record_page(found, RecordStatementForm(formdata=None), group_link=link)


@bp.post("/statements/<int:statement_id>")
@coordinator_required
def decide(statement_id: int):
    statement = db.get_or_404(GroupStatement, statement_id)
    publish = request.form.get("decision") == "publish"
    if statements.decide(db.session, statement, publish, _coordinator(), utcnow()):
        flash(_("Published.") if publish else _("Not published."))
    else:
        flash(_("This statement has already been dealt with."))
    return redirect(url_for("meeting_facts.index"), code=303)


@bp.post("/<slug>/experience")
@coordinator_required
def publish_experience(slug: str):
    if experience.publish(db.session, _meeting(slug), utcnow()):
        flash(_("Published."))
    else:
        flash(_("Fewer than 3 people have answered in the last 12 months, so nothing is shown."))
    return redirect(url_for("meeting_facts.index"), code=303)
