"""The request form and the volunteer profile are sent (POST), so a place name shared by
several places, or misspelt, is answered there with radio buttons: each place of that name
with its county or nation (as the search page describes them), or the names spelt like it.
Choosing one and sending the form again completes that answer and keeps all the others."""

import pytest
from peer_factories import make_volunteer
from peer_factories import sign_in

from finder.extensions import db
from finder.models import AccompanimentRequest
from finder.models import Volunteer

pytestmark = pytest.mark.usefixtures("app_context")

ASK = "/ask-someone-to-go-with-you"
NEWPORT_MESSAGE = ("There is more than one place called Newport. "
                   "Choose the place you mean, or enter a postcode, like LS1 4AP")


def request_answers(**changes):
    values = {
        "fellowship": "aa", "area": "Newport", "day": "1", "time": "19:30", "over_18": "yes",
        "made_by": "self", "first_name": "Robin", "contact_method": "phone",
        "phone": "07700 900 982", "volunteer_gender": "woman", "language": "pl",
        "access_needs": "Step-free access", "note": "I will be wearing a red coat",
        "consent": "y",
    }
    values.update(changes)
    return {key: value for key, value in values.items() if value is not None}


def profile_answers(**changes):
    values = {
        "fellowships": ["na", "aa"], "home_postcode": "Newport", "travel_radius_miles": "10",
        "languages": ["en", "cy"], "gender": "man", "max_active_requests": "2",
        "free_evening": ["1", "3"],
    }
    values.update(changes)
    return {key: value for key, value in values.items() if value is not None}


def place_options(soup, name):
    """The legend of the radio buttons named `name`, and each one's label and value."""
    group = soup.find("fieldset", id=name)
    if group is None:
        return None, []
    return group.legend.get_text(strip=True), [
        (soup.find("label", attrs={"for": radio["id"]}).get_text(strip=True), radio["value"])
        for radio in group.find_all("input", attrs={"type": "radio", "name": name})]


def error_for(soup, field):
    return soup.find(class_="error-summary").find("a", href=f"#{field}").get_text(strip=True)


def search_page_choices(client, page, near):
    """The places the meeting search offers for the same name, as its links show them."""
    box = page(client.get("/meetings", query_string={"near": near})).find(id="near-options")
    return [link.get_text(strip=True) for link in box("a")]


@pytest.fixture
def volunteer_client(app):
    volunteer = make_volunteer(windows=[])
    client = app.test_client()
    sign_in(client, volunteer)
    return client, volunteer


def test_a_shared_name_in_the_request_form_offers_each_place_as_the_search_page_does(
        client, page):
    response = client.post(ASK, data=request_answers())
    assert response.status_code == 422
    soup = page(response)
    assert error_for(soup, "area") == NEWPORT_MESSAGE
    legend, offered = place_options(soup, "area_choice")
    assert legend == "Choose the place you mean:"
    assert [label for label, _value in offered] == search_page_choices(client, page, "Newport")
    assert "Newport, Isle of Wight" in [label for label, _value in offered]
    assert not soup.select("input[name=area_choice][checked]")  # nothing chosen for them
    # Everything else they wrote is still there.
    assert soup.find(id="first_name")["value"] == "Robin"
    assert soup.find(id="note").get_text(strip=True) == "I will be wearing a red coat"
    assert soup.find(id="access_needs")["value"] == "Step-free access"
    assert db.session.query(AccompanimentRequest).count() == 0


def test_choosing_a_place_sends_the_request_for_that_place_with_every_other_answer(client, page):
    offered = dict(place_options(page(client.post(ASK, data=request_answers())),
                                 "area_choice")[1])
    response = client.post(ASK, data=request_answers(area_choice=offered["Newport, Isle of Wight"]))
    assert response.status_code == 303 and response.location.endswith(f"{ASK}/sent")
    saved = db.session.query(AccompanimentRequest).one()
    assert saved.postcode_district == "Newport, Isle of Wight"
    assert 50.6 < saved.latitude < 50.8 and -1.4 < saved.longitude < -1.2  # on the island
    assert (saved.first_name, saved.volunteer_gender, saved.language, saved.access_needs,
            saved.note) == ("Robin", "woman", "pl", "Step-free access",
                            "I will be wearing a red coat")


def test_a_chosen_place_stays_in_the_box_while_another_answer_is_put_right(client, page):
    response = client.post(ASK, data=request_answers(area_choice="Newport, Isle of Wight",
                                                     first_name=""))
    assert response.status_code == 422
    soup = page(response)
    assert soup.find(id="area")["value"] == "Newport, Isle of Wight"
    assert soup.find(id="area-error") is None
    assert place_options(soup, "area_choice") == (None, [])
    assert error_for(soup, "first_name") == "Enter your first name or a nickname"


def test_the_place_is_checked_with_the_other_answers_so_every_mistake_shows_at_once(
        client, page):
    soup = page(client.post(ASK, data=request_answers(first_name="")))
    summary = [link["href"] for link in soup.find(class_="error-summary").find_all("a")]
    assert summary == ["#area", "#first_name"]
    assert place_options(soup, "area_choice")[1]


def test_what_is_typed_wins_over_a_choice_left_from_another_name(client, page):
    response = client.post(ASK, data=request_answers(area="LS1 4AP",
                                                     area_choice="Newport, Isle of Wight"))
    assert response.status_code == 303
    assert db.session.query(AccompanimentRequest).one().postcode_district == "LS1"


def test_a_choice_that_was_not_offered_is_not_taken(client, page):
    response = client.post(ASK, data=request_answers(area_choice="Leeds"))
    assert response.status_code == 422
    assert error_for(page(response), "area") == NEWPORT_MESSAGE


def test_a_misspelt_place_in_the_request_form_gets_did_you_mean(client, page):
    soup = page(client.post(ASK, data=request_answers(area="Leedz")))
    assert error_for(soup, "area").startswith("We could not find a town or city called Leedz")
    legend, offered = place_options(soup, "area_choice")
    assert legend == "Did you mean:"
    assert offered[0] == ("Leeds", "Leeds")
    response = client.post(ASK, data=request_answers(area="Leedz", area_choice="Leeds"))
    assert response.status_code == 303
    assert db.session.query(AccompanimentRequest).one().postcode_district == "Leeds"


def test_a_shared_name_in_the_profile_offers_each_place(volunteer_client, client, page):
    signed_in, volunteer = volunteer_client
    response = signed_in.post("/volunteer/profile", data=profile_answers())
    assert response.status_code == 422
    soup = page(response)
    assert error_for(soup, "home_postcode") == NEWPORT_MESSAGE
    legend, offered = place_options(soup, "home_postcode_choice")
    assert legend == "Choose the place you mean:"
    assert [label for label, _value in offered] == search_page_choices(client, page, "Newport")
    assert [box["value"] for box in soup.select("#free_evening input[checked]")] == ["1", "3"]
    assert [box["value"] for box in soup.select("#languages input[checked]")] == ["en", "cy"]


def test_choosing_a_place_saves_the_profile_with_every_other_answer(volunteer_client, page):
    signed_in, volunteer = volunteer_client
    response = signed_in.post("/volunteer/profile", data=profile_answers(
        home_postcode_choice="Newport, Pembrokeshire"))
    assert response.status_code == 303
    db.session.expire_all()
    saved = db.session.get(Volunteer, volunteer.id)
    assert saved.home_postcode == "Newport, Pembrokeshire"
    assert -5.0 < saved.longitude < -4.7  # in the west of Wales, not the city by Cardiff
    assert sorted(saved.fellowships) == ["aa", "na"] and sorted(saved.languages) == ["cy", "en"]
    assert saved.gender == "man" and saved.travel_radius_miles == 10
    assert saved.max_active_requests == 2
    assert sorted(w.day for w in saved.availability) == [1, 3]


def test_a_misspelt_place_in_the_profile_gets_did_you_mean(volunteer_client, page):
    signed_in, volunteer = volunteer_client
    soup = page(signed_in.post("/volunteer/profile", data=profile_answers(home_postcode="Leedz")))
    legend, offered = place_options(soup, "home_postcode_choice")
    assert legend == "Did you mean:" and offered[0] == ("Leeds", "Leeds")


@pytest.mark.parametrize(("language", "message", "intro", "did_you_mean"), [
    ("cy", "Mae mwy nag un lle o'r enw Newport.", "Dewiswch y lle rydych chi'n ei olygu:",
     "Oeddech chi'n golygu:"),
    ("pl", "Jest więcej niż jedno miejsce o nazwie Newport.", "Wybierz miejsce, o które chodzi:",
     "Czy chodziło o:"),
])
def test_the_choices_and_the_message_are_in_the_chosen_language(
        volunteer_client, client, page, language, message, intro, did_you_mean):
    signed_in, _volunteer = volunteer_client
    for browser in (client, signed_in):
        browser.set_cookie("finder_language", language)
    shared = page(client.post(ASK, data=request_answers()))
    assert place_options(shared, "area_choice")[0] == intro
    assert error_for(shared, "area").startswith(message)
    misspelt = page(signed_in.post("/volunteer/profile",
                                   data=profile_answers(home_postcode="Leedz")))
    assert place_options(misspelt, "home_postcode_choice")[0] == did_you_mean


def test_a_suggested_name_that_several_places_share_leads_on_to_choosing_one(client, page):
    soup = page(client.post(ASK, data=request_answers(area="Newprot")))
    assert ("Newport", "Newport") in place_options(soup, "area_choice")[1]
    response = client.post(ASK, data=request_answers(area="Newprot", area_choice="Newport"))
    assert response.status_code == 422
    soup = page(response)
    assert soup.find(id="area")["value"] == "Newport"
    assert error_for(soup, "area") == NEWPORT_MESSAGE
    assert "Newport, Isle of Wight" in dict(place_options(soup, "area_choice")[1])
