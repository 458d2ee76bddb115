"""The browser test harness: the real app served on 127.0.0.1 from a throwaway SQLite database
with the demo meetings and demo volunteers, and Debian's Chromium driven by Playwright. Used by
the tests and by the screenshot script, so both see the same app."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

import pyotp
from flask import Flask
from sqlalchemy import select
from sqlalchemy import update
from werkzeug.serving import BaseWSGIServer
from werkzeug.serving import make_server

from finder import create_app
from finder.extensions import db
from finder.importers import load_demo_data
from finder.meetings import statements
from finder.models import AccompanimentRequest
from finder.models import Meeting
from finder.models import Volunteer
from finder.models.times import utcnow
from finder.peer import accounts
from finder.peer import requests as peer_requests
from finder.peer.demo import load_demo_volunteers
from finder.peer.demo_outcomes import load_demo_outcomes

CHROMIUM = Path("/usr/bin/chromium")
# Quiet, offline, reproducible: nothing in the browser itself phones home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # No name resolves except this machine, so nothing can leave it, not even a redirect
    # (which Playwright's request routing cannot intercept).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
EXIT_URL = "https://www.bbc.co.uk/weather"
SECOND_STEP_PASSWORD = "a password for the second step pages"
AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe-core-4.11.1.min.js"


def make_app(database: Path) -> Flask:
    """The app as it runs for real (CSRF, compression, security headers), with the demo data
    (meetings, and the volunteers and coordinator for Bring a peer)."""
    app = create_app(
        {
            "SECRET_KEY": "browser-tests",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "FINDER_LOAD_DEMO_DATA": False,
            "FINDER_PREPARE_DATABASE": False,
            "FINDER_EXIT_URL": EXIT_URL,
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context():
        db.create_all()
        load_demo_data()
        load_demo_volunteers()
        load_demo_outcomes(utcnow())
    return app


@dataclass
class LiveServer:
    """The app on a free port of 127.0.0.1, served from a background thread."""

    app: Flask
    server: BaseWSGIServer = field(init=False)
    thread: threading.Thread = field(init=False)

    def __post_init__(self) -> None:
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        # Absolute links (status links, emails) are built from the configured address.
        self.app.config["FINDER_BASE_URL"] = self.base_url
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def start(self) -> LiveServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)
        with self.app.app_context():
            db.engine.dispose()

    def a_meeting_slug(self, city: str = "Leeds", fellowships: tuple[str, ...] = (),
                       between: tuple[dt.time, dt.time] | None = None) -> str:
        """A demo meeting with a venue, for the meeting page; optionally of one of these
        fellowships and starting in this span of the day."""
        with self.app.app_context():
            query = (
                select(Meeting.slug)
                .where(Meeting.city == city, Meeting.attendance_mode != "online")
                .order_by(Meeting.slug)
                .limit(1)
            )
            if fellowships:
                query = query.where(Meeting.fellowship.in_(fellowships))
            if between:
                query = query.where(Meeting.start_time.between(*between))
            return db.session.scalar(query)

    def a_request_held_over_the_limit(self, contact: str) -> str:
        """The public id of a request held back because its contact asked too often today."""
        with self.app.app_context():
            config = self.app.config
            groups = ("na", "ca", "smart", "al-anon", "nar-anon", "aa")
            for fellowship in groups[:config["FINDER_PEER_REQUESTS_PER_CONTACT_PER_DAY"] + 1]:
                submitted = peer_requests.submit(db.session, peer_requests.NewRequest(
                    fellowship=fellowship, wanted_day=1, wanted_minute=19 * 60 + 30,
                    first_name="Sam", contact_method="email", contact_value=contact,
                    postcode_district="LS1", latitude=53.7965, longitude=-1.5478,
                ), utcnow(), config)
            assert submitted.request.held_reason == "over_limit"
            return submitted.request.public_id


    def a_request_nobody_fits(self, contact: str) -> str:
        """The public id of a request passed to coordinators: it asks for a man to go to an AA
        meeting in Leeds, where no demo volunteer who is a man lives."""
        with self.app.app_context():
            submitted = peer_requests.submit(db.session, peer_requests.NewRequest(
                fellowship="aa", wanted_day=1, wanted_minute=19 * 60 + 30,
                first_name="Sam", contact_method="email", contact_value=contact,
                postcode_district="LS1", latitude=53.7965, longitude=-1.5478,
                volunteer_gender="man"), utcnow(), self.app.config)
            peer_requests.route(db.session, submitted.request, utcnow(), self.app.config)
            assert submitted.request.status == "escalated"
            return submitted.request.public_id

    def a_volunteer_id(self, email: str) -> int:
        with self.app.app_context():
            return db.session.scalar(select(Volunteer.id).where(Volunteer.email == email))

    def meetings_have_started(self) -> None:
        """The clock moves on: every request a volunteer holds is for a meeting that began a
        minute ago, so "how did it go" opens."""
        with self.app.app_context():
            db.session.execute(
                update(AccompanimentRequest)
                .where(AccompanimentRequest.status.in_(("matched", "contacted")))
                .values(meeting_at=utcnow() - dt.timedelta(minutes=1)))
            db.session.commit()

    def a_request_after_its_meeting(self) -> str:
        """The status path of a request a demo volunteer accepted, its meeting two days past,
        so the status page asks how it went."""
        with self.app.app_context():
            config = self.app.config
            submitted = peer_requests.submit(db.session, peer_requests.NewRequest(
                fellowship="aa", wanted_day=1, wanted_minute=19 * 60 + 30,
                first_name="Sam", contact_method="email",
                contact_value=f"after-{utcnow():%H%M%S%f}@example.org",
                postcode_district="LS1", latitude=53.7965, longitude=-1.5478,
            ), utcnow(), config)
            request = submitted.request
            volunteer = db.session.scalars(select(Volunteer).order_by(Volunteer.id)).first()
            assert volunteer is not None
            request.status = "matched"
            request.volunteer_id = volunteer.id
            request.matched_at = utcnow()
            request.meeting_at = utcnow() - dt.timedelta(days=2)
            db.session.commit()
            return f"/request-status/{submitted.token}"

    def a_group_link(self, expired: bool = False) -> str:
        """The path of a group's own statement link for a demo NA meeting in Leeds."""
        with self.app.app_context():
            slug = self.a_meeting_slug(fellowships=("na",))
            meeting = db.session.scalars(select(Meeting).where(Meeting.slug == slug)).one()
            issued = utcnow() - dt.timedelta(days=400) if expired else None
            token = statements.link_token(self.app.config["SECRET_KEY"], meeting, issued)
            return f"/group-statement/{token}"

    def a_coordinator_with_a_second_step(self, email: str, enrolled: bool) -> str | None:
        """A coordinator who is not a demo account (so signing in needs a second step), set up
        with an authenticator app or not yet. Returns their TOTP secret when set up."""
        with self.app.app_context():
            person = accounts.create(db.session, email, SECOND_STEP_PASSWORD, "Pat",
                                     role="coordinator", approved=True)
            if not enrolled:
                return None
            person.totp_secret = pyotp.random_base32()
            person.totp_confirmed_at = utcnow()
            db.session.commit()
            return person.totp_secret


def launch_chromium(playwright):
    """Headless Debian Chromium. Playwright gives every launch a fresh, empty profile
    (user-data) directory of its own and deletes it on close."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
