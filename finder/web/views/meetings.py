"""Finding meetings, reading about one, adding it to a calendar and reporting a change."""

from flask import Blueprint
from flask import Response
from flask import abort
from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from finder.extensions import db
from finder.extensions import limiter
from finder.geo.locate import configured_geocoder
from finder.importers import freshness
from finder.meetings import calendar_file
from finder.meetings import fellowships
from finder.meetings import schedule
from finder.meetings import search as meeting_search
from finder.models import ChangeReport
from finder.models import Meeting
from finder.models.times import utcnow
from finder.web import qr_code
from finder.web import search_links
from finder.web.access import public
from finder.web.forms.search import ChangeReportForm
from finder.web.forms.search import SearchForm
from finder.web.pages import render_page_or_fragment
from finder.web.urls import absolute_url
from finder.web.urls import base_url
from finder.web.urls import site_host
from finder.web.ways_out import ways_out

bp = Blueprint("meetings", __name__)
# Beyond this many pages no search has results; a larger number would overflow the database's
# integers (page=9223372036854775807).
LAST_PAGE = 10_000

HANDOUT_SIZE = 50  # meetings on a printed list


def _run_search(page: int, page_size: int):
    """The search in the query string: (form, results or None, where it was from)."""
    form = SearchForm(request.args)
    form.sanitise()
    results = located = None
    online_only = form.mode.data in {"online", "hybrid"}
    if form.has_location() or online_only:
        if form.has_location():
            geocoder = configured_geocoder(current_app.config["FINDER_ONLINE_GEOCODER"])
            located = form.locate(geocoder)
        if not form.near.errors:
            results = meeting_search.search(
                form.criteria(located),
                schedule.now_in_london(),
                min(page, LAST_PAGE),
                page_size,
            )
    return form, results, located


@bp.get("/meetings")
@public
def search():
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    form, results, located = _run_search(page, current_app.config["FINDER_PAGE_SIZE"])
    now = schedule.now_in_london()
    status = 422 if form.near.errors else 200
    return render_page_or_fragment(
        "pages/meetings/search.html",
        "partials/meetings/search_area.html",
        status=status,
        form=form,
        results=results,
        located=located,
        now=now,
        form_errors=form.near.errors,
        ways_out=ways_out(form, located, now) if results and results.total == 0 else [],
    )


@bp.get("/meetings/print")
@public
def handout():
    """A printable list of a search's meetings for a keyworker to hand over."""
    form, results, located = _run_search(1, HANDOUT_SIZE)
    if results is None:
        return redirect(search_links.search_path_with())
    live = base_url() + search_links.search_path_with()
    return render_template(
        "pages/meetings/handout.html",
        form=form,
        results=results,
        located=located,
        now=schedule.now_in_london(),
        live_url=live,
        ask_url=absolute_url("ask.ask"),
        qr_svg=qr_code.svg(live),
    )


def _get_meeting(slug: str) -> Meeting:
    return db.first_or_404(select(Meeting).where(Meeting.slug == slug))


def _render_detail(meeting: Meeting, report_form: ChangeReportForm, status: int = 200):
    now = schedule.now_in_london()
    return render_template(
        "pages/meetings/detail.html",
        meeting=meeting,
        result=meeting_search.describe(meeting, None, now),
        now=now,
        today=now.date(),
        fellowship=fellowships.get(meeting.fellowship),
        report_form=report_form,
        form_errors=report_form.errors,
        back_to=_back_to_results(),
        confirmed=freshness.confirmed_on(meeting),
        stale=freshness.is_stale(meeting, utcnow(),
                                 current_app.config["FINDER_MEETING_STALE_DAYS"]),
    ), status


def _back_to_results() -> str | None:
    """The search this meeting was opened from, if it is one of ours (never another site)."""
    back = request.args.get("back", "")
    search_path = url_for("meetings.search")
    if back == search_path or back.startswith(search_path + "?"):
        return back
    return None


@bp.get("/meetings/<slug>")
@public
def detail(slug: str):
    return _render_detail(_get_meeting(slug), ChangeReportForm(formdata=None))


@bp.get("/meetings/<slug>.ics")
@public
def calendar(slug: str):
    meeting = _get_meeting(slug)
    if meeting.day is None or meeting.start_time is None:
        abort(404)
    body = calendar_file.meeting_calendar(
        meeting,
        absolute_url("meetings.detail", slug=slug),
        site_host(),
        schedule.now_in_london(),
    )
    return Response(
        body,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": f'attachment; filename="{slug}.ics"',
        },
    )


@bp.post("/meetings/<slug>/report-a-change")
@limiter.limit("10 per hour")
@public
def report_change(slug: str):
    meeting = _get_meeting(slug)
    form = ChangeReportForm()
    if not form.validate():
        return _render_detail(meeting, form, 422)
    if not form.website.data:  # people leave the hidden field empty; bots fill it in
        db.session.add(
            ChangeReport(
                meeting_slug=meeting.slug,
                meeting_name=meeting.name,
                what_changed=form.what_changed.data.strip(),
            )
        )
        db.session.commit()
    flash(_("Thank you. A coordinator will check the details of this meeting."))
    return redirect(url_for("meetings.detail", slug=slug, _anchor="report-a-change"), code=303)
