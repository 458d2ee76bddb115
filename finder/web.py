"""Request-wide behaviour: security headers with a CSP nonce, the demo banner, error pages,
and the one place that decides between a whole page and a fragment for htmx."""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from flask import Flask
from flask import Response
from flask import g
from flask import render_template
from flask import request
from flask_babel import get_locale
from sqlalchemy import select

from finder import static_files
from finder.extensions import db
from finder.extensions import htmx
from finder.i18n import LANGUAGE_NAMES
from finder.models import MeetingSource


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def wants_fragment() -> bool:
    """htmx asked for part of a page; boosted and history-restore requests get the whole page."""
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def render_page_or_fragment(page: str, fragment: str, status: int = 200, **context) -> Response:
    """Render the page, or just its fragment for htmx. Both vary on HX-Request."""
    is_fragment = wants_fragment()
    template = fragment if is_fragment else page
    response = Response(
        render_template(template, is_fragment=is_fragment, **context), status=status
    )
    response.vary.add("HX-Request")
    return response


def demo_data_loaded() -> bool:
    if "demo_data_loaded" not in g:
        query = select(MeetingSource.id).where(MeetingSource.is_demo.is_(True)).limit(1)
        g.demo_data_loaded = db.session.execute(query).first() is not None
    return g.demo_data_loaded


def security_headers(response: Response) -> Response:
    nonce = csp_nonce()
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; "
        f"script-src 'self' 'nonce-{nonce}'; "
        "style-src 'self'; "
        "img-src 'self' data:; "
        "connect-src 'self'; "
        "font-src 'self'; "
        "object-src 'none'; "
        "base-uri 'none'; "
        "form-action 'self'; "
        "frame-ancestors 'none'"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Permissions-Policy"] = "geolocation=(self), camera=(), microphone=()"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    return response


def init_app(app: Flask) -> None:
    app.after_request(security_headers)
    static_files.init_app(app)

    @app.context_processor
    def page_context() -> dict:
        locale = get_locale()
        return {
            "csp_nonce": csp_nonce,
            "demo_data_loaded": demo_data_loaded,
            "current_locale": locale.language if locale else "en",
            "html_lang": str(locale).replace("_", "-") if locale else "en-GB",
            "language_names": LANGUAGE_NAMES,
        }

    @app.errorhandler(404)
    def not_found(error):
        return render_template("errors/404.html"), 404

    @app.errorhandler(429)
    def too_many_requests(error):
        return render_template("errors/429.html"), 429

    @app.errorhandler(500)
    def server_error(error):
        return render_template("errors/500.html"), 500

    @app.template_global()
    def current_path_with(**changes) -> str:
        """The current URL with some query parameters replaced (for pagination and switchers)."""
        args = request.args.to_dict(flat=False)
        for key, value in changes.items():
            args[key] = value if isinstance(value, list) else [value]
        return request.path + ("?" + urlencode(args, doseq=True) if args else "")
