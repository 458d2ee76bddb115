"""Benchmark: typical searches against 1k, 10k and 100k synthetic meetings.

Each search is a full request through the app (postcode + radius + two filters, first page,
rendered to HTML). Prints p50 and p95 per size. Run:

    .venv/bin/python bench/search.py            # SQLite (a temporary file)
    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench .venv/bin/python bench/search.py
    BENCH_SIZES=100000 .venv/bin/python bench/search.py   # one size only
    BENCH_STATEMENTS=1 .venv/bin/python bench/search.py   # also each SQL statement's time
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
from types import SimpleNamespace

from sqlalchemy import event
from sqlalchemy import insert
from sqlalchemy import text

from finder import create_app
from finder.extensions import db
from finder.geo import grid
from finder.geo.locate import locate
from finder.meetings import schedule
from finder.meetings.fellowships import all_fellowships
from finder.meetings.filters import feature_bits
from finder.meetings.search import refresh_statistics
from finder.models import Meeting

SIZES = tuple(int(size) for size in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(","))
SEARCHES_PER_SIZE = 300
WARM_UP = 30
TOWNS = (
    "LS1 4AP",
    "M1 1AD",
    "B1 1BB",
    "CF10 1EP",
    "G1 1XQ",
    "EH1 1YZ",
    "BS1 4DJ",
    "NE1 4LP",
    "S1 2HH",
    "L1 8JQ",
    "NG1 5FS",
    "BN1 1UG",
    "SA1 3SN",
    "AB10 1AQ",
    "WC2N 5DU",
    "NR1 3QB",
)
FILTERS = (
    "fellowship=aa&ethos=secular",
    "time=evening&type=wheelchair",
    "day=today&type=open",
    "fellowship=na&ort=welcoming",
    "ort=welcoming&ort=group&time=evening",
    "ethos=secular&day=tomorrow",
    "type=women&time=morning",
)
FIXED_NOW = dt.datetime(2026, 11, 23, 17, 0, tzinfo=schedule.LONDON)


def town_points() -> list[tuple[float, float]]:
    return [(place.latitude, place.longitude) for place in map(locate, TOWNS)]


def synthetic_rows(count: int, rng: random.Random) -> list[dict]:
    centres = town_points()
    slugs = [f.slug for f in all_fellowships()]
    rows = []
    for number in range(count):
        lat, lng = rng.choice(centres)
        day, start = rng.randrange(7), rng.randrange(6 * 60, 23 * 60, 15)
        mode = rng.choices(["in_person", "online", "hybrid"], weights=[80, 12, 8])[0]
        if mode != "online":
            lat, lng = lat + rng.gauss(0, 0.15), lng + rng.gauss(0, 0.25)
        features = dict(
            is_open=rng.random() < 0.6,
            for_women=rng.random() < 0.05,
            for_men=rng.random() < 0.05,
            lgbtq=rng.random() < 0.03,
            young_people=rng.random() < 0.03,
            wheelchair_access=rng.random() < 0.4,
            hearing_loop=rng.random() < 0.1,
        )
        rows.append(
            dict(
                **features,
                feature_bits=feature_bits(SimpleNamespace(**features)),
                slug=f"bench-{number}",
                source_key=f"bench-{number}",
                name=f"Bench Group {number}",
                fellowship=rng.choice(slugs),
                day=day,
                start_time=dt.time(start // 60, start % 60),
                end_time=None,
                week_minute=day * 1440 + start,
                duration_minutes=60,
                timezone="Europe/London",
                attendance_mode=mode,
                ethos=rng.choice(["secular", "spiritual"]),
                ethos_source="fellowship",
                **ort_fact(rng),
                latitude=None if mode == "online" else lat,
                longitude=None if mode == "online" else lng,
                grid_cell=None if mode == "online" else grid.cell_of(lat, lng),
                proof_of_attendance=False,
                approximate=False,
                languages=",en,",
                types=[],
                location="Bench Hall",
                postal_code="LS1 4AP",
            )
        )
    return rows


def ort_fact(rng: random.Random) -> dict:
    """Effective medication answers as finder.meetings.facts stores them: mostly not stated,
    some from the group, some from a fellowship's published position."""
    openness, source = rng.choices(
        [("not_stated", None), ("welcoming", "group"), ("restricted", "group"),
         ("welcoming", "fellowship"), ("restricted", "fellowship")], [70, 5, 2, 13, 10])[0]
    return {"ort_openness": openness, "ort_source": source}


def settle(database_url: str) -> None:
    """On PostgreSQL, vacuum after the bulk load (as autovacuum soon would), so the timings
    are of a settled table rather than of autovacuum running alongside."""
    if database_url.startswith("postgresql"):
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE meetings"))


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def time_statements(app) -> dict[str, list[float]]:
    """Milliseconds per SQL statement, keyed by the statement's start, as searches run."""
    timings: dict[str, list[float]] = {}
    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "before_cursor_execute")
    def started(conn, cursor, statement, parameters, context, executemany):
        context.bench_started = time.perf_counter()

    @event.listens_for(engine, "after_cursor_execute")
    def finished(conn, cursor, statement, parameters, context, executemany):
        key = " ".join(statement.split())[:60]
        timings.setdefault(key, []).append((time.perf_counter() - context.bench_started) * 1000)

    return timings


def print_statements(timings: dict[str, list[float]]) -> None:
    for key, samples in timings.items():
        measured = samples[WARM_UP:]
        if measured:
            print(f"    {len(measured):>4} x  p50 {statistics.median(measured):6.2f} ms   "
                  f"p95 {percentile(measured, 0.95):6.2f} ms   {key}")


def run(size: int, database_url: str) -> tuple[float, float]:
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "FINDER_PREPARE_DATABASE": False,
            "FINDER_LOAD_DEMO_DATA": False,
            "RATELIMIT_ENABLED": False,
        }
    )
    rng = random.Random(size)
    with app.app_context():
        db.drop_all()
        db.create_all()
        rows = synthetic_rows(size, rng)
        for start in range(0, len(rows), 5000):
            db.session.execute(insert(Meeting), rows[start : start + 5000])
        db.session.commit()
        refresh_statistics()
        settle(database_url)
    schedule.now_in_london = lambda: FIXED_NOW
    statements = time_statements(app) if os.environ.get("BENCH_STATEMENTS") else None
    client = app.test_client()
    urls = [
        f"/meetings?near={rng.choice(TOWNS).replace(' ', '+')}&radius=10&{rng.choice(FILTERS)}"
        for _ in range(WARM_UP + SEARCHES_PER_SIZE)
    ]
    timings = []
    for index, url in enumerate(urls):
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (url, response.status_code)
        if index >= WARM_UP:
            timings.append(elapsed)
    if statements is not None:
        print_statements(statements)
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
    return statistics.median(timings), percentile(timings, 0.95)


def main() -> None:
    database_url = os.environ.get("BENCH_DATABASE_URL")
    label = "PostgreSQL" if database_url else "SQLite"
    print(
        f"Search benchmark on {label}: {SEARCHES_PER_SIZE} searches per size "
        f"(postcode + 10 miles + two filters, first page rendered)"
    )
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            url = database_url or f"sqlite:///{Path(folder) / f'bench-{size}.sqlite3'}"
            p50, p95 = run(size, url)
            print(f"{size:>7,} meetings: p50 {p50:6.2f} ms   p95 {p95:6.2f} ms")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
