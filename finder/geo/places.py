"""Places in Great Britain found by name, offline, in the gazetteer part of the index (GeoNames
places with 500 or more people, CC BY 4.0; see finder.geo.gazetteer).

A name can mean several places (Newport, Richmond, Ashford): all are returned, each with what
tells it from the others, and "Newport, Isle of Wight" picks one. A name that matches nothing
gets the nearest names by spelling (within a small edit distance), best first."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from finder.geo import store
from finder.geo.gazetteer import key
from finder.geo.index import SCALE

NORTHERN_IRELAND = "Northern Ireland"


@dataclass(frozen=True)
class Place:
    shown: str  # the name it was found by (the Welsh name, if that was typed)
    qualifier: str  # its county, or its nation (see gazetteer.qualifier)
    nation: str
    latitude: float
    longitude: float

    @property
    def label(self) -> str:
        """'Newport, Isle of Wight': also what finds this place alone when typed."""
        return f"{self.shown}, {self.qualifier}"


@lru_cache(maxsize=1024)
def find(text: str) -> tuple[Place, ...]:
    """Every place `text` names, most populous first; () if none. 'Name, county' (or nation)
    narrows a shared name down."""
    places = _named(key(text))
    if places or "," not in text:
        return places
    name, _comma, wanted = text.rpartition(",")
    wanted_key = key(wanted)
    candidates = _named(key(name))
    for matches in (
        [p for p in candidates if key(p.qualifier) == wanted_key],
        [p for p in candidates if key(p.nation) == wanted_key],
    ):
        if matches:
            return tuple(matches)
    return candidates


def _named(name_key: str) -> tuple[Place, ...]:
    if not name_key:
        return ()
    rows = (
        store.connection()
        .execute(
            """SELECT n.rank, n.shown, p.qualifier, p.nation, p.lat, p.lng
        FROM place_name n JOIN place p ON p.id = n.place
        WHERE n.key = ? ORDER BY n.rank, p.population DESC, p.id""",
            (name_key,),
        )
        .fetchall()
    )
    best_rank = rows[0][0] if rows else None
    return tuple(
        Place(shown, qualifier, nation, lat / SCALE, lng / SCALE)
        for rank, shown, qualifier, nation, lat, lng in rows
        if rank == best_rank
    )


@cache
def _all_names() -> tuple[list[str], list[tuple[str, int]]]:
    """Every lookup key with the name to suggest for it and the population behind it (about
    7,000 short strings: kept once per process, as fuzzy matching reads them all)."""
    keys, shown = [], []
    for name_key, name, population in store.connection().execute(
        """SELECT n.key, n.shown, max(p.population) FROM place_name n
        JOIN place p ON p.id = n.place WHERE p.nation != ? GROUP BY n.key""",
        (NORTHERN_IRELAND,),
    ):
        keys.append(name_key)
        shown.append((name, population))
    return keys, shown


def suggestions(text: str, limit: int = 3) -> tuple[str, ...]:
    """Names spelt like `text` (one or two letters out, three in a long name), closest first
    and, among equally close ones, the most populous first."""
    wanted = key(text)
    if len(wanted) < 3:
        return ()
    allowed = 1 if len(wanted) <= 4 else 2 if len(wanted) <= 9 else 3
    keys, shown = _all_names()
    matches = process.extract(
        wanted, keys, scorer=Levenshtein.distance, score_cutoff=allowed, limit=25
    )
    ranked = sorted(matches, key=lambda match: (match[1], -shown[match[2]][1]))
    names: list[str] = []
    for _key, _distance, position in ranked:
        if shown[position][0] not in names:
            names.append(shown[position][0])
    return tuple(names[:limit])


def forget() -> None:
    """Drop what was read from an index (when the app switches to another)."""
    find.cache_clear()
    _all_names.cache_clear()
