"""Configuration from environment variables, with safe defaults for a laptop."""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

PRODUCTION = "production"
TRUE = {"1", "true", "yes", "on"}
FALSE = {"", "0", "false", "no", "off"}


class SettingsError(ValueError):
    """An environment variable holds a value the app cannot read; the message names it."""


def instance_path() -> str | None:
    """FINDER_INSTANCE_PATH, or Flask's own choice: `instance/` beside a source checkout, or
    `<virtualenv>/var/finder-instance` for an installed wheel."""
    configured = os.environ.get("FINDER_INSTANCE_PATH")
    return str(Path(configured).resolve()) if configured else None


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() not in TRUE | FALSE:
        raise SettingsError(f"{name} is {value!r}: make it true or false (1, yes, on or 0, "
                            "no, off).")
    return value.strip().lower() in TRUE


def environment_name() -> str:
    """FINDER_ENV: `development` (the default: the two-command quick start) or `production`."""
    return os.environ.get("FINDER_ENV", "development").strip().lower() or "development"


def development_secret_key(instance: Path) -> str:
    """A key kept in the instance folder, so that every process of a development server
    (gunicorn's workers, the worker command) signs sessions and CSRF tokens alike. The first
    process writes it with an atomic link, so processes starting together agree on one key."""
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        draft = instance / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
        draft.write_text(secrets.token_hex(32))
        draft.chmod(0o600)
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process won; use its key
        finally:
            draft.unlink()
    return path.read_text().strip()


def from_environment(instance_folder: str) -> dict:
    """Every setting the app reads, each overridable by an environment variable."""
    instance = Path(instance_folder)
    production = environment_name() == PRODUCTION
    return {
        "FINDER_ENV": environment_name(),
        # Two-factor secrets are encrypted with a key derived from this (or from SECRET_KEY).
        "FINDER_DATA_KEY": os.environ.get("FINDER_DATA_KEY", ""),
        # Production refuses to start without one (finder.production checks).
        "SECRET_KEY": os.environ.get("SECRET_KEY")
        or (None if production else development_secret_key(instance)),
        "SQLALCHEMY_DATABASE_URI": os.environ.get(
            "DATABASE_URL", f"sqlite:///{instance / 'finder.sqlite3'}"
        ),
        # Database errors are logged without the statement's values: they hold what people typed.
        "SQLALCHEMY_ENGINE_OPTIONS": {"hide_parameters": True, "pool_pre_ping": True},
        "FINDER_LOAD_DEMO_DATA": _flag("FINDER_LOAD_DEMO_DATA", not production),
        # Run migrations (and load demo data, if wanted) when the app starts. Production
        # never does: `flask --app finder db upgrade` is its release step.
        "FINDER_PREPARE_DATABASE": _flag("FINDER_PREPARE_DATABASE", not production),
        **proxy_settings(production),
        "FINDER_PAGE_SIZE": int(os.environ.get("FINDER_PAGE_SIZE", "20")),
        # How long a link a coordinator sends to a group, for its own statement, works.
        "FINDER_GROUP_LINK_DAYS": _int("FINDER_GROUP_LINK_DAYS", 14),
        "FINDER_GROUP_STATEMENT_RATE_LIMIT": os.environ.get(
            "FINDER_GROUP_STATEMENT_RATE_LIMIT", "10 per hour"),
        "FINDER_ONLINE_GEOCODER": os.environ.get("FINDER_ONLINE_GEOCODER", ""),
        # The offline postcode and place index, built on first start if missing.
        "FINDER_POSTCODE_INDEX": os.environ.get(
            "FINDER_POSTCODE_INDEX", str(instance / "postcodes.sqlite3")
        ),
        "FINDER_EXIT_URL": os.environ.get("FINDER_EXIT_URL", "https://www.bbc.co.uk/weather"),
        # Shown on the accessibility statement for reporting problems; empty shows none.
        "FINDER_CONTACT_EMAIL": os.environ.get("FINDER_CONTACT_EMAIL", ""),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "SESSION_COOKIE_SECURE": _flag("SESSION_COOKIE_SECURE", production),
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
        # Static files are streamed responses, which Flask-Compress would otherwise send as
        # zstd, br or deflate only (and uncompressed to a browser that asks for gzip alone).
        "COMPRESS_ALGORITHM_STREAMING": ["gzip"],
        "SEND_FILE_MAX_AGE_DEFAULT": 31536000,
        **peer_settings(),
    }


def _host_of(url: str) -> str:
    return urlsplit(url).hostname or ""


def proxy_settings(production: bool) -> dict:
    """Proxies in front of the app, the host names it answers to, and HTTPS."""
    base_url = os.environ.get("FINDER_BASE_URL", "")
    hosts = os.environ.get("FINDER_TRUSTED_HOSTS", "")
    trusted = [host.strip() for host in hosts.split(",") if host.strip()]
    if not trusted and production and _host_of(base_url):
        trusted = [_host_of(base_url)]
    return {
        # How many proxies in front of the app set X-Forwarded-For and X-Forwarded-Proto.
        "FINDER_PROXY_COUNT": _int("FINDER_PROXY_COUNT", 0),
        # Flask answers 400 to a request whose Host is not one of these (empty: any).
        "TRUSTED_HOSTS": trusted or None,
        # Strict-Transport-Security max-age; 0 sends no header.
        "FINDER_HSTS_SECONDS": _int("FINDER_HSTS_SECONDS", 31536000 if production else 0),
    }


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, str(default))
    try:
        return int(value)
    except ValueError:
        raise SettingsError(f"{name} is {value!r}: make it a whole number.") from None


def peer_settings() -> dict:
    """Bring a peer: routing timings, retention, sign-in lockout, the outbox and SMTP."""
    return {
        # Where links in emails point (the worker has no request to read it from).
        # Where links in emails, status links and calendar UIDs point (never the Host header).
        "FINDER_BASE_URL": os.environ.get(
            "FINDER_BASE_URL", "" if environment_name() == PRODUCTION else "http://127.0.0.1:5000"),
        "FINDER_PEER_WAVE_SIZE": _int("FINDER_PEER_WAVE_SIZE", 3),
        # How long a wave of offers stays open before the next wave is asked.
        "FINDER_PEER_WAVE_MINUTES": _int("FINDER_PEER_WAVE_MINUTES", 120),
        # A volunteer needs at least this long before the meeting to get in touch.
        "FINDER_PEER_LEAD_MINUTES": _int("FINDER_PEER_LEAD_MINUTES", 60),
        # Remind a volunteer who accepted but has not said they made contact.
        "FINDER_PEER_REMINDER_MINUTES": _int("FINDER_PEER_REMINDER_MINUTES", 240),
        # The morning after the meeting, at this hour in London, the status page asks how it went.
        "FINDER_PEER_FOLLOW_UP_HOUR": _int("FINDER_PEER_FOLLOW_UP_HOUR", 9),
        "FINDER_PEER_RETENTION_DAYS": _int("FINDER_PEER_RETENTION_DAYS", 30),
        # What a volunteer needs on record before they are offered requests, besides the
        # volunteer agreement (finder.peer.requirements): training, and a check (none, dbs
        # or reference).
        "FINDER_PEER_REQUIRE_TRAINING": _flag("FINDER_PEER_REQUIRE_TRAINING", True),
        "FINDER_PEER_REQUIRE_CHECK": os.environ.get("FINDER_PEER_REQUIRE_CHECK", "none"),
        "FINDER_PEER_REQUESTS_PER_CONTACT_PER_DAY": _int(
            "FINDER_PEER_REQUESTS_PER_CONTACT_PER_DAY", 3),
        "FINDER_PEER_REQUEST_RATE_LIMIT": os.environ.get(
            "FINDER_PEER_REQUEST_RATE_LIMIT", "5 per hour"),
        # Every request-form submission takes at least this long to answer, so the time taken
        # cannot tell whether a request was sent to volunteers or held back.
        "FINDER_PEER_SUBMIT_MILLISECONDS": _int("FINDER_PEER_SUBMIT_MILLISECONDS", 600),
        "FINDER_SIGN_IN_RATE_LIMIT": os.environ.get("FINDER_SIGN_IN_RATE_LIMIT", "10 per minute"),
        "FINDER_SIGN_UP_RATE_LIMIT": os.environ.get("FINDER_SIGN_UP_RATE_LIMIT", "5 per hour"),
        # Per account: this many tries, then each next try waits FINDER_SIGN_IN_DELAY_SECONDS,
        # doubling up to FINDER_SIGN_IN_MAX_DELAY_SECONDS (a browser the account signed in
        # from before is not made to wait). Nothing is ever locked.
        "FINDER_SIGN_IN_MAX_FAILURES": _int("FINDER_SIGN_IN_MAX_FAILURES", 5),
        "FINDER_SIGN_IN_DELAY_SECONDS": _int("FINDER_SIGN_IN_DELAY_SECONDS", 30),
        "FINDER_SIGN_IN_MAX_DELAY_SECONDS": _int("FINDER_SIGN_IN_MAX_DELAY_SECONDS", 900),
        "FINDER_OUTBOX_MAX_ATTEMPTS": _int("FINDER_OUTBOX_MAX_ATTEMPTS", 10),
        "FINDER_OUTBOX_BACKOFF_SECONDS": _int("FINDER_OUTBOX_BACKOFF_SECONDS", 30),
        # A claimed message whose worker died is claimable again after this long; a living
        # worker renews its claims (a heartbeat) before each message it sends.
        "FINDER_OUTBOX_CLAIM_TIMEOUT_SECONDS": _int("FINDER_OUTBOX_CLAIM_TIMEOUT_SECONDS", 90),
        "FINDER_WORKER_INTERVAL_SECONDS": _int("FINDER_WORKER_INTERVAL_SECONDS", 30),
        # Meeting sources: coordinators are emailed when one has failed this many syncs in a
        # row, and a sync that would remove more than this share of a source's meetings
        # waits for a coordinator to confirm it.
        "FINDER_SOURCE_FAILURES_BEFORE_EMAIL": _int("FINDER_SOURCE_FAILURES_BEFORE_EMAIL", 3),
        "FINDER_SOURCE_REMOVAL_SHARE": float(os.environ.get("FINDER_SOURCE_REMOVAL_SHARE", "0.3")),
        # A meeting no sync has listed for this many days is flagged to coordinators, and its
        # page asks people to check with the group before they go.
        "FINDER_MEETING_STALE_DAYS": _int("FINDER_MEETING_STALE_DAYS", 90),
        # Empty SMTP_HOST: email waits in the outbox until one is set.
        "SMTP_HOST": os.environ.get("SMTP_HOST", ""),
        "SMTP_PORT": _int("SMTP_PORT", 587),
        "SMTP_USERNAME": os.environ.get("SMTP_USERNAME", ""),
        "SMTP_PASSWORD": os.environ.get("SMTP_PASSWORD", ""),
        "SMTP_STARTTLS": _flag("SMTP_STARTTLS", True),
        "SMTP_TIMEOUT_SECONDS": _int("SMTP_TIMEOUT_SECONDS", 20),
        # Discreet: no fellowship or "addiction" in the sender name.
        "MAIL_FROM": os.environ.get("MAIL_FROM", "Meeting finder <no-reply@localhost>"),
        # GOV.UK Notify (finder.peer.senders): text messages, and email instead of SMTP when
        # the email template is set. Without the key and a template, those messages wait.
        "FINDER_NOTIFY_API_KEY": os.environ.get("FINDER_NOTIFY_API_KEY", ""),
        "FINDER_NOTIFY_BASE_URL": os.environ.get(
            "FINDER_NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk"),
        "FINDER_NOTIFY_SMS_TEMPLATE_ID": os.environ.get("FINDER_NOTIFY_SMS_TEMPLATE_ID", ""),
        "FINDER_NOTIFY_EMAIL_TEMPLATE_ID": os.environ.get("FINDER_NOTIFY_EMAIL_TEMPLATE_ID", ""),
    }
