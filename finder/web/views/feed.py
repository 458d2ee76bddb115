"""The public Meeting Guide feed of every meeting, at /meetings.json."""

from flask import Blueprint
from flask import Response
from flask import current_app
from flask import request

from finder.meetings.feed import cached_feed
from finder.web.access import public

bp = Blueprint("feed", __name__)

CACHE_SECONDS = 300


@bp.get("/meetings.json")
@public
def meetings_json() -> Response:
    # Links to meeting pages use the configured address, as emails do, not whatever Host the
    # request came with.
    # Built once per change of meeting data, not per request.
    body, etag = cached_feed(current_app.config["FINDER_BASE_URL"])
    response = Response(body, mimetype="application/json")
    response.cache_control.public = True
    response.cache_control.max_age = CACHE_SECONDS
    response.set_etag(etag)
    response.make_conditional(request)  # a 304 when the browser's copy is current
    return response
