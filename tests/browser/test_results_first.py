"""On a 360 x 800 phone the answer comes first: the results heading and the first meeting (or
the help when nothing is found) are on the first screen, in every language, with and without
JavaScript, whatever filters are set; the groups read without sideways scrolling; the printed
list fits eight or more meetings to an A4 page, with absolute times and a QR code."""

from __future__ import annotations

import re

import pytest

from .pages import LANGUAGES
from .pages import choose_language
from .pages import volunteer_dashboard

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 800}
SEARCHES = {
    "plain": "/meetings?near=LS6+1AA",
    "filtered": "/meetings?near=LS6+1AA&fellowship=aa&fellowship=na&ethos=spiritual"
                "&time=evening&type=open&type=wheelchair",
    "no-results": "/meetings?near=Aberdeen&fellowship=smart-family-friends&type=open"
                  "&type=closed&day=today",
    "online": "/meetings?mode=online&time=morning&time=evening",
    "family": "/meetings?near=Cardiff&who=family&radius=25",
}
# Where the answer starts: the first meeting's link, or the help when nothing is found.
ANSWER = """() => {
  const first = document.querySelector('ol.results li.result h3 a, .no-results');
  const heading = document.querySelector('#results-heading');
  const h1 = document.querySelector('h1');
  return {
    answer: first ? first.getBoundingClientRect().top + window.scrollY : null,
    heading: heading.getBoundingClientRect().bottom + window.scrollY,
    h1: h1.getBoundingClientRect().top + window.scrollY,
    filtersOpen: document.querySelector('details.filters').open,
  };
}"""


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("search", SEARCHES, ids=str)
def test_the_count_and_the_first_meeting_or_the_help_are_on_the_first_screen(
    new_context, server, search, language, javascript
):
    page = new_context(viewport=PHONE, java_script_enabled=javascript).new_page()
    choose_language(page, server, language)
    page.goto(server.url(SEARCHES[search]))
    found = page.evaluate(ANSWER)
    assert found["answer"] is not None, "a meeting or the no-results help"
    assert found["answer"] < PHONE["height"], found
    assert found["heading"] < PHONE["height"], found
    assert found["h1"] < 250, "the page's own heading starts near the top"
    assert not found["filtersOpen"], "the filter panel is closed on results pages"


def test_a_family_member_searches_from_the_family_page_and_lands_on_family_groups(
    new_context, server
):
    page = new_context(viewport=PHONE).new_page()
    page.goto(server.url("/family"))
    page.fill("#near", "Cardiff")
    with page.expect_navigation():
        page.get_by_role("button", name="Find family groups").click()
    assert "who=family" in page.url
    found = page.evaluate(ANSWER)
    assert found["answer"] < PHONE["height"] and not found["filtersOpen"]
    assert page.locator(".who-switch strong").inner_text() == "Groups for family and friends"
    assert page.get_by_role("link", name="For me").is_visible(), "one tap to the other groups"


def test_removing_a_filter_with_one_tap_updates_the_results(new_context, server):
    page = new_context(viewport=PHONE).new_page()
    page.goto(server.url(SEARCHES["filtered"]))
    before = page.locator("#results-heading").inner_text()
    page.get_by_role("link", name="Remove filter: Wheelchair access").click()
    page.locator("#results-heading:focus").wait_for()
    assert "type=wheelchair" not in page.url and "type=open" in page.url
    assert page.locator("#results-heading").inner_text() != before


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_groups_compared_read_on_a_phone_without_sideways_scrolling(
    new_context, server, language
):
    page = new_context(viewport=PHONE).new_page()
    choose_language(page, server, language)
    page.goto(server.url("/groups"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    cards = page.locator(".group-card")
    assert cards.count() == 8
    widths = cards.evaluate_all("cards => cards.map(card => card.scrollWidth - card.clientWidth)")
    assert set(widths) == {0}


def test_the_printed_list_has_absolute_times_a_qr_code_and_eight_or_more_meetings_a_page(
    new_context, server
):
    page = new_context().new_page()
    page.goto(server.url("/meetings?near=LS1+4AP&radius=50"))
    with page.expect_navigation():
        page.get_by_role("link", name="Printable list of these meetings").click()
    page.emulate_media(media="print")
    text = page.locator("main").inner_text()
    assert re.search(r"Every \w+day, \d\d:\d\d to \d\d:\d\d \(UK time\)", text)
    assert "Printed on" in text and "Today at" not in text and "Tomorrow at" not in text
    assert page.locator(".handout__qr svg").is_visible()
    assert page.locator(".site-header").is_hidden() and page.locator(".no-print").first.is_hidden()
    meetings = page.locator(".handout__list > li").count()
    assert meetings >= 16, "enough to fill more than one page"
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages * 8 <= meetings + 8, f"{meetings} meetings on {pages} A4 pages"


def test_a_search_sent_with_javascript_leaves_empty_parameters_out_of_its_address(
    new_context, server
):
    page = new_context(viewport=PHONE).new_page()
    page.goto(server.url("/meetings?near=LS1+4AP"))
    page.locator("details.filters > summary").click()
    page.locator("input[name=time][value=evening]").check()
    page.locator("details.filters button[type=submit]").first.click()
    page.locator("#results-heading:focus").wait_for()
    assert "time=evening" in page.url
    assert not re.search(r"=(&|$)", page.url), page.url


def search_for(page, server, typed: str) -> None:
    """Types a place into the results page's search box and sends it (through htmx when
    JavaScript is on), waiting for the answer: results, or the place help."""
    page.goto(server.url("/meetings?near=LS1+4AP"))
    page.fill("#near", typed)
    page.get_by_role("button", name="Search").click()
    page.locator(f"#near[value='{typed}']").wait_for(state="attached")


def on_first_screen(page, selector: str) -> bool:
    top = page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top + scrollY")
    return top < PHONE["height"]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_misspelt_town_offers_the_right_one_on_the_first_screen_and_it_finds_meetings(
    new_context, server, javascript
):
    page = new_context(viewport=PHONE, java_script_enabled=javascript).new_page()
    search_for(page, server, "Leedz")
    assert page.locator("#near-options p").inner_text() == "Did you mean:"
    assert on_first_screen(page, "#near-options a")
    with page.expect_navigation():
        page.locator("#near-options").get_by_role("link", name="Leeds", exact=True).click()
    assert "Leeds" in page.locator("#results-heading").inner_text()
    assert page.evaluate(ANSWER)["answer"] < PHONE["height"]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_name_several_places_share_is_a_choice_each_with_its_county_or_nation(
    new_context, server, javascript
):
    page = new_context(viewport=PHONE, java_script_enabled=javascript).new_page()
    search_for(page, server, "Newport")
    choices = page.locator("#near-options a").all_inner_texts()
    assert choices[0] == "Newport, Wales" and "Newport, Isle of Wight" in choices
    assert on_first_screen(page, "#near-options a")
    with page.expect_navigation():
        page.get_by_role("link", name="Newport, Isle of Wight").click()
    assert "Newport, Isle of Wight" in page.locator("#results-heading").inner_text()
    assert page.evaluate(ANSWER)["answer"] < PHONE["height"]


@pytest.mark.parametrize("town", ["Hebden Bridge", "Ilkley", "Harrogate"])
def test_towns_beyond_the_cities_lead_straight_to_results(new_context, server, town):
    page = new_context(viewport=PHONE).new_page()
    search_for(page, server, town)
    assert page.locator("#near-options").count() == 0
    assert town in page.locator("#results-heading").inner_text()
    assert page.evaluate(ANSWER)["answer"] < PHONE["height"]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_volunteer_on_a_phone_sees_an_offer_and_its_i_can_go_button_on_the_first_screen(
    new_context, server, javascript
):
    page = new_context(viewport=PHONE, java_script_enabled=javascript).new_page()
    volunteer_dashboard(page, server)
    assert page.locator("main h2").first.inner_text() == "Offers", "the offer before the rest"
    accept = page.get_by_role("button", name="I can go").first
    bottom = accept.evaluate("b => b.getBoundingClientRect().bottom + scrollY")
    assert bottom <= PHONE["height"], bottom
    assert page.locator(".summary-list--compact").first.inner_text().count("Answer by") == 1
