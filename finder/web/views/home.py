"""The home page, the language switcher and "Exit this page"."""

from urllib.parse import parse_qsl
from urllib.parse import urlencode
from urllib.parse import urlsplit
from urllib.parse import urlunsplit

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
from finder.web.i18n import LANGUAGE_PARAMETER
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
    back = local_path_or(request.args.get("next"), url_for("home.index"))
    response = redirect(_without_language_parameter(back), code=303)
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


def _without_language_parameter(path: str) -> str:
    """The page to go back to, without a ?lang= that would outvote the choice just made."""
    parts = urlsplit(path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k != LANGUAGE_PARAMETER]
    return urlunsplit(("", "", parts.path, urlencode(query), parts.fragment))


def _from_this_site() -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    # Older browsers: our pages send a same-origin Referer (Referrer-Policy: same-origin).
    referrer = urlsplit(request.referrer or "")
    return referrer.netloc == request.host


@bp.get("/exit")
@public
def exit_page():
    """Leave quickly: forget this browser's session and site data, then go somewhere neutral.

    Only when the click came from one of our own pages (or was typed in): a link to /exit on
    another site just redirects, so no other site can sign a volunteer out."""
    response = redirect(current_app.config["FINDER_EXIT_URL"], code=303)
    if _from_this_site():
        session.clear()
        response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    response.headers["Cache-Control"] = "no-store"
    return response
