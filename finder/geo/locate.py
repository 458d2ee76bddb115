"""Resolve what someone typed into a point: a full postcode, an outward code or a place name.

Nothing typed here is sent to any other service unless an online geocoder is configured."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from finder.geo import places
from finder.geo import postcodes


class Problem(enum.Enum):
    EMPTY = "empty"
    BAD_POSTCODE = "bad_postcode"
    UNKNOWN_POSTCODE = "unknown_postcode"
    NORTHERN_IRELAND = "northern_ireland"
    UNKNOWN_PLACE = "unknown_place"
    AMBIGUOUS_PLACE = "ambiguous_place"
    BAD_COORDINATES = "bad_coordinates"


@dataclass(frozen=True)
class Located:
    label: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Choice:
    """One way to go on: `label` to show, `near` to search with (it finds this place alone)."""

    label: str
    near: str


@dataclass(frozen=True)
class NotLocated:
    problem: Problem
    text: str
    # UNKNOWN_PLACE: names spelt like the one typed, best first ("Did you mean Leeds?")
    suggestions: tuple[Choice, ...] = ()
    # AMBIGUOUS_PLACE: every place of that name, most populous first, each with its county
    choices: tuple[Choice, ...] = ()

    @property
    def options(self) -> tuple[Choice, ...]:
        """What to offer instead of what was typed: the places of that name, or the names
        spelt like it."""
        return self.choices or self.suggestions

    @property
    def in_northern_ireland(self) -> bool:
        return self.problem is Problem.NORTHERN_IRELAND


def locate(text: str, online_geocoder=None) -> Located | NotLocated:
    text = " ".join(text.split())
    if not text:
        return NotLocated(Problem.EMPTY, text)
    if postcodes.looks_like_postcode(text):
        return _locate_postcode(text)
    found = places.find(text)
    if found:
        return _locate_place(text, found)
    if online_geocoder is not None:
        return _locate_online(text, online_geocoder)
    if any(character.isdigit() for character in text):
        return NotLocated(Problem.BAD_POSTCODE, text)
    suggested = tuple(Choice(name, name) for name in places.suggestions(text))
    return NotLocated(Problem.UNKNOWN_PLACE, text, suggestions=suggested)


def _locate_place(text: str, found: tuple[places.Place, ...]) -> Located | NotLocated:
    """One place is found; several are choices; Northern Ireland ones only where nothing in
    Great Britain has that name (a shared name means the place in Great Britain)."""
    in_britain = [place for place in found if place.nation != places.NORTHERN_IRELAND]
    if not in_britain:
        return NotLocated(Problem.NORTHERN_IRELAND, text)
    if len(in_britain) == 1:
        place = in_britain[0]
        shown = place.label if "," in text else place.shown
        return Located(shown, place.latitude, place.longitude)
    choices = tuple(Choice(place.label, place.label) for place in in_britain)
    return NotLocated(Problem.AMBIGUOUS_PLACE, text, choices=choices)


def _locate_postcode(text: str) -> Located | NotLocated:
    if postcodes.is_northern_ireland(text):
        return NotLocated(Problem.NORTHERN_IRELAND, text)
    full = postcodes.canonical_postcode(text)
    if full:
        point = postcodes.postcode_point(full)
        return Located(full, *point) if point else NotLocated(Problem.UNKNOWN_POSTCODE, full)
    outward = postcodes.canonical_outward_code(text)
    if outward:
        point = postcodes.outward_code_point(outward)
        return Located(outward, *point) if point else NotLocated(Problem.UNKNOWN_POSTCODE, outward)
    return NotLocated(Problem.BAD_POSTCODE, text)


# Two decimal places: about a kilometre, no closer to a home than a postcode district.
KEPT_DECIMALS = 2


def district_only(found: Located) -> Located:
    """Where someone is, only as closely as we say we keep it: a full postcode becomes its
    first part (the district's centre), and any point is rounded to about a kilometre (a
    place found online may be a street address)."""
    outward = postcodes.canonical_outward_code(found.label.split(" ")[0]) \
        if postcodes.canonical_postcode(found.label) else None
    point = postcodes.outward_code_point(outward) if outward else None
    lat, lng = point or (found.latitude, found.longitude)
    return Located(outward or found.label, round(lat, KEPT_DECIMALS), round(lng, KEPT_DECIMALS))


def _locate_online(text: str, geocoder) -> Located | NotLocated:
    """Only when an operator has opted in (FINDER_ONLINE_GEOCODER)."""
    result = geocoder.geocode(f"{text}, United Kingdom", exactly_one=True, timeout=5)
    if result is None:
        return NotLocated(Problem.UNKNOWN_PLACE, text)
    return Located(text, result.latitude, result.longitude)


def locate_coordinates(latitude: str, longitude: str) -> Located | NotLocated:
    """Coordinates from "Use my location": they must be numbers within the UK and nearby."""
    try:
        lat, lng = float(latitude), float(longitude)
    except ValueError:
        return NotLocated(Problem.BAD_COORDINATES, f"{latitude},{longitude}")
    if not (49.0 <= lat <= 61.5 and -9.0 <= lng <= 2.5):
        return NotLocated(Problem.BAD_COORDINATES, f"{latitude},{longitude}")
    return Located("", round(lat, 5), round(lng, 5))


def configured_geocoder(name: str):
    """An online geocoder from geopy, only if an operator named one (off by default)."""
    if not name:
        return None
    from geopy.geocoders import get_geocoder_for_service

    return get_geocoder_for_service(name)(user_agent="finder-meeting-finder")
