"""Getting ready on first run: the postcode index (built if missing), then the database's tables
by migration, then the demo data if wanted."""

from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import func
from sqlalchemy import select

from finder.extensions import db
from finder.geo import index
from finder.geo import store
from finder.models import Meeting


def prepare_database(app: Flask) -> None:
    with app.app_context():
        upgrade()
        if app.config["FINDER_LOAD_DEMO_DATA"]:
            count = db.session.scalar(select(func.count()).select_from(Meeting))
            if not count:
                from finder.importers import load_demo_data
                from finder.peer.demo import load_demo_volunteers

                report = load_demo_data()
                load_demo_volunteers()
                app.logger.info("Loaded demo data: %s", report.summary())


def prepare_postcode_index(app: Flask) -> None:
    """Build the index once if it is missing (every process then shares the file through the
    operating system's page cache), and look places up in it."""
    path = Path(app.config["FINDER_POSTCODE_INDEX"])
    if index.ensure(path):
        app.logger.info("Built the postcode index at %s", path)
    store.use(path)
