"""Security headers on every response, with a fresh CSP nonce for each request."""

from __future__ import annotations

import secrets
from typing import TypeVar

from flask import Response
from flask import current_app
from flask import g
from werkzeug.wrappers import Response as BaseResponse

from finder.web.static_files import stylesheet_hash

# Flask's own responses and werkzeug's (a redirect) alike.
AnyResponse = TypeVar("AnyResponse", bound=BaseResponse)


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def security_headers(response: Response) -> Response:
    nonce = csp_nonce()
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; "
        f"script-src 'self' 'nonce-{nonce}'; "
        f"style-src 'self' {stylesheet_hash()}; "
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
    hsts_seconds = current_app.config.get("FINDER_HSTS_SECONDS", 0)
    if hsts_seconds:
        response.headers["Strict-Transport-Security"] = f"max-age={hsts_seconds}"
    return response


def private(response: AnyResponse) -> AnyResponse:
    """Pages about one person's request: never cached, never indexed, no referrer elsewhere."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
