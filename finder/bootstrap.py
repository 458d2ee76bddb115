"""Getting a database ready on first run: tables by migration, then the demo data if wanted."""

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import func
from sqlalchemy import select

from finder.extensions import db
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
