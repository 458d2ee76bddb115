"""Versioned static URLs: `?v=` carries a hash of the file's content, so browsers may keep
static files for a year (SEND_FILE_MAX_AGE_DEFAULT) and still fetch a changed file at once."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from flask import current_app
from flask import url_for

VERSION_LENGTH = 10


@cache
def file_version(path: Path) -> str:
    """The first hex digits of the file's sha256, read once per file per process."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:VERSION_LENGTH]


def static_url(filename: str) -> str:
    path = Path(current_app.static_folder) / filename
    return url_for("static", filename=filename, v=file_version(path))
