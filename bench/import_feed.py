"""Benchmark: importing a Meeting Guide feed of 5,000 and 50,000 synthetic meetings.

For each size, into an empty database: the first import (every meeting added), the same feed
again (every meeting unchanged), and the feed with a tenth of the meetings changed. Each is the
whole `sync` (parse, compare, write, mark duplicates, commit), timed from the feed's text.
A second source listing a fifth of the same meetings (renamed slightly, a few metres away) is
imported last, so duplicate marking has real work. Prints seconds per step. Run:

    .venv/bin/python bench/import_feed.py            # SQLite (a temporary file)
    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench \
        .venv/bin/python bench/import_feed.py
    BENCH_SIZES=5000 .venv/bin/python bench/import_feed.py   # one size only

(The PostgreSQL database must exist and will be emptied.)
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from finder import create_app
from finder.extensions import db
from finder.importers import PARSERS
from finder.importers import sync
from finder.meetings.fellowships import all_fellowships

SIZES = tuple(int(size) for size in os.environ.get("BENCH_SIZES", "5000,50000").split(","))
TOWNS = ((53.7997, -1.5492), (53.4808, -2.2426), (52.4862, -1.8904), (51.4816, -3.1791),
         (55.8642, -4.2518), (55.9533, -3.1883), (51.4545, -2.5879), (54.9783, -1.6178))


def synthetic_feed(size: int, rng: random.Random) -> list[dict]:
    slugs = [fellowship.slug for fellowship in all_fellowships()]
    meetings = []
    for number in range(size):
        lat, lng = rng.choice(TOWNS)
        meetings.append({
            "slug": f"meeting-{number}",
            "name": f"{rng.choice(['Monday', 'Hope', 'Step', 'Welcome', 'Friday'])} "
                    f"group {number}",
            "fellowship": rng.choice(slugs),
            "day": rng.randrange(7),
            "time": f"{rng.randrange(7, 22):02d}:{rng.choice(['00', '30'])}",
            "latitude": round(lat + rng.uniform(-0.2, 0.2), 5),
            "longitude": round(lng + rng.uniform(-0.3, 0.3), 5),
            "location": f"Hall {number}",
            "formatted_address": f"{number} High Street",
            "types": rng.sample(["O", "C", "W", "X", "LGBTQ", "BE"], 2),
        })
    return meetings


def timed(label: str, feed: list[dict], location: str) -> None:
    text = json.dumps(feed)
    started = time.perf_counter()
    parsed = PARSERS["meeting-guide"](text, None)
    report = sync(parsed, location=location, format="meeting-guide", max_removed=None)
    seconds = time.perf_counter() - started
    assert report.ok, report.errors[:3]
    print(f"  {label:<34} {seconds:6.2f} s   ({report.summary().split(': ', 1)[1]})")


def main() -> None:
    database_url = os.environ.get("BENCH_DATABASE_URL")
    with tempfile.TemporaryDirectory() as folder:
        url = database_url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "FINDER_PREPARE_DATABASE": False,
                          "FINDER_LOAD_DEMO_DATA": False})
        print(f"Import benchmark on {'PostgreSQL' if database_url else 'SQLite'}")
        for size in SIZES:
            rng = random.Random(size)
            with app.app_context():
                db.drop_all()
                db.create_all()
                feed = synthetic_feed(size, rng)
                print(f"{size:,} meetings:")
                timed("first import (all added)", feed, "/feeds/intergroup.json")
                timed("same feed again (all unchanged)", feed, "/feeds/intergroup.json")
                for meeting in rng.sample(feed, size // 10):
                    meeting["location"] += " (upstairs)"
                timed("a tenth changed", feed, "/feeds/intergroup.json")
                copies = [{**meeting, "slug": f"copy-{meeting['slug']}",
                           "name": meeting["name"] + " meeting",
                           "latitude": meeting["latitude"] + 0.0003}
                          for meeting in rng.sample(feed, size // 5)]
                timed("second source, a fifth the same", copies, "/feeds/national.json")
                db.session.remove()
                db.drop_all()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
