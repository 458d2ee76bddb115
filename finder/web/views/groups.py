"""The fellowships side by side, a page for each, and the page for family and friends."""

from datetime import date

from flask import Blueprint
from flask import abort
from flask import render_template
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from finder.meetings import fellowships
from finder.web.access import public
from finder.web.forms.search import SearchForm

bp = Blueprint("groups", __name__)

# The row headings, in DESCRIPTION_FIELDS order: one translatable place for every page.
FIELD_LABELS = {
    "who_for": _l("Who it is for"),
    "approach": _l("Approach"),
    "ethos": _l("Spiritual or secular"),
    "meetings": _l("What happens at a meeting"),
    "open_closed": _l("Open and closed meetings"),
    "cost": _l("Cost"),
    "mentoring": _l("Support from other members"),
    "medication": _l("Prescribed medication, including methadone and buprenorphine"),
    "contact": _l("How to contact the fellowship"),
}


def _rows() -> list[tuple[str, str]]:
    return [(field, FIELD_LABELS[field]) for field in fellowships.DESCRIPTION_FIELDS]


def first_sentence(text: str) -> str:
    """The opening sentence of a description, for one-line summaries on cards."""
    head, dot, _rest = text.partition(". ")
    return head + "." if dot else text


@bp.get("/groups")
@public
def index():
    everyone = fellowships.all_fellowships()
    return render_template(
        "pages/groups/index.html",
        for_themselves=[f for f in everyone if not f.family_group],
        for_family=[f for f in everyone if f.family_group],
        rows=_rows(),
    )


@bp.get("/groups/<slug>")
@public
def fellowship(slug: str):
    found = fellowships.get(slug) or abort(404)
    return render_template(
        "pages/groups/fellowship.html",
        fellowship=found,
        rows=_rows(),
        checked_on=date.fromisoformat(str(found.contact_checked)),
    )


@bp.get("/family")
@public
def family():
    groups = fellowships.family_groups()
    return render_template(
        "pages/family/index.html",
        fellowships=groups,
        form=SearchForm(formdata=MultiDict()),
        first_sentence=first_sentence,
    )
