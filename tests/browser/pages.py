"""Every page and state the browser tests visit, in one list. To bring a new page under the
accessibility, small-screen and screenshot checks, add one line to PAGES: a path, or a
function that takes (page, server), leaves the browser in the state to check and returns
the response that got it there; and the HTTP status that response should have."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Page
from playwright.sync_api import Response

from .harness import LiveServer

LANGUAGES = ("en", "cy", "pl")
RESULTS_PATH = "/meetings?near=LS1+4AP"


@dataclass(frozen=True)
class PageState:
    name: str
    path: str | None = None
    setup: Callable[[Page, LiveServer], Response] | None = None
    status: int = 200

    def open(self, page: Page, server: LiveServer) -> None:
        if self.setup:
            response = self.setup(page, server)
        else:
            response = page.goto(server.url(self.path))
        assert response.status == self.status, f"{self.name}: {response.status} {response.url}"

    def __str__(self) -> str:
        return self.name


def choose_language(page: Page, server: LiveServer, code: str) -> None:
    """Use the language switcher's own route, as a reader would."""
    page.goto(server.url(f"/language/{code}?next=/"))


def search_with_htmx(page: Page, server: LiveServer, near: str = "LS1 4AP") -> Response:
    """Type into the search page's form and submit it; htmx swaps the results in place."""
    page.goto(server.url("/meetings"))
    page.fill("#near", near)
    with page.expect_response(lambda response: "/meetings?" in response.url) as swapped:
        page.locator("form.search-form button[type=submit]").click()
    page.locator("#results-heading:focus, .error-summary:focus").wait_for()
    return swapped.value


def htmx_results(page: Page, server: LiveServer) -> Response:
    return search_with_htmx(page, server)


def htmx_error(page: Page, server: LiveServer) -> Response:
    return search_with_htmx(page, server, near="LS1 4A")


def filters_open(page: Page, server: LiveServer) -> Response:
    response = page.goto(server.url(RESULTS_PATH))
    page.locator("details.filters > summary").click()
    return response


def meeting(page: Page, server: LiveServer) -> Response:
    return page.goto(server.url(f"/meetings/{server.a_meeting_slug()}"))


PAGES = [
    PageState("home", "/"),
    PageState("search", "/meetings"),
    PageState("results", RESULTS_PATH),
    PageState("filters-open", setup=filters_open),
    PageState("no-results", "/meetings?near=Aberdeen&fellowship=smart-family-friends"
                            "&type=open&type=closed"),
    PageState("online", "/meetings?mode=online"),
    PageState("validation-error", "/meetings?near=LS1+4A", status=422),
    PageState("results-after-htmx-swap", setup=htmx_results),
    PageState("error-after-htmx-swap", setup=htmx_error, status=422),
    PageState("meeting", setup=meeting),
    PageState("groups", "/groups"),
    PageState("fellowship", "/groups/aa"),
    PageState("family", "/family"),
    PageState("about", "/about"),
    PageState("accessibility", "/accessibility"),
    PageState("privacy", "/privacy"),
    PageState("not-found", "/no-such-page", status=404),
]
PAGES_BY_NAME = {state.name: state for state in PAGES}
