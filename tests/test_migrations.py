"""The Alembic migrations build exactly the schema the models describe, on SQLite and
PostgreSQL, so `flask db upgrade` on a real deployment matches what the tests exercise."""

import os
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from peer_factories import make_request
from sqlalchemy import create_engine
from sqlalchemy import inspect
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from finder import create_app
from finder.extensions import db
from finder.models import encrypted
from finder.models import free_slots


@pytest.fixture
def empty_database_url(tmp_path):
    url = os.environ.get("TEST_DATABASE_URL")
    if not url or not url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    name = f"finder_migrations_{uuid.uuid4().hex[:8]}"
    server = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(url).set(database=name).render_as_string(hide_password=False)
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    server.dispose()


def test_migrations_create_the_schema_the_models_describe(empty_database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "TESTING": True,
                      "FINDER_PREPARE_DATABASE": False})
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        db.engine.dispose()
    assert differences == []


def test_every_coded_column_is_checked_by_a_migration_with_the_vocabularys_codes(
    empty_database_url,
):
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "TESTING": True,
                      "FINDER_PREPARE_DATABASE": False})
    with app.app_context():
        upgrade()
        inspector = inspect(db.engine)
        in_database = {
            check["name"]
            for table in db.metadata.tables
            for check in inspector.get_check_constraints(table)
        }
        db.engine.dispose()
    declared = {
        column.type.name
        for table in db.metadata.tables.values()
        for column in table.columns
        if getattr(column.type, "enums", None)
    }
    assert declared, "the models declare coded columns"
    assert declared <= in_database


def test_the_database_refuses_a_code_the_vocabulary_lacks(app_context):
    def add_message(status: str) -> None:
        db.session.execute(
            text(
                'INSERT INTO outbox_messages ("to", subject, body, status, attempts,'
                " next_attempt_at, created_at) VALUES ('a@example.org', 's', 'b', :status, 0,"
                " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ),
            {"status": status},
        )

    add_message("pending")
    with pytest.raises(IntegrityError):
        add_message("lost")
    db.session.rollback()


SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def test_an_existing_two_factor_secret_is_encrypted_by_the_upgrade(empty_database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "TESTING": True,
                      "FINDER_PREPARE_DATABASE": False})
    with app.app_context():
        upgrade(revision="0015")
        with db.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO volunteers (email, first_name, password_hash, role, approved, "
                "state, fellowships, languages, travel_radius_miles, max_active_requests, "
                "failed_logins, is_demo, created_at, totp_secret) VALUES (:email, 'A', 'x', "
                "'coordinator', :yes, 'active', '[]', '[]', 5, 1, 0, :no, :created, :secret)"),
                {"email": "a@example.org", "yes": True, "no": False, "created": "2026-12-01",
                 "secret": SECRET})
        upgrade()
        with db.engine.connect() as connection:
            stored = connection.execute(text("SELECT totp_secret FROM volunteers")).scalar_one()
        db.engine.dispose()
        assert SECRET not in stored
        assert encrypted.decrypt(stored, app.config) == SECRET


def test_an_existing_volunteers_windows_become_their_week_mask_in_the_upgrade(
        empty_database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "TESTING": True,
                      "FINDER_PREPARE_DATABASE": False})
    with app.app_context():
        upgrade(revision="0018")
        with db.engine.begin() as connection:
            volunteer_id = connection.execute(text(
                "INSERT INTO volunteers (email, first_name, password_hash, role, approved, "
                "state, fellowships, languages, travel_radius_miles, max_active_requests, "
                "failed_logins, is_demo, created_at) VALUES ('b@example.org', 'B', 'x', "
                "'volunteer', :yes, 'active', '[\"aa\"]', '[\"en\"]', 5, 1, 0, :no, :created) "
                "RETURNING id"), {"yes": True, "no": False, "created": "2026-12-01"}).scalar_one()
            # Monday evenings, and a Saturday window across the morning and the afternoon.
            for day, start, end in ((1, 17 * 60, 24 * 60), (6, 11 * 60, 13 * 60)):
                connection.execute(text(
                    "INSERT INTO availability_windows (volunteer_id, day, start_minute, "
                    "end_minute) VALUES (:volunteer, :day, :start, :end)"),
                    {"volunteer": volunteer_id, "day": day, "start": start, "end": end})
        upgrade()
        with db.engine.connect() as connection:
            mask = connection.execute(text("SELECT free_slots FROM volunteers")).scalar_one()
        db.engine.dispose()
    assert mask == (free_slots.slot_bit(1, 19 * 60) | free_slots.slot_bit(6, 11 * 60)
                    | free_slots.slot_bit(6, 12 * 60))


def test_a_methadone_answer_kept_for_a_family_groups_request_is_cleared_by_the_upgrade(
        empty_database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "TESTING": True,
                      "FINDER_PREPARE_DATABASE": False})
    with app.app_context():
        upgrade(revision="0019")  # the same tables as now: 0020 changes rows only
        family = make_request(fellowship="nar-anon", takes_ort_medication=True).id
        own = make_request(fellowship="na", takes_ort_medication=True).id
        db.session.remove()
        upgrade()
        kept = dict(db.session.execute(text(
            "SELECT id, takes_ort_medication FROM accompaniment_requests")).all())
        db.session.remove()
        db.engine.dispose()
    assert kept[family] is None
    assert bool(kept[own]) is True
