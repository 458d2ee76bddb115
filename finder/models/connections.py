"""Settings for every new database connection.

PostgreSQL's JIT compiler is off: the app's queries are short and many, and the planner's cost
estimate for routing's scan of volunteers (a JSON list read as text) is high enough to start
JIT compilation, which then took longer (over 200 ms) than the query itself (docs/PERFORMANCE.md,
Routing)."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Engine


@event.listens_for(Engine, "connect")
def _without_jit_on_postgresql(dbapi_connection, connection_record) -> None:
    if type(dbapi_connection).__module__.split(".")[0] not in ("psycopg", "psycopg2"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("SET jit = off")
    cursor.close()
    dbapi_connection.commit()  # a SET inside a transaction that rolls back would be undone
