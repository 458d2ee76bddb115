"""Two-factor sign-in for everyone who can see personal data: coordinators and approved
volunteers set up an authenticator app (QR code drawn on the server) at their first sign-in,
then need a code each time; recovery codes work once; a coordinator can reset someone's
second step, and that is logged."""

from __future__ import annotations

import datetime as dt
import logging
import re

import pyotp
import pytest
from peer_factories import PASSWORD
from peer_factories import current_code
from peer_factories import make_coordinator
from peer_factories import make_volunteer
from peer_factories import sign_in
from peer_factories import signed_in_session
from sqlalchemy import text

from finder.extensions import db
from finder.models import Volunteer
from finder.models import encrypted
from finder.peer import two_factor

pytestmark = pytest.mark.usefixtures("app_context")


def password_step(client, volunteer):
    return client.post("/volunteer/sign-in", data={"email": volunteer.email,
                                                   "password": PASSWORD})


def set_up(client, page, volunteer) -> list[str]:
    """Password, then the set-up page: scan (read the key off the page), enter a code."""
    response = password_step(client, volunteer)
    assert response.location.startswith("/volunteer/sign-in/set-up")
    soup = page(client.get(response.location))
    assert soup.find("img", alt=True)["src"].startswith("data:image/svg+xml")
    key = soup.find(class_="secret-key").get_text().replace(" ", "")
    codes_page = client.post("/volunteer/sign-in/set-up", data={"code": pyotp.TOTP(key).now()})
    assert codes_page.status_code == 200
    return [code.get_text() for code in page(codes_page).select(".recovery-codes code")]


def test_a_coordinator_sets_up_an_authenticator_app_at_their_first_sign_in(app, page, caplog):
    caplog.set_level(logging.DEBUG)
    coordinator = make_coordinator(totp_secret=None, totp_confirmed_at=None)
    client = app.test_client()
    codes = set_up(client, page, coordinator)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/coordinator").status_code == 200
    db.session.expire_all()
    stored = db.session.get(Volunteer, coordinator.id)
    assert stored.totp_confirmed_at is not None
    assert not set(codes) & set(stored.recovery_code_hashes)  # hashes, not the codes
    assert stored.totp_secret not in caplog.text
    assert not any(code in caplog.text for code in codes)


def test_the_set_up_page_refuses_a_wrong_code_and_explains(app, page):
    volunteer = make_volunteer(totp_secret=None, totp_confirmed_at=None)
    client = app.test_client()
    password_step(client, volunteer)
    response = client.post("/volunteer/sign-in/set-up", data={"code": "000000"})
    soup = page(response)
    assert response.status_code == 422 and soup.title.get_text().startswith("Error:")
    assert "Enter the code your app shows now" in soup.find(class_="error-summary").text
    assert client.get("/volunteer").status_code == 303


def test_a_password_alone_opens_nothing_for_someone_who_can_see_contacts(app, page):
    volunteer = make_volunteer()
    client = app.test_client()
    response = password_step(client, volunteer)
    assert response.location.startswith("/volunteer/sign-in/code")
    assert client.get("/volunteer").status_code == 303
    assert client.get("/coordinator").status_code == 303
    code_page = page(client.get("/volunteer/sign-in/code"))
    assert code_page.find("input", attrs={"autocomplete": "one-time-code"})
    response = client.post("/volunteer/sign-in/code", data={"code": current_code(volunteer)})
    assert response.status_code == 303
    assert client.get("/volunteer").status_code == 200


def test_a_code_works_only_once(app):
    volunteer = make_volunteer()
    code = current_code(volunteer)
    first, second = app.test_client(), app.test_client()
    password_step(first, volunteer)
    assert first.post("/volunteer/sign-in/code", data={"code": code}).status_code == 303
    password_step(second, volunteer)
    assert second.post("/volunteer/sign-in/code", data={"code": code}).status_code == 422


def test_wrong_codes_are_slowed_like_wrong_passwords(app):
    volunteer = make_volunteer()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for _ in range(app.config["FINDER_SIGN_IN_MAX_FAILURES"]):
        assert not two_factor.check_code(db.session, volunteer, "000000", now, app.config)
    right = pyotp.TOTP(volunteer.totp_secret).at(now.replace(tzinfo=dt.UTC))
    assert not two_factor.check_code(db.session, volunteer, right, now, app.config)


def test_a_recovery_code_signs_in_once(app, page):
    volunteer = make_volunteer(totp_secret=None, totp_confirmed_at=None)
    codes = set_up(app.test_client(), page, volunteer)
    client = app.test_client()
    password_step(client, volunteer)
    assert page(client.get("/volunteer/sign-in/code")).find(
        "a", href=re.compile("/volunteer/sign-in/recovery-code"))
    page(client.get("/volunteer/sign-in/recovery-code"))
    used = client.post("/volunteer/sign-in/recovery-code", data={"code": codes[3].upper()})
    assert used.status_code == 303 and client.get("/volunteer").status_code == 200
    again = app.test_client()
    password_step(again, volunteer)
    response = again.post("/volunteer/sign-in/recovery-code", data={"code": codes[3]})
    assert response.status_code == 422


def test_a_coordinator_resets_a_lost_second_step_and_it_is_logged(app, caplog):
    caplog.set_level(logging.INFO)
    coordinator, volunteer = make_coordinator(), make_volunteer()
    theirs = app.test_client()
    sign_in(theirs, volunteer)
    client = app.test_client()
    signed_in_session(client, coordinator)
    listed = client.get("/coordinator/volunteers").get_data(as_text=True)
    assert "Reset second sign-in step" in listed
    response = client.post(f"/coordinator/volunteers/{volunteer.id}/reset-second-factor")
    assert response.status_code == 303
    assert f"Coordinator {coordinator.id} reset the second factor of account {volunteer.id}" \
        in caplog.text
    assert theirs.get("/volunteer").status_code == 303  # their sessions have ended
    fresh = app.test_client()
    assert password_step(fresh, volunteer).location.startswith("/volunteer/sign-in/set-up")


def test_volunteers_waiting_for_approval_and_demo_accounts_use_a_password_alone(app):
    waiting = make_volunteer(approved=False, totp_secret=None, totp_confirmed_at=None)
    demo = make_volunteer(is_demo=True, totp_secret=None, totp_confirmed_at=None)
    for volunteer in (waiting, demo):
        client = app.test_client()
        assert password_step(client, volunteer).location == "/volunteer"
    assert not two_factor.needs_second_factor(waiting)
    assert two_factor.needs_second_factor(make_coordinator(approved=False))


def test_the_second_step_pages_send_anyone_else_to_sign_in(client):
    for path in ("/volunteer/sign-in/code", "/volunteer/sign-in/set-up",
                 "/volunteer/sign-in/recovery-code"):
        response = client.get(path)
        assert response.status_code == 303 and "/volunteer/sign-in" in response.location


def test_the_database_holds_the_secret_only_encrypted(app, page):
    coordinator = make_coordinator(totp_secret=None, totp_confirmed_at=None)
    set_up(app.test_client(), page, coordinator)
    db.session.expire_all()
    secret = db.session.get(Volunteer, coordinator.id).totp_secret
    stored = db.session.execute(text("SELECT totp_secret FROM volunteers WHERE id = :id"),
                                {"id": coordinator.id}).scalar_one()
    assert len(secret) == 32 and secret not in stored  # what a database dump would show
    assert encrypted.decrypt(stored, app.config) == secret


def test_a_secret_that_cannot_be_decrypted_is_an_error_not_an_account_without_a_second_step(
        app):
    coordinator = make_coordinator()
    changed_key = {**app.config, "FINDER_DATA_KEY": "another key"}
    stored = db.session.execute(text("SELECT totp_secret FROM volunteers WHERE id = :id"),
                                {"id": coordinator.id}).scalar_one()
    with pytest.raises(encrypted.UnreadableSecret):
        encrypted.decrypt(stored, changed_key)
