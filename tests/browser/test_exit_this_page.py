"""'Exit this page' leaves quickly, by button or by pressing Shift three times, and leaves
nothing behind: no cookies, no copies of pages in the browser's storage."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .harness import EXIT_URL
from .pages import RESULTS_PATH

pytestmark = pytest.mark.browser

NEUTRAL_PAGE = "<!doctype html><title>Weather</title><h1>Weather</h1>"


@pytest.fixture
def offline_page(new_context):
    """A page whose requests to anywhere but this machine get a tiny local stand-in. The
    exit route's redirect is followed by the browser's network stack, beyond the reach of
    routing, so that one is stopped by Chromium's host resolver rules (see harness)."""
    context = new_context()

    def stay_local(route):
        if urlsplit(route.request.url).hostname in {"127.0.0.1", "localhost"}:
            route.continue_()
        else:
            route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE)

    context.route("**/*", stay_local)
    return context.new_page()


def leaving(page):
    """Wait for the browser to head for the exit URL, which goes no further than this machine."""
    return page.expect_event("requestfailed", predicate=lambda request: request.url == EXIT_URL)


def test_pressing_shift_three_times_leaves_and_clears_cookies_and_storage(offline_page, server):
    page = offline_page
    page.goto(server.url("/language/cy?next=/family"))
    page.evaluate("localStorage.setItem('left-behind', 'yes')")
    assert {cookie["name"] for cookie in page.context.cookies()} == {"session", "finder_language"}
    with leaving(page) as exit_request:
        for _ in range(3):
            page.keyboard.press("Shift")
    assert exit_request.value.redirected_from.url == server.url("/exit")
    assert page.context.cookies() == [], "Clear-Site-Data removed this site's cookies"
    another_tab = page.context.new_page()
    another_tab.goto(server.url("/about"))
    assert another_tab.evaluate("localStorage.getItem('left-behind')") is None


def test_the_exit_button_leaves_through_the_exit_route(offline_page, server):
    page = offline_page
    page.goto(server.url("/"))
    with leaving(page) as exit_request:
        page.get_by_role("link", name="Exit this page").click()
    assert exit_request.value.redirected_from.url == server.url("/exit")


def test_the_exit_button_works_without_javascript(new_context, server):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(server.url("/family"))
    with leaving(page) as exit_request:
        page.get_by_role("link", name="Exit this page").click()
    assert exit_request.value.redirected_from.url == server.url("/exit")


def test_shift_pressed_while_typing_does_not_leave(offline_page, server):
    page = offline_page
    page.goto(server.url("/meetings"))
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.locator("#near").click()
    page.keyboard.press("Shift")
    page.keyboard.type("LS1")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(200)
    assert server.url("/exit") not in requests


def test_htmx_keeps_no_copies_of_pages_in_browser_storage(offline_page, server):
    page = offline_page
    page.goto(server.url(RESULTS_PATH))
    page.get_by_role("link", name="Next page").click()
    page.locator("#results-heading:focus").wait_for()
    assert "page=2" in page.url
    page.go_back()
    page.locator("#results-heading").wait_for()
    stored = page.evaluate("[{...sessionStorage}, {...localStorage}]")
    for storage in stored:
        assert "htmx-history-cache" not in storage
        assert not any("<" in value for value in storage.values()), "no page markup is stored"
