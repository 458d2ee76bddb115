"""Guides that answer people's worries before they go: the first meeting, mutual aid for
keyworkers and services, and what a volunteer who goes with someone is and is not."""

from flask import Blueprint
from flask import render_template

from finder.meetings import fellowships
from finder.web.access import public

bp = Blueprint("guides", __name__)


@bp.get("/your-first-meeting")
@public
def first_meeting():
    everyone = fellowships.all_fellowships()
    return render_template(
        "pages/guides/first_meeting.html",
        for_themselves=[f for f in everyone if not f.family_group],
        for_family=[f for f in everyone if f.family_group],
    )


@bp.get("/for-keyworkers")
@public
def keyworkers():
    return render_template("pages/guides/keyworkers.html")


@bp.get("/what-a-volunteer-is")
@public
def volunteer_role():
    return render_template("pages/guides/volunteer_role.html")
