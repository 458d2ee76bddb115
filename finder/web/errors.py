"""Error pages for the whole site.

An error page must render even when the database is what failed: the session is rolled back
first (PostgreSQL refuses every statement in an aborted transaction), and the base template's
one database question survives an unreachable database (template_globals.demo_data_loaded)."""

from __future__ import annotations

from flask import Flask
from flask import render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import SecurityError

from finder.extensions import db


def init_app(app: Flask) -> None:
    @app.errorhandler(400)
    def bad_request(error):
        return render_template("errors/400.html"), 400

    @app.errorhandler(SecurityError)
    def unknown_host(error):
        # A Host header outside TRUSTED_HOSTS: no link to this site can be built for it.
        return "Bad request: unknown host name.", 400, {"Content-Type": "text/plain"}

    @app.errorhandler(CSRFError)
    def form_expired(error):
        return render_template("errors/csrf.html"), 400

    @app.errorhandler(403)
    def forbidden(error):
        return render_template("errors/403.html"), 403

    @app.errorhandler(404)
    def not_found(error):
        return render_template("errors/404.html"), 404

    @app.errorhandler(429)
    def too_many_requests(error):
        return render_template("errors/429.html"), 429

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return render_template("errors/500.html"), 500
