"""About the service and its data sources, accessibility and privacy statements."""

from flask import Blueprint
from flask import render_template

bp = Blueprint("about", __name__)


@bp.get("/about")
def about():
    return render_template("pages/about/about.html")


@bp.get("/accessibility")
def accessibility():
    return render_template("pages/about/accessibility.html")


@bp.get("/privacy")
def privacy():
    return render_template("pages/about/privacy.html")
