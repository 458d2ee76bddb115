"""The public Meeting Guide feed of every meeting, at /meetings.json."""

from flask import Blueprint
from flask import Response
from flask import request

from finder.meetings.feed import feed_json
from finder.web.access import public

bp = Blueprint("feed", __name__)

CACHE_SECONDS = 300


@bp.get("/meetings.json")
@public
def meetings_json() -> Response:
    response = Response(feed_json(request.host_url), mimetype="application/json")
    response.cache_control.public = True
    response.cache_control.max_age = CACHE_SECONDS
    response.add_etag()
    return response.make_conditional(request)
