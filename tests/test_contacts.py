"""A requester's contact, checked by phonenumbers and email-validator: any UK number the
volunteer can ring, text messages only to a mobile, email addresses shaped to be delivered."""

import pytest
from test_ask_pages import ASK
from test_ask_pages import ask

from finder.extensions import db
from finder.models import AccompanimentRequest
from finder.peer import contacts


@pytest.mark.parametrize("typed, mobile", [
    ("07700 900 982", True),          # Ofcom's drama range, used in examples
    ("+44 7911 123456", True),
    ("+44 (0)7911 123456", True),
    ("07624 123456", True),           # Isle of Man mobiles are UK numbers too
    ("0113 496 0000", False),         # a landline: a call, never a text
    ("020 7946 0018", False),
    ("0800 123 4567", False),
])
def test_uk_numbers_are_accepted_and_only_mobiles_can_receive_texts(typed, mobile):
    assert contacts.is_uk_phone_number(typed)
    assert contacts.is_uk_mobile_number(typed) is mobile
    assert contacts.channels("phone", typed) == (("sms",) if mobile else ())


@pytest.mark.parametrize("typed", ["12345", "0113 496", "+1 202 555 0100", "call me",
                                   "", "07700 900 982 1234"])
def test_what_is_not_a_uk_number_is_refused(typed):
    assert not contacts.is_uk_phone_number(typed)
    assert not contacts.is_uk_mobile_number(typed)


@pytest.mark.parametrize("typed", ["07700900982", "07700 900 982", "+447700900982",
                                   "+44 (0)7700 900982", " 07700-900-982 "])
def test_a_number_is_kept_in_one_form_however_it_was_typed(typed):
    assert contacts.normalise_contact("phone", typed) == "07700900982"


@pytest.mark.parametrize("typed, valid", [
    ("robin@example.org", True), ("Robin.Smith+meetings@example.co.uk", True),
    ("robin@", False), ("robin@example", False), ("robin example.org", False),
    ("robin@@example.org", False), ("", False),
])
def test_email_addresses_are_checked_by_email_validator(typed, valid):
    assert contacts.is_email_address(typed) is valid


def test_the_form_asks_for_a_phone_number_and_takes_a_landline(client, page, app_context):
    soup = page(client.get(ASK))
    assert soup.find("label", attrs={"for": "phone"}).get_text(strip=True) == "Phone number"
    assert "If it is a mobile number, we also send text messages" in soup.find(
        id="phone-hint").get_text()
    assert ask(client, phone="0113 496 0000").status_code == 303
    assert db.session.query(AccompanimentRequest).one().contact_value == "01134960000"


@pytest.mark.parametrize("typed", ["+1 202 555 0100", "0113 496"])
def test_the_form_refuses_a_number_outside_the_uk_or_too_short(client, page, typed,
                                                              app_context):
    response = ask(client, phone=typed)
    assert response.status_code == 422
    assert page(response).find(id="phone")["value"] == typed  # what they typed is kept
