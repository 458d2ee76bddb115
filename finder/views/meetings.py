"""Finding meetings and reading about one."""

from flask import Blueprint
from flask import render_template

bp = Blueprint("meetings", __name__)


@bp.get("/meetings")
def search():
    return render_template("pages/meetings/search.html")
