"""Coordinators: the meeting sources, when each was last read, what it did, "sync now", a
held-back sync to confirm, meetings no source has confirmed lately, and duplicates."""

from __future__ import annotations

from flask import Blueprint
from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from finder.extensions import db
from finder.importers import duplicates
from finder.importers import freshness
from finder.importers import registry
from finder.models import MeetingSource
from finder.models.times import utcnow
from finder.web.access import coordinator_required
from finder.web.access import current_volunteer
from finder.web.security import private

bp = Blueprint("sources", __name__, url_prefix="/coordinator/sources")


@bp.get("")
@coordinator_required
def index():
    stale_count, stale = freshness.stale_meetings(
        db.session, utcnow(), current_app.config["FINDER_MEETING_STALE_DAYS"])
    return private(current_app.make_response(render_template(
        "pages/coordinator/sources.html", volunteer=current_volunteer(),
        sources=registry.listed_sources(), stale_count=stale_count, stale=stale,
        stale_days=current_app.config["FINDER_MEETING_STALE_DAYS"],
        duplicates=duplicates.duplicate_pairs(db.session))))


@bp.post("/<int:source_id>/sync")
@coordinator_required
def sync_now(source_id: int):
    source = db.get_or_404(MeetingSource, source_id)
    source.sync_requested_at = utcnow()
    db.session.commit()
    flash(_("%(name)s will be read within a minute. Reload this page to see what happened.",
            name=source.name))
    return redirect(url_for("sources.index"), code=303)


@bp.post("/<int:source_id>/confirm")
@coordinator_required
def confirm_removals(source_id: int):
    source = db.get_or_404(MeetingSource, source_id)
    if not source.held_back_removals:
        flash(_("%(name)s has no sync waiting for confirmation.", name=source.name))
    else:
        registry.confirm_removals(source)
        db.session.commit()
        flash(ngettext("Confirmed. %(name)s will be read within a minute, and may remove up "
                       "to %(num)d meeting.", "Confirmed. %(name)s will be read within a minute, "
                       "and may remove up to %(num)d meetings.", source.held_back_removals,
                       name=source.name))
    return redirect(url_for("sources.index"), code=303)
