"""Load benchmark: the app in production mode under gunicorn (gunicorn.conf.py) on PostgreSQL
with 100,000 synthetic meetings, driven by a realistic mix at stepped-up concurrency.

Mix per request: 70% searches (a postcode, 10 miles, two filters), 17% meeting pages, 12% the
home page, 1% request-form posts (each a GET of the form for its CSRF token, then the POST).
Each step runs BENCH_STEP_SECONDS after a short warm-up; the run stops after the step where
errors appear or p95 passes BENCH_MAX_P95_MS. Prints requests per second, p50/p95/p99 and
errors per step, for all requests and for searches alone. Traffic goes to 127.0.0.1 only.

    createdb bench   # any PostgreSQL database you can empty
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench \\
    BENCH_REDIS_URL=redis://127.0.0.1:6379/3 .venv/bin/python bench/load.py

Other settings: BENCH_MEETINGS (100000), BENCH_STEPS (1,2,4,8,16,32), BENCH_STEP_SECONDS (20),
BENCH_MAX_P95_MS (250), GUNICORN_WORKERS (4), GUNICORN_THREADS (2), BENCH_KEEP_DATA=1 (reuse
the meetings already loaded)."""

from __future__ import annotations

import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests
from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search import FILTERS  # noqa: E402
from search import TOWNS  # noqa: E402
from search import settle  # noqa: E402
from search import synthetic_rows  # noqa: E402

from finder import create_app  # noqa: E402
from finder.extensions import db  # noqa: E402
from finder.meetings.search import refresh_statistics  # noqa: E402
from finder.models import Meeting  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8791"))
BASE = f"http://127.0.0.1:{PORT}"
MEETINGS = int(os.environ.get("BENCH_MEETINGS", "100000"))
STEPS = [int(n) for n in os.environ.get("BENCH_STEPS", "1,2,4,8,16,32").split(",")]
STEP_SECONDS = float(os.environ.get("BENCH_STEP_SECONDS", "20"))
WARM_UP_SECONDS = 3.0
MAX_P95_MS = float(os.environ.get("BENCH_MAX_P95_MS", "250"))
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|'
                  r'name="csrf_token" value="([^"]+)"')


def load_meetings(database_url: str) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "bench",
                      "FINDER_PREPARE_DATABASE": False, "FINDER_LOAD_DEMO_DATA": False})
    with app.app_context():
        if os.environ.get("BENCH_KEEP_DATA") and db.session.scalar(
                select(func.count()).select_from(Meeting)) == MEETINGS:
            return
        db.drop_all()
        db.create_all()
        rows = synthetic_rows(MEETINGS, random.Random(MEETINGS))
        for start in range(0, len(rows), 5000):
            db.session.execute(insert(Meeting), rows[start:start + 5000])
        db.session.commit()
        refresh_statistics()
        settle(database_url)
        db.engine.dispose()


def start_gunicorn(database_url: str, log: Path) -> subprocess.Popen:
    try:
        requests.get(f"{BASE}/healthz", timeout=2)
    except requests.RequestException:
        pass
    else:
        raise SystemExit(f"Something already answers on {BASE}: stop it or set BENCH_PORT.")
    environment = dict(
        os.environ, FINDER_ENV="production", SECRET_KEY=secrets.token_hex(32),
        FINDER_BASE_URL=BASE, FINDER_TRUSTED_HOSTS="127.0.0.1", DATABASE_URL=database_url,
        RATELIMIT_STORAGE_URI=os.environ.get("BENCH_REDIS_URL", "memory://"),
        # The request form's per-address limit would stop one load generator at once.
        FINDER_PEER_REQUEST_RATE_LIMIT="100000 per hour", GUNICORN_BIND=f"127.0.0.1:{PORT}",
        # Plain HTTP to gunicorn, with no HTTPS proxy in between: a Secure cookie would never
        # come back, and every form post would fail its CSRF check.
        SESSION_COOKIE_SECURE="0",
        FINDER_INSTANCE_PATH=str(log.parent / "instance"))
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--config", str(ROOT / "gunicorn.conf.py")],
        cwd=ROOT, env=environment, stdout=log.open("w"), stderr=subprocess.STDOUT)
    for _ in range(100):
        try:
            if requests.get(f"{BASE}/healthz", timeout=5).status_code == 200:
                return process
        except requests.RequestException:
            pass
        time.sleep(0.2)
    process.terminate()
    process.wait(timeout=30)
    raise SystemExit(f"gunicorn did not start; see {log}")


class Client(threading.Thread):
    def __init__(self, seed: int, stop: threading.Event, results: list):
        super().__init__(daemon=True)
        self.rng, self.stop, self.results = random.Random(seed), stop, results
        self.http = requests.Session()

    def one(self) -> tuple[str, float, bool]:
        roll = self.rng.random()
        started = time.perf_counter()
        if roll < 0.70:
            kind = "search"
            town = self.rng.choice(TOWNS).replace(" ", "+")
            response = self.http.get(
                f"{BASE}/meetings?near={town}&radius=10&{self.rng.choice(FILTERS)}", timeout=30)
        elif roll < 0.87:
            kind = "meeting"
            response = self.http.get(
                f"{BASE}/meetings/bench-{self.rng.randrange(MEETINGS)}", timeout=30)
        elif roll < 0.99:
            kind = "home"
            response = self.http.get(f"{BASE}/", timeout=30)
        else:
            kind = "ask"
            response = self.ask()
        ok = response is not None and response.status_code < 400
        return kind, (time.perf_counter() - started) * 1000, ok

    def ask(self):
        slug = f"bench-{self.rng.randrange(MEETINGS)}"
        form = self.http.get(f"{BASE}/ask-someone-to-go-with-you?meeting={slug}", timeout=30)
        found = CSRF.search(form.text)
        if not found:
            return None
        return self.http.post(f"{BASE}/ask-someone-to-go-with-you", timeout=30, data={
            "csrf_token": found.group(1) or found.group(2), "meeting": slug, "over_18": "yes",
            "made_by": "self", "first_name": "Bench", "contact_method": "phone",
            "phone": "07700 900 982", "consent": "y", "website": ""})

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self.results.append((time.perf_counter(), *self.one()))
            except requests.RequestException:
                self.results.append((time.perf_counter(), "error", 0.0, False))


def gunicorn_cpu_seconds(master: int) -> float:
    """CPU time used so far by gunicorn's master and workers (Linux /proc): unlike latency, it
    barely changes when other work shares the machine, so it gives the capacity per core."""
    ticks = os.sysconf("SC_CLK_TCK")
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return 0.0
    total = 0
    for pid in [str(master), *children]:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def step(concurrency: int, master: int) -> dict:
    stop, results = threading.Event(), []
    clients = [Client(concurrency * 1000 + n, stop, results) for n in range(concurrency)]
    for client in clients:
        client.start()
    time.sleep(WARM_UP_SECONDS)
    window_start, cpu_start = time.perf_counter(), gunicorn_cpu_seconds(master)
    time.sleep(STEP_SECONDS)
    window_end, cpu_end = time.perf_counter(), gunicorn_cpu_seconds(master)
    stop.set()
    for client in clients:
        client.join(timeout=35)
    measured = [r for r in results if window_start <= r[0] <= window_end]
    latencies = [r[2] for r in measured if r[3]]
    searches = [r[2] for r in measured if r[1] == "search" and r[3]]
    figures = {
        "concurrency": concurrency,
        "rps": len(measured) / STEP_SECONDS,
        "searches_ps": len(searches) / STEP_SECONDS,
        "errors": sum(1 for r in measured if not r[3]),
        "posts": sum(1 for r in measured if r[1] == "ask"),
        "cpu_ms": (cpu_end - cpu_start) * 1000 / max(1, len(measured)),
    }
    for name, samples in (("all", latencies), ("search", searches)):
        if samples:
            figures[name] = (statistics.median(samples), percentile(samples, 0.95),
                             percentile(samples, 0.99))
    return figures


def main() -> None:
    database_url = os.environ.get("BENCH_DATABASE_URL", "")
    if not database_url.startswith("postgresql"):
        raise SystemExit("Set BENCH_DATABASE_URL to a PostgreSQL database that may be emptied.")
    print(f"Loading {MEETINGS:,} synthetic meetings...", flush=True)
    load_meetings(database_url)
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "gunicorn.log"
        server = start_gunicorn(database_url, log)
        try:
            print(f"gunicorn: {os.environ.get('GUNICORN_WORKERS', '4')} workers x "
                  f"{os.environ.get('GUNICORN_THREADS', '2')} threads; {STEP_SECONDS:g} s a step")
            print(" conc   req/s  search/s  errors  posts | all p50/p95/p99 ms "
                  "| search p50/p95/p99 ms | gunicorn CPU ms/req")
            for concurrency in STEPS:
                f = step(concurrency, server.pid)
                a = f.get("all", (0, 0, 0))
                s = f.get("search", (0, 0, 0))
                print(f"{f['concurrency']:>5} {f['rps']:>7.1f} {f['searches_ps']:>9.1f} "
                      f"{f['errors']:>7} {f['posts']:>6} | {a[0]:6.1f} {a[1]:6.1f} {a[2]:6.1f} "
                      f"| {s[0]:6.1f} {s[1]:6.1f} {s[2]:6.1f} | {f['cpu_ms']:6.1f}", flush=True)
                if f["errors"] or a[1] > MAX_P95_MS:
                    print("Stopped: errors or p95 over "
                          f"{MAX_P95_MS:g} ms at {concurrency} concurrent clients.")
                    break
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
