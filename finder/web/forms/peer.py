"""Forms for Bring a peer: asking for someone to go with you, and volunteers' sign-in."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms import HiddenField
from wtforms import PasswordField
from wtforms import RadioField
from wtforms import SelectField
from wtforms import StringField
from wtforms import TextAreaField
from wtforms import ValidationError
from wtforms.validators import DataRequired
from wtforms.validators import InputRequired
from wtforms.validators import Length
from wtforms.validators import Optional

from finder import vocabulary
from finder.meetings import facts as meeting_facts
from finder.meetings import fellowships
from finder.peer.contacts import is_email_address
from finder.peer.contacts import is_uk_phone_number
from finder.web.forms.fields import minute_of_day
from finder.web.forms.fields import options
from finder.web.forms.location import PlaceField

GENDER_CHOICES = (("", _l("No preference")), *vocabulary.GENDER_WISH_CHOICES.items())


NEEDS = {
    "over_18": _l("Select yes if the person going is 18 or over"),
    "made_by": _l("Select who is filling in this form"),
    "first_name": _l("Enter your first name or a nickname"),
    "first_name_length": _l("First name or nickname must be 40 characters or fewer"),
    "contact_method": _l("Select how the volunteer should get in touch"),
    "access_needs_length": _l("Access needs must be 300 characters or fewer"),
    "note_length": _l("Your note must be 500 characters or fewer"),
    "consent": _l("Confirm that we can share these details with one volunteer"),
    "fellowship": _l("Select which group"),
    "day": _l("Select a day"),
    "time": _l("Enter a time, like 19:30"),
    "area": _l("Enter a postcode, or the first part of it, like LS1"),
    "phone": _l("Enter a UK phone number, like 07700 900 982"),
    "client_consent": _l("Select whether your client has agreed to this request"),
    "client_refused": _l("Ask your client first: we can only take a request they have agreed to"),
    "keyworker_told": _l("Select whether your client agreed that you can be told if they went"),
    "email": _l("Enter an email address in the correct format, like name@example.com"),
}


class RequestForm(FlaskForm):
    meeting = HiddenField()
    fellowship = SelectField(_l("Which group?"), validate_choice=False)
    area = PlaceField(_l("Postcode, town or city"),
                       description=_l("For example, LS1, LS1 4AP or Leeds. We keep only the first "
                                      "part of a postcode."))
    day = SelectField(_l("Day"), validate_choice=False)
    time = StringField(_l("Time"), description=_l("For example, 19:30"))
    over_18 = RadioField(_l("Is the person going to the meeting 18 or over?"),
                         choices=options([("yes", _l("Yes")), ("no", _l("No"))]),
                         validators=[InputRequired(message=NEEDS["over_18"])])
    made_by = RadioField(_l("Who is filling in this form?"), choices=options([
        ("self", _l("I am the person who wants to go")),
        ("keyworker", _l("I am a keyworker or support worker asking for my client")),
    ]), validators=[InputRequired(message=NEEDS["made_by"])])
    # Asked of keyworkers only (the template says so); required when made_by is "keyworker".
    client_consent = RadioField(
        _l("Has your client agreed to this request, and to their first name and contact "
           "details going to one volunteer?"),
        choices=options([("yes", _l("Yes, they have agreed")),
                         ("no", _l("No, not yet"))]), validate_choice=False)
    keyworker_told = RadioField(
        _l("Has your client agreed that you can be told whether they went to the meeting?"),
        choices=options([("yes", _l("Yes, I can be told")),
                         ("no", _l("No, keep that between them and us"))]),
        validate_choice=False)
    first_name = StringField(
        _l("First name or nickname"),
        description=_l("The volunteer will use this name when they get in touch."),
        validators=[DataRequired(message=NEEDS["first_name"]),
                    Length(max=40, message=NEEDS["first_name_length"])])
    contact_method = RadioField(_l("How should the volunteer get in touch?"), choices=options([
        ("phone", _l("By phone or text message")), ("email", _l("By email")),
    ]), validators=[InputRequired(message=NEEDS["contact_method"])])
    phone = StringField(_l("Phone number"), validators=[Optional()])
    email = StringField(_l("Email address"), validators=[Optional()])
    volunteer_gender = RadioField(_l("Would you like the volunteer to be"),
                                  choices=options(GENDER_CHOICES), default="")
    # Every volunteer speaks English, so "English" is not a second choice beside this default.
    language = SelectField(_l("Language the volunteer speaks"), default="",
                           choices=options([("", _l("English is fine")),
                                            *((code, label) for code, label
                                              in vocabulary.MEETING_LANGUAGES.items()
                                              if code != "en")]))
    access_needs = StringField(
        _l("Access needs (optional)"),
        description=_l("For example, step-free access or a quiet place to meet"),
        validators=[Optional(), Length(max=300, message=NEEDS["access_needs_length"])])
    note = TextAreaField(
        _l("Anything else the volunteer should know (optional)"),
        description=_l("Do not include medical details or anything you would not want a "
                       "stranger to read."),
        validators=[Optional(), Length(max=500, message=NEEDS["note_length"])])
    takes_ort_medication = BooleanField(
        _l("The person going takes methadone or buprenorphine (optional)"),
        description=_l("If you tick this, after the meeting we ask one more question: whether "
                       "they felt welcome there. Answers are only ever counted, never shown "
                       "one by one. The volunteer is not told."))
    consent = BooleanField(
        _l("I agree that my first name, how to contact me and these preferences can be shared "
           "with one volunteer, so they can get in touch"),
        validators=[DataRequired(message=NEEDS["consent"])])
    website = StringField(_l("Leave this empty"), validators=[Optional()])  # honeypot

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_meeting = meeting
        groups = ((f.slug, f.name) for f in fellowships.all_fellowships())
        self.fellowship.choices = options([("", _l("Choose a group")), *groups])
        self.day.choices = options([("", _l("Choose a day")), *enumerate(vocabulary.DAY_NAMES)])
        if meeting is not None and not meeting_facts.applies_to(meeting):
            del self.takes_ort_medication  # a family group: the question is not asked

    def medication_answer(self) -> bool | None:
        """True if the person going said they take methadone or buprenorphine; never kept
        for a family group, where the question does not apply."""
        if "takes_ort_medication" not in self or not self.takes_ort_medication.data:
            return None
        chosen = fellowships.get(self.fellowship.data or "")
        return None if chosen is not None and chosen.family_group else True

    def validate_fellowship(self, field):
        if self.for_meeting is None and fellowships.get(field.data or "") is None:
            raise ValidationError(NEEDS["fellowship"])

    def validate_day(self, field):
        if self.for_meeting is None and (field.data or "") not in {str(d) for d in range(7)}:
            raise ValidationError(NEEDS["day"])

    def validate_time(self, field):
        if self.for_meeting is None and minute_of_day(field.data) is None:
            raise ValidationError(NEEDS["time"])

    def validate_area(self, field):
        if self.for_meeting is None and not (field.data or "").strip():
            raise ValidationError(NEEDS["area"])

    def validate_client_consent(self, field):
        if self.made_by.data != "keyworker":
            return
        if field.data not in ("yes", "no"):
            raise ValidationError(NEEDS["client_consent"])
        if field.data == "no":
            raise ValidationError(NEEDS["client_refused"])

    def validate_keyworker_told(self, field):
        if self.made_by.data == "keyworker" and field.data not in ("yes", "no"):
            raise ValidationError(NEEDS["keyworker_told"])

    def validate_phone(self, field):
        if self.contact_method.data == "phone" and not is_uk_phone_number(field.data):
            raise ValidationError(NEEDS["phone"])

    def validate_email(self, field):
        if self.contact_method.data == "email" and not is_email_address(field.data):
            raise ValidationError(NEEDS["email"])

    def contact_value(self) -> str:
        return self.phone.data if self.contact_method.data == "phone" else self.email.data

    def error_fields(self) -> list:
        return [f for f in self if f.errors]


class SignInForm(FlaskForm):
    email = StringField(_l("Email address"),
                        validators=[DataRequired(message=_l("Enter your email address"))])
    password = PasswordField(_l("Password"),
                             validators=[DataRequired(message=_l("Enter your password"))])


class OutcomeForm(FlaskForm):
    outcome = RadioField(_l("How did it go?"), choices=options(vocabulary.OUTCOME_CHOICES.items()),
                         validators=[InputRequired(message=_l("Select how it went"))])
    note = TextAreaField(
        _l("Anything the coordinator should know (optional)"),
        description=_l("For example, that the meeting has moved or the door was locked. Do not "
                       "include health details or anything about the person's treatment."),
        validators=[Optional(), Length(max=500, message=_l(
            "What the coordinator should know must be 500 characters or fewer"))])
