"""Safeguarding concerns: the volunteer going with someone, or a coordinator, raises one on a
request; coordinators mark it handled."""

from __future__ import annotations

from flask import Blueprint
from flask import abort
from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from finder.extensions import db
from finder.models import AccompanimentRequest
from finder.models import SafeguardingConcern
from finder.models import Volunteer
from finder.models.times import utcnow
from finder.peer import concerns
from finder.web.access import coordinator_required
from finder.web.access import current_volunteer
from finder.web.access import volunteer_required
from finder.web.forms.coordination import ConcernForm
from finder.web.security import private

bp = Blueprint("concerns", __name__)


def _person() -> Volunteer:
    """The signed-in account (the views' decorators have made sure there is one)."""
    person = current_volunteer()
    assert person is not None
    return person


def _back_to(request: AccompanimentRequest) -> str:
    if _person().is_coordinator:
        return url_for("coordinator.request_detail", public_id=request.public_id)
    return url_for("volunteer.accepted_request", public_id=request.public_id)


@bp.route("/requests/<public_id>/safeguarding-concern", methods=["GET", "POST"])
@volunteer_required
def raise_concern(public_id: str):
    found = db.first_or_404(
        select(AccompanimentRequest).where(AccompanimentRequest.public_id == public_id))
    person = _person()
    if not concerns.may_raise(found, person):
        abort(403)
    form = ConcernForm()
    if form.validate_on_submit():
        concerns.raise_concern(db.session, found, person, form.urgent.data == "yes",
                               form.details.data, utcnow(), current_app.config)
        flash(_("Thank you. The coordinators have been told. If someone is in danger now, "
                "call 999."))
        return redirect(_back_to(found), code=303)
    status = 422 if form.is_submitted() else 200
    return private(current_app.make_response((render_template(
        "pages/concerns/raise.html", form=form, request_=found, volunteer=person,
        back_to=_back_to(found), form_errors=[f for f in form if f.errors]), status)))


@bp.post("/coordinator/concerns/<int:concern_id>/handled")
@coordinator_required
def handled(concern_id: int):
    concern = db.get_or_404(SafeguardingConcern, concern_id)
    if concerns.mark_handled(db.session, concern, _person(), utcnow()):
        flash(_("Marked as handled."))
    else:
        flash(_("Someone has already marked this concern as handled."))
    return redirect(url_for("coordinator.request_detail", public_id=concern.request.public_id,
                            _anchor="concerns"), code=303)
