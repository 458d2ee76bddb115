"""Guides that answer people's worries before they go: the first meeting, mutual aid for
keyworkers and services, and what a volunteer who goes with someone is and is not."""

from flask import Blueprint
from flask import render_template

from finder.web.access import public

bp = Blueprint("guides", __name__)


@bp.get("/your-first-meeting")
@public
def first_meeting():
    return render_template("pages/guides/first_meeting.html")


@bp.get("/for-keyworkers")
@public
def keyworkers():
    return render_template("pages/guides/keyworkers.html")


@bp.get("/what-a-volunteer-is")
@public
def volunteer_role():
    return render_template("pages/guides/volunteer_role.html")
