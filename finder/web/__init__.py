"""The Flask side: blueprints, forms, security headers, error pages, template globals.

The web package uses the domain packages (meetings, geo, peer, importers, models); none of
them imports from here (tests/test_layout.py checks)."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

from finder.web import errors
from finder.web import input_guard
from finder.web import log_privacy
from finder.web import template_globals
from finder.web.security import security_headers
from finder.web.views import register_blueprints


class BoundedIntegerConverter(IntegerConverter):
    """`<int:...>` in a URL: numbers beyond a database integer name no page (404), rather
    than reaching PostgreSQL as an out-of-range value."""

    def __init__(self, map, *args, **kwargs) -> None:
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def init_app(app: Flask) -> None:
    app.url_map.converters["int"] = BoundedIntegerConverter
    input_guard.init_app(app)
    app.after_request(security_headers)
    template_globals.init_app(app)
    errors.init_app(app)
    log_privacy.install()
    register_blueprints(app)
