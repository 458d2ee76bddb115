"""The outcome figures (finder.peer.outcomes) in words: headings, row names, the words for a
withheld count, a chart per table and a CSV per table. The same words everywhere, so a
download says exactly what the page says."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from flask_babel import format_date
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from finder import vocabulary
from finder.meetings import fellowships
from finder.peer import outcome_events
from finder.peer import outcomes
from finder.peer.outcomes import Row
from finder.peer.outcomes import Table
from finder.peer.small_numbers import SMALL
from finder.peer.small_numbers import Cell
from finder.web import bar_chart

COLUMNS = {
    "received": _l("Received"),
    "matched": _l("Volunteer found"),
    "in_time": _l("Found before the meeting"),
    "went": _l("Went"),
    "again": _l("Would go again"),
    "unmatched": _l("Nobody could go"),
}
TITLES = {
    "by-month": _l("By month"),
    "by-group": _l("By group"),
    "by-who-asked": _l("By who asked"),
    "unmatched-by-area": _l("Areas where nobody could go"),
    "unmatched-by-group": _l("Groups short of volunteers"),
}
ROW_HEADINGS = {
    "by-month": _l("Month"),
    "by-group": _l("Group"),
    "by-who-asked": _l("Who asked"),
    "unmatched-by-area": _l("Area"),
    "unmatched-by-group": _l("Group"),
}
# The series each chart draws (the table beside it has every column).
CHARTED = {"by-month": ("received", "matched", "went"),
           "by-group": ("received", "matched", "went"),
           "by-who-asked": ("received", "matched", "went"),
           "unmatched-by-area": ("received", "unmatched"),
           "unmatched-by-group": ("received", "unmatched")}


@dataclass(frozen=True)
class Presented:
    key: str
    title: str
    row_heading: str
    columns: list[tuple[str, str]]
    rows: list[tuple[str, list[str], str | None]]  # row name, cells, median (or None)
    total: tuple[str, list[str], str | None]
    chart: Markup
    has_median: bool


def cell_text(cell: Cell) -> str:
    if cell.shown:
        return str(cell.value)
    return _("fewer than 5") if cell.withheld == SMALL else _("not shown")


def median_text(minutes: int | None) -> str:
    if minutes is None:
        return _("fewer than 5 matches")
    return format_timedelta(dt.timedelta(minutes=minutes), granularity="minute", threshold=1.5)


def row_name(key: str, code: str) -> str:
    if code == "total":
        return _("All")
    if key == "by-month":
        year, month = (int(part) for part in code.split("-"))
        return format_date(dt.date(year, month, 1), "MMMM y")
    if key in ("by-group", "unmatched-by-group"):
        found = fellowships.get(code)
        return found.name if found else code
    if key == "by-who-asked":
        return str(vocabulary.ASKED_BY.get(code, code))
    return {outcome_events.ONLINE: _("Online"), outcome_events.UNKNOWN_AREA: _("Not known"),
            outcomes.OTHER_AREAS: _("Other areas (each with fewer than 5 requests)")}.get(
                code, code)


def _chart(table: Table, title: str) -> Markup:
    series = CHARTED[table.key]
    groups = [bar_chart.Group(row_name(table.key, row.code), [
        bar_chart.Bar(column, row.cells[column].value if row.cells[column].shown else None,
                      cell_text(row.cells[column])) for column in series])
        for row in table.rows]
    name = _("Chart: %(title)s. The numbers are in the table next to it.", title=title)
    return bar_chart.draw(f"chart-{table.key}", name,
                          [(column, str(COLUMNS[column])) for column in series], groups)


def _line(table: Table, row: Row) -> tuple[str, list[str], str | None]:
    return (row_name(table.key, row.code), [cell_text(row.cells[c]) for c in table.columns],
            median_text(row.median_minutes) if table.has_median else None)


def present(table: Table) -> Presented:
    title = str(TITLES[table.key])
    return Presented(table.key, title, str(ROW_HEADINGS[table.key]),
                     [(c, str(COLUMNS[c])) for c in table.columns],
                     [_line(table, row) for row in table.rows], _line(table, table.total),
                     _chart(table, title), table.has_median)


def csv_text(table: Table) -> str:
    """One table as CSV, with the same words for withheld counts as the page; the median in
    minutes."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([str(ROW_HEADINGS[table.key]), *(str(COLUMNS[c]) for c in table.columns),
                     *([_("Median minutes to find a volunteer")] if table.has_median else [])])
    for row in [*table.rows, table.total]:
        median = [] if not table.has_median else [
            row.median_minutes if row.median_minutes is not None else median_text(None)]
        writer.writerow([row_name(table.key, row.code),
                         *(cell_text(row.cells[c]) for c in table.columns), *median])
    return out.getvalue()
