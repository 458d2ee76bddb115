"""Benchmark: how soon a results page shows its first meeting on a slow phone.

Serves the app under gunicorn (as deployed: `gunicorn 'finder:create_app()'`) from a database
of 5,000 synthetic meetings, and loads a results page in Debian's Chromium with Lighthouse's
mobile throttling (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, 4x CPU slowdown), cold
cache, 5 runs. Prints the median time until the first meeting is painted and the bytes
transferred (headers included). Run:

    .venv/bin/python bench/first_meeting.py
    BENCH_GUNICORN_ARGS="--workers 2 --worker-class gthread --threads 4" \
        .venv/bin/python bench/first_meeting.py
"""

from __future__ import annotations

import os
import random
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright
from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from search import synthetic_rows  # noqa: E402  (bench/search.py, the same synthetic data)

from finder import create_app  # noqa: E402
from finder.extensions import db  # noqa: E402
from finder.meetings.search import refresh_statistics  # noqa: E402
from finder.models import Meeting  # noqa: E402
from tests.browser.harness import CHROMIUM_ARGS  # noqa: E402
from tests.browser.harness import launch_chromium  # noqa: E402

MEETINGS = 5000
RUNS = 5
PATH = "/meetings?near=LS1+4AP"
# Lighthouse's "Slow 4G" mobile settings, applied by DevTools (as Lighthouse's "devtools"
# throttling method does): round trip, throughput in bytes a second, CPU slowdown.
LATENCY_MS = 150
DOWN_BYTES = 1.6 * 1024 * 1024 / 8
UP_BYTES = 750 * 1024 / 8
CPU_SLOWDOWN = 4
GUNICORN_ARGS = os.environ.get("BENCH_GUNICORN_ARGS", "--workers 2")

# The first meeting's link carries `elementtiming`; Chromium reports when it was painted.
FIRST_MEETING_PAINT = """() => new Promise(resolve => {
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (entry.identifier === 'first-meeting') { resolve(entry.renderTime || entry.loadTime); }
    }
  }).observe({type: 'element', buffered: true});
  setTimeout(() => resolve(null), 20000);
})"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(database_url: str) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "FINDER_PREPARE_DATABASE": False,
                      "FINDER_LOAD_DEMO_DATA": False})
    with app.app_context():
        db.drop_all()
        db.create_all()
        rows = synthetic_rows(MEETINGS, random.Random(MEETINGS))
        db.session.execute(insert(Meeting), rows)
        db.session.commit()
        refresh_statistics()


def serve(database_url: str, port: int) -> subprocess.Popen:
    env = dict(os.environ, DATABASE_URL=database_url, FINDER_LOAD_DEMO_DATA="0",
               FINDER_PREPARE_DATABASE="0", SECRET_KEY="bench")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), *shlex.split(GUNICORN_ARGS), "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", "finder:create_app()"],
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def one_run(browser, url: str) -> tuple[float | None, int, int]:
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="en-GB")
    page = context.new_page()
    devtools = context.new_cdp_session(page)
    devtools.send("Network.enable")
    devtools.send("Network.setCacheDisabled", {"cacheDisabled": True})
    devtools.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": LATENCY_MS,
        "downloadThroughput": DOWN_BYTES, "uploadThroughput": UP_BYTES,
    })
    devtools.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    transferred = {}
    connections = set()
    devtools.on("Network.loadingFinished",
                lambda e: transferred.__setitem__(e["requestId"], e["encodedDataLength"]))
    devtools.on("Network.responseReceived",
                lambda e: connections.add(e["response"].get("connectionId")))
    page.goto(url, wait_until="load")
    painted = page.evaluate(FIRST_MEETING_PAINT)
    page.wait_for_load_state("networkidle")
    context.close()
    return painted, sum(transferred.values()), len(connections)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        database_url = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
        prepare(database_url)
        port = free_port()
        server = serve(database_url, port)
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                url = f"http://127.0.0.1:{port}{PATH}"
                one_run(browser, url)  # the server's first request (imports, caches) not timed
                runs = [one_run(browser, url) for _ in range(RUNS)]
                browser.close()
        finally:
            server.terminate()
            server.wait()
    painted = [run[0] for run in runs if run[0] is not None]
    print(f"{MEETINGS} meetings, gunicorn {GUNICORN_ARGS}, Chromium args {len(CHROMIUM_ARGS)}")
    print("first meeting painted (ms):", ", ".join(f"{p:.0f}" for p in painted))
    print(f"median first meeting visible: {statistics.median(painted) / 1000:.2f} s")
    print(f"median transferred: {statistics.median(run[1] for run in runs) / 1024:.1f} KB")
    print(f"connections used: {', '.join(str(run[2]) for run in runs)}")


if __name__ == "__main__":
    main()
