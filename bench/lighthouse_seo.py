"""Lighthouse's SEO category on the home, results, meeting and groups pages, with imported
(not demo) meetings, in Debian's Chromium.

Lighthouse is an npm package, not a Python dependency: install it somewhere and say where.

    npm install --prefix /tmp/lh lighthouse
    .venv/bin/python bench/lighthouse_seo.py /tmp/lh/node_modules/.bin/lighthouse

Prints each page's SEO score and any audit that did not pass; figures go in
docs/PERFORMANCE.md."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from sqlalchemy import select
from werkzeug.serving import make_server

from finder import create_app
from finder.extensions import db
from finder.importers import meeting_guide
from finder.importers.sync import sync
from finder.models import Meeting

SAMPLES = Path(__file__).parent.parent / "tests" / "data" / "samples"
SAMPLE = SAMPLES / "code4recovery_tsml-ui__public_data_times.json"
CHROMIUM = "/usr/bin/chromium"


def main(lighthouse: str) -> int:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    workdir = Path(tempfile.mkdtemp(prefix="lighthouse-seo-"))
    server = make_server("127.0.0.1", 0, None, threaded=True)  # placeholder for the port
    base = f"http://127.0.0.1:{server.server_port}"
    server.server_close()
    app = create_app({
        "SECRET_KEY": "lighthouse",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'finder.db'}",
        "FINDER_LOAD_DEMO_DATA": False,
        "FINDER_PREPARE_DATABASE": False,
        "FINDER_BASE_URL": base,
        "RATELIMIT_ENABLED": False,
    })
    with app.app_context():
        db.create_all()
        sync(meeting_guide.parse(SAMPLE.read_text(), "aa"), location=str(SAMPLE),
             format="meeting-guide", fellowship="aa")
        slug = db.session.scalars(select(Meeting.slug).where(Meeting.day.is_not(None))
                                  .order_by(Meeting.slug)).first()
    server = make_server("127.0.0.1", int(base.rsplit(":", 1)[1]), app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    pages = {"home": "/", "results": "/meetings?mode=online", f"meeting ({slug})":
             f"/meetings/{slug}", "groups": "/groups"}
    worst = 100
    try:
        for name, path in pages.items():
            report = workdir / "report.json"
            subprocess.run(
                [lighthouse, base + path, "--only-categories=seo", "--output=json",
                 f"--output-path={report}", "--quiet", f"--chrome-path={CHROMIUM}",
                 "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                check=True, env={"CHROME_PATH": CHROMIUM, "PATH": "/usr/bin:/bin"},
            )
            result = json.loads(report.read_text())
            score = round(result["categories"]["seo"]["score"] * 100)
            worst = min(worst, score)
            failed = [audit["id"] for audit in result["audits"].values()
                      if audit.get("score") is not None and audit["score"] < 1
                      and audit.get("scoreDisplayMode") == "binary"]
            print(f"{name:24} {path:32} SEO {score}" + (f"  failed: {failed}" if failed else ""))
    finally:
        server.shutdown()
    return 0 if worst == 100 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "lighthouse"))
