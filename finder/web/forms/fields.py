"""What every form shares: choices from a vocabulary table, checkbox lists that tolerate
unknown values from a shared URL, and clock times. Email addresses and phone numbers are
checked in finder.peer.contacts (by maintained libraries, not hand-written patterns)."""

from __future__ import annotations

import re

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


def minute_of_day(text: str | None) -> int | None:
    found = CLOCK.match((text or "").strip())
    return int(found.group(1)) * 60 + int(found.group(2)) if found else None
