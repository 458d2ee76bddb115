"""The search journey with the keyboard alone, JavaScript on: search, filter, read, open, and
start asking someone to go with you."""

from __future__ import annotations

import pytest

from .keyboard import assert_focus_visible
from .keyboard import tab_to
from .pages import ask_with_errors

pytestmark = pytest.mark.browser

RESULT_LINK = ".result h3 a"
ASK_LINK = "a[href^='/ask-someone-to-go-with-you']"
FORM_FIELD = "main form :is(input:not([type=hidden]), select, textarea)"


def test_keyboard_only_search_filter_open_a_meeting_and_start_a_request(browser_page, server):
    page = browser_page
    page_errors = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and page_errors.append(message.text))
    page.goto(server.url("/"))

    tab_to(page, "#near")
    page.keyboard.type("LS1 4AP")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#results-heading").is_visible()
    page.evaluate("window.stillTheSameDocument = true")

    tab_to(page, "details.filters > summary")
    page.keyboard.press("Enter")
    assert page.locator("details.filters").get_attribute("open") is not None
    # A radio group is one Tab stop, entered at the checked "Any"; the arrow keys move
    # within a group (the standard radio keyboard model), and Space ticks the choice.
    tab_to(page, "input[name=ethos]")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.value") == "secular"
    assert page.locator("input[name=ethos][value=secular]").is_checked()

    tab_to(page, "form.search-form button[type=submit]")
    page.keyboard.press("Enter")
    page.locator("#results-heading:focus, .error-summary:focus").wait_for()
    assert_focus_visible(page)
    assert page.evaluate("window.stillTheSameDocument === true"), "htmx updated the page in place"
    assert "ethos=secular" in page.url, "the filtered search has its own address"
    assert page.locator("#results-announcer").inner_text().strip(), "the count is announced"
    metas = page.locator(".result").evaluate_all(
        "results => results.map(result => result.querySelector('.meta').textContent)")
    assert metas and all("Secular" in meta for meta in metas)
    assert page.evaluate("sessionStorage.getItem('htmx-history-cache')") is None
    assert page.evaluate("localStorage.getItem('htmx-history-cache')") is None

    name = page.locator(RESULT_LINK).first.inner_text()
    tab_to(page, RESULT_LINK)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == name

    tab_to(page, ASK_LINK)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("link", name=name, exact=True).is_visible(), "the form names it"
    tab_to(page, FORM_FIELD)
    assert page.evaluate("s => document.activeElement === document.querySelector(s)",
                         FORM_FIELD), "the first field is the first to take focus"
    assert not page_errors, page_errors


def test_an_invalid_postcode_moves_focus_to_the_error_summary(browser_page, server):
    page = browser_page
    page.goto(server.url("/meetings"))
    tab_to(page, "#near")
    page.keyboard.type("LS1 4A")
    page.keyboard.press("Enter")
    page.locator(".error-summary:focus").wait_for()
    assert_focus_visible(page)
    assert page.title().startswith("Error:")
    assert page.locator("#near").get_attribute("aria-describedby").endswith("near-error")

    tab_to(page, ".error-summary a")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "near"


def test_a_form_sent_with_mistakes_comes_back_with_focus_on_its_error_summary(
        browser_page, server):
    page = browser_page
    response = ask_with_errors(page, server)
    assert response.status == 422, "a whole page, sent without htmx"
    page.locator(".error-summary:focus").wait_for()
    assert_focus_visible(page)
    tab_to(page, ".error-summary a")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.closest('.form-group') !== null")


def test_the_skip_link_is_the_first_stop_and_moves_to_the_main_content(browser_page, server):
    page = browser_page
    page.goto(server.url("/groups"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
