"""Coordinators watch the queue (escalated first), assign by hand, close requests, look after
volunteers and read change reports."""

import pytest
from peer_factories import make_coordinator
from peer_factories import make_request
from peer_factories import make_volunteer
from peer_factories import signed_in_session

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
    signed_in_session(client, coordinator)
    return client


def test_the_queue_shows_escalated_requests_first(coordinator_client, page):
    make_volunteer()
    offering = make_request(route=True)
    escalated = make_request(route=True, fellowship="na")
    assert (offering.status, escalated.status) == ("offering", "escalated")
    soup = page(coordinator_client.get("/coordinator/requests"))
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


def test_a_request_held_over_the_limit_waits_in_the_queue_until_sent_to_volunteers(
        coordinator_client, page, app):
    limit = app.config["FINDER_PEER_REQUESTS_PER_CONTACT_PER_DAY"]
    for fellowship in ["na", "ca", "smart", "al-anon"][:limit]:
        make_request(route=True, fellowship=fellowship, contact_value="07700 900555")
    held = make_request(route=True, contact_value="07700 900555")
    volunteer = make_volunteer()
    assert (held.status, held.held_reason) == ("held", "over_limit")
    queue = page(coordinator_client.get("/coordinator/requests"))
    detail = f"/coordinator/requests/{held.public_id}"
    assert queue.select_one(f'table a[href="{detail}"]')
    release = page(coordinator_client.get(detail)).select_one(f'form[action="{detail}/release"]')
    assert release.find("button").get_text(strip=True) == "Send to volunteers"
    assert coordinator_client.post(f"{detail}/release").status_code == 303
    db.session.expire_all()
    sent_on = db.session.get(AccompanimentRequest, held.id)
    assert sent_on.status == "offering"
    assert [offer.volunteer_id for offer in sent_on.offers] == [volunteer.id]


def test_repeats_are_listed_as_held_back_and_cannot_be_sent_on(coordinator_client, page):
    first = make_request(route=True, contact_value="07700 900666")
    repeat = make_request(route=True, contact_value="07700 900666")
    queue = page(coordinator_client.get("/coordinator/requests"))
    detail = f"/coordinator/requests/{repeat.public_id}"
    section = queue.find("h2", string="Recently closed or held back").find_next("table")
    assert section.select_one(f'a[href="{detail}"]') and first.status == "escalated"
    assert not page(coordinator_client.get(detail)).select(f'form[action="{detail}/release"]')
    coordinator_client.post(f"{detail}/release")
    db.session.expire_all()
    assert db.session.get(AccompanimentRequest, repeat.id).status == "held"


def test_seeing_contact_details_is_recorded(coordinator_client):
    request = make_request()
    response = coordinator_client.get(f"/coordinator/requests/{request.public_id}/contact")
    assert "Robin" in response.get_data(as_text=True)
    assert db.session.query(ContactReveal).count() == 1


def test_a_coordinator_reads_a_phone_number_in_its_usual_groups(coordinator_client, page):
    request = make_request(contact_value="+447700900432")
    soup = page(coordinator_client.get(f"/coordinator/requests/{request.public_id}/contact"))
    rows = {row.dt.get_text(strip=True): row.dd.get_text(" ", strip=True)
            for row in soup.select(".summary-list > div")}
    assert rows["Contact"] == "07700 900432 (by phone)"


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


def test_coordinators_see_who_saw_which_contact_details_newest_first(app, coordinator_client, page):
    request = make_request(route=True)
    volunteer = make_volunteer(first_name="Ash", email="ash@example.org")
    coordinator_client.get(f"/coordinator/requests/{request.public_id}/contact")
    volunteer_client = app.test_client()
    signed_in_session(volunteer_client, volunteer)
    db.session.add(ContactReveal(request_id=request.id, volunteer_id=volunteer.id))
    db.session.commit()

    soup = page(coordinator_client.get("/coordinator/contact-views"))

    rows = [row.get_text(" ", strip=True) for row in soup.select("tbody tr")]
    assert len(rows) == 2
    assert "Ash (ash@example.org)" in rows[0]
    assert "no longer theirs" in rows[0], "Ash never held the request"
    assert soup.select_one(f'tbody a[href="/coordinator/requests/{request.public_id}"]')
    assert volunteer_client.get("/coordinator/contact-views").status_code == 403
