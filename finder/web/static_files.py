"""Versioned static URLs: `?v=` carries a hash of the file's content, so browsers may keep
static files for a year (SEND_FILE_MAX_AGE_DEFAULT) and still fetch a changed file at once."""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from pathlib import Path

from flask import current_app
from flask import url_for
from markupsafe import Markup

VERSION_LENGTH = 10
STYLESHEET = "css/finder.css"


@cache
def file_version(path: Path) -> str:
    """The first hex digits of the file's sha256, read once per file per process."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:VERSION_LENGTH]


def _static_folder() -> Path:
    folder = current_app.static_folder
    assert folder is not None  # finder's app always serves finder/static
    return Path(folder)


def static_url(filename: str) -> str:
    path = _static_folder() / filename
    return url_for("static", filename=filename, v=file_version(path))


@cache
def _stylesheet(path: Path) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return text, f"'sha256-{digest}'"


def inline_stylesheet(filename: str = STYLESHEET) -> Markup:
    """The stylesheet's text, for a <style> element in the page: the first paint then waits
    for no second request (on a slow phone network a new connection costs two round trips)."""
    return Markup(_stylesheet(_static_folder() / filename)[0])


def stylesheet_hash(filename: str = STYLESHEET) -> str:
    """The CSP source that allows exactly that inline stylesheet and no other."""
    return _stylesheet(_static_folder() / filename)[1]
