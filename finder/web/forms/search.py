"""Forms: what people send, checked, with messages that say what to do."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext as _nl
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms import HiddenField
from wtforms import RadioField
from wtforms import SelectField
from wtforms import StringField
from wtforms import TextAreaField
from wtforms.validators import DataRequired
from wtforms.validators import Length
from wtforms.validators import Optional

from finder import vocabulary
from finder.geo.locate import Located
from finder.geo.locate import NotLocated
from finder.geo.locate import locate
from finder.geo.locate import locate_coordinates
from finder.meetings import fellowships
from finder.meetings import filters
from finder.meetings.search import Criteria
from finder.web.forms.fields import CheckboxesField
from finder.web.forms.fields import options
from finder.web.forms.location import location_problem_message


class SearchForm(FlaskForm):
    """The meeting search, read from the query string so every search is a shareable URL."""

    class Meta:
        csrf = False

    who = RadioField(
        _l("Who are the meetings for?"),
        default="",
        choices=options(
            [
                ("", _l("Anyone")),
                ("me", _l("For me")),
                ("family", _l("For a family member or friend")),
            ]
        ),
    )
    near = StringField(_l("Postcode, town or city"), validators=[Optional(), Length(max=60)])
    lat = HiddenField()
    lng = HiddenField()
    radius = SelectField(
        _l("Distance"),
        default="10",
        choices=options(
            (m, _nl("Within %(num)d mile", "Within %(num)d miles", m))
            for m in vocabulary.SEARCH_RADII_MILES
        ),
    )
    fellowship = CheckboxesField(_l("Group"))
    ethos = RadioField(
        _l("Ethos"),
        choices=options([("", _l("Any")), *vocabulary.ETHOS_EXPLAINED.items()]),
        default="",
    )
    ethos_by = CheckboxesField(_l("Whose word on ethos"),
                               choices=options(vocabulary.ETHOS_BY_FILTER.items()))
    ort = CheckboxesField(_l("Medication"), choices=options(vocabulary.ORT_FILTER.items()))
    day = CheckboxesField(_l("Day"))
    time = CheckboxesField(
        _l("Time of day"), choices=options((k, label) for k, (_r, label) in filters.TIMES.items())
    )
    soon = BooleanField(_l("Starting in the next 2 hours"))
    mode = RadioField(
        _l("How to attend"),
        default="",
        choices=options([("", _l("In person (including hybrid)")), *filters.MODE_LABELS.items()]),
    )
    type = CheckboxesField(
        _l("Meeting features"),
        choices=options((name, feature.label) for name, feature in filters.TYPES.items()),
    )
    language = SelectField(
        _l("Language"),
        default="",
        choices=options([("", _l("Any language")), *vocabulary.MEETING_LANGUAGES.items()]),
    )
    sort = RadioField(_l("Order"), default="soonest", choices=options(filters.SORTS.items()))
    near_problem: NotLocated | None = None  # why `near` could not be placed, once located

    def __init__(self, formdata, **kwargs):
        super().__init__(formdata, **kwargs)
        self.data_sent = set(formdata.keys())
        self.fellowship.choices = options((f.slug, f.name) for f in fellowships.all_fellowships())
        self.day.choices = options(
            [*filters.RELATIVE_DAYS.items(), *enumerate(vocabulary.DAY_NAMES)]
        )

    def sanitise(self) -> None:
        """A shared or hand-edited URL with an unknown value falls back to the default."""
        for field in (self.who, self.radius, self.ethos, self.mode, self.language, self.sort):
            if field.data not in {choice.value for choice in field.choices}:
                field.data = field.default
        for field in (self.fellowship, self.ethos_by, self.ort, self.day, self.time, self.type):
            field.pre_validate(self)

    def has_location(self) -> bool:
        return "near" in self.data_sent or bool(self.lat.data and self.lng.data)

    def locate(self, online_geocoder=None) -> Located | None:
        """Where to search from; a problem becomes the location field's error message."""
        near = (self.near.data or "").strip()
        if near or not (self.lat.data and self.lng.data):
            found = locate(near, online_geocoder)
        else:
            found = locate_coordinates(self.lat.data, self.lng.data)
        if isinstance(found, NotLocated):
            self.near.errors = [location_problem_message(found)]
            self.near_problem = found  # its suggestions or choices are shown as links
            return None
        return found

    def chosen_fellowships(self) -> tuple[str, ...]:
        """The groups ticked; else, from "who is this for", the family groups or the groups
        for the person with the problem; else every group."""
        if self.fellowship.data:
            return tuple(self.fellowship.data)
        if self.who.data:
            family = self.who.data == "family"
            return tuple(f.slug for f in fellowships.all_fellowships() if f.family_group == family)
        return ()

    def filter_count(self) -> int:
        """How many filters are on, beyond where and how far."""
        return sum(
            len(f.data) if isinstance(f.data, list) else bool(f.data)
            for f in (self.fellowship, self.ethos, self.ethos_by, self.ort, self.day, self.time,
                      self.soon, self.mode, self.type, self.language)
        )

    def criteria(self, located: Located | None) -> Criteria:
        return Criteria(
            latitude=located.latitude if located else None,
            longitude=located.longitude if located else None,
            radius_miles=float(self.radius.data),
            fellowships=self.chosen_fellowships(),
            ethos=self.ethos.data or None,
            ethos_group_only="group" in self.ethos_by.data,
            ort_welcoming="welcoming" in self.ort.data,
            ort_group_only="group" in self.ort.data,
            days=tuple(self.day.data),
            times=tuple(self.time.data),
            soon=bool(self.soon.data),
            mode=self.mode.data or None,
            types=tuple(self.type.data),
            language=self.language.data or None,
            sort=self.sort.data,
        )


class ChangeReportForm(FlaskForm):
    """Someone tells the coordinators that a meeting's details have changed."""

    what_changed = TextAreaField(
        _l("What has changed?"),
        description=_l(
            "For example, the meeting has moved, the time is different or it has stopped. "
            "Do not include your name or health details."
        ),
        validators=[
            DataRequired(message=_l("Enter what has changed")),
            Length(max=2000, message=_l("What has changed must be 2,000 characters or fewer")),
        ],
    )
    website = StringField(_l("Leave this empty"), validators=[Optional()])  # honeypot
