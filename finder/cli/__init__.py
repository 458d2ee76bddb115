"""`flask --app finder ...` commands: meetings (import, export, demo data), postcodes,
sources, users, worker."""

from __future__ import annotations

from flask import Flask

from finder.cli import meetings
from finder.cli import peer
from finder.cli import postcodes
from finder.cli import sources


def init_app(app: Flask) -> None:
    meetings.init_app(app)
    peer.init_app(app)
    postcodes.init_app(app)
    sources.init_app(app)
