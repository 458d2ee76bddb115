"""The search vocabulary, one table of truth: what each filter value in a URL means.

The search form, the SQL filters, the README and the tests all read these tables."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

FELLOWSHIP_SLUGS = (
    "aa",
    "al-anon",
    "ca",
    "families-anonymous",
    "na",
    "nar-anon",
    "smart",
    "smart-family-friends",
)

ETHOS = {
    "secular": _l("Secular (no religious or spiritual content)"),
    "spiritual": _l("Spiritual (refers to a higher power of your own understanding)"),
}

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
TYPES = {
    "open": ("is_open", True, _l("Open (anyone can come)")),
    "closed": ("is_open", False, _l("Closed (for people who want to stop)")),
    "women": ("for_women", True, _l("Women")),
    "men": ("for_men", True, _l("Men")),
    "lgbtq": ("lgbtq", True, _l("LGBTQ+")),
    "young-people": ("young_people", True, _l("Young people")),
    "wheelchair": ("wheelchair_access", True, _l("Wheelchair access")),
    "hearing-loop": ("hearing_loop", True, _l("Hearing loop")),
}

TYPE_BITS = {name: 1 << position for position, name in enumerate(TYPES)}


def feature_bits(meeting) -> int:
    """The meeting's features as one number, a bit for each entry in TYPES."""
    return sum(
        bit for name, bit in TYPE_BITS.items() if getattr(meeting, TYPES[name][0]) is TYPES[name][1]
    )


def types_mask(type_names) -> int:
    return sum(TYPE_BITS[name] for name in set(type_names))


# Time of day by start time, in wall-clock minutes since midnight: [start, end).
TIMES = {
    "morning": ((5 * 60, 12 * 60), _l("Morning (5am to midday)")),
    "afternoon": ((12 * 60, 17 * 60), _l("Afternoon (midday to 5pm)")),
    "evening": ((17 * 60, 21 * 60), _l("Evening (5pm to 9pm)")),
    "night": ((21 * 60, 5 * 60), _l("Night (9pm to 5am)")),
}

DAY_NAMES = (
    _l("Sunday"),
    _l("Monday"),
    _l("Tuesday"),
    _l("Wednesday"),
    _l("Thursday"),
    _l("Friday"),
    _l("Saturday"),
)
RELATIVE_DAYS = {"today": _l("Today"), "tomorrow": _l("Tomorrow")}

SORTS = {"soonest": _l("Soonest first"), "nearest": _l("Nearest first")}

RADII_MILES = (1, 2, 5, 10, 25, 50)

LANGUAGES = {
    "en": _l("English"),
    "cy": _l("Welsh"),
    "pl": _l("Polish"),
    "pa": _l("Punjabi"),
    "uk": _l("Ukrainian"),
    "es": _l("Spanish"),
    "pt": _l("Portuguese"),
    "ro": _l("Romanian"),
    "ur": _l("Urdu"),
    "bn": _l("Bengali"),
    "gd": _l("Scottish Gaelic"),
    "bsl": _l("British Sign Language"),
}

ORT = {
    "welcoming": _l("Welcoming to people on methadone or buprenorphine"),
}
