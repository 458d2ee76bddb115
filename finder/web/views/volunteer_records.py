"""A coordinator keeps one volunteer's records: the dates of their agreement, training and
the checks the service requires. Dates only."""

from __future__ import annotations

from flask import Blueprint
from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask_babel import gettext as _

from finder.extensions import db
from finder.models import Volunteer
from finder.models.times import utcnow
from finder.peer import matching
from finder.peer.requirements import Requirements
from finder.peer.requirements import missing
from finder.web.access import coordinator_required
from finder.web.access import current_volunteer
from finder.web.forms.coordination import VolunteerRecordsForm
from finder.web.security import private

bp = Blueprint("volunteer_records", __name__, url_prefix="/coordinator/volunteers")


@bp.route("/<int:volunteer_id>", methods=["GET", "POST"])
@coordinator_required
def edit(volunteer_id: int):
    person = db.get_or_404(Volunteer, volunteer_id)
    form = VolunteerRecordsForm(obj=person)
    status = 200
    if form.is_submitted():
        if form.validate_dates(matching.london_today(utcnow())):
            for field in form.date_fields():
                setattr(person, field.name, field.data)
            db.session.commit()
            flash(_("Records saved for %(name)s.", name=person.first_name))
            return redirect(url_for("coordinator.volunteers"), code=303)
        status = 422
    requirements = Requirements.from_config(current_app.config)
    return private(current_app.make_response((render_template(
        "pages/coordinator/volunteer_records.html", form=form, person=person,
        volunteer=current_volunteer(), requirements=requirements,
        missing=missing(person, requirements),
        form_errors=[f for f in form if f.errors]), status)))
