"""CSRF on every POST and rate limits on public POSTs, with both switched on as in production."""

import socket
import uuid

import pytest
from factories import make_meeting
from peer_factories import PASSWORD
from peer_factories import make_volunteer
from test_ask_pages import answers

from finder import create_app
from finder.extensions import db
from finder.extensions import limiter
from finder.models import Volunteer


def redis_is_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.fixture(params=["memory://", "redis://127.0.0.1:6379"])
def guarded_app(app, request):
    """A second app on the same database, with CSRF and rate limits on; limits kept in memory
    (one process) and in Redis (shared by several processes, as in production)."""
    if request.param.startswith("redis") and not redis_is_running():
        pytest.skip("no Redis on 127.0.0.1:6379")
    guarded = create_app({
        "TESTING": True, "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "FINDER_PREPARE_DATABASE": False, "FINDER_LOAD_DEMO_DATA": False,
        "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": request.param,
        "RATELIMIT_KEY_PREFIX": f"finder-test-{uuid.uuid4().hex}",
        "FINDER_PEER_REQUEST_RATE_LIMIT": "2 per hour", "FINDER_SIGN_IN_RATE_LIMIT": "3 per minute",
        "FINDER_SIGN_UP_RATE_LIMIT": "2 per hour",
    })
    yield guarded
    with guarded.app_context():
        db.session.remove()
        db.engine.dispose()
    # The limiter is one object shared by every app: give it back to the suite's app.
    limiter.init_app(app)


def test_a_post_without_a_csrf_token_is_rejected(guarded_app):
    response = guarded_app.test_client().post("/ask-someone-to-go-with-you",
                                              data={"first_name": "Robin"})
    assert response.status_code == 400


def test_requests_from_one_address_are_rate_limited_and_mistakes_do_not_count(guarded_app):
    client = guarded_app.test_client()
    guarded_app.config["WTF_CSRF_ENABLED"] = False
    with guarded_app.app_context():
        make_meeting(slug="limited-meeting", day=1)
    codes = [client.post("/ask-someone-to-go-with-you", data=data).status_code
             for data in ({}, {}, {}, answers(phone="07700 900 111"),
                          answers(phone="07700 900 555"), answers(phone="07700 900 556"))]
    assert codes == [422, 422, 422, 303, 303, 429]


def test_sign_in_is_rate_limited(guarded_app):
    client = guarded_app.test_client()
    guarded_app.config["WTF_CSRF_ENABLED"] = False
    codes = [client.post("/volunteer/sign-in", data={"email": "x@example.org", "password": "x"})
             .status_code for _ in range(4)]
    assert codes == [422, 422, 422, 429]


def test_sign_up_is_rate_limited(guarded_app):
    client = guarded_app.test_client()
    guarded_app.config["WTF_CSRF_ENABLED"] = False
    codes = [client.post("/volunteer/sign-up", data={}).status_code for _ in range(3)]
    assert codes == [422, 422, 429]


def test_repeated_wrong_passwords_slow_the_account_down_without_saying_so(client, app,
                                                                         app_context):
    volunteer = make_volunteer()
    for _ in range(app.config["FINDER_SIGN_IN_MAX_FAILURES"]):
        wrong = client.post("/volunteer/sign-in", data={"email": volunteer.email,
                                                        "password": "wrong"})
    too_soon = client.post("/volunteer/sign-in", data={"email": volunteer.email,
                                                       "password": PASSWORD})
    assert too_soon.status_code == 422
    # The very same page as a wrong password.
    assert too_soon.get_data(as_text=True) == wrong.get_data(as_text=True)
    assert "locked" not in too_soon.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Volunteer, volunteer.id).next_sign_in_at is not None
