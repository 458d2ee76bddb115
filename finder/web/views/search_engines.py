"""robots.txt and sitemap.xml: what a search engine may read, and every public page to read.

The sitemap is built from the database and cached like the meeting feed. While the fictional
demo meetings are loaded it lists nothing, so they never reach a search engine."""

from xml.etree import ElementTree

from flask import Blueprint
from flask import Response
from flask import current_app
from flask import request
from flask import url_for
from sqlalchemy import select
from werkzeug.wrappers import Response as ResponseBase

from finder.extensions import db
from finder.meetings import fellowships
from finder.models import Meeting
from finder.web.access import public
from finder.web.template_globals import demo_data_loaded
from finder.web.urls import absolute_url
from finder.web.urls import base_url

bp = Blueprint("search_engines", __name__)

CACHE_SECONDS = 300
SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"

# Public pages beyond the meetings and fellowships (any that does not exist is left out).
GUIDE_ENDPOINTS = (
    "home.index", "meetings.search", "groups.index", "groups.family",
    "guides.first_meeting", "guides.keyworkers", "guides.volunteer_role",
    "about.about", "about.accessibility", "about.privacy",
)


def _cached(response: Response) -> ResponseBase:
    response.cache_control.public = True
    response.cache_control.max_age = CACHE_SECONDS
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/robots.txt")
@public
def robots_txt() -> ResponseBase:
    lines = [
        "User-agent: *",
        # Redirects, not pages.
        "Disallow: " + url_for("home.exit_page"),
        "Disallow: /language/",
        "",
        "Sitemap: " + absolute_url("search_engines.sitemap_xml"),
        "",
    ]
    return _cached(Response("\n".join(lines), mimetype="text/plain"))


def _pages() -> list[tuple[str, str | None]]:
    """(address, last modified as YYYY-MM-DD or None) for every page worth indexing."""
    endpoints = current_app.view_functions
    pages: list[tuple[str, str | None]] = [
        (absolute_url(endpoint), None) for endpoint in GUIDE_ENDPOINTS if endpoint in endpoints
    ]
    pages += [(absolute_url("groups.fellowship", slug=f.slug), None)
              for f in fellowships.all_fellowships()]
    meetings = db.session.execute(
        select(Meeting.slug, Meeting.updated).where(Meeting.duplicate_of_id.is_(None))
        .order_by(Meeting.slug)).all()
    pages += [(base_url() + url_for("meetings.detail", slug=slug),
               updated.date().isoformat() if updated else None) for slug, updated in meetings]
    return pages


@bp.get("/sitemap.xml")
@public
def sitemap_xml() -> ResponseBase:
    ElementTree.register_namespace("", SITEMAP_NAMESPACE)
    root = ElementTree.Element(f"{{{SITEMAP_NAMESPACE}}}urlset")
    for address, modified in ([] if demo_data_loaded() else _pages()):
        entry = ElementTree.SubElement(root, f"{{{SITEMAP_NAMESPACE}}}url")
        ElementTree.SubElement(entry, f"{{{SITEMAP_NAMESPACE}}}loc").text = address
        if modified:
            ElementTree.SubElement(entry, f"{{{SITEMAP_NAMESPACE}}}lastmod").text = modified
    body = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return _cached(Response(body, mimetype="application/xml"))
