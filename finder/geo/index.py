"""The postcode and place index: one small read-only SQLite file that answers full postcodes,
outward codes and place names by primary key.

Built once (`flask --app finder postcodes build`, or on first start when the file is missing)
from OS Code-Point Open (see finder.geo.codepoint) and the GeoNames gazetteer in seeds/ (see
finder.geo.gazetteer). Workers then open it read-only and share
its pages through the operating system's page cache, so no process holds its own copy.

Points are stored as whole numbers of hundred-thousandths of a degree (about a metre), which
SQLite packs into three or four bytes instead of eight."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path

from finder.geo import codepoint
from finder.geo import gazetteer

SCHEMA_VERSION = "1"
SCALE = 100_000  # stored integer / SCALE = degrees

SCHEMA = """
CREATE TABLE postcode (code TEXT PRIMARY KEY, lat INTEGER NOT NULL, lng INTEGER NOT NULL)
    WITHOUT ROWID;
CREATE TABLE outward (code TEXT PRIMARY KEY, lat INTEGER NOT NULL, lng INTEGER NOT NULL)
    WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""


def build(path: Path, areas: Iterable[str] | None = None) -> dict[str, str]:
    """Write the index to `path`, replacing any earlier one in a single step (a file is written
    beside it, then renamed), so a reader never sees half an index. `areas` limits it to some
    postcode areas (such as ['LS', 'CF']); every area by default. Returns the meta facts."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    chosen = sorted({area.upper() for area in areas}) if areas is not None else None
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        meta = _write(Path(temporary), chosen or codepoint.all_areas(), complete=chosen is None)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return meta


def ensure(path: Path) -> bool:
    """Build the index if there is none at `path`. True if it was built."""
    if Path(path).exists():
        return False
    build(path)
    return True


def _write(path: Path, areas: list[str], *, complete: bool) -> dict[str, str]:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 4096;"
        )
        connection.executescript(SCHEMA + gazetteer.SCHEMA)
        connection.execute("BEGIN")
        postcode_count = _write_postcodes(connection, areas)
        place_count = gazetteer.write_places(connection, SCALE)
        meta = {
            "schema": SCHEMA_VERSION,
            "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "postcode_source": codepoint.SOURCE_NAME,
            "areas": "all" if complete else " ".join(areas),
            "postcodes": str(postcode_count),
            "place_source": gazetteer.SOURCE_NAME,
            "places": str(place_count),
        }
        connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        connection.execute("COMMIT")
        connection.execute("ANALYZE")
    finally:
        connection.close()
    return meta


def _write_postcodes(connection: sqlite3.Connection, areas: list[str]) -> int:
    count = 0
    for area in areas:
        rows = sorted(
            (code, round(lat * SCALE), round(lng * SCALE))
            for code, lat, lng in codepoint.area_postcodes(area)
        )
        connection.executemany("INSERT INTO postcode VALUES (?, ?, ?)", rows)
        sums: dict[str, list[int]] = {}
        for code, lat, lng in rows:
            total = sums.setdefault(code.split(" ")[0], [0, 0, 0])
            total[0] += lat
            total[1] += lng
            total[2] += 1
        connection.executemany(
            "INSERT INTO outward VALUES (?, ?, ?)",
            sorted(
                (outward, round(lat / n), round(lng / n)) for outward, (lat, lng, n) in sums.items()
            ),
        )
        count += len(rows)
    return count
