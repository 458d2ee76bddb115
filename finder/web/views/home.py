"""The home page, the language switcher and "Exit this page"."""

from flask import Blueprint
from flask import current_app
from flask import redirect
from flask import render_template
from flask import request
from flask import session
from flask import url_for
from werkzeug.datastructures import MultiDict

from finder.web.access import public
from finder.web.forms.search import SearchForm
from finder.web.i18n import LANGUAGE_COOKIE
from finder.web.pages import local_path_or

bp = Blueprint("home", __name__)

ONE_YEAR = 365 * 24 * 60 * 60


@bp.get("/")
@public
def index():
    return render_template("pages/home/index.html", form=SearchForm(formdata=MultiDict()))


@bp.get("/language/<code>")
@public
def choose_language(code: str):
    response = redirect(local_path_or(request.args.get("next"), url_for("home.index")), code=303)
    if code in current_app.config["FINDER_LANGUAGES"]:
        response.set_cookie(
            LANGUAGE_COOKIE,
            code,
            max_age=ONE_YEAR,
            samesite="Lax",
            httponly=True,
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
    return response


@bp.get("/exit")
@public
def exit_page():
    """Leave quickly: forget this browser's session and site data, then go somewhere neutral."""
    session.clear()
    response = redirect(current_app.config["FINDER_EXIT_URL"], code=303)
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    response.headers["Cache-Control"] = "no-store"
    return response
