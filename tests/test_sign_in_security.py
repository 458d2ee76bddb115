"""Signing in: guessing is slowed per account but nobody can lock anyone out or learn who has
an account; parallel guesses are no faster; signing out ends every copy of the session; and a
link to "Exit this page" from another site signs nobody out."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from bs4 import BeautifulSoup
from peer_factories import MONDAY_MORNING
from peer_factories import PASSWORD
from peer_factories import make_volunteer
from peer_factories import sign_in

from finder.extensions import db
from finder.models import Volunteer
from finder.peer import accounts

pytestmark = pytest.mark.usefixtures("app_context")


def error_summary(response) -> str:
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return soup.find(class_="error-summary").get_text(" ", strip=True)


def test_a_strangers_wrong_passwords_do_not_keep_the_owner_out_of_their_own_browser(app):
    volunteer = make_volunteer()
    owners_browser = app.test_client()
    sign_in(owners_browser, volunteer)
    owners_browser.post("/volunteer/sign-out")
    stranger = app.test_client()
    for _ in range(20):
        stranger.post("/volunteer/sign-in", data={"email": volunteer.email, "password": "guess"})
    sign_in(owners_browser, volunteer)  # asserts the 303
    assert owners_browser.get("/volunteer").status_code == 200


def test_every_failed_try_gets_the_same_answer_whether_or_not_the_address_has_an_account(app):
    volunteer = make_volunteer()
    answers = {}
    for email in (volunteer.email, "nobody@example.org"):
        client = app.test_client()
        answers[email] = [
            (response.status_code, error_summary(response))
            for response in (client.post("/volunteer/sign-in",
                                         data={"email": email, "password": "guess"})
                             for _ in range(8))]
    assert answers[volunteer.email] == answers["nobody@example.org"]
    assert "locked" not in str(answers)


def test_after_five_tries_each_password_waits_longer_before_it_is_checked(app):
    volunteer = make_volunteer()
    now = MONDAY_MORNING
    for _ in range(app.config["FINDER_SIGN_IN_MAX_FAILURES"]):
        assert accounts.sign_in(db.session, volunteer.email, "guess", now, app.config) is None
    assert accounts.sign_in(db.session, volunteer.email, PASSWORD, now, app.config) is None
    delay = dt.timedelta(seconds=app.config["FINDER_SIGN_IN_DELAY_SECONDS"])
    assert accounts.sign_in(db.session, volunteer.email, "guess", now + delay, app.config) is None
    too_soon = now + delay + delay  # the wait has doubled
    assert accounts.sign_in(db.session, volunteer.email, PASSWORD, too_soon, app.config) is None
    later = now + delay + 2 * delay
    assert accounts.sign_in(db.session, volunteer.email, PASSWORD, later, app.config) == volunteer


def test_the_wait_never_grows_past_its_ceiling(app):
    ceiling = dt.timedelta(seconds=app.config["FINDER_SIGN_IN_MAX_DELAY_SECONDS"])
    from finder.peer.throttle import retry_delay
    assert retry_delay(0, app.config) == dt.timedelta(0)
    assert retry_delay(1000, app.config) == ceiling


def test_forty_guesses_at_once_check_no_more_passwords_than_one_after_another(app,
                                                                            monkeypatch):
    volunteer_id, email = (lambda v: (v.id, v.email))(make_volunteer())
    checked = []
    real_check = accounts.password_matches

    def counting_check(volunteer, password):
        if volunteer is not None:
            checked.append(password)
        return real_check(volunteer, password)

    monkeypatch.setattr(accounts, "password_matches", counting_check)
    barrier = threading.Barrier(40)

    def guess(number: int) -> None:
        with app.app_context():
            db.session.get(Volunteer, volunteer_id)  # connect before the race starts
            db.session.rollback()
            barrier.wait()
            accounts.sign_in(db.session, email, f"guess {number}", MONDAY_MORNING, app.config)
            db.session.remove()

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert 1 <= len(checked) <= app.config["FINDER_SIGN_IN_MAX_FAILURES"]
    db.session.expire_all()
    assert db.session.get(Volunteer, volunteer_id).failed_logins == len(checked)


def test_a_cookie_copied_before_signing_out_no_longer_opens_anything(app):
    volunteer = make_volunteer()
    browser = app.test_client()
    sign_in(browser, volunteer)
    copy = app.test_client()
    copy.set_cookie(app.config["SESSION_COOKIE_NAME"],
                    browser.get_cookie(app.config["SESSION_COOKIE_NAME"]).value)
    assert copy.get("/volunteer").status_code == 200
    browser.post("/volunteer/sign-out")
    response = copy.get("/volunteer")
    assert response.status_code == 303 and "/volunteer/sign-in" in response.location


def test_a_link_to_exit_on_another_site_does_not_sign_a_volunteer_out(app):
    volunteer = make_volunteer()
    browser = app.test_client()
    sign_in(browser, volunteer)
    response = browser.get("/exit", headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 303 and "Clear-Site-Data" not in response.headers
    assert browser.get("/volunteer").status_code == 200


@pytest.mark.parametrize("headers", [{"Sec-Fetch-Site": "same-origin"},
                                     {"Referer": "http://localhost/volunteer"}])
def test_exit_from_our_own_page_still_signs_out_and_clears_everything(app, headers):
    volunteer = make_volunteer()
    browser = app.test_client()
    sign_in(browser, volunteer)
    response = browser.get("/exit", headers=headers)
    assert response.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert browser.get("/volunteer").status_code == 303
