"""Production mode (FINDER_ENV=production): settings that must be right before the app starts,
and the proxy in front of it.

A production app refuses to start rather than run with a per-process secret key, demo data and
its demo coordinator, migrations raced by every worker, or links built from the Host header."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from finder.config import PRODUCTION


class ProductionSettingsError(RuntimeError):
    """The environment is not fit for a production start; the message says what to set."""


def problems(config: dict) -> list[str]:
    """What stops a production start, each as an instruction."""
    if config.get("FINDER_ENV") != PRODUCTION:
        return []
    found = []
    if not config.get("SECRET_KEY"):
        found.append("Set SECRET_KEY to a long random value, the same for every process "
                     "(for example: python -c 'import secrets; print(secrets.token_hex(32))').")
    if config.get("FINDER_LOAD_DEMO_DATA"):
        found.append("Unset FINDER_LOAD_DEMO_DATA: production never loads the demo data or "
                     "its demo accounts.")
    if config.get("FINDER_PREPARE_DATABASE"):
        found.append("Unset FINDER_PREPARE_DATABASE: production runs migrations as a release "
                     "step (flask --app finder db upgrade), not in every worker.")
    if not config.get("FINDER_BASE_URL"):
        found.append("Set FINDER_BASE_URL to the public address, such as "
                     "https://meetings.example.org: links in emails and status links use it.")
    elif not _is_https_or_this_machine(config["FINDER_BASE_URL"]):
        found.append("Make FINDER_BASE_URL an https:// address: links in emails and status "
                     "links are built from it.")
    if not config.get("TRUSTED_HOSTS"):
        found.append("Set FINDER_TRUSTED_HOSTS to the host names the site answers to.")
    return found


def _is_https_or_this_machine(url: str) -> bool:
    """Plain http is only for trying production mode on this machine (127.0.0.1, localhost)."""
    parts = urlsplit(url)
    return parts.scheme == "https" or (
        parts.scheme == "http" and parts.hostname in {"127.0.0.1", "localhost", "::1"})


def check(config: dict) -> None:
    found = problems(config)
    if found:
        raise ProductionSettingsError(
            "finder will not start in production mode:\n- " + "\n- ".join(found))


def trust_proxies(app: Flask) -> None:
    """Read the client's address and scheme from the configured number of proxies
    (X-Forwarded-For, X-Forwarded-Proto); with none, the headers are ignored."""
    count = app.config.get("FINDER_PROXY_COUNT", 0)
    if count:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)  # type: ignore[method-assign]
