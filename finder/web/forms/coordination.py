"""Forms coordinators use to step in (an offer outside the preferences, a question to the
person), keep volunteers' records, and anyone's safeguarding concern."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField
from wtforms import RadioField
from wtforms import TextAreaField
from wtforms.validators import DataRequired
from wtforms.validators import InputRequired
from wtforms.validators import Length
from wtforms.validators import Optional

from finder import vocabulary
from finder.peer.concerns import DETAILS_MAX_LENGTH
from finder.peer.preferences import REASON_MAX_LENGTH
from finder.web.forms.fields import options


class OfferOutsidePreferencesForm(FlaskForm):
    volunteer_id = RadioField(_l("Who to offer it to"), choices=[],
                              validators=[InputRequired(message=_l("Select a volunteer"))])
    reason = TextAreaField(
        _l("Why you are offering it outside the person's preferences"),
        description=_l("For example: the person said on the phone that any volunteer is "
                       "fine. This stays in the request's history."),
        validators=[DataRequired(message=_l("Enter why you are offering it to this volunteer")),
                    Length(max=REASON_MAX_LENGTH, message=_l(
                        "Your reason must be %(max)s characters or fewer",
                        max=REASON_MAX_LENGTH))])


class AskToRelaxForm(FlaskForm):
    preference = RadioField(
        _l("Which preference to ask about"),
        choices=options(vocabulary.RELAXABLE_PREFERENCES.items()),
        validators=[InputRequired(message=_l("Select which preference to ask about"))])


class ConcernForm(FlaskForm):
    urgent = RadioField(
        _l("Is it urgent?"),
        choices=options([("yes", _l("Yes, someone may be at risk now")),
                         ("no", _l("No, but a coordinator should know"))]),
        validators=[InputRequired(message=_l("Select whether it is urgent"))])
    details = TextAreaField(
        _l("What is the concern?"),
        description=_l("Write only what a coordinator needs to act on it. Do not include "
                       "health details, or anything you would not want the person to read. "
                       "If someone is in danger now, call 999 first."),
        validators=[DataRequired(message=_l("Enter what the concern is")),
                    Length(max=DETAILS_MAX_LENGTH, message=_l(
                        "The concern must be %(max)s characters or fewer",
                        max=DETAILS_MAX_LENGTH))])


def _date(label):
    return DateField(label, validators=[Optional()], description=_l("For example, 2025-03-27"))


class VolunteerRecordsForm(FlaskForm):
    """Dates only: never what a check found, nor anything about health."""

    agreement_on = _date(_l("Volunteer agreement signed on"))
    trained_on = _date(_l("Training done on"))
    dbs_checked_on = _date(_l("DBS check done on"))
    reference_checked_on = _date(_l("References checked on"))

    def date_fields(self):
        return [self.agreement_on, self.trained_on, self.dbs_checked_on,
                self.reference_checked_on]

    def validate_dates(self, today) -> bool:
        """Each date real and not in the future, with a message that says what to do."""
        self.validate()
        for field in self.date_fields():
            if field.errors:
                field.errors = [_l("Enter a real date, like 2025-03-27")]
            elif field.data is not None and field.data > today:
                field.errors = [_l("Enter a date that is today or in the past")]
        return not any(field.errors for field in self)
