"""When a search finds nothing: the nearest ways out, each with its count (one small count
query each, only on an empty page of results)."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.datastructures import MultiDict

from finder import vocabulary
from finder.geo.locate import Located
from finder.meetings import search as meeting_search
from finder.web import search_links
from finder.web.forms.search import SearchForm


class WayOut(NamedTuple):
    text: str
    url: str


def _count(args: dict[str, list[str]], located: Located | None, now: dt.datetime) -> int:
    form = SearchForm(MultiDict([(k, v) for k, values in args.items() for v in values]))
    form.sanitise()
    return meeting_search.search(form.criteria(located), now, 1, 1).total


def _link(args: dict[str, list[str]]) -> str:
    return search_links.build_path(url_for("meetings.search"), args)


def ways_out(form, located: Located | None, now: dt.datetime) -> list[WayOut]:
    args = search_links.search_args()
    args.pop("page", None)
    found = []
    online = form.mode.data in {"online", "hybrid"}
    if located and not online:
        for radius in vocabulary.SEARCH_RADII_MILES:
            if radius > int(form.radius.data):
                wider = dict(args, radius=[str(radius)])
                count = _count(wider, located, now)
                if count:
                    text = ngettext(
                        "%(num)d meeting within %(miles)d miles",
                        "%(num)d meetings within %(miles)d miles",
                        count, miles=radius,
                    )
                    found.append(WayOut(text, _link(wider)))
                    break
    for item in search_links.active_filters(form):
        fewer = dict(args)
        fewer[item.field] = [v for v in args.get(item.field, []) if v != item.value]
        if item.field == "soon":
            fewer.pop("soon", None)
        count = _count(fewer, located, now)
        if count:
            text = ngettext(
                "Remove “%(filter)s”: %(num)d meeting",
                "Remove “%(filter)s”: %(num)d meetings",
                count, filter=item.label,
            )
            found.append(WayOut(text, _link(fewer)))
    if not online:
        as_online = dict(args, mode=["online"])
        count = _count(as_online, None, now)
        if count:
            text = ngettext(
                "%(num)d online meeting with the same filters",
                "%(num)d online meetings with the same filters",
                count,
            )
            found.append(WayOut(text, _link(as_online)))
    if form.who.data and not form.fellowship.data:
        other = "me" if form.who.data == "family" else "family"
        switched = dict(args, who=[other])
        count = _count(switched, located, now)
        if count:
            text = (
                _("Groups for the person with the problem: %(num)d", num=count)
                if other == "me"
                else _("Groups for family and friends: %(num)d", num=count)
            )
            found.append(WayOut(text, _link(switched)))
    return found
