"""Getting ready on first run: the postcode index (built if missing), then the database's tables
by migration, then the demo data if wanted.

Several processes may start at once (gunicorn's workers): one prepares the database while the
others wait for it, through a lock file in the instance folder and, on PostgreSQL, an advisory
lock (which also holds across hosts sharing one database)."""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import text

from finder.extensions import db
from finder.geo import index
from finder.geo import store
from finder.models import Meeting

# Any fixed number; PostgreSQL advisory locks are named by integers.
ADVISORY_LOCK_KEY = 7_150_015


@contextlib.contextmanager
def one_process_at_a_time(app: Flask) -> Iterator[None]:
    lock_path = Path(app.instance_path) / "prepare-database.lock"
    with open(lock_path, "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            if db.engine.dialect.name == "postgresql":
                with db.engine.connect() as connection:
                    connection.execute(text("SELECT pg_advisory_lock(:key)"),
                                       {"key": ADVISORY_LOCK_KEY})
                    connection.commit()
                    try:
                        yield
                    finally:
                        connection.execute(text("SELECT pg_advisory_unlock(:key)"),
                                           {"key": ADVISORY_LOCK_KEY})
                        connection.commit()
            else:
                yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def prepare_database(app: Flask) -> None:
    with app.app_context(), one_process_at_a_time(app):
        upgrade()
        if app.config["FINDER_LOAD_DEMO_DATA"]:
            count = db.session.scalar(select(func.count()).select_from(Meeting))
            if not count:
                from finder.importers import load_demo_data
                from finder.models.times import utcnow
                from finder.peer.demo import load_demo_volunteers
                from finder.peer.demo_outcomes import load_demo_outcomes

                report = load_demo_data()
                load_demo_volunteers()
                load_demo_outcomes(utcnow())
                app.logger.info("Loaded demo data: %s", report.summary())
        db.session.remove()


def prepare_postcode_index(app: Flask) -> None:
    """Build the index once if it is missing (every process then shares the file through the
    operating system's page cache), and look places up in it."""
    path = Path(app.config["FINDER_POSTCODE_INDEX"])
    if index.ensure(path):
        app.logger.info("Built the postcode index at %s", path)
    store.use(path)
