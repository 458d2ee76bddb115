"""Putting the gazetteer (seeds/gazetteer-gb.csv, written by seeds/make_places.py from GeoNames,
CC BY 4.0) into the postcode and place index, with every name a place can be found by.

A place is found by its name, by its Welsh name (and shown by it: Caerdydd, not Cardiff) and by
the other names in seeds/places.csv (Newcastle for Newcastle upon Tyne). Those chosen names
come first: someone typing "Newcastle" means Newcastle upon Tyne, not a village of that name."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import unicodedata
from importlib.resources.abc import Traversable

from finder.seeds import seed_file

GAZETTEER_FILE = seed_file("gazetteer-gb.csv")
SOURCE_NAME = "GeoNames places with 500 or more people (CC BY 4.0)"

# rank 0: a name chosen for the place in seeds/places.csv (or its Welsh name); 1: its own name
SCHEMA = """
CREATE TABLE place (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, qualifier TEXT NOT NULL, county TEXT NOT NULL,
    nation TEXT NOT NULL, lat INTEGER NOT NULL, lng INTEGER NOT NULL, population INTEGER NOT NULL
);
CREATE TABLE place_name (
    key TEXT NOT NULL, rank INTEGER NOT NULL, place INTEGER NOT NULL, shown TEXT NOT NULL,
    PRIMARY KEY (key, rank, place)
) WITHOUT ROWID;
"""


def key(name: str) -> str:
    """What a name is looked up by: 'Ynys Môn' -> 'ynys mon', 'St. Albans' -> 'st albans'."""
    plain = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(character for character in plain if not unicodedata.combining(character))
    return re.sub(r"[^a-z0-9]+", " ", plain).strip()


def qualifier(row: dict) -> str:
    """What tells a place from others of its name: its county, or its nation where the county
    is missing or only repeats the name (Newport, Wales)."""
    county = row["county"]
    return county if county and key(county) != key(row["name"]) else row["nation"]


def write_places(
    connection: sqlite3.Connection, scale: int, path: Traversable = GAZETTEER_FILE
) -> int:
    """Points are stored as whole numbers of 1/scale degrees; the tables are SCHEMA's."""
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    places: list[tuple] = []
    names: dict[tuple[str, int, int], str] = {}
    for row in rows:
        number = int(row["geonameid"])
        places.append(
            (
                number, row["name"], qualifier(row), row["county"], row["nation"],
                round(float(row["latitude"]) * scale), round(float(row["longitude"]) * scale),
                int(row["population"] or 0),
            )
        )  # fmt: skip
        found_by = [(row["name"], 1, row["name"])]
        found_by += [(alias, 0, row["name"]) for alias in row["aliases"].split(";") if alias]
        if row["welsh_name"]:
            found_by.append((row["welsh_name"], 0, row["welsh_name"]))
        for name, rank, shown in found_by:
            names.setdefault((key(name), rank, number), shown)
    connection.executemany("INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?)", places)
    connection.executemany(
        "INSERT INTO place_name VALUES (?, ?, ?, ?)",
        sorted((k, rank, number, shown) for (k, rank, number), shown in names.items()),
    )
    return len(places)
