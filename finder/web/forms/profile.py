"""A volunteer's profile: fellowships, where they travel from, when they are free, and limits;
and the public form for offering to volunteer."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext as _nl
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms import DateField
from wtforms import PasswordField
from wtforms import RadioField
from wtforms import SelectField
from wtforms import StringField
from wtforms import ValidationError
from wtforms.validators import DataRequired
from wtforms.validators import Length
from wtforms.validators import Optional

from finder import vocabulary
from finder.meetings import fellowships
from finder.peer.accounts import MIN_PASSWORD_LENGTH
from finder.peer.contacts import is_email_address
from finder.web.forms.fields import CheckboxesField
from finder.web.forms.fields import options
from finder.web.forms.location import PlaceField

GENDERS = (("", _l("Prefer not to say")), *vocabulary.GENDERS.items())


class ProfileForm(FlaskForm):
    fellowships = CheckboxesField(_l("Groups you are a member of"))
    home_postcode = PlaceField(
        _l("Postcode you travel from"),
        description=_l("Only used to work out distances. Other people never see it."),
        validators=[DataRequired(message=_l("Enter a postcode, like LS1 4AP"))])
    travel_radius_miles = SelectField(
        _l("How far you can travel"), default="5",
        choices=options((m, _nl("Up to %(num)d mile", "Up to %(num)d miles", m))
                        for m in vocabulary.VOLUNTEER_RADII_MILES))
    languages = CheckboxesField(_l("Languages you speak"),
                                choices=options(vocabulary.MEETING_LANGUAGES.items()))
    gender = RadioField(_l("Gender"), choices=options(GENDERS), default="")
    max_active_requests = SelectField(_l("How many people you can go with at once"), default="1",
                                      choices=options((n, str(n)) for n in (1, 2, 3)))
    paused_until = DateField(_l("Pause offers until (optional)"), validators=[Optional()],
                             description=_l("No offers until the end of this day."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fellowships.choices = options((f.slug, f.name)
                                           for f in fellowships.all_fellowships())

    def validate_fellowships(self, field):
        if not field.data:
            raise ValidationError(_l("Select at least one group"))


class SignUpForm(FlaskForm):
    """Offering to volunteer. The account waits for a coordinator to approve it."""

    first_name = StringField(
        _l("First name"), description=_l("People you go with will see this name."),
        validators=[DataRequired(message=_l("Enter your first name")),
                    Length(max=40, message=_l("First name must be 40 characters or fewer"))])
    email = StringField(
        _l("Email address"), description=_l("We send offers to this address. You sign in with it."),
        validators=[Length(max=320, message=_l("Email address must be 320 characters or fewer"))])
    password = PasswordField(
        _l("Password"), description=_l("At least %(count)s characters. A few words you will "
                                       "remember make a good password.",
                                       count=MIN_PASSWORD_LENGTH),
        validators=[Length(min=MIN_PASSWORD_LENGTH, max=200, message=_l(
            "Enter a password of at least %(count)s characters", count=MIN_PASSWORD_LENGTH))])
    fellowships = CheckboxesField(_l("Groups you are a member of"),
                                  description=_l("You will only be asked to go to meetings of "
                                                 "these groups. Choose all that apply."))
    agreement = BooleanField(
        _l("I am a member of the groups I have chosen and I agree to follow the volunteer "
           "guidance"),
        validators=[DataRequired(message=_l(
            "Confirm that you are a member of the groups you have chosen and that you agree to "
            "follow the volunteer guidance"))])
    website = StringField(_l("Leave this empty"), validators=[Optional()])  # honeypot

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fellowships.choices = options((f.slug, f.name)
                                           for f in fellowships.all_fellowships())

    def validate_email(self, field):
        if not is_email_address(field.data):
            raise ValidationError(_l("Enter an email address in the correct format, like "
                                     "name@example.com"))

    def validate_fellowships(self, field):
        if not field.data:
            raise ValidationError(_l("Choose at least one group"))

    def error_fields(self) -> list:
        return [f for f in self if f.errors]


# Monday first, as people in the UK read a week; day numbers as stored (0 = Sunday).
WEEK_FROM_MONDAY = (1, 2, 3, 4, 5, 6, 0)
EVERY_DAY = "every"


def _part_field(label):
    choices = [(str(day), vocabulary.DAY_NAMES[day]) for day in WEEK_FROM_MONDAY]
    return CheckboxesField(label, choices=options([*choices, (EVERY_DAY, _l("Every day"))]))


for _part, (_span, _label) in vocabulary.VOLUNTEER_PARTS_OF_DAY.items():
    setattr(ProfileForm, f"free_{_part}", _part_field(_label))


def availability_fields(form: ProfileForm) -> list:
    """One field per part of the day: the days the volunteer is usually free then."""
    return [form[f"free_{part}"] for part in vocabulary.VOLUNTEER_PARTS_OF_DAY]


def days_free(windows, part: str) -> list[str]:
    """The days (as form values) on which any of the weekly windows overlaps this part."""
    start, end = vocabulary.VOLUNTEER_PARTS_OF_DAY[part][0]
    return [str(day) for day in WEEK_FROM_MONDAY
            if any(w.day == day and w.start_minute < end and w.end_minute > start
                   for w in windows)]


def read_windows(form: ProfileForm) -> list[tuple[int, int, int]]:
    """Weekly windows (day, start, end) from the ticked parts of days; "Every day" ticks all
    seven. Parts that follow each other on the same day become one window."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for part, ((start, end), _label) in vocabulary.VOLUNTEER_PARTS_OF_DAY.items():
        chosen = set(form[f"free_{part}"].data or [])
        days = WEEK_FROM_MONDAY if EVERY_DAY in chosen else [
            day for day in WEEK_FROM_MONDAY if str(day) in chosen]
        for day in days:
            spans.setdefault(day, []).append((start, end))
    windows: list[tuple[int, int, int]] = []
    for day in sorted(spans):
        merged: list[list[int]] = []
        for start, end in sorted(spans[day]):
            if merged and merged[-1][1] == start:
                merged[-1][1] = end
            else:
                merged.append([start, end])
        windows.extend((day, start, end) for start, end in merged)
    return windows
