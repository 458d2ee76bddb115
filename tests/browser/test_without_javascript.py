"""With JavaScript off, every journey still works through ordinary links, forms and full pages."""

from __future__ import annotations

import pytest

from .pages import ASK_PATH
from .pages import ask_with_place_choices
from .pages import fill_request

pytestmark = pytest.mark.browser

SECULAR_LABEL = "Secular (for people who want a group without religious or spiritual language)"


@pytest.fixture
def no_js_page(new_context):
    return new_context(java_script_enabled=False).new_page()


def result_names(page) -> list[str]:
    return page.locator(".result h3 a").all_inner_texts()


def test_search_page_through_filter_and_open_a_meeting_without_javascript(no_js_page, server):
    page = no_js_page
    page.goto(server.url("/meetings"))
    page.fill("#near", "LS1 4AP")
    with page.expect_navigation():
        page.get_by_role("button", name="Find meetings").click()
    assert "near=LS1+4AP" in page.url
    assert page.locator("#results-heading").inner_text().startswith("Meetings near")
    first_page = result_names(page)
    assert len(first_page) == 20
    assert page.get_by_role("button", name="Use my location").is_hidden(), "it needs JavaScript"

    with page.expect_navigation():
        page.get_by_role("link", name="Next page").click()
    assert "page=2" in page.url
    second_page = result_names(page)
    assert second_page and not set(second_page) & set(first_page)
    with page.expect_navigation():
        page.get_by_role("link", name="Previous page").click()
    assert result_names(page) == first_page

    page.locator("details.filters > summary").click()
    page.get_by_label(SECULAR_LABEL).check()
    with page.expect_navigation():
        page.locator("details.filters button[type=submit]").first.click()
    assert "ethos=secular" in page.url
    assert page.locator("details.filters").get_attribute("open") is None, "the answer comes first"
    remove = page.get_by_role("link", name="Remove filter: Secular")
    assert remove.is_visible(), "the chosen filter shows above the results"
    assert page.get_by_label(SECULAR_LABEL, exact=True).is_checked()
    metas = [page.locator(".result").nth(i).locator(".meta").first.inner_text()
             for i in range(page.locator(".result").count())]
    assert metas and all("Secular" in meta for meta in metas)

    name = result_names(page)[0]
    with page.expect_navigation():
        page.get_by_role("link", name=name, exact=True).first.click()
    assert page.locator("h1").inner_text() == name


def test_a_mistake_in_the_postcode_shows_the_error_summary_without_javascript(no_js_page, server):
    page = no_js_page
    page.goto(server.url("/meetings"))
    page.fill("#near", "LS1 4A")
    with page.expect_navigation():
        page.locator("form.search-form button[type=submit]").first.click()
    assert page.title().startswith("Error:")
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert summary.get_by_role("link").get_attribute("href") == "#near"


def test_online_meetings_are_reachable_without_javascript(no_js_page, server):
    page = no_js_page
    page.goto(server.url("/"))
    with page.expect_navigation():
        page.get_by_role("link", name="Online meetings").click()
    assert "mode=online" in page.url
    assert result_names(page)


def test_ask_someone_to_go_with_you_and_follow_the_request_without_javascript(no_js_page, server):
    page = no_js_page
    page.goto(server.url(f"/meetings/{server.a_meeting_slug()}"))
    name = page.locator("h1").inner_text()
    with page.expect_navigation():
        page.get_by_role("link", name="Ask someone to go with you").click()
    assert page.get_by_role("link", name=name, exact=True).is_visible(), "the form names it"
    fill_request(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Send request").click()
    assert page.locator("h1").inner_text() == "Request sent"

    with page.expect_navigation():
        page.locator(".secret-link a").click()
    assert page.locator("h1").inner_text() == "Your request"
    assert page.locator("#request-status-body h2").inner_text().startswith("We are")
    with page.expect_navigation():
        page.get_by_role("link", name="Cancel request").click()
    assert page.locator("h1").inner_text() == "Are you sure you want to cancel your request?"
    with page.expect_navigation():
        page.get_by_role("button", name="Yes, cancel my request").click()
    assert page.locator("#request-status-body h2").inner_text() == "You cancelled this request"


def test_a_town_several_places_share_is_chosen_from_radio_buttons_without_javascript(
        no_js_page, server):
    page = no_js_page
    ask_with_place_choices(page, server)
    assert page.locator(".error-summary").is_visible()
    typed_name = page.locator("#first_name").input_value()
    page.get_by_label("Newport, Isle of Wight").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send request").click()
    assert page.locator("h1").inner_text() == "Request sent"
    assert typed_name == "Sam"


def test_the_keyworker_questions_show_only_for_a_keyworker_with_javascript_and_always_without(
        browser_page, no_js_page, server):
    for page in (browser_page, no_js_page):
        page.goto(server.url(ASK_PATH))
    keyworker, no_js_keyworker = (p.locator("#keyworker") for p in (browser_page, no_js_page))
    assert no_js_keyworker.is_visible(), "without JavaScript every question is there"
    assert keyworker.is_hidden(), "nobody has said they are a keyworker yet"
    browser_page.check("input[name=made_by][value=self]")
    assert keyworker.is_hidden()
    browser_page.check("input[name=made_by][value=keyworker]")
    assert keyworker.is_visible()
    assert browser_page.get_by_label("Yes, they have agreed").is_visible()
