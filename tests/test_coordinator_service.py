"""Coordinators run a real service: a home of what needs them, stepping in when nobody who
fits can go (with a reason that stays in the history), asking the person to drop a
preference, volunteers' records that decide who is offered requests, safeguarding concerns,
the record of who saw contact details, and never leaving the service without a coordinator."""

import datetime as dt

import pytest
from peer_factories import MONDAY_MORNING
from peer_factories import make_coordinator
from peer_factories import make_request
from peer_factories import make_volunteer
from peer_factories import sign_in
from peer_factories import signed_in_session

from finder.extensions import db
from finder.models import AccompanimentRequest
from finder.models import ChangeReport
from finder.models import OutboxMessage
from finder.models import RequestEvent
from finder.models import SafeguardingConcern
from finder.models import Volunteer
from finder.models.times import utcnow
from finder.peer import held_preferences
from finder.peer import preferences
from finder.peer import routing
from finder.peer import timers
from finder.peer.requirements import Requirements

pytestmark = pytest.mark.usefixtures("app_context")


@pytest.fixture
def coordinator(app):
    return make_coordinator(first_name="Cora")


@pytest.fixture
def coordinator_client(app, coordinator):
    client = app.test_client()
    signed_in_session(client, coordinator)
    return client


def as_client(app, person):
    client = app.test_client()
    signed_in_session(client, person)
    return client


def fresh(model, id_):
    db.session.expire_all()
    return db.session.get(model, id_)


def wants_a_woman_nobody_can_meet():
    """A request for a woman volunteer when the only volunteer near is a man: escalated."""
    man = make_volunteer(first_name="Ben", gender="man")
    request = make_request(route=True, volunteer_gender="woman")
    assert request.status == "escalated"
    return request, man


# --- Home ------------------------------------------------------------------------------------

def test_a_coordinator_lands_on_their_home_after_signing_in(client, coordinator):
    assert sign_in(client, coordinator).location == "/coordinator"


def test_the_home_lists_what_needs_a_coordinator_with_counts_and_links(
        coordinator_client, page):
    escalated, _man = wants_a_woman_nobody_can_meet()
    soon = make_request(route=True, fellowship="aa")  # offered to Ben, meeting moved near
    soon.meeting_at = utcnow() + dt.timedelta(hours=3)
    make_volunteer(first_name="Newcomer", approved=False, fellowships=["na"])
    db.session.add(ChangeReport(meeting_slug="m", meeting_name="Hope Group",
                                what_changed="Moved"))
    db.session.commit()

    soup = page(coordinator_client.get("/coordinator"))

    counts = [item.get_text(strip=True) for item in soup.select("#needs-counts li")]
    assert "Requests nobody can take: 1" in counts
    assert "Meetings within a day with nobody yet: 1" in counts
    assert "Volunteers waiting for approval: 1" in counts
    assert "Change reports open: 1" in counts
    assert "Safeguarding concerns open: 0" in counts
    needing = soup.find(id="needing-a-person").find_next("ul")
    link = needing.select_one("a")
    assert link["href"] == f"/coordinator/requests/{escalated.public_id}"
    assert "Waiting for" in needing.get_text() and "Would like a woman" in needing.get_text()
    assert soup.find(id="soon-with-nobody").find_next("ul").select_one(
        f'a[href="/coordinator/requests/{soon.public_id}"]')
    assert "Newcomer (Narcotics Anonymous)" in soup.find(id="volunteers-waiting").find_next(
        "ul").get_text()
    assert soup.select_one('main a[href="/coordinator/contact-views"]')


def test_volunteers_cannot_open_the_coordinators_home(app):
    assert as_client(app, make_volunteer()).get("/coordinator").status_code == 403


# --- Stepping in -----------------------------------------------------------------------------

def test_a_coordinator_offers_a_request_outside_its_preferences_with_a_reason(
        app, coordinator_client, page):
    request, man = wants_a_woman_nobody_can_meet()
    untrained = make_volunteer(first_name="Una", trained_on=None)
    step_in = f"/coordinator/requests/{request.public_id}/step-in"

    soup = page(coordinator_client.get(step_in))
    offered_to = {" ".join(label.get_text().split())
                  for label in soup.select("#volunteer_id label")}
    assert offered_to == {"Ben (Alcoholics Anonymous): not the gender asked for"}
    # Una's training is not on record; Cora is a coordinator and a member of no group.

    response = coordinator_client.post(
        f"/coordinator/requests/{request.public_id}/offer-outside-preferences",
        data={"volunteer_id": man.id, "reason": "She said on the phone any volunteer is fine"})
    assert response.status_code == 303

    offered = fresh(AccompanimentRequest, request.id)
    assert offered.status == "offering"
    assert [(o.volunteer_id, o.status) for o in offered.offers] == [(man.id, "offered")]
    assert untrained.id not in {o.volunteer_id for o in offered.offers}
    event = offered.events[-1]
    assert (event.reason, event.actor_role) == ("override", "coordinator")
    assert event.note == "She said on the phone any volunteer is fine"
    history = page(coordinator_client.get(f"/coordinator/requests/{request.public_id}"))
    assert "Reason given: She said on the phone any volunteer is fine" in \
        history.find("h2", string="History").find_next("ol").get_text()
    # Ben sees the offer, with what the person asked for.
    dashboard = page(as_client(app, man).get("/volunteer")).select_one("#volunteer-work")
    assert "Would like a woman" in dashboard.get_text() and "I can go" in dashboard.get_text()


def test_offering_outside_the_preferences_needs_a_reason_and_a_volunteer(
        coordinator_client, page):
    request, man = wants_a_woman_nobody_can_meet()
    url = f"/coordinator/requests/{request.public_id}/offer-outside-preferences"
    response = coordinator_client.post(url, data={"volunteer_id": man.id, "reason": "  "})
    soup = page(response)
    assert response.status_code == 422 and soup.title.get_text().startswith("Error:")
    assert "Enter why you are offering it to this volunteer" in \
        soup.select_one(".error-summary").get_text()
    assert soup.select_one(f"#volunteer_id input[value='{man.id}']").has_attr("checked")
    response = coordinator_client.post(url, data={"reason": "Any volunteer is fine"})
    assert response.status_code == 422
    assert "Select a volunteer" in page(response).select_one(".error-summary").get_text()
    assert fresh(AccompanimentRequest, request.id).status == "escalated"


def test_when_the_volunteer_declines_the_request_comes_back_to_the_coordinators(app):
    request, man = wants_a_woman_nobody_can_meet()
    assert preferences.offer_outside_preferences(
        db.session, request, man, "Agreed by phone", MONDAY_MORNING,
        Requirements(), app.config) == "offered"
    offer = fresh(AccompanimentRequest, request.id).offers[0]
    as_client(app, man).post(f"/volunteer/offers/{offer.id}/decline")
    assert fresh(AccompanimentRequest, request.id).status == "escalated"


def test_a_coordinator_asks_the_person_to_drop_a_preference_and_they_do(
        app, coordinator_client):
    request, man = wants_a_woman_nobody_can_meet()
    response = coordinator_client.post(
        f"/coordinator/requests/{request.public_id}/ask-to-relax",
        data={"preference": "volunteer_gender"})
    assert response.status_code == 303
    asked = fresh(AccompanimentRequest, request.id)
    assert asked.relax_asked_for == "volunteer_gender" and asked.relax_asked_at is not None
    assert preferences.relax_question(asked) == "volunteer_gender"
    # What the status page calls when the person agrees.
    assert held_preferences.drop(db.session, asked, "volunteer_gender", MONDAY_MORNING)
    held_preferences.ask_again(db.session, request.id, MONDAY_MORNING, app.config)
    relaxed = fresh(AccompanimentRequest, request.id)
    assert relaxed.volunteer_gender is None and relaxed.status == "offering"
    assert [o.volunteer_id for o in relaxed.offers] == [man.id]
    assert preferences.relax_question(relaxed) is None


def test_asking_to_drop_a_preference_the_request_does_not_have_is_refused(coordinator_client,
                                                                           page):
    request, _man = wants_a_woman_nobody_can_meet()
    soup = page(coordinator_client.get(f"/coordinator/requests/{request.public_id}/step-in"))
    assert [box["value"] for box in soup.select("#preference input")] == ["volunteer_gender"]
    coordinator_client.post(f"/coordinator/requests/{request.public_id}/ask-to-relax",
                            data={"preference": "language"})
    assert fresh(AccompanimentRequest, request.id).relax_asked_for is None


# --- Labels ----------------------------------------------------------------------------------

def test_coordinator_pages_show_words_not_codes(coordinator_client, page):
    request = make_request(route=True, fellowship="families-anonymous",
                           volunteer_gender="woman", language="pl")
    make_volunteer(first_name="Fay", fellowships=["families-anonymous", "al-anon"])
    detail = page(coordinator_client.get(f"/coordinator/requests/{request.public_id}"))
    rows = {row.dt.get_text(strip=True): row.dd.get_text(" ", strip=True)
            for row in detail.select(".summary-list > div")}
    assert rows["Group"] == "Families Anonymous"
    assert rows["Preferences"] == "Would like a woman, Polish"
    volunteers = page(coordinator_client.get("/coordinator/volunteers")).main.get_text()
    assert "Families Anonymous, Al-Anon" in volunteers
    assert "families-anonymous" not in volunteers


# --- Records and requirements ----------------------------------------------------------------

def test_only_volunteers_with_their_records_complete_are_offered_requests(app, monkeypatch):
    ready = make_volunteer(first_name="Ready", dbs_checked_on=dt.date(2025, 2, 1))
    make_volunteer(first_name="NoTraining", trained_on=None)
    make_volunteer(first_name="NoAgreement", agreement_on=None)
    no_check = make_volunteer(first_name="NoCheck")
    request = make_request()
    asked = routing.eligible_volunteers(db.session, request, MONDAY_MORNING)
    assert {v.first_name for v in asked} == {"Ready", "NoCheck"}

    monkeypatch.setitem(app.config, "FINDER_PEER_REQUIRE_CHECK", "dbs")
    routed = make_request(route=True)
    assert [o.volunteer_id for o in routed.offers] == [ready.id]
    assert no_check.id not in [o.volunteer_id for o in routed.offers]


def test_a_training_date_is_not_required_when_the_service_says_so(app, monkeypatch):
    make_volunteer(first_name="NoTraining", trained_on=None)
    monkeypatch.setitem(app.config, "FINDER_PEER_REQUIRE_TRAINING", False)
    assert [v.first_name for v in routing.eligible_volunteers(
        db.session, make_request(), MONDAY_MORNING,
        requirements=Requirements.from_config(app.config))] == ["NoTraining"]


def test_a_volunteer_without_training_cannot_be_assigned_by_hand(coordinator_client):
    request = make_request(route=True)
    untrained = make_volunteer(trained_on=None)
    coordinator_client.post(f"/coordinator/requests/{request.public_id}/assign",
                            data={"volunteer_id": untrained.id})
    assert fresh(AccompanimentRequest, request.id).volunteer_id is None


def test_a_coordinator_records_dates_and_the_volunteer_is_then_offered_requests(
        app, coordinator_client, page, monkeypatch):
    monkeypatch.setitem(app.config, "FINDER_PEER_REQUIRE_CHECK", "reference")
    person = make_volunteer(first_name="Rae", trained_on=None)
    volunteers = page(coordinator_client.get("/coordinator/volunteers"))
    row = volunteers.find("a", string="Rae").find_parent("tr").get_text(" ", strip=True)
    assert "Missing: training, reference check" in row
    url = f"/coordinator/volunteers/{person.id}"
    form = page(coordinator_client.get(url))
    assert form.select_one("#agreement_on")["value"] == "2025-01-01"
    response = coordinator_client.post(url, data={
        "agreement_on": "2025-01-01", "trained_on": "2025-02-03",
        "reference_checked_on": "2025-02-10", "dbs_checked_on": ""})
    assert response.status_code == 303
    saved = fresh(Volunteer, person.id)
    assert (saved.trained_on, saved.reference_checked_on, saved.dbs_checked_on) == (
        dt.date(2025, 2, 3), dt.date(2025, 2, 10), None)
    assert [o.volunteer_id for o in make_request(route=True).offers] == [person.id]


def test_a_record_date_must_be_real_and_not_in_the_future(coordinator_client, page):
    person = make_volunteer()
    response = coordinator_client.post(f"/coordinator/volunteers/{person.id}", data={
        "agreement_on": "2025-02-30", "trained_on": "2999-01-01"})
    soup = page(response)
    assert response.status_code == 422
    messages = soup.select_one(".error-summary").get_text()
    assert "Enter a real date, like 2025-03-27" in messages
    assert "Enter a date that is today or in the past" in messages
    assert soup.select_one("#trained_on")["value"] == "2999-01-01"


def test_signing_up_records_the_agreement_and_signing_in_records_activity(client):
    client.post("/volunteer/sign-up", data={
        "first_name": "Sky", "email": "sky@example.org", "password": "a long enough password",
        "fellowships": ["aa"], "agreement": "y"})
    new = db.session.query(Volunteer).filter_by(email="sky@example.org").one()
    assert new.agreement_on is not None and new.trained_on is None
    volunteer = make_volunteer()
    sign_in(client, volunteer)
    assert fresh(Volunteer, volunteer.id).last_active_at is not None


# --- Own account -----------------------------------------------------------------------------

@pytest.mark.parametrize("action", ["pause", "retire"])
def test_the_only_active_coordinator_cannot_pause_or_retire_themselves(
        coordinator, coordinator_client, page, action):
    response = coordinator_client.post(f"/coordinator/volunteers/{coordinator.id}/{action}",
                                       follow_redirects=True)
    assert "You cannot pause or retire the only active coordinator" in \
        page(response).select_one("[role=status]").get_text()
    kept = fresh(Volunteer, coordinator.id)
    assert kept.state == "active" and kept.paused_until is None


def test_a_coordinator_with_a_colleague_can_retire_their_own_account(
        coordinator, coordinator_client):
    make_coordinator()
    response = coordinator_client.post(f"/coordinator/volunteers/{coordinator.id}/retire")
    assert response.status_code == 303 and response.location == "/"
    assert fresh(Volunteer, coordinator.id).state == "retired"
    assert coordinator_client.get("/coordinator").status_code == 303  # signed out


def test_a_paused_colleague_does_not_count_as_an_active_coordinator(
        coordinator, coordinator_client):
    make_coordinator(paused_until=dt.date(2999, 1, 1))
    coordinator_client.post(f"/coordinator/volunteers/{coordinator.id}/pause")
    assert fresh(Volunteer, coordinator.id).paused_until is None


def test_the_only_coordinator_cannot_pause_through_their_profile(coordinator, coordinator_client,
                                                                  page):
    response = coordinator_client.post("/volunteer/profile", data={
        "fellowships": ["aa"], "home_postcode": "LS1 4AP", "travel_radius_miles": "5",
        "max_active_requests": "1", "paused_until": "2999-01-01"})
    assert response.status_code == 422
    assert "You cannot pause: you are the only active coordinator" in \
        page(response).select_one(".error-summary").get_text()


# --- Safeguarding concerns -------------------------------------------------------------------

def test_the_volunteer_raises_an_urgent_concern_and_every_coordinator_is_told_at_once(
        app, coordinator, coordinator_client, page):
    volunteer = make_volunteer()
    request = make_request(route=True, first_name="Quillon")
    client = as_client(app, volunteer)
    client.post(f"/volunteer/offers/{request.offers[0].id}/accept")
    form = page(client.get(f"/requests/{request.public_id}/safeguarding-concern"))
    assert "Write only what a coordinator needs" in form.select_one("#details-hint").get_text()

    response = client.post(f"/requests/{request.public_id}/safeguarding-concern",
                           data={"urgent": "yes", "details": "Quillon said something worrying"})
    assert response.status_code == 303
    concern = db.session.query(SafeguardingConcern).one()
    assert concern.urgent and concern.raised_by_role == "volunteer"
    emails = db.session.query(OutboxMessage).filter_by(to=coordinator.email).all()
    email = next(e for e in emails if "safeguarding" in e.subject)
    assert email.subject == "Urgent: a safeguarding concern has been raised"
    assert f"/coordinator/requests/{request.public_id}#concerns" in email.body
    assert "Quillon" not in email.body and "worrying" not in email.body

    home = page(coordinator_client.get("/coordinator"))
    assert "Safeguarding concerns open: 1" in home.main.get_text()
    assert home.find(id="concerns").find_next("ul").select_one(
        f'a[href="/coordinator/requests/{request.public_id}#concerns"]')
    detail = page(coordinator_client.get(f"/coordinator/requests/{request.public_id}"))
    assert "Quillon said something worrying" in detail.find(id="concerns").find_next(
        "ul").get_text()
    assert "safeguarding concern raised" in detail.find("h2", string="History").find_next(
        "ol").get_text()

    coordinator_client.post(f"/coordinator/concerns/{concern.id}/handled")
    handled = fresh(SafeguardingConcern, concern.id)
    assert handled.handled_at is not None and handled.handled_by_id == coordinator.id
    assert "Safeguarding concerns open: 0" in page(coordinator_client.get(
        "/coordinator")).main.get_text()


def test_a_concern_needs_words_and_an_answer_to_urgent(app, coordinator_client, page):
    request = make_request(route=True)
    response = coordinator_client.post(f"/requests/{request.public_id}/safeguarding-concern",
                                       data={"details": ""})
    soup = page(response)
    assert response.status_code == 422
    summary = soup.select_one(".error-summary").get_text()
    assert "Select whether it is urgent" in summary and "Enter what the concern is" in summary
    assert db.session.query(SafeguardingConcern).count() == 0


def test_a_volunteer_who_does_not_hold_the_request_cannot_raise_a_concern_on_it(app):
    request = make_request(route=True)
    stranger = as_client(app, make_volunteer())
    assert stranger.get(f"/requests/{request.public_id}/safeguarding-concern").status_code == 403


def test_a_concern_s_words_and_a_coordinator_s_reason_are_erased_with_the_personal_data(app):
    request, man = wants_a_woman_nobody_can_meet()
    coordinator = make_coordinator()
    preferences.offer_outside_preferences(db.session, request, man, "Robin agreed",
                                          MONDAY_MORNING, Requirements(), app.config)
    client = as_client(app, coordinator)
    client.post(f"/requests/{request.public_id}/safeguarding-concern",
                data={"urgent": "no", "details": "Robin mentioned a worry"})
    client.post(f"/coordinator/requests/{request.public_id}/close", data={"reason": "spam"})
    later = utcnow() + dt.timedelta(days=app.config["FINDER_PEER_RETENTION_DAYS"] + 1)
    timers.purge(db.session, later, app.config)
    db.session.expire_all()
    assert db.session.query(SafeguardingConcern).one().details is None
    assert all(event.note is None for event in db.session.query(RequestEvent))


# --- Who saw contact details -----------------------------------------------------------------

def test_the_contact_views_page_names_whose_details_were_seen_and_is_in_the_navigation(
        app, coordinator_client, page):
    volunteer = make_volunteer(first_name="Ash")
    request = make_request(route=True, first_name="Quillon")
    as_client(app, volunteer).post(f"/volunteer/offers/{request.offers[0].id}/accept",
                                   follow_redirects=True)
    home = page(coordinator_client.get("/coordinator"))
    assert home.select_one('nav a[href="/coordinator/contact-views"]')
    rows = [row.get_text(" ", strip=True)
            for row in page(coordinator_client.get("/coordinator/contact-views")).select(
                "tbody tr")]
    assert len(rows) == 1
    assert "Ash" in rows[0] and "Quillon" in rows[0] and "Alcoholics Anonymous" in rows[0]
