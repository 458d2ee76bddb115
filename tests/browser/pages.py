"""Every page and state the browser tests visit, in one list. To bring a new page under the
accessibility, small-screen and screenshot checks, add one line to PAGES: a path, or a
function that takes (page, server), leaves the browser in the state to check and returns
the response that got it there; and the HTTP status that response should have. A state that
shows another state's page again (its form with errors, or reached through htmx) names it in
same_page_as, and is checked by axe in English alone; the other in every language."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass

import pyotp
from playwright.sync_api import Page
from playwright.sync_api import Response

from finder.meetings.schedule import LONDON
from finder.meetings.schedule import weekday_number
from finder.peer.demo import DEMO_COORDINATOR
from finder.peer.demo import DEMO_PASSWORD

from .harness import SECOND_STEP_PASSWORD
from .harness import LiveServer

LANGUAGES = ("en", "cy", "pl")
RESULTS_PATH = "/meetings?near=LS1+4AP"
ASK_PATH = "/ask-someone-to-go-with-you"
# The demo volunteer for AA and NA in Leeds, free 09:00 to 22:00 every day.
DEMO_VOLUNTEER = "demo.morgan@example.org"
LEEDS_AA_OR_NA = {"fellowships": ("aa", "na"), "between": (dt.time(9), dt.time(21))}
# Every request has an address of its own: a repeat of an open one is held back.
_requesters = itertools.count(1)


@dataclass(frozen=True)
class PageState:
    """`same_page_as` names the state whose page this one shows again, only with the form's
    error messages or reached another way (htmx, an opened panel): that state is checked in
    Welsh and Polish too, this one in English alone."""

    name: str
    path: str | None = None
    setup: Callable[[Page, LiveServer], Response] | None = None
    status: int = 200
    same_page_as: str | None = None

    @property
    def languages(self) -> tuple[str, ...]:
        return ("en",) if self.same_page_as else LANGUAGES

    def open(self, page: Page, server: LiveServer) -> None:
        if self.setup:
            response = self.setup(page, server)
        else:
            response = page.goto(server.url(self.path))
        assert response.status == self.status, f"{self.name}: {response.status} {response.url}"

    def __str__(self) -> str:
        return self.name


def choose_language(page: Page, server: LiveServer, code: str) -> None:
    """Use the language switcher's own route, as a reader would. The request goes through the
    page's own browser context, so the cookie it sets is the page's; the redirect back to the
    home page is not followed, which saves rendering a page no check looks at."""
    response = page.context.request.get(server.url(f"/language/{code}?next=/"), max_redirects=0)
    assert response.status == 303, f"/language/{code}: {response.status}"


def search_with_htmx(page: Page, server: LiveServer, near: str = "LS1 4AP") -> Response:
    """Type into the search page's form and submit it; htmx swaps the results in place."""
    page.goto(server.url("/meetings"))
    page.fill("#near", near)
    with page.expect_response(lambda response: "/meetings?" in response.url) as swapped:
        page.locator("form.search-form button[type=submit]").first.click()
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


def submit_form(page: Page, selector: str = "main form button[type=submit]") -> Response:
    """Press a form's button and wait for the page that comes back; by default the last in the
    main content (the page's own form, after the account links' "Sign out")."""
    with page.expect_navigation() as navigation:
        page.locator(selector).last.click()
    return navigation.value


def follow(page: Page, link) -> Response:
    with page.expect_navigation() as navigation:
        link.click()
    return navigation.value


def fill_request(page: Page) -> None:
    """The ask form as a person fills it in (by field name: the labels are translated)."""
    if page.locator("#fellowship").count():  # the stand-alone form, not from a meeting
        page.select_option("#fellowship", "aa")
        page.fill("#area", "LS1")
        page.select_option("#day", "1")
        page.fill("#time", "19:30")
    page.check("input[name=over_18][value=yes]")
    page.check("input[name=made_by][value=self]")
    page.fill("#first_name", "Sam")
    page.check("input[name=contact_method][value=email]")
    page.fill("#email", f"sam.{next(_requesters)}@example.org")
    page.check("#consent")


def ask_form_for_a_meeting(page: Page, server: LiveServer) -> Response:
    return page.goto(server.url(f"{ASK_PATH}?meeting={server.a_meeting_slug()}"))


def ask_with_errors(page: Page, server: LiveServer) -> Response:
    page.goto(server.url(ASK_PATH))
    return submit_form(page)


def ask_with_place_choices(page: Page, server: LiveServer) -> Response:
    """The whole form filled in, with a town that several places share: the places to choose."""
    page.goto(server.url(ASK_PATH))
    fill_request(page)
    page.fill("#area", "Newport")
    return submit_form(page)


def ask_under_18(page: Page, server: LiveServer) -> Response:
    page.goto(server.url(ASK_PATH))
    page.check("input[name=over_18][value=no]")
    return submit_form(page)


def request_sent(page: Page, server: LiveServer, path: str = ASK_PATH) -> Response:
    page.goto(server.url(path))
    fill_request(page)
    response = submit_form(page)
    if page.locator("#too-soon").count():  # the meeting is about to start: ask for next week's
        response = submit_form(page)
    return response


def ask_too_soon(page: Page, server: LiveServer) -> Response:
    """Asking for a meeting that starts in 20 minutes: there is not enough time."""
    soon = dt.datetime.now(LONDON) + dt.timedelta(minutes=20)
    page.goto(server.url(ASK_PATH))
    fill_request(page)
    page.select_option("#day", str(weekday_number(soon.date())))
    page.fill("#time", f"{soon:%H:%M}")
    return submit_form(page)


def request_status(page: Page, server: LiveServer) -> Response:
    """The status page through the secret link. With JavaScript, htmx polls it: let the page
    settle (nothing still loading) before it is checked."""
    request_sent(page, server)
    response = follow(page, page.locator(".secret-link a"))
    page.wait_for_load_state("networkidle")
    return response


def request_cancel(page: Page, server: LiveServer) -> Response:
    """"Are you sure?": the page between the status page's "Cancel request" and cancelling."""
    request_status(page, server)
    return follow(page, page.locator("a[href$='/cancel']"))


def request_held_by_a_preference(page: Page, server: LiveServer) -> Response:
    """A request for a Leeds meeting the demo volunteer could go to, but in a language no
    volunteer speaks: its status page names the preference and offers to drop it."""
    slug = server.a_meeting_slug(**LEEDS_AA_OR_NA)
    page.goto(server.url(f"{ASK_PATH}?meeting={slug}"))
    fill_request(page)
    page.select_option("#language", "bsl")
    submit_form(page)
    if page.locator("#too-soon").count():
        submit_form(page)
    response = follow(page, page.locator(".secret-link a"))
    page.wait_for_load_state("networkidle")
    return response


def request_follow_up(page: Page, server: LiveServer) -> Response:
    """The status page the morning after the meeting: it asks, one tap each, how it went."""
    return page.goto(server.url(server.a_request_after_its_meeting()))


def ask_for_a_volunteer(page: Page, server: LiveServer) -> Response:
    """A request for a Leeds meeting the demo volunteer can go to, so they have an offer."""
    slug = server.a_meeting_slug(**LEEDS_AA_OR_NA)
    return request_sent(page, server, f"{ASK_PATH}?meeting={slug}")


def sign_in(page: Page, server: LiveServer, email: str = DEMO_VOLUNTEER,
            password: str = DEMO_PASSWORD, then: str = "") -> Response:
    page.goto(server.url("/volunteer/sign-in" + (f"?next={then}" if then else "")))
    page.fill("#email", email)
    page.fill("#password", password)
    return submit_form(page)


def sign_in_fails(page: Page, server: LiveServer) -> Response:
    # An unknown address, so no demo account is locked by the failed attempts.
    return sign_in(page, server, email="nobody@example.org", password="not-the-password")


def sign_up_with_errors(page: Page, server: LiveServer) -> Response:
    page.goto(server.url("/volunteer/sign-up"))
    page.fill("#first_name", "Sam")
    page.fill("#password", "too short")
    return submit_form(page)


def volunteer_dashboard(page: Page, server: LiveServer) -> Response:
    ask_for_a_volunteer(page, server)
    return sign_in(page, server)


def volunteer_profile(page: Page, server: LiveServer) -> Response:
    sign_in(page, server)
    return page.goto(server.url("/volunteer/profile"))


def volunteer_profile_with_place_choices(page: Page, server: LiveServer) -> Response:
    """The profile sent with a town that several places share: nothing is saved, the places
    are offered."""
    volunteer_profile(page, server)
    page.fill("#home_postcode", "Newport")
    return submit_form(page)


def volunteer_request(page: Page, server: LiveServer) -> Response:
    """The volunteer says they can go and opens the request. First they record how any
    request they still hold went, so they stay under their limit however often this runs."""
    volunteer_dashboard(page, server)
    server.meetings_have_started()
    held = page.locator("#volunteer-work .result h3 a")
    for _ in range(held.count()):
        follow(page, held.first)
        page.check("input[name=outcome][value=attended]")
        submit_form(page, "form[action$='/outcome'] button[type=submit]")
    first_offer = page.locator("form[action$='/accept']").first
    read_guidance = first_offer.locator("input[name=read_guidance]")
    if read_guidance.count():  # a first "I can go" asks them to confirm the guidance
        read_guidance.check()
    first_offer.locator("button").click()  # htmx updates the lists
    held.first.wait_for()
    return follow(page, held.first)


def report_a_change(page: Page, server: LiveServer) -> Response:
    page.goto(server.url(f"/meetings/{server.a_meeting_slug()}"))
    page.fill("#what_changed", "It has moved to the room upstairs.")
    return submit_form(page, "form[action$='/report-a-change'] button[type=submit]")


def as_coordinator(path: str, first: Callable[[Page, LiveServer], Response] | None = None
                   ) -> Callable[[Page, LiveServer], Response]:
    """Sign in as the demo coordinator and open a page; `first` puts something on it."""
    def open_as_coordinator(page: Page, server: LiveServer) -> Response:
        if first:
            first(page, server)
        return sign_in(page, server, email=DEMO_COORDINATOR, then=path)
    return open_as_coordinator


def coordinator_request(page: Page, server: LiveServer) -> Response:
    as_coordinator("/coordinator/requests", first=ask_for_a_volunteer)(page, server)
    return follow(page, page.locator("table a").first)


def coordinator_held_request(page: Page, server: LiveServer) -> Response:
    """A request held back as over its contact's daily limit, with "Send to volunteers"."""
    public_id = server.a_request_held_over_the_limit(f"sam.{next(_requesters)}@example.org")
    return as_coordinator(f"/coordinator/requests/{public_id}")(page, server)


def coordinator_step_in(page: Page, server: LiveServer) -> Response:
    public_id = server.a_request_nobody_fits(f"sam.{next(_requesters)}@example.org")
    return as_coordinator(f"/coordinator/requests/{public_id}/step-in")(page, server)


def coordinator_step_in_with_errors(page: Page, server: LiveServer) -> Response:
    coordinator_step_in(page, server)
    return submit_form(page, "form[action$='/offer-outside-preferences'] button")


def volunteer_records(page: Page, server: LiveServer) -> Response:
    volunteer_id = server.a_volunteer_id(DEMO_VOLUNTEER)
    return as_coordinator(f"/coordinator/volunteers/{volunteer_id}")(page, server)


def volunteer_records_with_errors(page: Page, server: LiveServer) -> Response:
    volunteer_records(page, server)
    page.fill("#trained_on", "2999-01-01")
    return submit_form(page)


def safeguarding_concern(page: Page, server: LiveServer) -> Response:
    public_id = server.a_request_nobody_fits(f"sam.{next(_requesters)}@example.org")
    return as_coordinator(f"/requests/{public_id}/safeguarding-concern")(page, server)


def safeguarding_concern_with_errors(page: Page, server: LiveServer) -> Response:
    safeguarding_concern(page, server)
    return submit_form(page)


def meeting_facts_for_a_meeting(page: Page, server: LiveServer) -> Response:
    return as_coordinator(f"/coordinator/meeting-facts/{server.a_meeting_slug(fellowships=('na',))}"
                          )(page, server)


def meeting_facts_with_errors(page: Page, server: LiveServer) -> Response:
    meeting_facts_for_a_meeting(page, server)
    return submit_form(
        page, "form[action^='/coordinator/meeting-facts/']:not([action$='/link']) button")


def group_link(page: Page, server: LiveServer) -> Response:
    return page.goto(server.url(server.a_group_link()))


def group_link_with_errors(page: Page, server: LiveServer) -> Response:
    group_link(page, server)
    return submit_form(page)


def group_link_sent(page: Page, server: LiveServer) -> Response:
    group_link(page, server)
    page.check("input[name=ethos][value=spiritual]")
    return submit_form(page)


def group_link_expired(page: Page, server: LiveServer) -> Response:
    return page.goto(server.url(server.a_group_link(expired=True)))


def volunteer_opens_coordinator_page(page: Page, server: LiveServer) -> Response:
    sign_in(page, server)
    return page.goto(server.url("/coordinator"))


def _second_step(page: Page, server: LiveServer, enrolled: bool) -> tuple[Response, str | None]:
    """Sign in as a fresh coordinator who is not a demo account: the second step's page."""
    email = f"pat.{next(_requesters)}@example.org"
    secret = server.a_coordinator_with_a_second_step(email, enrolled)
    return sign_in(page, server, email=email, password=SECOND_STEP_PASSWORD), secret


def two_factor_set_up(page: Page, server: LiveServer) -> Response:
    return _second_step(page, server, enrolled=False)[0]


def two_factor_set_up_wrong_code(page: Page, server: LiveServer) -> Response:
    two_factor_set_up(page, server)
    page.fill("#code", "000000")
    return submit_form(page)


def recovery_codes(page: Page, server: LiveServer) -> Response:
    two_factor_set_up(page, server)
    key = page.locator(".secret-key").inner_text().replace(" ", "")
    page.fill("#code", pyotp.TOTP(key).now())
    return submit_form(page)


def two_factor_code(page: Page, server: LiveServer) -> Response:
    return _second_step(page, server, enrolled=True)[0]


def two_factor_code_wrong(page: Page, server: LiveServer) -> Response:
    two_factor_code(page, server)
    page.fill("#code", "000000")
    return submit_form(page)


def two_factor_recovery(page: Page, server: LiveServer) -> Response:
    two_factor_code(page, server)
    return follow(page, page.locator("main a[href*='/recovery-code']"))


PAGES = [
    PageState("home", "/"),
    PageState("search", "/meetings"),
    PageState("results", RESULTS_PATH),
    PageState("filters-open", setup=filters_open, same_page_as="results"),
    PageState("no-results", "/meetings?near=Aberdeen&fellowship=smart-family-friends"
                            "&type=open&type=closed"),
    PageState("online", "/meetings?mode=online"),
    PageState("results-filtered", "/meetings?near=LS1+4AP&fellowship=aa&fellowship=na"
                                  "&ethos=spiritual&time=evening&type=open"),
    PageState("results-for-family", "/meetings?near=LS1+4AP&who=family&radius=25"),
    PageState("printable-list", "/meetings/print?near=LS1+4AP&radius=25"),
    PageState("validation-error", "/meetings?near=LS1+4A", status=422),
    PageState("place-did-you-mean", "/meetings?near=Leedz", status=422),
    PageState("place-choices", "/meetings?near=Newport", status=422),
    PageState("northern-ireland", "/meetings?near=Belfast", status=422),
    PageState("results-after-htmx-swap", setup=htmx_results, same_page_as="results"),
    PageState("error-after-htmx-swap", setup=htmx_error, status=422,
              same_page_as="validation-error"),
    PageState("meeting", setup=meeting),
    PageState("groups", "/groups"),
    PageState("fellowship", "/groups/aa"),
    PageState("family", "/family"),
    PageState("about", "/about"),
    PageState("first-meeting", "/your-first-meeting"),
    PageState("for-keyworkers", "/for-keyworkers"),
    PageState("what-a-volunteer-is", "/what-a-volunteer-is"),
    PageState("accessibility", "/accessibility"),
    PageState("privacy", "/privacy"),
    PageState("not-found", "/no-such-page", status=404),
    PageState("ask", ASK_PATH),
    PageState("ask-for-a-meeting", setup=ask_form_for_a_meeting),
    PageState("ask-with-errors", setup=ask_with_errors, status=422),
    PageState("ask-with-place-choices", setup=ask_with_place_choices, status=422),
    PageState("ask-under-18", setup=ask_under_18),
    PageState("ask-too-soon", setup=ask_too_soon),
    PageState("request-sent", setup=request_sent),
    PageState("request-status", setup=request_status),
    PageState("request-follow-up", setup=request_follow_up),
    PageState("request-cancel", setup=request_cancel),
    PageState("request-held-by-a-preference", setup=request_held_by_a_preference),
    PageState("sign-in", "/volunteer/sign-in"),
    PageState("sign-in-failed", setup=sign_in_fails, status=422, same_page_as="sign-in"),
    PageState("two-factor-set-up", setup=two_factor_set_up),
    PageState("two-factor-set-up-wrong-code", setup=two_factor_set_up_wrong_code, status=422,
              same_page_as="two-factor-set-up"),
    PageState("recovery-codes", setup=recovery_codes),
    PageState("two-factor-code", setup=two_factor_code),
    PageState("two-factor-code-wrong", setup=two_factor_code_wrong, status=422,
              same_page_as="two-factor-code"),
    PageState("two-factor-recovery", setup=two_factor_recovery),
    PageState("sign-up", "/volunteer/sign-up"),
    PageState("sign-up-with-errors", setup=sign_up_with_errors, status=422,
              same_page_as="sign-up"),
    # Reached straight away: filling in the form would add a volunteer to the other pages.
    PageState("sign-up-thank-you", "/volunteer/sign-up/thank-you"),
    PageState("volunteer-dashboard", setup=volunteer_dashboard),
    PageState("volunteer-profile", setup=volunteer_profile),
    PageState("volunteer-profile-with-place-choices", setup=volunteer_profile_with_place_choices,
              status=422),
    PageState("volunteer-request", setup=volunteer_request),
    PageState("coordinator-home", setup=as_coordinator("/coordinator", first=ask_for_a_volunteer)),
    PageState("coordinator-step-in", setup=coordinator_step_in),
    PageState("coordinator-step-in-with-errors", setup=coordinator_step_in_with_errors,
              status=422, same_page_as="coordinator-step-in"),
    PageState("coordinator-volunteer-records", setup=volunteer_records),
    PageState("coordinator-volunteer-records-with-errors", setup=volunteer_records_with_errors,
              status=422, same_page_as="coordinator-volunteer-records"),
    PageState("safeguarding-concern", setup=safeguarding_concern),
    PageState("safeguarding-concern-with-errors", setup=safeguarding_concern_with_errors,
              status=422, same_page_as="safeguarding-concern"),
    PageState("coordinator-queue",
              setup=as_coordinator("/coordinator/requests", first=ask_for_a_volunteer)),
    PageState("coordinator-request", setup=coordinator_request),
    PageState("coordinator-held-request", setup=coordinator_held_request),
    PageState("coordinator-volunteers", setup=as_coordinator("/coordinator/volunteers")),
    PageState("coordinator-change-reports",
              setup=as_coordinator("/coordinator/change-reports", first=report_a_change)),
    PageState("coordinator-meeting-facts", setup=as_coordinator("/coordinator/meeting-facts")),
    PageState("coordinator-contact-views", setup=as_coordinator("/coordinator/contact-views")),
    PageState("coordinator-sources", setup=as_coordinator("/coordinator/sources")),
    PageState("coordinator-outcomes", setup=as_coordinator("/coordinator/outcomes")),
    PageState("coordinator-meeting-fact", setup=meeting_facts_for_a_meeting),
    PageState("coordinator-meeting-fact-with-errors", setup=meeting_facts_with_errors,
              status=422, same_page_as="coordinator-meeting-fact"),
    PageState("group-statement", setup=group_link),
    PageState("group-statement-with-errors", setup=group_link_with_errors, status=422,
              same_page_as="group-statement"),
    PageState("group-statement-sent", setup=group_link_sent),
    PageState("group-statement-expired", setup=group_link_expired, status=410),
    PageState("forbidden", setup=volunteer_opens_coordinator_page, status=403),
]
PAGES_BY_NAME = {state.name: state for state in PAGES}
# Every state in English; in Welsh and Polish every state that is not the same page again.
IN_EVERY_LANGUAGE = [(state, language) for state in PAGES for language in state.languages]
