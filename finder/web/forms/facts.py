"""What a group said about medication and ethos: recorded by a coordinator, or by the group
itself through its link."""

from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField
from wtforms import RadioField
from wtforms import StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired
from wtforms.validators import ValidationError

from finder import vocabulary
from finder.meetings.statements import Said
from finder.web.forms.fields import options

NOTHING = ""


class GroupStatementForm(FlaskForm):
    """The group's own statement, through the link a coordinator sent it."""

    medication = RadioField(
        _l("What does the group say about people on methadone or buprenorphine?"),
        choices=[*options(vocabulary.ORT_STATEMENTS.items()),
                 SelectChoice(NOTHING, _l("The group has not decided or prefers not to say"))],
        default=NOTHING, validate_choice=True,
    )
    ethos = RadioField(
        _l("Which describes the group's meetings?"),
        choices=[*options(vocabulary.ETHOS_EXPLAINED.items()),
                 SelectChoice(NOTHING, _l("Prefer not to say"))],
        default=NOTHING, validate_choice=True,
    )
    # People leave this hidden field empty; bots fill it in.
    website = StringField(_l("Leave this empty"))

    def validate_medication(self, field):
        if not field.data and not self.ethos.data:
            raise ValidationError(_l("Choose what the group says about medication or ethos"))

    def said(self) -> Said:
        return Said(medication=self.medication.data or None, ethos=self.ethos.data or None)


class RecordStatementForm(GroupStatementForm):
    """What a coordinator heard from the group, how and when."""

    heard_by = RadioField(
        _l("How did you hear it?"), choices=options(vocabulary.HEARD_BY.items()),
        validators=[DataRequired(message=_l("Choose how you heard what the group said"))],
    )
    stated_on = DateField(
        _l("When did the group say it?"),
        description=_l("For example, 2026-11-27"),
        default=lambda: dt.date.today(),
        validators=[DataRequired(message=_l("Enter the date the group said it, like 2026-11-27"))],
    )

    def validate_stated_on(self, field):
        if field.data and field.data > dt.date.today():
            raise ValidationError(_l("The date the group said it must be today or in the past"))
