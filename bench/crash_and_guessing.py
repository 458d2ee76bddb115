"""Measure two things issue 15 measured: how many passwords 40 simultaneous guesses get
checked, and whether workers killed at random ever send an email twice.

1. Guessing: 40 threads, each with its own database session, try a wrong password for one
   account at the same instant; the account's try count says how many were checked. Repeated
   ROUNDS times.
2. Crashes: 220 messages in the outbox, a real SMTP server (aiosmtpd, each message taking
   20 ms), and `flask --app finder worker` started as a process and killed with SIGKILL at a
   random moment, again and again, until nothing is left to send. The server records every
   Message-ID it accepts, so duplicates are counted, and so is how many "unconfirmed"
   messages had in fact arrived.

    .venv/bin/python bench/crash_and_guessing.py
    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench \
        .venv/bin/python bench/crash_and_guessing.py
"""

from __future__ import annotations

import asyncio
import collections
import datetime as dt
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from aiosmtpd.controller import Controller
from argon2 import PasswordHasher
from argon2 import profiles
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import update

from finder import create_app
from finder.extensions import db
from finder.models import OutboxMessage
from finder.models import Volunteer
from finder.models.times import utcnow
from finder.peer import accounts
from finder.peer import outbox

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))
MESSAGES = int(os.environ.get("BENCH_MESSAGES", "220"))
GUESSES = 40


def database_url() -> str:
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"


def guessing(app) -> list[int]:
    # What is measured is how many passwords get checked, not what checking one costs.
    accounts.hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)
    accounts._UNKNOWN = accounts.hasher.hash("not a real password")
    with app.app_context():
        volunteer = accounts.create(db.session, "guessed@example.org", "a long enough password",
                                    "Guessed", approved=True)
        volunteer_id = volunteer.id
    checked = []
    for _ in range(ROUNDS):
        with app.app_context():
            db.session.execute(update(Volunteer).where(Volunteer.id == volunteer_id)
                               .values(failed_logins=0, next_sign_in_at=None))
            db.session.commit()
        barrier = threading.Barrier(GUESSES)

        def guess(number: int, barrier: threading.Barrier = barrier) -> None:
            with app.app_context():
                db.session.get(Volunteer, volunteer_id)
                db.session.rollback()
                barrier.wait()
                accounts.sign_in(db.session, "guessed@example.org", f"guess {number}", utcnow(),
                                 app.config)
                db.session.remove()

        threads = [threading.Thread(target=guess, args=(n,)) for n in range(GUESSES)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with app.app_context():
            checked.append(db.session.get(Volunteer, volunteer_id).failed_logins)
    return checked


class SlowInbox:
    def __init__(self):
        self.ids: collections.Counter[str] = collections.Counter()

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.02)
        for line in envelope.content.decode().splitlines():
            if line.lower().startswith("message-id:"):
                self.ids[line.split(":", 1)[1].strip()] += 1
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def crashes(app, url: str) -> dict[str, int]:
    port = free_port()
    inbox = SlowInbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    with app.app_context():
        for number in range(MESSAGES):
            outbox.enqueue(db.session, f"person{number}@example.org", "Your request",
                           f"Message {number}", utcnow() - dt.timedelta(seconds=1))
        db.session.commit()
    env = {**os.environ, "DATABASE_URL": url, "FINDER_PREPARE_DATABASE": "0",
           "FINDER_LOAD_DEMO_DATA": "0", "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(port),
           "SMTP_STARTTLS": "0", "FINDER_WORKER_INTERVAL_SECONDS": "0",
           "FINDER_OUTBOX_CLAIM_TIMEOUT_SECONDS": "1", "SECRET_KEY": "bench"}
    kills = 0
    try:
        while True:
            with app.app_context():
                left = db.session.scalar(select(func.count()).select_from(OutboxMessage).where(
                    OutboxMessage.status.in_(("pending", "sending"))
                    & OutboxMessage.attempt_started_at.is_(None)))
                db.session.remove()
            if not left:
                break
            print(f"  {left} left to send, {kills} kills so far", file=sys.stderr, flush=True)
            worker = subprocess.Popen([sys.executable, "-m", "flask", "--app", "finder",
                                       "worker"], env=env, stdout=subprocess.DEVNULL,
                                      stderr=None if os.environ.get("BENCH_VERBOSE")
                                      else subprocess.DEVNULL)
            time.sleep(random.uniform(1.5, 4.0))
            worker.send_signal(signal.SIGKILL)
            worker.wait()
            kills += 1
            time.sleep(1.2)  # past the (shortened) claim timeout
        with app.app_context():  # the last worker's claims, set aside as a new worker would
            outbox.claim(db.session, "bench", utcnow() + dt.timedelta(seconds=5), app.config)
            rows = db.session.execute(select(OutboxMessage.id, OutboxMessage.status,
                                             OutboxMessage.created_at)).all()
    finally:
        server.stop()
    statuses = collections.Counter(status for _, status, _ in rows)
    sender = app.config["MAIL_FROM"]
    delivered_unconfirmed = sum(
        1 for message_id, status, created in rows if status == "unconfirmed"
        and inbox.ids[outbox.message_id(OutboxMessage(id=message_id, created_at=created),
                                        sender)])
    return {"messages": MESSAGES, "kills": kills,
            "delivered (distinct)": len(inbox.ids),
            "delivered twice or more": sum(1 for n in inbox.ids.values() if n > 1),
            "sent": statuses["sent"], "unconfirmed": statuses["unconfirmed"],
            "unconfirmed that had arrived": delivered_unconfirmed,
            "other": MESSAGES - statuses["sent"] - statuses["unconfirmed"]}


def main() -> None:
    url = database_url()
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "FINDER_PREPARE_DATABASE": False,
                      "FINDER_LOAD_DEMO_DATA": False, "SECRET_KEY": "bench",
                      "FINDER_OUTBOX_CLAIM_TIMEOUT_SECONDS": 1})
    with app.app_context():
        db.drop_all()
        db.create_all()
    print(f"database: {url.split(':')[0]}", flush=True)
    checked = guessing(app)
    print(f"guessing: {GUESSES} guesses at once, {ROUNDS} rounds: passwords checked per round "
          f"min {min(checked)}, max {max(checked)} (limit "
          f"{app.config['FINDER_SIGN_IN_MAX_FAILURES']})", flush=True)
    for key, value in crashes(app, url).items():
        print(f"crashes: {key}: {value}")
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


if __name__ == "__main__":
    main()
