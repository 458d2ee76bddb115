"""The database session the domain functions take: a plain SQLAlchemy session (the worker,
tests) or the app's request-scoped one (Flask-SQLAlchemy's `db.session`)."""

from __future__ import annotations

from typing import Any
from typing import TypeAlias

from sqlalchemy.orm import Session as PlainSession
from sqlalchemy.orm import scoped_session

Session: TypeAlias = PlainSession | scoped_session[Any]
