"""Read-only lookups in the postcode and place index (built by finder.geo.index).

Each thread opens the file once, read-only and immutable, so lookups take no locks and every
worker shares the same pages in the operating system's page cache. The app says where the file
is with `use(path)`; until then FINDER_POSTCODE_INDEX, or instance/postcodes.sqlite3."""

from __future__ import annotations

import os
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from finder.geo.index import SCALE

Point = tuple[float, float]

DEFAULT_PATH = Path(__file__).resolve().parent.parent.parent / "instance" / "postcodes.sqlite3"


class IndexMissing(RuntimeError):
    """The index file has not been built."""


_settings = {"path": Path(os.environ.get("FINDER_POSTCODE_INDEX") or DEFAULT_PATH)}
_local = threading.local()


def use(path: Path | str) -> None:
    """Look things up in the index at `path` from now on (in every thread)."""
    _settings["path"] = Path(path)
    _forget()


def path() -> Path:
    return _settings["path"]


def _forget() -> None:
    from finder.geo import places

    postcode_point.cache_clear()
    outward_code_point.cache_clear()
    places.forget()
    _local.__dict__.clear()


def connection() -> sqlite3.Connection:
    current = path()
    if getattr(_local, "path", None) != current:
        if not current.exists():
            raise IndexMissing(
                f"No postcode index at {current}: run `flask --app finder postcodes build`"
            )
        uri = f"file:{quote(str(current.resolve()))}?mode=ro&immutable=1"
        _local.connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
        _local.path = current
    return _local.connection


def _point(table: str, code: str) -> Point | None:
    row = connection().execute(f"SELECT lat, lng FROM {table} WHERE code = ?", (code,)).fetchone()
    return (row[0] / SCALE, row[1] / SCALE) if row else None


@lru_cache(maxsize=1024)
def postcode_point(postcode: str) -> Point | None:
    """The point of a full postcode in canonical form ('LS1 4AP'), or None if unknown."""
    return _point("postcode", postcode)


@lru_cache(maxsize=1024)
def outward_code_point(outward: str) -> Point | None:
    """The centre of all the postcodes in an outward code such as 'LS1', or None."""
    return _point("outward", outward)


def meta() -> dict[str, str]:
    return dict(connection().execute("SELECT key, value FROM meta"))
