"""What every form shares: choices from a vocabulary table, checkbox lists that tolerate
unknown values from a shared URL, and the shapes of email addresses, phone numbers and clock
times (checked by maintained libraries, not hand-written patterns)."""

from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError
from email_validator import validate_email
from wtforms import SelectMultipleField
from wtforms import widgets
from wtforms.fields.choices import SelectChoice

CLOCK = re.compile(r"^([01]?\d|2[0-3])[:.]?([0-5]\d)$")


def options(pairs) -> list[SelectChoice]:
    return [SelectChoice(str(value), label) for value, label in pairs]


class CheckboxesField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()

    def pre_validate(self, form):
        # Unknown values in a shared URL are dropped rather than failing the whole search.
        valid = {choice.value for choice in self.choices}
        self.data = [value for value in (self.data or []) if value in valid]


def is_email_address(text: str | None) -> bool:
    """Shaped like a deliverable address (no DNS lookup: nothing typed leaves the server)."""
    try:
        validate_email((text or "").strip(), check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def is_uk_phone_number(text: str | None) -> bool:
    """A UK number of a possible length (mobile or landline, +44 or 0). Possible rather than
    valid: Ofcom's ranges for drama, such as 07700 900 982, are what our examples show."""
    try:
        number = phonenumbers.parse(text or "", "GB")
    except phonenumbers.NumberParseException:
        return False
    return (
        number.country_code == 44
        and phonenumbers.is_possible_number_with_reason(number)
        == phonenumbers.ValidationResult.IS_POSSIBLE
    )


def minute_of_day(text: str | None) -> int | None:
    found = CLOCK.match((text or "").strip())
    return int(found.group(1)) * 60 + int(found.group(2)) if found else None
