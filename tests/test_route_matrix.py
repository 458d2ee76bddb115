"""Convention test: every route in the URL map, for anonymous people, volunteers and
coordinators, answers as its permission decorator says it should."""

from urllib.parse import urlsplit

import pytest
from factories import make_meeting
from peer_factories import MONDAY_MORNING
from peer_factories import make_coordinator
from peer_factories import make_request
from peer_factories import make_volunteer
from peer_factories import new_request
from sqlalchemy import select

from finder.extensions import db
from finder.models import ChangeReport
from finder.models import MeetingSource
from finder.models import Volunteer
from finder.peer import concerns
from finder.peer import matching
from finder.peer import requests as peer_requests

# "pending": the coordinator after their password, before their second factor.
ROLES = ("anonymous", "pending", "volunteer", "coordinator")
ACCESS = {"public", "pending", "volunteer", "coordinator"}


def test_every_view_declares_who_may_use_it(app):
    """So a new view cannot be public by accident: it must say so. (Static files are Flask's.)"""
    undeclared = [
        endpoint
        for endpoint, view in app.view_functions.items()
        if endpoint != "static"
        and getattr(view, "access", None) not in ACCESS
    ]
    assert undeclared == []


@pytest.fixture
def world(app, app_context):
    """One of everything a URL can point at, so every route can be called for real."""
    volunteer = make_volunteer()
    coordinator = make_coordinator()
    meeting = make_meeting()
    submitted = peer_requests.submit(db.session, new_request(), MONDAY_MORNING, app.config)
    peer_requests.route(db.session, submitted.request, MONDAY_MORNING, app.config)
    accepted = submitted.request
    matching.accept(db.session, accepted.offers[0].id, volunteer.id, MONDAY_MORNING)
    other = make_request(route=True)
    report = ChangeReport(meeting_slug=meeting.slug, meeting_name=meeting.name,
                          what_changed="It moved")
    db.session.add(report)
    source = MeetingSource(location="https://feed.example.org/meetings.json",
                           format="meeting-guide", fellowship="aa", name="aa-example")
    db.session.add(source)
    concern = concerns.raise_concern(db.session, accepted, coordinator, False, "A worry",
                                     MONDAY_MORNING, app.config)
    db.session.commit()
    return {
        "ids": {"volunteer": volunteer.id, "coordinator": coordinator.id},
        "args": {"slug": meeting.slug, "token": submitted.token, "public_id": accepted.public_id,
                 "offer_id": (other.offers[0].id if other.offers else 1),
                 "volunteer_id": volunteer.id, "report_id": report.id, "statement_id": 1,
                 "source_id": source.id, "table": "by-month", "concern_id": concern.id,
                 "action": "pause",
                 "code": "en", "filename": "css/finder.css"},
    }


def version_of(volunteer_id: int) -> int:
    """Signing out (one of the routes) ends the account's sessions by raising this."""
    return db.session.scalar(select(Volunteer.session_version)
                             .where(Volunteer.id == volunteer_id))


def call(app, rule, role, world):
    client = app.test_client()
    if role == "pending":
        with client.session_transaction() as session:
            session["pending_volunteer_id"] = world["ids"]["coordinator"]
            session["pending_session_version"] = version_of(world["ids"]["coordinator"])
    elif role != "anonymous":
        with client.session_transaction() as session:
            session["volunteer_id"] = world["ids"][role]
            session["session_version"] = version_of(world["ids"][role])
    url = rule.build({name: world["args"][name] for name in rule.arguments})[1]
    method = "GET" if "GET" in rule.methods else "POST"
    return client.open(url, method=method)


def test_every_route_answers_each_role_as_its_decorator_says(app, world):
    problems = []
    for rule in app.url_map.iter_rules():
        access = getattr(app.view_functions[rule.endpoint], "access", "public")  # static: public
        for role in ROLES:
            try:
                response = call(app, rule, role, world)
            except Exception as error:  # noqa: BLE001 - reported with the route it came from
                problems.append(f"{rule.rule} as {role}: raised {error!r}")
                continue
            to_sign_in = (response.status_code == 303
                          and urlsplit(response.location).path == "/volunteer/sign-in")
            if access != "public" and role == "anonymous":
                ok = to_sign_in
            elif access == "pending" and role != "pending":
                ok = to_sign_in
            elif access in ("volunteer", "coordinator") and role == "pending":
                ok = to_sign_in
            elif access == "coordinator" and role == "volunteer":
                ok = response.status_code == 403
            else:
                ok = response.status_code < 500 and response.status_code != 403 and not to_sign_in
            if not ok:
                problems.append(f"{rule.rule} as {role}: {response.status_code}")
    assert problems == [], "\n".join(problems)
