"""The fellowships side by side, a page for each, and the page for family and friends."""

from flask import Blueprint
from flask import abort
from flask import render_template

from finder import fellowships

bp = Blueprint("groups", __name__)


@bp.get("/groups")
def index():
    return render_template("pages/groups/index.html", fellowships=fellowships.all_fellowships())


@bp.get("/groups/<slug>")
def fellowship(slug: str):
    found = fellowships.get(slug) or abort(404)
    return render_template("pages/groups/fellowship.html", fellowship=found)


@bp.get("/family")
def family():
    return render_template("pages/family/index.html", fellowships=fellowships.family_groups())
