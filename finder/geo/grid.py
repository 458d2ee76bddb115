"""A fixed grid of 0.1-degree squares over the map, so a radius search can ask the database
for a short list of squares (an index lookup) instead of scanning a band of latitude."""

from __future__ import annotations

import math

CELL_DEGREES = 0.1
COLUMNS = 4000  # more than 360 / CELL_DEGREES, so every (row, column) gets its own number


def cell_of(latitude: float | None, longitude: float | None) -> int | None:
    if latitude is None or longitude is None:
        return None
    row = math.floor(latitude / CELL_DEGREES)
    column = math.floor((longitude + 180) / CELL_DEGREES)
    return row * COLUMNS + column


def cells_covering(south: float, north: float, west: float, east: float) -> list[int]:
    rows = range(math.floor(south / CELL_DEGREES), math.floor(north / CELL_DEGREES) + 1)
    columns = range(
        math.floor((west + 180) / CELL_DEGREES), math.floor((east + 180) / CELL_DEGREES) + 1
    )
    return [row * COLUMNS + column for row in rows for column in columns]
