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
from finder.web.forms.fields import minute_of_day
from finder.web.forms.fields import options

GENDERS = (("", _l("Prefer not to say")), *vocabulary.GENDERS.items())


class ProfileForm(FlaskForm):
    fellowships = CheckboxesField(_l("Groups you are a member of"))
    home_postcode = StringField(
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


def _day_fields():
    for day, name in enumerate(vocabulary.DAY_NAMES):
        yield day, f"day_{day}_from", f"day_{day}_to", name


for _day, _start, _end, _name in _day_fields():
    setattr(ProfileForm, _start, StringField(_l("%(day)s from", day=_name),
                                             validators=[Optional()]))
    setattr(ProfileForm, _end, StringField(_l("%(day)s until", day=_name),
                                           validators=[Optional()]))


def availability_fields(form: ProfileForm):
    """(day, day name, from field, until field) for each day of the week, Sunday first."""
    return [(day, name, form[start], form[end]) for day, start, end, name in _day_fields()]


def read_windows(form: ProfileForm) -> list[tuple[int, int, int]] | None:
    """Weekly windows from the form, or None after putting an error on the field at fault."""
    windows = []
    for day, _name, start, end in availability_fields(form):
        if not (start.data or end.data):
            continue
        start_minute, end_minute = minute_of_day(start.data), minute_of_day(end.data)
        if start_minute is None:
            start.errors = [_l("Enter a time, like 18:00")]
            return None
        if end_minute is None or end_minute <= start_minute:
            end.errors = [_l("Enter a time after the start time, like 22:00")]
            return None
        windows.append((day, start_minute, end_minute))
    return windows
