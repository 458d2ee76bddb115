"""Routing is one query that returns only who is asked, and a submission does not wait for it:
a fresh and a held submission do the same database work until their answer has gone."""

from __future__ import annotations

from flask import appcontext_popped
from flask import request_finished
from peer_factories import MONDAY_MORNING
from peer_factories import make_request
from peer_factories import make_volunteer
from sqlalchemy import event
from test_ask_pages import ASK
from test_ask_pages import answers

from finder.extensions import db
from finder.models import AccompanimentRequest
from finder.models import Volunteer
from finder.peer import routing


def test_routing_loads_only_the_volunteers_it_asks_not_everyone(app_context):
    for _ in range(3):
        make_volunteer()  # in Leeds, free every evening
    for _ in range(30):
        make_volunteer(fellowships=["na"])
    for _ in range(30):
        make_volunteer(latitude=51.5, longitude=-0.12)  # London
    request_id = make_request().id
    db.session.expunge_all()
    request = db.session.get(AccompanimentRequest, request_id)
    loaded: list[int] = []

    def count(target, context) -> None:
        loaded.append(target.id)

    event.listen(Volunteer, "load", count)
    try:
        chosen = routing.eligible_volunteers(db.session, request, MONDAY_MORNING)
    finally:
        event.remove(Volunteer, "load", count)
    assert len(chosen) == 3
    assert len(loaded) == 3


def database_work_after_the_answer(app, client, data) -> list[str]:
    """Statements and rollbacks from when the answer is ready until the app lets go of the
    request (what delays the answer, in a WSGI server), not counting what runs after."""
    seen: list[str] = []
    recording = []

    def started(sender, **extra) -> None:
        recording.append(True)

    def stopped(sender, **extra) -> None:
        recording.clear()

    def statement(conn, cursor, sql, parameters, context, executemany) -> None:
        if recording:
            seen.append(sql.split()[0])

    def rollback(conn) -> None:
        if recording:
            seen.append("ROLLBACK")

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "rollback", rollback)
    request_finished.connect(started, app)
    appcontext_popped.connect(stopped, app)
    try:
        assert client.post(ASK, data=data).status_code == 303
    finally:
        request_finished.disconnect(started, app)
        appcontext_popped.disconnect(stopped, app)
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "rollback", rollback)
    return seen


def test_a_held_submission_does_no_more_database_work_after_its_answer_than_a_fresh_one(
        app, client):
    # No app context here: each request has its own, as in a server, and lets go of the
    # database when it ends.
    with app.app_context():
        make_volunteer()
        db.session.remove()
    fresh = database_work_after_the_answer(app, client, answers(phone="07700 900 700"))
    held = database_work_after_the_answer(app, client, answers(phone="07700 900 700"))
    with app.app_context():
        statuses = [r.status for r in db.session.query(AccompanimentRequest)
                    .order_by(AccompanimentRequest.id)]
        db.session.remove()
    assert statuses == ["offering", "held"]  # routed, once the answer had gone
    assert held == fresh == []
