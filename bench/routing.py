"""Benchmark: choosing who is asked about a request (routing), with 1k, 10k and 20k volunteers.

Each run times `routing.eligible_volunteers` for a wave of three, for requests spread over
16 UK towns, every day of the week and times of day, some online, some with a gender or
language wish. Volunteers are spread over the same towns, with random fellowships, radii,
limits, languages and two or three availability windows (any hours, not only the profile's
parts of the day, so the mask lets some through that the windows then refuse); 5% are paused,
3% retired, 10% are already going with someone. Prints p50 and p95 per size. Run:

    .venv/bin/python bench/routing.py            # SQLite (a temporary file)
    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench .venv/bin/python bench/routing.py
    BENCH_SIZES=20000 .venv/bin/python bench/routing.py   # one size only
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy import text

from finder import create_app
from finder import vocabulary
from finder.extensions import db
from finder.geo.locate import locate
from finder.models import AccompanimentRequest
from finder.models import AvailabilityWindow
from finder.models import Volunteer
from finder.models.free_slots import mask_of
from finder.peer import routing

SIZES = tuple(int(size) for size in os.environ.get("BENCH_SIZES", "1000,10000,20000").split(","))
REQUESTS_PER_SIZE = 300
WARM_UP = 30
TOWNS = ("LS1 4AP", "M1 1AD", "B1 1BB", "CF10 1EP", "G1 1XQ", "EH1 1YZ", "BS1 4DJ", "NE1 4LP",
         "S1 2HH", "L1 8JQ", "NG1 5FS", "BN1 1UG", "SA1 3SN", "AB10 1AQ", "WC2N 5DU", "NR1 3QB")
FELLOWSHIPS = ("aa", "na", "ca", "smart", "al-anon")
NOW = dt.datetime(2026, 11, 23, 9, 0)  # naive UTC, as in finder.peer


def town_points() -> list[tuple[float, float]]:
    return [(place.latitude, place.longitude) for place in map(locate, TOWNS)]


def volunteers(count: int, rng: random.Random) -> tuple[list[dict], list[dict]]:
    centres = town_points()
    people, windows = [], []
    for number in range(1, count + 1):
        lat, lng = rng.choice(centres)
        people.append(dict(
            id=number, email=f"bench{number}@example.org", first_name=f"Bench{number}",
            password_hash="x", role="volunteer", approved=rng.random() < 0.97,
            state="retired" if rng.random() < 0.03 else "active",
            paused_until=dt.date(2026, 12, 31) if rng.random() < 0.05 else None,
            fellowships=rng.sample(FELLOWSHIPS, rng.choice((1, 1, 2))),
            languages=["en"] + (["pl"] if rng.random() < 0.1 else []),
            gender=rng.choice(("woman", "man", "non_binary")),
            latitude=lat + rng.gauss(0, 0.1), longitude=lng + rng.gauss(0, 0.15),
            travel_radius_miles=rng.choice(vocabulary.VOLUNTEER_RADII_MILES),
            max_active_requests=rng.choice((1, 2, 3)),
            last_offered_at=NOW - dt.timedelta(minutes=rng.randrange(100000))
            if rng.random() < 0.7 else None,
            agreement_on=dt.date(2025, 1, 6),
            trained_on=dt.date(2025, 1, 20) if rng.random() < 0.95 else None,
            failed_logins=0, is_demo=False, created_at=NOW))
        held = []
        for day in rng.sample(range(7), rng.choice((2, 3))):
            start = rng.randrange(8 * 60, 19 * 60, 30)
            held.append((day, start, min(start + rng.choice((120, 180, 240)), 24 * 60)))
        # Bulk inserts bypass the ORM hook that keeps the mask (finder/models/free_slots.py).
        people[-1]["free_slots"] = mask_of(held)
        windows.extend(dict(volunteer_id=number, day=day, start_minute=start, end_minute=end)
                       for day, start, end in held)
    return people, windows


def requests(count: int, rng: random.Random, busy: list[int]) -> list[dict]:
    centres = town_points()
    rows = []
    for number in range(count):
        lat, lng = rng.choice(centres)
        online = rng.random() < 0.1
        going = busy[number % len(busy)] if number < len(busy) else None
        rows.append(dict(
            public_id=f"bench-{number}", fellowship=rng.choice(FELLOWSHIPS),
            postcode_district="LS1", online=online,
            latitude=None if online else lat + rng.gauss(0, 0.05),
            longitude=None if online else lng + rng.gauss(0, 0.08),
            wanted_day=rng.randrange(7), wanted_minute=rng.randrange(9 * 60, 21 * 60, 15),
            meeting_at=NOW + dt.timedelta(days=3), made_by="self", consent_at=NOW,
            status="matched" if going else "submitted", volunteer_id=going,
            volunteer_gender="woman" if rng.random() < 0.2 else None,
            language="pl" if rng.random() < 0.05 else None,
            priority=False, wave=0, created_at=NOW, updated_at=NOW))
    return rows


def run(size: int, database_url: str) -> tuple[float, float, float]:
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "FINDER_PREPARE_DATABASE": False,
                      "FINDER_LOAD_DEMO_DATA": False})
    rng = random.Random(size)
    with app.app_context():
        db.drop_all()
        db.create_all()
        people, windows = volunteers(size, rng)
        for table, rows in ((Volunteer, people), (AvailabilityWindow, windows)):
            for start in range(0, len(rows), 5000):
                db.session.execute(insert(table), rows[start:start + 5000])
        busy = rng.sample(range(1, size + 1), size // 10)  # already going with someone
        db.session.execute(insert(AccompanimentRequest),
                           requests(len(busy) + WARM_UP + REQUESTS_PER_SIZE, rng, busy))
        db.session.commit()
        if database_url.startswith("postgresql"):
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                c.execute(text("VACUUM ANALYZE"))
        asked = list(db.session.scalars(select(AccompanimentRequest)
                                        .where(AccompanimentRequest.status == "submitted")))
        timings, found = [], []
        for index, request in enumerate(asked):
            # The rollback below expired the request: reload it (and take a connection from
            # the pool) before the clock starts, so only routing is timed.
            db.session.refresh(request)
            started = time.perf_counter()
            chosen = routing.eligible_volunteers(db.session, request, NOW, limit=3)
            elapsed = (time.perf_counter() - started) * 1000
            db.session.rollback()
            if index >= WARM_UP:
                timings.append(elapsed)
                found.append(len(chosen))
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
    ordered = sorted(timings)
    return statistics.median(timings), ordered[int(0.95 * (len(ordered) - 1))], \
        statistics.mean(found)


def main() -> None:
    database_url = os.environ.get("BENCH_DATABASE_URL")
    label = "PostgreSQL" if database_url else "SQLite"
    print(f"Routing benchmark on {label}: {REQUESTS_PER_SIZE} requests per size, a wave of 3")
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            url = database_url or f"sqlite:///{Path(folder) / f'bench-{size}.sqlite3'}"
            p50, p95, found = run(size, url)
            print(f"{size:>7,} volunteers: p50 {p50:6.2f} ms   p95 {p95:6.2f} ms   "
                  f"(on average {found:.1f} of 3 found)")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
