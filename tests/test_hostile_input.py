"""Malformed and hostile input gets a page that says what to do, never a server error, and
nothing a visitor types reaches the logs."""

from __future__ import annotations

import logging

import pytest
from gunicorn.glogging import SafeAtoms
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from finder.extensions import db
from finder.importers import values
from finder.models import ChangeReport
from finder.web.log_privacy import RedactRequestLines
from tests.factories import make_meeting

ASK = "/ask-someone-to-go-with-you"


def test_gunicorns_access_log_line_is_redacted_and_still_formats():
    """gunicorn logs `access_log_format % SafeAtoms(...)`: one mapping, not a tuple."""
    atoms = SafeAtoms({"h": "127.0.0.1", "r": "GET /meetings?near=LS1+4AP HTTP/1.1",
                       "s": "200", "U": "/request-status/secret-token"})
    record = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1,
                               '%(h)s "%(r)s" %(s)s %(U)s %({x-forwarded-for}i)s', (atoms,), None)
    RedactRequestLines().filter(record)
    assert record.getMessage() == (
        '127.0.0.1 "GET /meetings?[redacted] HTTP/1.1" 200 /request-status/[redacted] -')


def test_a_database_error_does_not_carry_what_people_typed(app_context):
    db.session.add(ChangeReport(id=1, meeting_slug="m", meeting_name="M",
                                what_changed="first"))
    db.session.commit()
    db.session.add(ChangeReport(id=1, meeting_slug="m", meeting_name="M",
                                what_changed="Call Robin on 07700 900 982"))
    with pytest.raises(IntegrityError) as failure:
        db.session.commit()
    db.session.rollback()
    assert "07700 900 982" not in str(failure.value)


@pytest.mark.parametrize("path", [
    "/meetings/a%00", "/meetings/a%00.ics", "/groups/a%00", "/request-status/a%00",
    "/meetings/a%1b%5b2J",
])
def test_control_characters_in_a_path_name_no_page(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", [
    "/meetings?near=LS1%00&page=2", "/meetings?mode=online&page=9223372036854775807",
    "/meetings?mode=online&page=-9223372036854775809", f"{ASK}?meeting=a%00",
    "/meetings?near=%00%00&fellowship=%00&day=%00&time=%00",
])
def test_nul_characters_and_huge_numbers_in_a_query_get_a_page(client, path):
    assert client.get(path).status_code in {200, 422}


def test_a_number_too_big_for_the_database_in_a_path_names_no_page(client):
    assert client.post("/volunteer/offers/9223372036854775807/accept").status_code == 404


def test_nul_characters_in_the_request_form_are_dropped_and_nothing_is_logged(
        client, app_context, caplog):
    caplog.set_level(logging.DEBUG)
    response = client.post(ASK, data={
        "fellowship": "aa", "area": "LS1 4AP", "day": "1", "time": "19:30", "over_18": "yes",
        "made_by": "self", "first_name": "Ro\x00bin", "contact_method": "phone",
        "phone": "07700 900 982\x00", "note": "\x00", "consent": "y", "website": "",
        "meeting": "\x00"})
    assert response.status_code in {303, 422}
    assert "900 982" not in caplog.text and "Robin" not in caplog.text


def test_nul_characters_at_sign_in_get_the_form_back(client):
    response = client.post("/volunteer/sign-in", data={"email": "a\x00@example.org",
                                                       "password": "\x00"})
    assert response.status_code < 500


def test_invisible_characters_are_removed_from_what_people_type(client, app_context):
    meeting = make_meeting()
    client.post(f"/meetings/{meeting.slug}/report-a-change", data={
        "what_changed": "Now \u202eon Fridays\u202c at the\u200b hall\x1b[2J", "website": ""})
    saved = db.session.scalars(select(ChangeReport)).one()
    assert saved.what_changed == "Now on Fridays at the hall[2J"


def test_invisible_characters_are_removed_from_imported_names_and_addresses():
    assert values.text("St\u202eMary's\u2066 Hall\x00", "name") == "StMary's Hall"
    assert values.web_address("https://exam\u200bple.org/\x1b[0m", "url") == (
        "https://example.org/[0m")
