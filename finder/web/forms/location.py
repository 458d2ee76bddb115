"""Where someone is, as a form field: what they typed, located, and what to say when it cannot
be. A name shared by several places, or spelt like other names, comes back with those places
to choose from; a place chosen from them then stands in for what was typed."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.utils import unset_value

from finder.geo.locate import Choice
from finder.geo.locate import Located
from finder.geo.locate import NotLocated
from finder.geo.locate import Problem
from finder.geo.locate import locate

LOCATION_PROBLEMS = {
    Problem.EMPTY: _l("Enter a postcode, town or city"),
    Problem.BAD_POSTCODE: _l("Enter a full UK postcode, like LS1 4AP, or the first part, like LS1"),
    Problem.UNKNOWN_POSTCODE: _l(
        "We could not find the postcode %(text)s. Check it, or enter a town or city instead"
    ),
    Problem.NORTHERN_IRELAND: _l(
        "Northern Ireland is not covered yet. Try online meetings instead"
    ),
    Problem.UNKNOWN_PLACE: _l(
        "We could not find a town or city called %(text)s. "
        "Check the spelling, or enter a postcode, like LS1 4AP"
    ),
    Problem.AMBIGUOUS_PLACE: _l(
        "There is more than one place called %(text)s. "
        "Choose the place you mean, or enter a postcode, like LS1 4AP"
    ),
    Problem.BAD_COORDINATES: _l(
        "Your location could not be used. Enter a postcode, town or city instead"
    ),
}


def location_problem_message(problem: NotLocated) -> str:
    return str(LOCATION_PROBLEMS[problem.problem]) % {"text": shortened(problem.text)}


def shortened(text: str, most: int = 30) -> str:
    """What someone typed, cut short if long, so a message never repeats a long input back."""
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


class PlaceField(StringField):
    """A postcode, town or city in a form that is sent (POST). When what was typed names
    several places, or none but some spelt like it, the form is shown again with those
    places as radio buttons named `choice_name`; the one chosen is then located instead,
    and put in the field, so the next answer goes through without asking again."""

    data: str | None
    problem: NotLocated | None = None  # why it could not be located, once tried
    chosen: str = ""

    @property
    def choice_name(self) -> str:
        return f"{self.name}_choice"

    def process(self, formdata, data=unset_value, extra_filters=None):
        super().process(formdata, data, extra_filters)
        self.chosen = (formdata.get(self.choice_name) or "") if formdata else ""

    def offered(self) -> tuple[Choice, ...]:
        return self.problem.options if self.problem else ()

    def locate(self) -> Located | None:
        """Where the answer is; None, with the field's error message, if it cannot be placed."""
        found = locate(self.data or "")
        if isinstance(found, NotLocated) and self.chosen in {o.near for o in found.options}:
            self.data = self.chosen
            found = locate(self.chosen)
        if isinstance(found, NotLocated):
            self.problem = found
            self.errors = [location_problem_message(found)]
            return None
        return found
