"""About the service and its data sources, accessibility and privacy statements."""

from flask import Blueprint
from flask import render_template

from finder.web.access import public

bp = Blueprint("about", __name__)


@bp.get("/about")
@public
def about():
    return render_template("pages/about/about.html")


@bp.get("/accessibility")
@public
def accessibility():
    return render_template("pages/about/accessibility.html")


@bp.get("/privacy")
@public
def privacy():
    return render_template("pages/about/privacy.html")
