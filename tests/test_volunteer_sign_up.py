"""Members offer to volunteer; the account waits for a coordinator, and the form never says
whether an address already has an account."""

import pytest
from peer_factories import PASSWORD
from peer_factories import make_coordinator
from peer_factories import make_volunteer
from peer_factories import signed_in_session

from finder.extensions import db
from finder.models import OutboxMessage
from finder.models import Volunteer
from finder.peer.accounts import password_matches

pytestmark = pytest.mark.usefixtures("app_context")

SIGN_UP = "/volunteer/sign-up"
NEW_PASSWORD = "a long enough password"
CONFIRMATION = "Thank you, a coordinator will check your details"


def details(**overrides) -> dict:
    return {"first_name": "Sam", "email": "Sam@Example.org", "password": NEW_PASSWORD,
            "fellowships": ["aa", "na"], "agreement": "y", "website": "", **overrides}


def summary(soup) -> str:
    return soup.find(class_="error-summary").get_text()


def test_the_empty_form_asks_for_what_is_needed(client, page):
    soup = page(client.get(SIGN_UP))
    assert soup.h1.get_text() == "Offer to volunteer"
    assert soup.find("input", id="password")["autocomplete"] == "new-password"
    assert soup.find("input", attrs={"name": "fellowships", "value": "aa"})
    assert soup.find("input", id="agreement")
    assert soup.find("input", attrs={"name": "website"})["tabindex"] == "-1"
    assert not soup.find(class_="error-summary")


def test_the_sign_in_page_links_to_sign_up(client, page):
    link = page(client.get("/volunteer/sign-in")).find("a", href=SIGN_UP)
    assert link.get_text() == "Offer to volunteer"


def test_signing_up_makes_an_unapproved_volunteer_and_tells_the_coordinators(client, page):
    coordinator = make_coordinator()
    response = client.post(SIGN_UP, data=details())
    assert response.status_code == 303
    assert response.location.endswith("/volunteer/sign-up/thank-you")
    made = db.session.query(Volunteer).filter_by(email="sam@example.org").one()
    assert (made.first_name, made.role, made.approved, made.state) == (
        "Sam", "volunteer", False, "active")
    assert sorted(made.fellowships) == ["aa", "na"]
    assert made.password_hash != NEW_PASSWORD and password_matches(made, NEW_PASSWORD)
    sent = db.session.query(OutboxMessage).one()
    assert sent.to == coordinator.email and "waiting for approval" in sent.subject
    assert "Sam" not in sent.body and "sam@example.org" not in sent.body
    assert CONFIRMATION in page(client.get(response.location)).main.get_text()


@pytest.mark.parametrize("change, message", [
    ({"first_name": " "}, "Enter your first name"),
    ({"first_name": "x" * 41}, "First name must be 40 characters or fewer"),
    ({"email": ""}, "Enter an email address in the correct format, like name@example.com"),
    ({"email": "sam.example.org"},
     "Enter an email address in the correct format, like name@example.com"),
    ({"password": ""}, "Enter a password of at least 12 characters"),
    ({"password": "elevenchars"}, "Enter a password of at least 12 characters"),
    ({"fellowships": []}, "Choose at least one group"),
    ({"fellowships": ["not-a-group"]}, "Choose at least one group"),
    ({"agreement": ""}, "Confirm that you are a member of the groups you have chosen"),
])
def test_each_mistake_is_explained(client, page, change, message):
    response = client.post(SIGN_UP, data=details(**change))
    soup = page(response)
    assert response.status_code == 422
    assert soup.title.get_text().startswith("Error:")
    assert message in summary(soup)
    assert message in soup.find(class_="error-message").get_text()
    assert db.session.query(Volunteer).count() == 0


def test_the_summary_links_to_each_field_at_fault(client, page):
    soup = page(client.post(SIGN_UP, data={}))
    links = [a["href"] for a in soup.find(class_="error-summary").find_all("a")]
    assert links == ["#first_name", "#email", "#password", "#fellowships", "#agreement"]
    assert soup.find(id="first_name")["aria-describedby"] == "first_name-hint first_name-error"


def test_what_was_typed_is_kept_but_not_the_password(client, page):
    soup = page(client.post(SIGN_UP, data=details(agreement="")))
    assert soup.find(id="first_name")["value"] == "Sam"
    assert not soup.find(id="password").get("value")
    assert soup.find("input", attrs={"name": "fellowships", "value": "na"}).has_attr("checked")


def test_an_address_with_an_account_gets_the_same_page_and_nothing_is_made(client, page):
    existing = make_volunteer(email="sam@example.org")
    response = client.post(SIGN_UP, data=details(first_name="Someone else"),
                           follow_redirects=True)
    assert response.status_code == 200
    assert CONFIRMATION in page(response).main.get_text()
    assert db.session.query(Volunteer).count() == 1
    db.session.expire_all()
    kept = db.session.get(Volunteer, existing.id)
    assert kept.first_name == existing.first_name and password_matches(kept, PASSWORD)
    sent = db.session.query(OutboxMessage).one()
    assert sent.to == "sam@example.org" and "tried to sign up" in sent.subject


def test_a_filled_in_honeypot_makes_nothing(client):
    response = client.post(SIGN_UP, data=details(website="https://spam.example"))
    assert response.status_code == 303 and response.location.endswith("/thank-you")
    assert db.session.query(Volunteer).count() == 0
    assert db.session.query(OutboxMessage).count() == 0


def test_a_coordinator_approves_the_new_volunteer(app, client):
    coordinator = make_coordinator()
    client.post(SIGN_UP, data=details())
    made = db.session.query(Volunteer).filter_by(email="sam@example.org").one()
    coordinator_client = app.test_client()
    signed_in_session(coordinator_client, coordinator)
    listed = coordinator_client.get("/coordinator/volunteers").get_data(as_text=True)
    assert "Sam" in listed and "Waiting for approval" in listed
    coordinator_client.post(f"/coordinator/volunteers/{made.id}/approve")
    db.session.expire_all()
    assert db.session.get(Volunteer, made.id).approved


def test_a_volunteer_waiting_for_approval_who_signs_in_is_told_so(app, client, page):
    client.post(SIGN_UP, data=details())
    response = client.post("/volunteer/sign-in", data={"email": "sam@example.org",
                                                       "password": NEW_PASSWORD})
    assert response.status_code == 303
    soup = page(client.get("/volunteer"))
    waiting = soup.find(id="waiting-for-approval")
    assert "waiting for approval" in waiting.get_text()
    assert not soup.find(id="volunteer-work")
