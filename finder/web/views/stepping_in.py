"""Coordinators step in when nobody who fits a request's preferences can go: offer it to
another volunteer with their reason, or ask the person whether they would drop a
preference (the status page asks them)."""

from __future__ import annotations

from flask import Blueprint
from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from finder.extensions import db
from finder.models import AccompanimentRequest
from finder.models import Volunteer
from finder.models.times import utcnow
from finder.peer import preferences
from finder.peer.requirements import Requirements
from finder.web.access import coordinator_required
from finder.web.access import current_volunteer
from finder.web.forms.coordination import AskToRelaxForm
from finder.web.forms.coordination import OfferOutsidePreferencesForm
from finder.web.security import private

bp = Blueprint("stepping_in", __name__, url_prefix="/coordinator/requests/<public_id>")

def _request(public_id: str) -> AccompanimentRequest:
    return db.first_or_404(
        select(AccompanimentRequest).where(AccompanimentRequest.public_id == public_id))


def _render(found: AccompanimentRequest, offer_form: OfferOutsidePreferencesForm,
            relax_form: AskToRelaxForm, status: int = 200):
    candidates = []
    if preferences.can_step_in(found):
        candidates = preferences.candidates(db.session, found, utcnow(),
                                            Requirements.from_config(current_app.config))
    offer_form.volunteer_id.choices = [(str(c.volunteer.id), c.volunteer.first_name)
                                       for c in candidates]
    relax_form.preference.choices = [
        choice for choice in relax_form.preference.choices
        if choice.value in preferences.holding_preferences(found)]
    errors = [field for field in (*offer_form, *relax_form) if field.errors]
    return private(current_app.make_response((render_template(
        "pages/coordinator/step_in.html", request_=found, candidates=candidates,
        offer_form=offer_form, relax_form=relax_form, form_errors=errors,
        volunteer=current_volunteer(), can_step_in=preferences.can_step_in(found)), status)))


@bp.get("/step-in")
@coordinator_required
def choose(public_id: str):
    return _render(_request(public_id), OfferOutsidePreferencesForm(formdata=None),
                   AskToRelaxForm(formdata=None))


@bp.post("/offer-outside-preferences")
@coordinator_required
def offer(public_id: str):
    found = _request(public_id)
    form = OfferOutsidePreferencesForm()
    form.volunteer_id.choices = [(form.volunteer_id.data, "")] if form.volunteer_id.data else []
    if not form.validate():
        return _render(found, form, AskToRelaxForm(formdata=None), 422)
    chosen = db.session.get(Volunteer, int(form.volunteer_id.data or 0))
    outcome = "not_eligible" if chosen is None else preferences.offer_outside_preferences(
        db.session, found, chosen, form.reason.data, utcnow(),
        Requirements.from_config(current_app.config), current_app.config)
    if outcome == "offered" and chosen is not None:
        flash(_("Offered to %(name)s. If they cannot go, the request comes back to you.",
                name=chosen.first_name))
        return redirect(url_for("coordinator.request_detail", public_id=public_id), code=303)
    if outcome == "not_eligible":
        form.volunteer_id.errors = [_("Select a volunteer from the list")]
        return _render(found, form, AskToRelaxForm(formdata=None), 422)
    flash(_("This request is no longer waiting for a coordinator, so nothing was changed."))
    return redirect(url_for("coordinator.request_detail", public_id=public_id), code=303)


@bp.post("/ask-to-relax")
@coordinator_required
def ask_to_relax(public_id: str):
    found = _request(public_id)
    form = AskToRelaxForm()
    if not form.validate():
        return _render(found, OfferOutsidePreferencesForm(formdata=None), form, 422)
    if preferences.ask_to_relax(db.session, found, form.preference.data, utcnow()):
        flash(_("The person's status page now asks them whether they would drop it."))
    else:
        flash(_("This request is no longer waiting for a coordinator, so nothing was changed."))
    return redirect(url_for("coordinator.request_detail", public_id=public_id), code=303)
