"""Races a probe found: one volunteer accepting many offers at once, and two workers running at
once. Each is run with threads sharing one app and (marked slow) with separate app processes,
each with its own engine, on whichever database the suite runs (SQLite by default; PostgreSQL
when TEST_DATABASE_URL is set)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from app_processes import separate_processes
from peer_factories import MONDAY_MORNING
from peer_factories import make_request
from peer_factories import make_volunteer
from peer_factories import new_request
from sqlalchemy import select
from sqlalchemy.orm import Session

from finder import create_app
from finder.extensions import db
from finder.models import AccompanimentRequest
from finder.models import Offer
from finder.peer import matching
from finder.peer import requests
from finder.peer import timers

PARALLEL = 10
LIMIT = 2


def in_own_app(database_url: str):
    """A fresh app with its own engine, like a gunicorn worker or a worker on another host."""
    return create_app({"TESTING": True, "SECRET_KEY": "test",
                       "SQLALCHEMY_DATABASE_URI": database_url,
                       "FINDER_PREPARE_DATABASE": False, "FINDER_LOAD_DEMO_DATA": False})


def run_in_threads(app, jobs, work):
    """Run work(job) for every job in its own thread, all starting at the same instant."""
    barrier = threading.Barrier(len(jobs))
    results: list = []

    def one(job) -> None:
        with app.app_context():
            db.session.execute(db.select(1))  # connect before the race starts
            db.session.rollback()
            barrier.wait()
            results.append(work(job))
            db.session.remove()

    threads = [threading.Thread(target=one, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def run_in_processes(app, target, jobs):
    context = separate_processes(__name__)
    barrier = context.Barrier(len(jobs))
    results = context.Queue()
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    processes = [context.Process(target=target, args=(url, job, barrier, results))
                 for job in jobs]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=180) for _ in processes]
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    return outcomes


@pytest.fixture
def ten_offers_to_one_volunteer(app):
    """One volunteer with a limit of two, offered ten requests."""
    with app.app_context():
        volunteer = make_volunteer(max_active_requests=LIMIT)
        offers = []
        for _ in range(PARALLEL):
            request = make_request(route=True)
            (offer,) = request.offers
            offers.append((offer.id, volunteer.id))
        yield offers
        db.session.remove()


def matched_to(app, volunteer_id: int) -> int:
    with app.app_context():
        count = db.session.query(AccompanimentRequest).filter_by(
            volunteer_id=volunteer_id, status="matched").count()
        db.session.remove()
        return count


def test_a_volunteer_accepting_ten_offers_at_once_gets_no_more_than_their_limit(
        app, ten_offers_to_one_volunteer):
    offers = ten_offers_to_one_volunteer
    results = run_in_threads(app, offers, lambda offer: matching.accept(
        db.session, *offer, MONDAY_MORNING))
    assert sorted(results) == ["accepted"] * LIMIT + ["at_limit"] * (PARALLEL - LIMIT)
    assert matched_to(app, offers[0][1]) == LIMIT


def accept_in_own_process(database_url, offer, barrier, results) -> None:
    app = in_own_app(database_url)
    with app.app_context():
        db.session.get(Offer, offer[0])
        db.session.rollback()
        barrier.wait(timeout=60)
        results.put(matching.accept(db.session, *offer, MONDAY_MORNING))
        db.session.remove()
        db.engine.dispose()


@pytest.mark.slow
def test_app_processes_accepting_for_one_volunteer_at_once_stop_at_their_limit(
        app, ten_offers_to_one_volunteer):
    offers = ten_offers_to_one_volunteer
    results = run_in_processes(app, accept_in_own_process, offers)
    assert sorted(results) == ["accepted"] * LIMIT + ["at_limit"] * (PARALLEL - LIMIT)
    assert matched_to(app, offers[0][1]) == LIMIT


# Two workers at once (`finder worker --once` on two hosts).

WAVE = 3


def offers_by_request(app) -> dict[int, list[str]]:
    with app.app_context():
        found: dict[int, list[str]] = {}
        for offer in db.session.query(Offer).order_by(Offer.id):
            found.setdefault(offer.request_id, []).append(offer.status)
        db.session.remove()
        return found


def wave_due(app) -> dt.datetime:
    return MONDAY_MORNING + dt.timedelta(minutes=app.config["FINDER_PEER_WAVE_MINUTES"])


def test_a_worker_acting_on_what_it_read_before_another_widened_the_wave_does_nothing(app):
    with app.app_context():
        for _ in range(3 * WAVE):
            make_volunteer()
        request = make_request(route=True)
        request_id = request.id
        db.session.remove()
        other_host = Session(db.engine)
        # The other worker has read the open requests (wave 1, due to widen) ...
        read = list(other_host.scalars(select(AccompanimentRequest)))
        assert [r.wave for r in read] == [1]
        # ... when this one widens the wave ...
        assert timers.advance(db.session, wave_due(app), app.config)["waves"] == 1
        db.session.remove()
        # ... and then it goes on with what it read.
        timers.advance(other_host, wave_due(app), app.config)
        other_host.close()
    statuses = offers_by_request(app)[request_id]
    assert sorted(statuses) == ["expired"] * WAVE + ["offered"] * WAVE


def advance_in_own_process(database_url, when, barrier, results) -> None:
    app = in_own_app(database_url)
    with app.app_context():
        db.session.execute(db.select(1))
        db.session.rollback()
        barrier.wait(timeout=60)
        results.put(timers.advance(db.session, when, app.config)["waves"])
        db.session.remove()
        db.engine.dispose()


@pytest.mark.slow
def test_two_workers_at_once_widen_each_wave_once(app):
    due = 20
    with app.app_context():
        for _ in range(3 * WAVE * due):
            make_volunteer()
        for _ in range(due):
            make_request(route=True)
        db.session.remove()
    results = run_in_processes(app, advance_in_own_process, [wave_due(app)] * 2)
    assert sum(results) == due
    for statuses in offers_by_request(app).values():
        assert sorted(statuses) == ["expired"] * WAVE + ["offered"] * WAVE


# Submissions at the same instant.

def submit_all(app, news) -> list[tuple[str, str | None]]:
    def one(new):
        submitted = requests.submit(db.session, new, MONDAY_MORNING, app.config)
        return submitted.request.status, submitted.request.held_reason
    return run_in_threads(app, news, one)


def test_ten_identical_submissions_at_once_make_one_request_and_nine_repeats(app):
    same = new_request(contact_value="07700 900 555")
    results = submit_all(app, [same] * PARALLEL)
    assert sorted(results, key=str) == [("held", "duplicate")] * (PARALLEL - 1) + [
        ("submitted", None)]


def test_eight_submissions_at_once_from_one_contact_pass_the_daily_limit_no_more(app):
    limit = app.config["FINDER_PEER_REQUESTS_PER_CONTACT_PER_DAY"]
    different_meetings = [new_request(contact_value="07700 900 556", wanted_minute=18 * 60 + n)
                          for n in range(8)]
    results = submit_all(app, different_meetings)
    assert sorted(results, key=str) == [("held", "over_limit")] * (8 - limit) + [
        ("submitted", None)] * limit
