"""Apps made the way a deployment makes them: from environment variables, on the test database."""

from __future__ import annotations

from finder import create_app

PRODUCTION_ENVIRONMENT = {
    "FINDER_ENV": "production",
    "SECRET_KEY": "a-production-secret",
    "FINDER_BASE_URL": "https://meetings.example.org",
}


def app_from_environment(monkeypatch, tmp_path, database_url: str, environment: dict,
                         **test_config):
    for name in ("FINDER_ENV", "SECRET_KEY", "FINDER_LOAD_DEMO_DATA", "FINDER_PREPARE_DATABASE",
                 "FINDER_BASE_URL", "FINDER_TRUSTED_HOSTS", "FINDER_PROXY_COUNT",
                 "SESSION_COOKIE_SECURE", "FINDER_HSTS_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FINDER_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("DATABASE_URL", database_url)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return create_app(test_config or None)
