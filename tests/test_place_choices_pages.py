"""The search form helps when a place name is misspelt or shared: a "Did you mean" link, or a
list of the places of that name to choose from, each a working search link."""

from urllib.parse import parse_qs
from urllib.parse import urlsplit

import pytest


def options(soup):
    box = soup.find(id="near-options")
    return box, [(a.get_text(strip=True), parse_qs(urlsplit(a["href"]).query)) for a in box("a")]


def test_a_misspelt_place_gets_a_did_you_mean_link(client, page):
    response = client.get("/meetings", query_string={"near": "Leedz"})
    assert response.status_code == 422
    box, links = options(page(response))
    assert box.p.get_text(strip=True) == "Did you mean:"
    assert links[0] == ("Leeds", {"near": ["Leeds"]})


def test_a_shared_name_lists_each_place_with_its_county_keeping_the_filters(client, page):
    response = client.get(
        "/meetings", query_string={"near": "Newport", "fellowship": ["aa", "na"], "radius": "5"}
    )
    assert response.status_code == 422
    soup = page(response)
    assert soup.find(class_="error-summary").a.get_text(strip=True) == (
        "There is more than one place called Newport. "
        "Choose the place you mean, or enter a postcode, like LS1 4AP"
    )
    box, links = options(soup)
    assert box.p.get_text(strip=True) == "Choose the place you mean:"
    labels = [label for label, _query in links]
    assert labels[0] == "Newport, Wales"
    assert "Newport, Isle of Wight" in labels
    for label, query in links:
        assert query == {"near": [label], "fellowship": ["aa", "na"], "radius": ["5"]}


def test_a_choice_link_searches_that_place(client, page):
    soup = page(client.get("/meetings", query_string={"near": "Newport, Isle of Wight"}))
    assert soup.find(id="near-options") is None
    assert "Newport, Isle of Wight" in soup.find(id="results-heading").get_text()


def test_a_northern_ireland_place_gets_the_northern_ireland_message(client, page):
    response = client.get("/meetings", query_string={"near": "Belfast"})
    assert response.status_code == 422
    message = page(response).find(class_="error-summary").a.get_text(strip=True)
    assert message.startswith("Northern Ireland")


@pytest.mark.parametrize("near", ["Belfast", "BT1 1AA"])
def test_northern_ireland_offers_a_link_to_online_meetings_keeping_the_filters(
        client, page, near):
    response = client.get("/meetings", query_string={"near": near, "fellowship": "na",
                                                     "radius": "5"})
    box, links = options(page(response))
    assert links == [("Online meetings", {"fellowship": ["na"], "mode": ["online"]})]
    online = client.get(box.a["href"])
    assert online.status_code == 200
    assert page(online).find(id="results-heading") is not None


def test_a_long_input_is_not_repeated_back_in_full(client, page):
    typed = "Somewhere with a very long name indeed that goes on"
    response = client.get("/meetings", query_string={"near": typed})
    message = page(response).find(class_="error-summary").a.get_text(strip=True)
    assert typed not in message
    assert "Somewhere with a very long na…" in message


@pytest.mark.parametrize(
    ("language", "did_you_mean"), [("cy", "Oeddech chi'n golygu:"), ("pl", "Czy chodziło o:")]
)
def test_the_suggestions_are_introduced_in_the_chosen_language(
    client, page, language, did_you_mean
):
    client.set_cookie("finder_language", language)
    box, _links = options(page(client.get("/meetings", query_string={"near": "Leedz"})))
    assert box.p.get_text(strip=True) == did_you_mean


def test_the_about_page_credits_geonames(client, page):
    text = page(client.get("/about")).get_text()
    assert "GeoNames" in text
    assert "Creative Commons Attribution 4.0" in text
