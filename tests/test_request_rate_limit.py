"""The request form's rate limit (FINDER_PEER_REQUEST_RATE_LIMIT, 5 an hour): only requests
sent count, and a person over it gets the form back with everything they typed and how long
to wait, the real time left, which goes down as time passes."""

import time
import uuid

import pytest
from factories import make_meeting
from test_ask_pages import ASK
from test_ask_pages import answers

from finder import create_app
from finder.extensions import db
from finder.extensions import limiter
from finder.models import AccompanimentRequest


@pytest.fixture
def limited_app(app):
    limited = create_app({
        "TESTING": True, "SECRET_KEY": "test-secret", "WTF_CSRF_ENABLED": False,
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "FINDER_PREPARE_DATABASE": False, "FINDER_LOAD_DEMO_DATA": False,
        "FINDER_PEER_SUBMIT_MILLISECONDS": 0, "FINDER_BASE_URL": "http://localhost",
        "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_KEY_PREFIX": f"finder-test-{uuid.uuid4().hex}",
    })
    with limited.app_context():
        make_meeting(slug="limited-meeting")
    yield limited
    with limited.app_context():
        db.session.remove()
        db.engine.dispose()
    limiter.init_app(app)  # the limiter is shared by every app: give it back


@pytest.fixture
def clock(monkeypatch):
    """Moves the clock the limiter reads forward."""
    offset = {"seconds": 0.0}
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + offset["seconds"])
    return offset


def send_five(client) -> None:
    for number in range(5):
        response = client.post(ASK, data=answers(phone=f"07700 900 10{number}"))
        assert response.status_code == 303, number


def test_mistakes_do_not_count_towards_the_limit(limited_app):
    client = limited_app.test_client()
    for _ in range(8):
        assert client.post(ASK, data=answers(first_name="")).status_code == 422
    send_five(client)
    with limited_app.app_context():
        assert db.session.query(AccompanimentRequest).count() == 5


def test_over_the_limit_the_form_comes_back_with_the_answers_and_the_real_wait(
        limited_app, page, clock):
    client = limited_app.test_client()
    send_five(client)
    typed = answers(first_name="Morwenna", phone="07700 900 982", note="Near the station",
                    volunteer_gender="woman")
    refused = client.post(ASK, data=typed)
    assert refused.status_code == 429
    soup = page(refused)
    assert soup.h1.get_text(strip=True) == "Ask someone to go with you"
    notice = soup.find(id="wait")
    assert notice["role"] == "alert"
    assert "You can send it again in 60 minutes." in notice.get_text(" ", strip=True)
    assert soup.find(id="first_name")["value"] == "Morwenna"
    assert soup.find(id="phone")["value"] == "07700 900 982"
    assert soup.find(id="note").get_text().strip() == "Near the station"
    assert soup.find("input", attrs={"name": "volunteer_gender", "value": "woman"}).has_attr(
        "checked")
    assert int(refused.headers["Retry-After"]) > 3500

    clock["seconds"] = 61  # a minute later: still refused, and the wait is a minute shorter
    again = page(client.post(ASK, data=typed))
    assert "You can send it again in 59 minutes." in again.find(id="wait").get_text(" ",
                                                                                  strip=True)
    clock["seconds"] = 3601  # the hour is over
    assert client.post(ASK, data=typed).status_code == 303
    with limited_app.app_context():
        assert db.session.query(AccompanimentRequest).count() == 6


def test_the_wait_is_said_in_the_readers_language(limited_app, page, clock):
    client = limited_app.test_client()
    send_five(client)
    clock["seconds"] = 3550  # under a minute left
    refused = client.post(f"{ASK}?lang=pl", data=answers())
    assert refused.status_code == 429
    assert "Możesz wysłać go ponownie za 1 minutę." in page(refused).find(id="wait").get_text()
