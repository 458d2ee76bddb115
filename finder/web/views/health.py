"""A health check for the container and the load balancer: is the database answering?"""

from __future__ import annotations

from flask import Blueprint
from flask import current_app
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from finder.extensions import db
from finder.web.access import public

bp = Blueprint("health", __name__)


@bp.get("/healthz")
@public
def health():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.warning("Health check: the database is not answering")
        return {"status": "database unavailable"}, 503, {"Cache-Control": "no-store"}
    return {"status": "ok"}, 200, {"Cache-Control": "no-store"}
