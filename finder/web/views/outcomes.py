"""Coordinators: outcome figures for the service, as charts, tables and CSV downloads."""

from __future__ import annotations

from flask import Blueprint
from flask import abort
from flask import current_app
from flask import render_template

from finder.extensions import db
from finder.meetings import fellowships
from finder.models.times import utcnow
from finder.peer import outcomes
from finder.web import outcome_tables
from finder.web.access import coordinator_required
from finder.web.access import current_volunteer
from finder.web.security import private

bp = Blueprint("outcomes", __name__, url_prefix="/coordinator/outcomes")


def _figures() -> outcomes.Figures:
    order = [found.slug for found in fellowships.all_fellowships()]
    return outcomes.figures(db.session, utcnow(), order)


@bp.get("")
@coordinator_required
def index():
    figures = _figures()
    return private(current_app.make_response(render_template(
        "pages/coordinator/outcomes.html", volunteer=current_volunteer(), figures=figures,
        first_month=outcome_tables.row_name("by-month", figures.first_month),
        last_month=outcome_tables.row_name("by-month", figures.last_month),
        total=outcome_tables.present(figures.tables["by-month"]).total,
        median=outcome_tables.median_text(figures.total.median_minutes),
        tables=[outcome_tables.present(table) for table in figures.tables.values()])))


@bp.get("/<table>.csv")
@coordinator_required
def download(table: str):
    figures = _figures()
    if table not in figures.tables:
        abort(404)
    response = current_app.make_response(outcome_tables.csv_text(figures.tables[table]))
    response.mimetype = "text/csv"
    response.headers["Content-Disposition"] = (
        f'attachment; filename="outcomes-{table}-{figures.last_month}.csv"')
    return private(response)
