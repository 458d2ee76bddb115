"""Forms for the second step of signing in: a code from an authenticator app, or a
recovery code."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired


class CodeForm(FlaskForm):
    code = StringField(_l("Code from your authenticator app"), validators=[DataRequired(
        _l("Enter the 6-digit code from your authenticator app"))])


class RecoveryForm(FlaskForm):
    code = StringField(_l("Recovery code"), validators=[DataRequired(
        _l("Enter one of your recovery codes"))])
