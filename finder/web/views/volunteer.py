"""Volunteers: sign in, see offers, accept or decline, and look after the requests they hold."""

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
from finder.extensions import limiter
from finder.models import AccompanimentRequest
from finder.models import Meeting
from finder.models import Offer
from finder.models.times import utcnow
from finder.peer import accounts
from finder.peer import dashboard as work_lists
from finder.peer import matching
from finder.peer import two_factor
from finder.web.access import await_second_factor
from finder.web.access import complete_sign_in
from finder.web.access import known_browser_for
from finder.web.access import public
from finder.web.access import sign_out as end_session
from finder.web.access import signed_in_volunteer
from finder.web.access import volunteer_required
from finder.web.forms.peer import OutcomeForm
from finder.web.forms.peer import SignInForm
from finder.web.forms.profile import SignUpForm
from finder.web.pages import render_page_or_fragment
from finder.web.pages import wants_fragment
from finder.web.security import private

bp = Blueprint("volunteer", __name__, url_prefix="/volunteer")


def _sign_in_limit() -> str:
    return current_app.config["FINDER_SIGN_IN_RATE_LIMIT"]


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(_sign_in_limit, methods=["POST"])
@public
def sign_in():
    form = SignInForm()
    status = 200
    if form.validate_on_submit():
        volunteer = accounts.sign_in(db.session, form.email.data, form.password.data, utcnow(),
                                     current_app.config, known_browser_for())
        if volunteer is not None and two_factor.needs_second_factor(volunteer):
            await_second_factor(volunteer)
            step = "code" if two_factor.is_enrolled(volunteer) else "set_up"
            return redirect(url_for(f"two_factor.{step}", next=request.args.get("next")),
                            code=303)
        if volunteer is not None:
            return complete_sign_in(volunteer)
        # The same answer however it failed (too soon after many tries included), so it
        # tells nobody whether the address has an account.
        form.email.errors = [_("Enter a correct email address and password. If you are sure "
                               "they are right, wait a few minutes and try again")]
    if form.errors or form.email.errors:
        status = 422
    return private(current_app.make_response((render_template(
        "pages/volunteer/sign_in.html", form=form,
        form_errors=[f for f in form if f.errors]), status)))


def _sign_up_limit() -> str:
    return current_app.config["FINDER_SIGN_UP_RATE_LIMIT"]


@bp.route("/sign-up", methods=["GET", "POST"])
@limiter.limit(_sign_up_limit, methods=["POST"])
@public
def sign_up():
    form = SignUpForm()
    status = 200
    if form.is_submitted() and form.website.data:  # bots fill in the hidden field
        return redirect(url_for("volunteer.signed_up"), code=303)
    if form.validate_on_submit():
        accounts.sign_up(db.session, form.email.data, form.password.data, form.first_name.data,
                         form.fellowships.data, utcnow(), current_app.config)
        # The same page whether or not the address already had an account.
        return redirect(url_for("volunteer.signed_up"), code=303)
    if form.is_submitted():
        status = 422
    return private(current_app.make_response((render_template(
        "pages/volunteer/sign_up.html", form=form, form_errors=form.error_fields()), status)))


@bp.get("/sign-up/thank-you")
@public
def signed_up():
    return private(current_app.make_response(render_template(
        "pages/volunteer/signed_up.html")))


@bp.post("/sign-out")
@volunteer_required
def sign_out():
    end_session()
    return redirect(url_for("home.index"), code=303)


def _contact_shown(public_id: str | None) -> tuple[str, dict] | None:
    """The contact details of a request this volunteer has just taken on, shown on the
    dashboard and recorded as seen, as when opened through the request's own page."""
    if not public_id:
        return None
    found = db.session.scalar(
        select(AccompanimentRequest).where(AccompanimentRequest.public_id == public_id,
                                           AccompanimentRequest.volunteer_id
                                           == signed_in_volunteer().id))
    if found is None:
        return None
    contact = matching.reveal_contact(db.session, found, signed_in_volunteer(), utcnow())
    return (public_id, contact) if contact else None


def _show_dashboard(status: int = 200, shown: str | None = None):
    volunteer = signed_in_volunteer()
    return private(render_page_or_fragment(
        "pages/volunteer/dashboard.html", "partials/volunteer/work.html", status=status,
        volunteer=volunteer,
        work=work_lists.for_volunteer(db.session, volunteer, utcnow(), current_app.config),
        shown=_contact_shown(shown), outcome_form=OutcomeForm(formdata=None)))


def _done(message: str, changed: bool = True, shown: str | None = None):
    """After a change: the updated list for htmx, a 303 back to the page otherwise. When
    nothing changed (the requester cancelled meanwhile, say), the message says so instead.
    `shown`: a request whose contact details the volunteer has just been given."""
    flash(message if changed else _("This request has closed, so nothing was changed. The "
                                    "person may have cancelled it."))
    if wants_fragment():
        return _show_dashboard(shown=shown)
    return redirect(url_for("volunteer.dashboard", shown=shown), code=303)


@bp.get("")
@volunteer_required
def dashboard():
    return _show_dashboard(shown=request.args.get("shown"))


@bp.post("/offers/<int:offer_id>/accept")
@volunteer_required
def accept(offer_id: int):
    offer = db.session.get(Offer, offer_id)
    public_id = offer.request.public_id if offer is not None else None
    outcome = matching.accept(db.session, offer_id, signed_in_volunteer().id, utcnow(),
                              read_guidance=request.form.get("read_guidance") == "yes")
    answers = {
        "unread_guidance": _("Before your first “I can go”, read what a volunteer is and "
                             "isn’t, then tick the box to say you have."),
        "accepted": _("You are going. Their contact details are below."),
        "taken": _("Someone else has already said yes. It is already taken, thank you."),
        "at_limit": _("You are already going with as many people as your limit allows."),
    }
    return _done(answers.get(outcome, _("This offer is no longer open.")),
                 shown=public_id if outcome == "accepted" else None)


@bp.post("/offers/<int:offer_id>/decline")
@volunteer_required
def decline(offer_id: int):
    declined = matching.decline(db.session, offer_id, signed_in_volunteer().id, utcnow(),
                                current_app.config)
    return _done(_("Thank you for letting us know. We will not ask you about this one again."),
                 declined)


def _accepted_request(public_id: str) -> AccompanimentRequest:
    """A request this volunteer accepted (a coordinator may open any)."""
    volunteer = signed_in_volunteer()
    found = db.first_or_404(
        select(AccompanimentRequest).where(AccompanimentRequest.public_id == public_id))
    if found.volunteer_id != volunteer.id and not volunteer.is_coordinator:
        abort(403)
    return found


def _meeting(slug: str | None) -> Meeting | None:
    """The meeting a request is for, while it is still listed (the request keeps its slug)."""
    if not slug:
        return None
    return db.session.scalar(select(Meeting).where(Meeting.slug == slug))


@bp.get("/requests/<public_id>")
@volunteer_required
def accepted_request(public_id: str):
    found = _accepted_request(public_id)
    contact = matching.reveal_contact(db.session, found, signed_in_volunteer(), utcnow())
    return private(current_app.make_response(render_template(
        "pages/volunteer/request.html", request_=found, contact=contact,
        meeting=_meeting(found.meeting_slug),
        volunteer=signed_in_volunteer(), outcome_form=OutcomeForm(formdata=None),
        meeting_started=found.meeting_at <= utcnow())))


@bp.post("/requests/<public_id>/contacted")
@volunteer_required
def contacted(public_id: str):
    marked = matching.mark_contacted(db.session, _accepted_request(public_id), "volunteer",
                                     utcnow())
    return _done(_("Thank you. We have noted that you have been in touch."), marked)


@bp.post("/requests/<public_id>/withdraw")
@volunteer_required
def withdraw(public_id: str):
    found = _accepted_request(public_id)
    withdrawn = matching.withdraw(db.session, found, signed_in_volunteer().id, utcnow(),
                                  current_app.config)
    return _done(_("Thank you for telling us. We are asking other volunteers now."), withdrawn)


@bp.post("/requests/<public_id>/outcome")
@volunteer_required
def outcome(public_id: str):
    found = _accepted_request(public_id)
    form = OutcomeForm()
    if found.meeting_at > utcnow():  # "how did it go" opens once the meeting has started
        flash(_("You can record how it went once the meeting has started."))
        return redirect(url_for("volunteer.accepted_request", public_id=public_id), code=303)
    if not form.validate():
        flash(_("Select how it went"))
        return redirect(url_for("volunteer.accepted_request", public_id=public_id), code=303)
    recorded = matching.record_outcome(db.session, found, form.outcome.data, "volunteer",
                                       utcnow(), (form.note.data or "").strip() or None)
    return _done(_("Thank you. We have recorded how it went."), recorded)
