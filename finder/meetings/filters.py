"""The search vocabulary, one table of truth: what each filter value in a URL means.

The search form, the SQL filters, the README and the tests all read these tables."""

from __future__ import annotations

from typing import NamedTuple

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

# Attendance: which stored modes each choice includes, and whether distance applies.
MODES = {
    "in-person": (("in_person",), True),
    "hybrid": (("hybrid",), False),
    "online": (("online", "hybrid"), False),
}
DEFAULT_MODES = (("in_person", "hybrid"), True)
MODE_LABELS = {
    "in-person": _l("In person only"),
    "hybrid": _l("Hybrid (in person and online)"),
    "online": _l("Online (you can join by video or phone)"),
}

# Meeting features people can require; each maps to a boolean column on Meeting
# (is_open is True for open meetings and False for closed ones).
class Feature(NamedTuple):
    column: str
    value: bool
    label: LazyString
    # The feature's bit in Meeting.feature_bits. Pinned: stored rows keep their bits, so a
    # number here must never change or be reused; a new feature takes the next free bit, and
    # `flask --app finder meetings reindex` rewrites every row's bits after a change.
    bit: int


TYPES = {
    "open": Feature("is_open", True, _l("Open (anyone can come)"), bit=0),
    "closed": Feature("is_open", False, _l("Closed (only for the people the group is for)"), bit=1),
    "women": Feature("for_women", True, _l("Women"), bit=2),
    "men": Feature("for_men", True, _l("Men"), bit=3),
    "lgbtq": Feature("lgbtq", True, _l("LGBTQ+"), bit=4),
    "young-people": Feature("young_people", True, _l("Young people"), bit=5),
    "wheelchair": Feature("wheelchair_access", True, _l("Wheelchair access"), bit=6),
    "hearing-loop": Feature("hearing_loop", True, _l("Hearing loop"), bit=7),
}


def feature_bits(meeting) -> int:
    """The meeting's features as one number, with each feature's pinned bit."""
    return sum(
        1 << feature.bit
        for feature in TYPES.values()
        if getattr(meeting, feature.column) is feature.value
    )


def types_mask(type_names) -> int:
    return sum(1 << TYPES[name].bit for name in set(type_names))


# Time of day by start time, in wall-clock minutes since midnight: [start, end).
TIMES = {
    "morning": ((5 * 60, 12 * 60), _l("Morning (5am to midday)")),
    "afternoon": ((12 * 60, 17 * 60), _l("Afternoon (midday to 5pm)")),
    "evening": ((17 * 60, 21 * 60), _l("Evening (5pm to 9pm)")),
    "night": ((21 * 60, 5 * 60), _l("Night (9pm to 5am)")),
}

RELATIVE_DAYS = {"today": _l("Today"), "tomorrow": _l("Tomorrow")}

SORTS = {"soonest": _l("Soonest first"), "nearest": _l("Nearest first")}

