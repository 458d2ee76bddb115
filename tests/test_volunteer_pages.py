"""Volunteers sign in, see offers without personal details, accept or decline in one tap, and
see contact details only once the request is theirs."""

import datetime as dt
import re

import pytest
from factories import LEEDS
from factories import make_meeting
from peer_factories import MONDAY_MORNING
from peer_factories import make_request
from peer_factories import make_volunteer
from peer_factories import sign_in

from finder.extensions import db
from finder.models import AccompanimentRequest
from finder.models import AvailabilityWindow
from finder.models import ContactReveal
from finder.models import Volunteer
from finder.peer import requests as peer_requests

pytestmark = pytest.mark.usefixtures("app_context")


def signed_in(app, volunteer):
    client = app.test_client()
    sign_in(client, volunteer)
    return client


def test_signing_in_with_a_wrong_password_explains_without_saying_which_was_wrong(client, page):
    volunteer = make_volunteer()
    response = client.post("/volunteer/sign-in", data={"email": volunteer.email,
                                                       "password": "nope"})
    soup = page(response)
    assert response.status_code == 422 and soup.title.get_text().startswith("Error:")
    assert "Enter a correct email address and password" in soup.find(class_="error-summary").text


def offer_card(soup) -> dict[str, str]:
    card = soup.select_one("#volunteer-work .result")
    return {"heading": card.h3.get_text(strip=True), **{
        row.dt.get_text(strip=True): row.dd.get_text(" ", strip=True)
        for row in card.select(".summary-list > div")}}


def test_an_offer_shows_the_group_area_and_time_but_nobody_s_details(app, page):
    volunteer = make_volunteer()
    make_request(route=True, first_name="Quillon", note="Private words")
    soup = page(signed_in(app, volunteer).get("/volunteer"))
    text = soup.main.get_text()
    assert offer_card(soup)["Group"] == "Alcoholics Anonymous" and "I can go" in text
    assert "Quillon" not in text and "Private words" not in text and "07700" not in text


def test_an_offer_names_the_meeting_says_how_far_and_when_to_answer_by(app, page):
    meeting = make_meeting(name="Harbour Lights Group", day=1, start_time=dt.time(19, 30))
    volunteer = make_volunteer(latitude=LEEDS[0] + 0.02, languages=["en", "pl"])  # 1.4 mi N
    submitted = peer_requests.submit(db.session, peer_requests.from_meeting(
        meeting, first_name="Quillon", contact_method="phone", contact_value="07700 900321",
        volunteer_gender="woman", language="pl"), MONDAY_MORNING, app.config)
    peer_requests.route(db.session, submitted.request, MONDAY_MORNING, app.config)
    card = offer_card(page(signed_in(app, volunteer).get("/volunteer")))
    assert card["heading"] == "Harbour Lights Group"
    assert card["When"] == "Monday 10 March 2025, 19:30"
    assert card["Where"] == "LS1, 1.4 miles away"
    assert card["They asked for"] == "Would like a woman, Polish"
    # The first wave is open for two hours from when it was sent.
    assert card["Answer by"] == "Monday 10 March 2025, 12:00"


def test_an_accepted_requests_page_names_the_meeting_and_where_it_is(app, page):
    meeting = make_meeting(name="Harbour Lights Group", location="Quaker House",
                           address="12 Fictional Row", city="Leeds", postal_code="LS1 4AP")
    volunteer = make_volunteer()
    submitted = peer_requests.submit(db.session, peer_requests.from_meeting(
        meeting, first_name="Quillon", contact_method="phone", contact_value="07700 900321"),
        MONDAY_MORNING, app.config)
    peer_requests.route(db.session, submitted.request, MONDAY_MORNING, app.config)
    client = signed_in(app, volunteer)
    client.post(f"/volunteer/offers/{submitted.request.offers[0].id}/accept")
    soup = page(client.get(f"/volunteer/requests/{submitted.request.public_id}"))
    rows = {row.dt.get_text(strip=True): row.dd for row in soup.select(".summary-list > div")}
    assert rows["Meeting"].a.get_text(strip=True) == "Harbour Lights Group"
    assert list(rows["Where"].stripped_strings) == [
        "Quaker House", "12 Fictional Row", "Leeds", "LS1 4AP"]


def test_after_accepting_the_contact_details_are_on_the_dashboard_and_the_view_is_recorded(
        app, page):
    volunteer = make_volunteer()
    request = make_request(route=True, first_name="Quillon", contact_value="07700 900777")
    client = signed_in(app, volunteer)
    response = client.post(f"/volunteer/offers/{request.offers[0].id}/accept",
                           follow_redirects=True)
    soup = page(response)
    assert "Their contact details are below." in soup.select_one("[role=status]").get_text()
    details = soup.select_one("#volunteer-work .result .summary-list").get_text(" ", strip=True)
    assert "Quillon" in details and "07700900777" in details.replace(" ", "")
    reveals = db.session.query(ContactReveal).filter_by(request_id=request.id).all()
    assert [r.volunteer_id for r in reveals] == [volunteer.id]
    # Later visits to the dashboard list the request without its details (the link has them).
    later = page(client.get("/volunteer")).select_one("#volunteer-work").get_text()
    assert "Quillon" not in later


@pytest.mark.parametrize("typed, shown, link", [
    ("+44 7700 900777", "07700 900777", "tel:+447700900777"),
    ("0113 496 0123", "0113 496 0123", "tel:+441134960123"),
    ("07700900778", "07700 900778", "tel:+447700900778"),
])
def test_a_phone_number_is_shown_as_people_write_it_and_rings_from_the_link(
        app, page, typed, shown, link):
    volunteer = make_volunteer()
    request = make_request(route=True, first_name="Quillon", contact_value=typed)
    soup = page(signed_in(app, volunteer).post(f"/volunteer/offers/{request.offers[0].id}/accept",
                                               follow_redirects=True))
    rows = {row.dt.get_text(strip=True): row.dd
            for row in soup.select("#volunteer-work .result .summary-list > div")}
    assert rows["Contact"].get_text(strip=True) == shown
    assert rows["Contact"].a["href"] == link
    # The request's own page, linked from the dashboard, reads the same.
    again = page(signed_in(app, volunteer).get(f"/volunteer/requests/{request.public_id}"))
    contact = next(row.dd for row in again.select(".summary-list > div")
                   if row.dt.get_text(strip=True) == "Contact")
    assert contact.get_text(strip=True) == shown


def test_the_first_to_accept_gets_it_and_the_others_are_thanked(app, page):
    first, second = make_volunteer(), make_volunteer()
    request = make_request(route=True)
    offers = {o.volunteer_id: o.id for o in request.offers}
    first_client, second_client = signed_in(app, first), signed_in(app, second)

    accepted = first_client.post(f"/volunteer/offers/{offers[first.id]}/accept")
    assert accepted.status_code == 303
    too_late = second_client.post(f"/volunteer/offers/{offers[second.id]}/accept",
                                  follow_redirects=True)
    assert "already taken, thank you" in too_late.get_data(as_text=True)
    assert db.session.get(AccompanimentRequest, request.id).volunteer_id == first.id


def test_accepting_with_htmx_returns_the_updated_lists_only(app):
    volunteer = make_volunteer()
    request = make_request(route=True)
    response = signed_in(app, volunteer).post(
        f"/volunteer/offers/{request.offers[0].id}/accept", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<h1" not in html and 'id="volunteer-work"' in html
    assert "You are going" in html
    assert "Their contact details" in html and "Robin" in html  # below, as the message says


def test_contact_details_appear_after_accepting_and_the_view_is_recorded(app, page):
    volunteer = make_volunteer()
    request = make_request(route=True, first_name="Quillon")
    client = signed_in(app, volunteer)
    client.post(f"/volunteer/offers/{request.offers[0].id}/accept")
    page_response = client.get(f"/volunteer/requests/{request.public_id}")
    assert page_response.headers["Cache-Control"] == "no-store"
    assert "Quillon" in page(page_response).main.get_text()
    assert db.session.query(ContactReveal).filter_by(volunteer_id=volunteer.id).count() == 1


def test_someone_else_s_request_is_forbidden(app):
    owner, other = make_volunteer(), make_volunteer()
    request = make_request(route=True)
    signed_in(app, owner).post(f"/volunteer/offers/{request.offers[0].id}/accept")
    assert signed_in(app, other).get(f"/volunteer/requests/{request.public_id}").status_code == 403
    assert db.session.query(ContactReveal).count() == 0


def test_contacted_then_outcome_completes_the_request(app):
    volunteer = make_volunteer()
    request = make_request(route=True)
    client = signed_in(app, volunteer)
    client.post(f"/volunteer/offers/{request.offers[0].id}/accept")
    client.post(f"/volunteer/requests/{request.public_id}/contacted")
    client.post(f"/volunteer/requests/{request.public_id}/outcome", data={"outcome": "attended"})
    db.session.expire_all()
    done = db.session.get(AccompanimentRequest, request.id)
    assert (done.status, done.outcome) == ("completed", "attended")


def test_i_can_no_longer_do_this_hands_it_back(app):
    volunteer = make_volunteer()
    request = make_request(route=True)
    client = signed_in(app, volunteer)
    client.post(f"/volunteer/offers/{request.offers[0].id}/accept")
    client.post(f"/volunteer/requests/{request.public_id}/withdraw")
    db.session.expire_all()
    back = db.session.get(AccompanimentRequest, request.id)
    assert back.status == "escalated" and back.priority and back.volunteer_id is None


def test_declining_is_one_tap(app):
    volunteer = make_volunteer()
    request = make_request(route=True)
    signed_in(app, volunteer).post(f"/volunteer/offers/{request.offers[0].id}/decline")
    db.session.expire_all()
    assert db.session.get(AccompanimentRequest, request.id).offers[0].status == "declined"


def test_the_profile_saves_fellowships_place_and_weekly_availability(app, page):
    volunteer = make_volunteer(windows=[])
    client = signed_in(app, volunteer)
    assert page(client.get("/volunteer/profile")).h1.get_text() == "Your profile"
    response = client.post("/volunteer/profile", data={
        "fellowships": ["na", "aa"], "home_postcode": "ls1 4ap", "travel_radius_miles": "10",
        "languages": ["en", "pl"], "gender": "man", "max_active_requests": "2",
        "free_evening": ["1"], "free_morning": ["5"], "free_afternoon": ["5"],
    })
    assert response.status_code == 303
    db.session.expire_all()
    saved = db.session.get(Volunteer, volunteer.id)
    assert sorted(saved.fellowships) == ["aa", "na"] and saved.home_postcode == "LS1 4AP"
    assert saved.latitude and saved.travel_radius_miles == 10 and saved.gender == "man"
    windows = db.session.query(AvailabilityWindow).filter_by(volunteer_id=volunteer.id)
    # Monday evenings; Friday morning and afternoon, one window from 5am to 5pm.
    assert sorted((w.day, w.start_minute, w.end_minute) for w in windows) == [
        (1, 17 * 60, 24 * 60), (5, 5 * 60, 17 * 60)]


def test_every_day_sets_a_part_of_the_day_for_the_whole_week_in_one_tick(app, page):
    volunteer = make_volunteer(windows=[])
    client = signed_in(app, volunteer)
    client.post("/volunteer/profile", data={
        "fellowships": ["aa"], "home_postcode": "LS1 4AP", "travel_radius_miles": "5",
        "max_active_requests": "1", "free_evening": ["every"]})
    db.session.expire_all()
    windows = db.session.query(AvailabilityWindow).filter_by(volunteer_id=volunteer.id)
    assert sorted(w.day for w in windows) == list(range(7))
    # The form shows it back as each day ticked, Monday first.
    soup = page(client.get("/volunteer/profile"))
    evenings = soup.select_one("#free_evening")
    assert evenings.legend.get_text(strip=True) == "Evenings (5pm to midnight)"
    ticked = [soup.find("label", attrs={"for": box["id"]}).get_text(strip=True)
              for box in evenings.select("input[checked]")]
    assert ticked == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                      "Sunday"]
    assert soup.select_one("#free_morning input[checked]") is None


def test_the_profile_offers_each_language_once(app, page):
    soup = page(signed_in(app, make_volunteer()).get("/volunteer/profile"))
    labels = [soup.find("label", attrs={"for": box["id"]}).get_text(strip=True)
              for box in soup.select("#languages input")]
    assert labels.count("English") == 1 and len(labels) == len(set(labels))


def test_how_far_a_volunteer_can_travel_says_mile_for_one(app, page):
    soup = page(signed_in(app, make_volunteer()).get("/volunteer/profile"))
    distances = [o.get_text(strip=True) for o in soup.select("#travel_radius_miles option")]
    assert distances[:3] == ["Up to 1 mile", "Up to 2 miles", "Up to 5 miles"]

def test_a_profile_mistake_is_explained_and_keeps_what_was_ticked(app, page):
    client = signed_in(app, make_volunteer())
    response = client.post("/volunteer/profile", data={
        "fellowships": [], "home_postcode": "LS1 4AP", "travel_radius_miles": "5",
        "max_active_requests": "1", "free_afternoon": ["2"]})
    soup = page(response)
    assert response.status_code == 422
    assert re.search("Select at least one group", soup.find(class_="error-summary").text)
    assert [box["value"] for box in soup.select("#free_afternoon input[checked]")] == ["2"]
