"""Behind a proxy: each visitor keeps their own rate limit, and absolute links come from
FINDER_BASE_URL, never from the Host header a visitor sends."""

from __future__ import annotations

import re

import pytest
from flask import request
from icalendar import Calendar

from finder import create_app
from tests.factories import make_meeting

ASK = "/ask-someone-to-go-with-you"


def limited_app(app, **config):
    return create_app({
        **{key: app.config[key] for key in ("SQLALCHEMY_DATABASE_URI", "SECRET_KEY")},
        "TESTING": True, "FINDER_PREPARE_DATABASE": False, "FINDER_LOAD_DEMO_DATA": False,
        "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": "memory://", "FINDER_PEER_REQUEST_RATE_LIMIT": "2 per hour",
        "FINDER_PEER_SUBMIT_MILLISECONDS": 0, **config})


def post_from(client, address: str):
    # Only sent requests count towards the limit; the honeypot answers as one, saving nothing.
    return client.post(ASK, data={"website": "filled in by a bot"},
                       headers={"X-Forwarded-For": address},
                       environ_base={"REMOTE_ADDR": "10.0.0.2"})  # the proxy


def test_behind_one_proxy_each_visitor_has_their_own_rate_limit(app):
    client = limited_app(app, FINDER_PROXY_COUNT=1).test_client()
    assert [post_from(client, "203.0.113.7").status_code for _ in range(3)] == [303, 303, 429]
    assert post_from(client, "198.51.100.9").status_code == 303


def test_without_a_trusted_proxy_a_forwarded_address_is_not_believed(app):
    client = limited_app(app).test_client()
    post_from(client, "203.0.113.7")
    post_from(client, "203.0.113.8")
    assert post_from(client, "203.0.113.9").status_code == 429


def test_behind_a_proxy_the_scheme_and_address_are_the_visitors(app):
    proxied = limited_app(app, FINDER_PROXY_COUNT=1)
    seen = {}

    @proxied.after_request
    def remember(response):
        seen["scheme"], seen["address"] = request.scheme, request.remote_addr
        return response

    proxied.test_client().get(
        "/healthz", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"},
        environ_base={"REMOTE_ADDR": "10.0.0.2"})
    assert seen == {"scheme": "https", "address": "203.0.113.7"}


def test_a_forged_host_never_reaches_the_status_link(client, app, app_context):
    app.config["FINDER_BASE_URL"] = "https://meetings.example.org"
    try:
        client.post(ASK, data={
            "fellowship": "aa", "area": "LS1 4AP", "day": "1", "time": "19:30",
            "over_18": "yes", "made_by": "self", "first_name": "Robin",
            "contact_method": "phone", "phone": "07700 900 982", "consent": "y",
            "website": ""}, headers={"Host": "evil.example"})
        sent = client.get(f"{ASK}/sent", headers={"Host": "evil.example"}).get_data(
            as_text=True)
    finally:
        app.config["FINDER_BASE_URL"] = "http://localhost"
    assert re.search(r'href="https://meetings\.example\.org/request-status/[\w-]+"', sent)
    assert "evil.example" not in sent


def test_a_forged_host_never_reaches_the_calendar_uid(client, app_context):
    meeting = make_meeting()
    response = client.get(f"/meetings/{meeting.slug}.ics", headers={"Host": "evil.example"})
    event = Calendar.from_ical(response.data).walk("VEVENT")[0]
    assert str(event["uid"]) == f"{meeting.slug}@localhost"
    assert "evil.example" not in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/meetings?near=LS1+4AP", "/meetings/print?near=LS1+4AP"])
def test_a_forged_host_never_reaches_a_shared_or_printed_link(client, app, app_context, path):
    """The share box's link, the handout's live link (and its QR code) and its link to ask
    someone to go with you are all built from FINDER_BASE_URL."""
    make_meeting()
    app.config["FINDER_BASE_URL"] = "https://meetings.example.org"
    try:
        page = client.get(path, headers={"Host": "evil.example"}).get_data(as_text=True)
    finally:
        app.config["FINDER_BASE_URL"] = "http://localhost"
    assert "https://meetings.example.org/" in page
    assert "evil.example" not in page
