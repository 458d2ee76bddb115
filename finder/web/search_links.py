"""Links the search pages build: the current search with a value added or taken away, with
empty parameters left out, and the active filters in a few words each."""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import urlencode

from flask import request
from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext

# Filters shown in the summary above the results, in the form's order.
SUMMARY_FIELDS = ("fellowship", "ethos", "ethos_by", "ort", "day", "time", "soon", "mode", "type",
                  "language")


class ActiveFilter(NamedTuple):
    field: str
    value: str
    label: str
    remove_url: str


def search_args() -> dict[str, list[str]]:
    """The current query string without empty values (a GET form sends `lat=&lng=`)."""
    args = request.args.to_dict(flat=False)
    return {key: [v for v in values if v != ""] for key, values in args.items()}


def build_path(path: str, args: dict[str, list[str]]) -> str:
    cleaned = {key: [v for v in values if v != ""] for key, values in args.items()}
    cleaned = {key: values for key, values in cleaned.items() if values}
    return path + ("?" + urlencode(cleaned, doseq=True) if cleaned else "")


def current_path_with(**changes) -> str:
    """The current URL with some query parameters replaced (for pagination and switchers);
    a value of None or "" takes the parameter away."""
    args = search_args()
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    if args.get("page") == ["1"]:
        args.pop("page")
    return build_path(request.path, args)


def search_path_with(**changes) -> str:
    """Like current_path_with, but always to the results page (from the handout, say)."""
    return current_path_with(**changes).replace(request.path, url_for("meetings.search"), 1)


def without(field: str, value: str) -> str:
    """The current search with one filter value taken away, from its first page."""
    args = search_args()
    args[field] = [v for v in args.get(field, []) if v != value]
    args.pop("page", None)
    return build_path(url_for("meetings.search"), args)


def short(label) -> str:
    """'Open (anyone can come)' -> 'Open': the words before any explanation in brackets."""
    return str(label).split(" (")[0]


def active_filters(form) -> list[ActiveFilter]:
    found = []
    for name in SUMMARY_FIELDS:
        field = getattr(form, name)
        values = field.data if isinstance(field.data, list) else [field.data]
        if name == "soon":
            values = ["y"] if field.data else []
            labels = {"y": field.label.text}
        else:
            labels = {choice.value: choice.label for choice in field.choices}
        for value in values:
            if value and value in labels:
                url = without(name, request.args.get(name, "") if name == "soon" else value)
                found.append(ActiveFilter(name, value, short(labels[value]), url))
    return found


def summary_words(form, located) -> str:
    """The whole search in a line, for a printed list: 'Within 10 miles · Secular · ...'."""
    words = []
    if located and form.mode.data not in {"online", "hybrid"}:
        radius = int(form.radius.data)
        words.append(ngettext("Within %(num)d mile", "Within %(num)d miles", radius))
    if form.who.data == "me" and not form.fellowship.data:
        words.append(_("Groups for people with a drug or alcohol problem"))
    elif form.who.data == "family" and not form.fellowship.data:
        words.append(_("Groups for family and friends"))
    words.extend(item.label for item in active_filters(form))
    return " · ".join(words) if words else _("No filters")
