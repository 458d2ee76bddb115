"""Configuration from environment variables, with safe defaults for a laptop."""

import os
import secrets
from pathlib import Path

INSTANCE_DEFAULT = Path(__file__).resolve().parent.parent / "instance"


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def from_environment() -> dict:
    """Every setting the app reads, each overridable by an environment variable."""
    instance = Path(os.environ.get("FINDER_INSTANCE_PATH", INSTANCE_DEFAULT))
    return {
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_hex(32),
        "SQLALCHEMY_DATABASE_URI": os.environ.get(
            "DATABASE_URL", f"sqlite:///{instance / 'finder.sqlite3'}"
        ),
        "FINDER_LOAD_DEMO_DATA": _flag("FINDER_LOAD_DEMO_DATA", True),
        # Run migrations (and load demo data, if wanted) when the app starts.
        "FINDER_PREPARE_DATABASE": _flag("FINDER_PREPARE_DATABASE", True),
        "FINDER_DEFAULT_RADIUS_MILES": float(os.environ.get("FINDER_DEFAULT_RADIUS_MILES", "10")),
        "FINDER_PAGE_SIZE": int(os.environ.get("FINDER_PAGE_SIZE", "20")),
        "FINDER_ONLINE_GEOCODER": os.environ.get("FINDER_ONLINE_GEOCODER", ""),
        "FINDER_EXIT_URL": os.environ.get("FINDER_EXIT_URL", "https://www.bbc.co.uk/weather"),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "SESSION_COOKIE_SECURE": _flag("SESSION_COOKIE_SECURE", False),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": "Europe/London",
        "FINDER_LANGUAGES": ["en", "cy", "pl"],
        "COMPRESS_MIMETYPES": [
            "text/html", "text/css", "application/javascript", "text/javascript",
            "application/json", "text/calendar",
        ],
        "COMPRESS_ALGORITHM": ["gzip"],
        "SEND_FILE_MAX_AGE_DEFAULT": 31536000,
    }
