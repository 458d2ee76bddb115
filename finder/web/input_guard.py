"""What arrives from outside, made safe before any view reads it.

- Every query-string and form value loses invisible characters (finder.plain_text): NUL,
  which PostgreSQL refuses in text; terminal escape codes; bidirectional overrides and
  zero-width spaces, which disguise names and addresses.
- A path with a control character in it names no page (PostgreSQL cannot even look it up).
- `page=` and other whole numbers are bounded where they are read (forms and views)."""

from __future__ import annotations

from flask import Flask
from flask import Request
from flask import abort
from flask import request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.datastructures import MultiDict

from finder import plain_text


def _clean(value):
    if isinstance(value, str):
        return plain_text.clean(value)
    if isinstance(value, list | tuple):
        return [_clean(item) for item in value]
    return value


class CleanMultiDict(ImmutableMultiDict):
    """Werkzeug builds request.args and request.form with this class."""

    def __init__(self, mapping=None):
        if isinstance(mapping, MultiDict):
            mapping = [(key, _clean(value)) for key, value in mapping.items(multi=True)]
        elif isinstance(mapping, dict):
            mapping = {key: _clean(value) for key, value in mapping.items()}
        elif mapping is not None:
            mapping = [(key, _clean(value)) for key, value in mapping]
        super().__init__(mapping)


class CleanRequest(Request):
    parameter_storage_class = CleanMultiDict


def refuse_control_characters_in_path() -> None:
    if plain_text.has_invisible(request.path):
        abort(404)


def init_app(app: Flask) -> None:
    app.request_class = CleanRequest
    app.before_request(refuse_control_characters_in_path)
