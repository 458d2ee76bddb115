"""The second step of signing in: set up an authenticator app, enter its code, or use a
recovery code. Only for someone who has just given the right password (the session holds
them as pending); anyone else is sent to the sign-in page."""

from __future__ import annotations

from flask import Blueprint
from flask import current_app
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_babel import gettext as _

from finder.extensions import db
from finder.extensions import limiter
from finder.models import Volunteer
from finder.models.times import utcnow
from finder.peer import two_factor
from finder.web.access import complete_sign_in
from finder.web.access import known_browser_for
from finder.web.access import pending_volunteer
from finder.web.access import remember_browser
from finder.web.access import second_step_required
from finder.web.forms.two_factor import CodeForm
from finder.web.forms.two_factor import RecoveryForm
from finder.web.security import private

bp = Blueprint("two_factor", __name__, url_prefix="/volunteer/sign-in")
ISSUER = "Meeting finder"  # discreet, like the emails: no fellowship in an app's list


def _limit() -> str:
    return current_app.config["FINDER_SIGN_IN_RATE_LIMIT"]


def _go_to(step: str):
    return redirect(url_for(f"two_factor.{step}", next=request.args.get("next")), code=303)


def _page(template: str, form, status: int, **context):
    return private(current_app.make_response((render_template(
        template, form=form, form_errors=[f for f in form if f.errors],
        next=request.args.get("next"), **context), status)))


@bp.route("/set-up", methods=["GET", "POST"])
@limiter.limit(_limit, methods=["POST"])
@second_step_required
def set_up():
    volunteer = pending_volunteer()
    if two_factor.is_enrolled(volunteer):
        return _go_to("code")
    form = CodeForm()
    secret = two_factor.secret_for_enrolment(db.session, volunteer)
    if form.validate_on_submit():
        codes = two_factor.confirm(db.session, volunteer, form.code.data, utcnow(),
                                   current_app.config, known_browser_for() == volunteer.id)
        if codes is not None:
            signed_in = complete_sign_in(volunteer)
            return remember_browser(private(current_app.make_response(render_template(
                "pages/volunteer/recovery_codes.html", codes=codes,
                continue_to=signed_in.location))), volunteer)
        form.code.errors = [_("Enter the code your app shows now. If it is right, wait a "
                              "minute and try the next one")]
    uri = two_factor.provisioning_uri(volunteer, ISSUER)
    return _page("pages/volunteer/two_factor_set_up.html", form, 422 if form.errors else 200,
                 qr_code=two_factor.qr_code_data_uri(uri), secret=secret)


def _second_step(volunteer: Volunteer, form, check, template: str):
    if form.validate_on_submit():
        if check(db.session, volunteer, form.code.data, utcnow(), current_app.config,
                 known_browser_for() == volunteer.id):
            return complete_sign_in(volunteer)
        form.code.errors = [_("Enter a correct code. If you are sure it is right, wait a "
                              "minute and try again")]
    return _page(template, form, 422 if form.errors else 200)


@bp.route("/code", methods=["GET", "POST"])
@limiter.limit(_limit, methods=["POST"])
@second_step_required
def code():
    volunteer = pending_volunteer()
    if not two_factor.is_enrolled(volunteer):
        return _go_to("set_up")
    return _second_step(volunteer, CodeForm(), two_factor.check_code,
                        "pages/volunteer/two_factor_code.html")


@bp.route("/recovery-code", methods=["GET", "POST"])
@limiter.limit(_limit, methods=["POST"])
@second_step_required
def recovery():
    volunteer = pending_volunteer()
    if not two_factor.is_enrolled(volunteer):
        return _go_to("set_up")
    return _second_step(volunteer, RecoveryForm(), two_factor.use_recovery_code,
                        "pages/volunteer/two_factor_recovery.html")
