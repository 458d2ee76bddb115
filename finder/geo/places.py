"""Towns and cities people can search by name (in English or, where it differs, Welsh), each
placed at the centre of one of its postcode districts (seeds/places.csv), so no gazetteer
service is needed."""

from __future__ import annotations

import csv
import re
from functools import cache

from finder.geo.postcodes import Point
from finder.geo.postcodes import outward_code_point
from finder.seeds import seed_file

PLACES_FILE = seed_file("places.csv")


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.casefold()).strip()


@cache
def _places() -> dict[str, tuple[str, str]]:
    """Lookup key -> (name to show, outward code). A place found by its Welsh name is shown by
    its Welsh name; one found by any other alias is shown by its usual name."""
    places: dict[str, tuple[str, str]] = {}
    with PLACES_FILE.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            outward = row["outward_code"]
            for alias in [row["name"], *filter(None, (row["aliases"] or "").split(";"))]:
                places[_key(alias)] = (row["name"], outward)
            if row["welsh_name"]:
                places[_key(row["welsh_name"])] = (row["welsh_name"], outward)
    return places


def place_point(name: str) -> tuple[str, Point] | None:
    """('Leeds', (lat, lng)) for 'leeds', or None for a place we do not know."""
    found = _places().get(_key(name))
    if not found:
        return None
    display_name, outward = found
    point = outward_code_point(outward)
    return (display_name, point) if point else None
