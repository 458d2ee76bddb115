"""The app as deployed: gunicorn with the repository's gunicorn.conf.py, in production mode,
answers its health check and writes redacted access lines in the one log format."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOST = "meetings.example.org"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port: int, path: str, host: str = HOST) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.slow
def test_gunicorn_serves_and_logs_redacted_access_lines(app, tmp_path):
    port = free_port()
    environment = dict(
        os.environ, FINDER_ENV="production", SECRET_KEY="gunicorn-test-secret",
        FINDER_BASE_URL=f"https://{HOST}", DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="2",
        FINDER_INSTANCE_PATH=str(tmp_path / "instance"))
    log = tmp_path / "gunicorn.log"
    gunicorn = Path(sys.executable).parent / "gunicorn"
    with log.open("w") as output:
        server = subprocess.Popen([str(gunicorn), "--config", str(ROOT / "gunicorn.conf.py")],
                                  cwd=ROOT, env=environment, stdout=output,
                                  stderr=subprocess.STDOUT)
    try:
        for _ in range(150):
            try:
                if get(port, "/healthz") == 200:
                    break
            except OSError:
                time.sleep(0.2)
        assert get(port, "/meetings?near=LS1+4AP&ethos=secular") == 200
        assert get(port, "/about", host="evil.example") == 400
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = log.read_text()
    assert "Logging error" not in text and "Traceback" not in text, text
    assert "gunicorn.access: 127.0.0.1 \"GET /meetings?[redacted] HTTP/1.1\" 200" in text, text
    assert "LS1" not in text
