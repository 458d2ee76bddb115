"""Error pages for the whole site: one template per status, under errors/.

An error page must render even when the database is what failed: the session is rolled back
first (PostgreSQL refuses every statement in an aborted transaction), and the base template's
one database question survives an unreachable database (template_globals.demo_data_loaded)."""

from __future__ import annotations

from flask import Flask
from flask import render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import SecurityError

from finder.extensions import db

PAGES = (400, 403, 404, 429, 500)


def _error_page(error):
    if error.code == 500:
        db.session.rollback()
    if getattr(error, "response", None) is not None:
        return error.response  # a page of its own, such as the request form over its limit
    return render_template(f"errors/{error.code}.html"), error.code


def _unknown_host(error):
    # A Host header outside TRUSTED_HOSTS: no link to this site can be built for it.
    return "Bad request: unknown host name.", 400, {"Content-Type": "text/plain"}


def _form_expired(error):
    return render_template("errors/csrf.html"), 400


def init_app(app: Flask) -> None:
    for code in PAGES:
        app.register_error_handler(code, _error_page)
    app.register_error_handler(SecurityError, _unknown_host)
    app.register_error_handler(CSRFError, _form_expired)
