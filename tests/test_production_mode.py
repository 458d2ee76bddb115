"""Production mode (FINDER_ENV=production) refuses unsafe settings, and development stays the
two-command quick start with a key every process shares."""

from __future__ import annotations

import pytest
from sqlalchemy import func
from sqlalchemy import select

from finder.extensions import db
from finder.models import Meeting
from finder.models import Volunteer
from tests.production_apps import PRODUCTION_ENVIRONMENT
from tests.production_apps import app_from_environment


@pytest.fixture
def database_url(app):
    return app.config["SQLALCHEMY_DATABASE_URI"]


def test_development_processes_without_a_secret_key_share_one(monkeypatch, tmp_path,
                                                               database_url):
    """gunicorn -w 4 without SECRET_KEY: every worker must accept the others' CSRF tokens and
    session cookies, or sign-in fails at random."""
    quiet = {"FINDER_PREPARE_DATABASE": "0"}
    first = app_from_environment(monkeypatch, tmp_path, database_url, quiet)
    second = app_from_environment(monkeypatch, tmp_path, database_url, quiet)
    assert first.config["SECRET_KEY"] and first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert len(first.config["SECRET_KEY"]) >= 64


def test_production_will_not_start_without_a_secret_key(monkeypatch, tmp_path, database_url):
    environment = dict(PRODUCTION_ENVIRONMENT, SECRET_KEY="")
    from finder.production import ProductionSettingsError

    with pytest.raises(ProductionSettingsError, match="SECRET_KEY"):
        app_from_environment(monkeypatch, tmp_path, database_url, environment)


@pytest.mark.parametrize("setting, value, named", [
    ("FINDER_LOAD_DEMO_DATA", "1", "FINDER_LOAD_DEMO_DATA"),
    ("FINDER_PREPARE_DATABASE", "1", "FINDER_PREPARE_DATABASE"),
    ("FINDER_BASE_URL", "", "FINDER_BASE_URL"),
    ("FINDER_BASE_URL", "http://meetings.example.org", "https://"),
])
def test_production_will_not_start_with_demo_data_migrations_or_no_address(
        monkeypatch, tmp_path, database_url, setting, value, named):
    environment = dict(PRODUCTION_ENVIRONMENT, **{setting: value})
    from finder.production import ProductionSettingsError

    with pytest.raises(ProductionSettingsError, match=named):
        app_from_environment(monkeypatch, tmp_path, database_url, environment)


def test_production_on_an_empty_database_has_no_demo_meetings_or_demo_coordinator(
        monkeypatch, tmp_path, database_url):
    production = app_from_environment(monkeypatch, tmp_path, database_url,
                                      PRODUCTION_ENVIRONMENT)
    with production.app_context():
        assert db.session.scalar(select(func.count()).select_from(Meeting)) == 0
        assert db.session.scalar(select(func.count()).select_from(Volunteer)) == 0
    result = production.test_cli_runner().invoke(args=["meetings", "load-demo"])
    assert result.exit_code != 0 and "never loads the demo data" in result.output
    with production.app_context():
        assert db.session.scalar(select(func.count()).select_from(Volunteer)) == 0


def test_development_still_loads_the_demo_data_by_default(monkeypatch, tmp_path):
    """The quick start: no settings at all, demo data on first start."""
    fresh = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    development = app_from_environment(monkeypatch, tmp_path, fresh, {})
    with development.app_context():
        assert db.session.scalar(select(func.count()).select_from(Meeting)) > 0
        db.engine.dispose()


def test_production_cookies_are_secure_and_https_is_strict(monkeypatch, tmp_path, database_url):
    production = app_from_environment(monkeypatch, tmp_path, database_url,
                                      PRODUCTION_ENVIRONMENT)
    assert production.config["SESSION_COOKIE_SECURE"] is True
    response = production.test_client().get("/about", headers={
        "Host": "meetings.example.org"})
    assert response.status_code == 200
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_development_sends_no_hsts(client):
    assert "Strict-Transport-Security" not in client.get("/about").headers


def test_production_answers_only_its_own_host_names(monkeypatch, tmp_path, database_url):
    production = app_from_environment(monkeypatch, tmp_path, database_url,
                                      PRODUCTION_ENVIRONMENT)
    client = production.test_client()
    assert client.get("/about", headers={"Host": "meetings.example.org"}).status_code == 200
    forged = client.get("/about", headers={"Host": "evil.example"})
    assert forged.status_code == 400
    assert "evil.example" not in forged.get_data(as_text=True)


def test_the_health_check_says_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"
