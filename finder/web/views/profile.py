"""A volunteer edits their own profile."""

from __future__ import annotations

from flask import Blueprint
from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask_babel import gettext as _

from finder import vocabulary
from finder.extensions import db
from finder.models import AvailabilityWindow
from finder.models.times import utcnow
from finder.peer import coordination
from finder.peer import matching
from finder.web.access import current_volunteer
from finder.web.access import volunteer_required
from finder.web.forms.profile import ProfileForm
from finder.web.forms.profile import availability_fields
from finder.web.forms.profile import days_free
from finder.web.forms.profile import read_windows
from finder.web.security import private

bp = Blueprint("profile", __name__, url_prefix="/volunteer/profile")


def _initial(volunteer) -> dict:
    data = {
        "fellowships": volunteer.fellowships, "home_postcode": volunteer.home_postcode,
        "travel_radius_miles": str(int(volunteer.travel_radius_miles)),
        "languages": volunteer.languages, "gender": volunteer.gender or "",
        "max_active_requests": str(volunteer.max_active_requests),
        "paused_until": volunteer.paused_until,
    }
    for part in vocabulary.VOLUNTEER_PARTS_OF_DAY:
        data[f"free_{part}"] = days_free(volunteer.availability, part)
    return data


def _render(form: ProfileForm, status: int = 200):
    errors = [field for field in form if field.errors]
    return private(current_app.make_response((render_template(
        "pages/volunteer/profile.html", form=form, volunteer=current_volunteer(),
        parts=availability_fields(form), form_errors=errors), status)))


@bp.route("", methods=["GET", "POST"])
@volunteer_required
def edit():
    volunteer = current_volunteer()
    form = ProfileForm(data=_initial(volunteer))
    if not form.is_submitted():
        return _render(form)
    form.validate()
    windows = read_windows(form)
    found = None if form.home_postcode.errors else form.home_postcode.locate()
    pausing = form.paused_until.data is not None and \
        form.paused_until.data >= matching.london_today(utcnow())
    if pausing and coordination.is_last_coordinator(db.session, volunteer, utcnow()):
        form.paused_until.errors = [_("You cannot pause: you are the only active coordinator. "
                                      "Ask another coordinator to take over first")]
    if found is None or any(field.errors for field in form):
        return _render(form, 422)
    volunteer.fellowships = list(form.fellowships.data)
    volunteer.home_postcode = found.label
    volunteer.latitude, volunteer.longitude = found.latitude, found.longitude
    volunteer.travel_radius_miles = float(form.travel_radius_miles.data)
    volunteer.languages = list(form.languages.data) or ["en"]
    volunteer.gender = form.gender.data or None
    volunteer.max_active_requests = int(form.max_active_requests.data)
    volunteer.paused_until = form.paused_until.data
    volunteer.availability = [AvailabilityWindow(day=d, start_minute=s, end_minute=e)
                              for d, s, e in windows]
    db.session.commit()
    flash(_("Your profile has been saved."))
    return redirect(url_for("profile.edit"), code=303)
