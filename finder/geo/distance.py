"""Distance between two points on the Earth's surface."""

from __future__ import annotations

import math

EARTH_RADIUS_MILES = 3958.8


def distance_miles(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """The great-circle distance in miles (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = math.radians(lat2 - lat1), math.radians(lng2 - lng1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(a))
