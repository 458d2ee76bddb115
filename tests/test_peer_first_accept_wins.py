"""First accept wins: when several volunteers accept the same request at the same instant,
exactly one gets it and every other offer becomes "taken". Proved with threads sharing one app
and with separate app processes, each with its own engine, on whichever database the suite runs
(SQLite by default; PostgreSQL when TEST_DATABASE_URL is set)."""

from __future__ import annotations

import threading

import pytest
from app_processes import separate_processes
from peer_factories import MONDAY_MORNING
from peer_factories import make_request
from peer_factories import make_volunteer

from finder.extensions import db
from finder.models import AccompanimentRequest
from finder.models import Offer
from finder.models import RequestEvent
from finder.peer import matching

VOLUNTEERS = 6


@pytest.fixture
def contested_request(app):
    """A request offered to six volunteers at once."""
    with app.app_context():
        app.config["FINDER_PEER_WAVE_SIZE"] = VOLUNTEERS
        try:
            for _ in range(VOLUNTEERS):
                make_volunteer()
            request = make_request(route=True)
        finally:
            app.config["FINDER_PEER_WAVE_SIZE"] = 3
        offers = [(offer.id, offer.volunteer_id) for offer in request.offers]
        assert len(offers) == VOLUNTEERS
        yield request.id, offers
        db.session.remove()


def assert_exactly_one_winner(app, request_id, results: dict[int, str]):
    assert sorted(results.values()) == ["accepted"] + ["taken"] * (VOLUNTEERS - 1)
    with app.app_context():
        winner_offer = next(o for o, outcome in results.items() if outcome == "accepted")
        request = db.session.get(AccompanimentRequest, request_id)
        offers = {o.id: o for o in db.session.query(Offer).filter_by(request_id=request_id)}
        assert request.status == "matched"
        assert request.volunteer_id == offers[winner_offer].volunteer_id
        assert sorted(o.status for o in offers.values()) == ["accepted"] + ["taken"] * (
            VOLUNTEERS - 1)
        matched_events = db.session.query(RequestEvent).filter_by(
            request_id=request_id, to_status="matched").count()
        assert matched_events == 1
        db.session.remove()


def test_threads_accepting_at_the_same_instant_leave_exactly_one_winner(app, contested_request):
    request_id, offers = contested_request
    barrier = threading.Barrier(len(offers))
    results: dict[int, str] = {}

    def accept(offer_id: int, volunteer_id: int) -> None:
        with app.app_context():
            db.session.get(Offer, offer_id)  # connect before the race starts
            db.session.rollback()
            barrier.wait()
            results[offer_id] = matching.accept(db.session, offer_id, volunteer_id,
                                                MONDAY_MORNING)
            db.session.remove()

    threads = [threading.Thread(target=accept, args=offer) for offer in offers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert_exactly_one_winner(app, request_id, results)


def accept_in_own_process(database_url: str, offer_id: int, volunteer_id: int, barrier,
                          results) -> None:
    """Runs in a fresh interpreter: its own app, engine and connection, like a gunicorn worker."""
    from finder import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": "test",
                      "SQLALCHEMY_DATABASE_URI": database_url,
                      "FINDER_PREPARE_DATABASE": False, "FINDER_LOAD_DEMO_DATA": False})
    with app.app_context():
        db.session.get(Offer, offer_id)
        db.session.rollback()
        barrier.wait(timeout=60)
        outcome = matching.accept(db.session, offer_id, volunteer_id, MONDAY_MORNING)
        results.put((offer_id, outcome))
        db.session.remove()
        db.engine.dispose()


@pytest.mark.slow
def test_app_processes_accepting_at_the_same_instant_leave_exactly_one_winner(
        app, contested_request):
    request_id, offers = contested_request
    context = separate_processes(__name__)
    barrier = context.Barrier(len(offers))
    results = context.Queue()
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    processes = [context.Process(target=accept_in_own_process,
                                 args=(url, offer_id, volunteer_id, barrier, results))
                 for offer_id, volunteer_id in offers]
    for process in processes:
        process.start()
    outcomes = dict(results.get(timeout=120) for _ in processes)
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    assert_exactly_one_winner(app, request_id, outcomes)


def test_an_offer_accepted_after_the_request_was_taken_says_so(app_context, contested_request):
    request_id, offers = contested_request
    (first, first_volunteer), (second, second_volunteer) = offers[:2]
    assert matching.accept(db.session, first, first_volunteer, MONDAY_MORNING) == "accepted"
    assert matching.accept(db.session, second, second_volunteer, MONDAY_MORNING) == "taken"
    assert matching.accept(db.session, first, second_volunteer, MONDAY_MORNING) == "missing"
