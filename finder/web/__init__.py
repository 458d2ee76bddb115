"""The Flask side: blueprints, forms, security headers, error pages, template globals.

The web package uses the domain packages (meetings, geo, peer, importers, models); none of
them imports from here (tests/test_layout.py checks)."""

from __future__ import annotations

from flask import Flask

from finder.web import errors
from finder.web import log_privacy
from finder.web import template_globals
from finder.web.security import security_headers
from finder.web.views import register_blueprints


def init_app(app: Flask) -> None:
    app.after_request(security_headers)
    template_globals.init_app(app)
    errors.init_app(app)
    log_privacy.install()
    register_blueprints(app)
