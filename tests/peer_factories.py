"""Factories for Bring a peer: volunteers, requests and a fixed clock, with keyword defaults."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pyotp
from factories import LEEDS
from flask import current_app

from finder.extensions import db
from finder.models import AvailabilityWindow
from finder.models import Volunteer
from finder.peer import requests
from finder.peer.accounts import hash_password

_numbers = itertools.count(1)

# Monday 10 March 2025, 10:00 in London (GMT, so also 10:00 UTC), as naive UTC.
MONDAY_MORNING = dt.datetime(2025, 3, 10, 10, 0)
MONDAY = 1
EVENING = (17 * 60, 22 * 60)
PASSWORD = "correct horse battery"
# Every factory-made account has set up its second sign-in step with this secret.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
_PASSWORD_HASH = None


def _password_hash() -> str:
    global _PASSWORD_HASH
    if _PASSWORD_HASH is None:
        _PASSWORD_HASH = hash_password(PASSWORD)
    return _PASSWORD_HASH


def make_volunteer(*, windows=None, **overrides) -> Volunteer:
    number = next(_numbers)
    values = dict(
        email=f"volunteer{number}@example.org", first_name=f"Volunteer{number}",
        password_hash=_password_hash(), role="volunteer", approved=True, state="active",
        fellowships=["aa"], languages=["en"], gender="woman", home_postcode="LS1 4AP",
        latitude=LEEDS[0], longitude=LEEDS[1], travel_radius_miles=5, max_active_requests=1,
        totp_secret=TOTP_SECRET, totp_confirmed_at=dt.datetime(2025, 1, 1),
        agreement_on=dt.date(2025, 1, 1), trained_on=dt.date(2025, 1, 15),
        guidance_read_on=dt.date(2025, 1, 15),
    )
    values.update(overrides)
    volunteer = Volunteer(**values)
    every_evening = [(day, *EVENING) for day in range(7)]
    for day, start, end in every_evening if windows is None else windows:
        volunteer.availability.append(AvailabilityWindow(day=day, start_minute=start,
                                                         end_minute=end))
    db.session.add(volunteer)
    db.session.commit()
    return volunteer


def make_coordinator(**overrides) -> Volunteer:
    return make_volunteer(**{"role": "coordinator", "fellowships": [], "windows": [],
                             **overrides})


def new_request(**overrides) -> requests.NewRequest:
    number = next(_numbers)
    values = dict(
        fellowship="aa", wanted_day=MONDAY, wanted_minute=19 * 60 + 30,
        first_name="Robin", contact_method="phone", contact_value=f"07700 900{number:03d}",
        postcode_district="LS1", latitude=LEEDS[0], longitude=LEEDS[1],
    )
    values.update(overrides)
    return requests.NewRequest(**values)


def make_request(now=MONDAY_MORNING, route=False, **overrides):
    """A submitted request (routed to the first wave when route=True)."""
    submitted = requests.submit(db.session, new_request(**overrides), now, current_app.config)
    request = submitted.request
    if route:
        requests.route(db.session, request, now, current_app.config)
    return request


def current_code(volunteer: Volunteer) -> str:
    """A code the account's authenticator app would show now and that it has not used yet
    (codes work once; the next step's code is accepted too, for clocks a little ahead)."""
    totp = pyotp.TOTP(volunteer.totp_secret)
    now = dt.datetime.now(dt.UTC)
    db.session.refresh(volunteer)
    if volunteer.totp_last_step is not None and volunteer.totp_last_step >= totp.timecode(now):
        now += dt.timedelta(seconds=totp.interval)
    return totp.at(now)


def sign_in(client, volunteer: Volunteer, next_path: str = ""):
    """Sign in through the pages: password, then the code from the authenticator app."""
    query = f"?next={next_path}" if next_path else ""
    response = client.post(f"/volunteer/sign-in{query}",
                           data={"email": volunteer.email, "password": PASSWORD})
    assert response.status_code == 303, response.status_code
    if "/sign-in/code" in response.location:
        response = client.post(response.location, data={"code": current_code(volunteer)})
        assert response.status_code == 303, response.status_code
    return response


def signed_in_session(client, volunteer: Volunteer) -> None:
    """Put a signed-in session straight into a test client's cookie."""
    with client.session_transaction() as session:
        session["volunteer_id"] = volunteer.id
        session["session_version"] = volunteer.session_version


def words_of(message_body: str) -> str:
    """A message's words without its links: a link's random token can hold any letters ("AA"
    among them), so a check that a message never names the fellowship reads the words only."""
    return re.sub(r"https?://\S+", "", message_body)
