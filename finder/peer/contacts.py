"""A requester's contact: UK phone numbers and email addresses, checked and put in one form
by maintained libraries (phonenumbers, email-validator), and which of our messages each can
receive (a text message needs a mobile number)."""

from __future__ import annotations

import phonenumbers
from email_validator import EmailNotValidError
from email_validator import validate_email

# Ofcom keeps 07700 900000 to 07700 900999 for drama: shaped like mobiles and never anyone's,
# so examples and tests use them. The phonenumbers metadata calls them not valid.
DRAMA_MOBILES = range(7700900000, 7700901000)


def _uk_number(text: str | None) -> phonenumbers.PhoneNumber | None:
    """A valid UK number by the numbering plan (mobile, landline or other), or one of the
    drama mobiles."""
    try:
        number = phonenumbers.parse(text or "", "GB")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 44:
        return None
    if phonenumbers.is_valid_number(number) or number.national_number in DRAMA_MOBILES:
        return number
    return None


def is_uk_phone_number(text: str | None) -> bool:
    """A UK number someone can be rung on (mobile or landline, +44 or 0)."""
    return _uk_number(text) is not None


def is_uk_mobile_number(text: str | None) -> bool:
    """A UK number that can receive a text message: a mobile, by the numbering plan."""
    number = _uk_number(text)
    if number is None:
        return False
    return (phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE
            or number.national_number in DRAMA_MOBILES)


def normalise_phone_number(text: str) -> str:
    """The national form without spaces (07700900982), however it was typed; text that is
    not a UK number is kept as typed, without its spaces."""
    number = _uk_number(text)
    if number is None:
        return "".join(text.split())
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return "".join(national.split())


def phone_number_for_reading(text: str | None) -> str:
    """A UK number as people write it, in groups (07700 900123, 0113 245 1234); anything
    else as stored."""
    number = _uk_number(text)
    if number is None:
        return text or ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def phone_number_link(text: str | None) -> str:
    """A tel: address that rings from anywhere (tel:+447700900123)."""
    number = _uk_number(text)
    if number is None:
        return "tel:" + "".join((text or "").split())
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_email_address(text: str | None) -> bool:
    """Shaped like a deliverable address (no DNS lookup: nothing typed leaves the server)."""
    try:
        validate_email((text or "").strip(), check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def normalise_contact(method: str, value: str) -> str:
    value = value.strip()
    if method == "email":
        return value.lower()
    return normalise_phone_number(value)


def channels(method: str | None, value: str | None) -> tuple[str, ...]:
    """How our own messages reach a requester: email to an address, text messages to a
    mobile number, nothing to a landline (the status link is all they need)."""
    if not method or not value:
        return ()
    if method == "email":
        return ("email",)
    return ("sms",) if is_uk_mobile_number(value) else ()
