"""Columns that hold a code from finder.vocabulary: stored as text, with a CHECK constraint
(SQLAlchemy's non-native Enum) so the database refuses any code the vocabulary lacks."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Enum


def coded(name: str, codes: Iterable[str], length: int = 20) -> Enum:
    """A text column of `length` characters allowed to hold only `codes`; `name` names its
    CHECK constraint (migration 0004 creates them)."""
    return Enum(
        *codes,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=length,
        validate_strings=True,
    )
