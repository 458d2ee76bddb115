"""Turning what people type (a postcode, an outward code, a town) into a point, offline."""
