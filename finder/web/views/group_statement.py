"""A group's own statement about medication and ethos, through the signed link a coordinator
sent to the group's contact: no account, the link expires, and the statement waits for a
coordinator to publish it."""

from __future__ import annotations

from flask import Blueprint
from flask import abort
from flask import current_app
from flask import redirect
from flask import render_template
from flask import url_for

from finder.extensions import db
from finder.extensions import limiter
from finder.meetings import facts
from finder.meetings import statements
from finder.models import Meeting
from finder.models.times import utcnow
from finder.web.access import public
from finder.web.forms.facts import GroupStatementForm
from finder.web.security import private

bp = Blueprint("group_statement", __name__, url_prefix="/group-statement")


def _meeting_or_stop(token: str) -> Meeting | None:
    """The link's meeting; None if the link has expired; 404 if it is not one of ours."""
    try:
        return statements.meeting_for_link(
            db.session, current_app.config["SECRET_KEY"], token,
            current_app.config["FINDER_GROUP_LINK_DAYS"], utcnow())
    except statements.LinkExpired:
        return None
    except statements.LinkInvalid:
        abort(404)


def _page(template: str, status: int = 200, **context):
    return private(current_app.make_response((render_template(template, **context), status)))


def _form_page(meeting: Meeting, form: GroupStatementForm, token: str, status: int = 200):
    return _page("pages/group_statement/form.html", status, meeting=meeting, form=form,
                 token=token, form_errors=form.errors, asks_medication=facts.applies_to(meeting))


@bp.get("/<token>")
@public
def form(token: str):
    meeting = _meeting_or_stop(token)
    if meeting is None:
        return _page("pages/group_statement/expired.html", 410)
    return _form_page(meeting, GroupStatementForm(formdata=None), token)


@bp.post("/<token>")
@limiter.limit(lambda: current_app.config["FINDER_GROUP_STATEMENT_RATE_LIMIT"])
@public
def submit(token: str):
    meeting = _meeting_or_stop(token)
    if meeting is None:
        return _page("pages/group_statement/expired.html", 410)
    form = GroupStatementForm()
    if not facts.applies_to(meeting):
        form.medication.data = ""
    if not form.validate():
        return _form_page(meeting, form, token, 422)
    if not form.website.data:
        statements.submit_by_group(db.session, meeting, form.said(), utcnow())
    return redirect(url_for("group_statement.thanks"), code=303)


@bp.get("/thank-you")
@public
def thanks():
    return _page("pages/group_statement/thanks.html")
