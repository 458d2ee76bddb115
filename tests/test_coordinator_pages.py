"""Coordinators watch the queue (escalated first), assign by hand, close requests, look after
volunteers and read change reports."""

import pytest
from peer_factories import make_coordinator
from peer_factories import make_request
from peer_factories import make_volunteer

from finder.extensions import db
from finder.models import AccompanimentRequest
from finder.models import ChangeReport
from finder.models import ContactReveal
from finder.models import Volunteer

pytestmark = pytest.mark.usefixtures("app_context")


@pytest.fixture
def coordinator_client(app):
    coordinator = make_coordinator()
    client = app.test_client()
    with client.session_transaction() as session:
        session["volunteer_id"] = coordinator.id
    return client


def test_the_queue_shows_escalated_requests_first(coordinator_client, page):
    make_volunteer()
    offering = make_request(route=True)
    escalated = make_request(route=True, fellowship="na")
    assert (offering.status, escalated.status) == ("offering", "escalated")
    soup = page(coordinator_client.get("/coordinator"))
    links = [a["href"] for a in soup.select("table a")]
    assert links[:2] == [f"/coordinator/requests/{escalated.public_id}",
                         f"/coordinator/requests/{offering.public_id}"]


def test_a_coordinator_can_assign_by_hand(coordinator_client):
    request = make_request(route=True)
    volunteer = make_volunteer()
    response = coordinator_client.post(f"/coordinator/requests/{request.public_id}/assign",
                                       data={"volunteer_id": volunteer.id})
    assert response.status_code == 303
    db.session.expire_all()
    assigned = db.session.get(AccompanimentRequest, request.id)
    assert (assigned.status, assigned.volunteer_id) == ("matched", volunteer.id)


@pytest.mark.parametrize("reason", ["duplicate", "spam", "safeguarding", "no_volunteer"])
def test_a_coordinator_can_close_a_request_with_a_reason(coordinator_client, reason):
    request = make_request(route=True)
    coordinator_client.post(f"/coordinator/requests/{request.public_id}/close",
                            data={"reason": reason})
    db.session.expire_all()
    closed = db.session.get(AccompanimentRequest, request.id)
    assert (closed.status, closed.closed_reason) == ("closed", reason)


def test_seeing_contact_details_is_recorded(coordinator_client):
    request = make_request()
    response = coordinator_client.get(f"/coordinator/requests/{request.public_id}/contact")
    assert "Robin" in response.get_data(as_text=True)
    assert db.session.query(ContactReveal).count() == 1


@pytest.mark.parametrize("action, check", [
    ("approve", lambda v: v.approved),
    ("pause", lambda v: v.paused_until is not None),
    ("retire", lambda v: v.state == "retired"),
])
def test_a_coordinator_looks_after_volunteers(coordinator_client, page, action, check):
    volunteer = make_volunteer(approved=False)
    assert page(coordinator_client.get("/coordinator/volunteers")).h1
    coordinator_client.post(f"/coordinator/volunteers/{volunteer.id}/{action}")
    db.session.expire_all()
    assert check(db.session.get(Volunteer, volunteer.id))


def test_change_reports_are_listed_and_can_be_dealt_with(coordinator_client, page):
    report = ChangeReport(meeting_slug="m", meeting_name="Hope Group", what_changed="Moved")
    db.session.add(report)
    db.session.commit()
    assert "Hope Group" in page(coordinator_client.get("/coordinator/change-reports")).main.text
    coordinator_client.post(f"/coordinator/change-reports/{report.id}/resolve")
    db.session.expire_all()
    assert db.session.get(ChangeReport, report.id).resolved
