"""Choosing the reader's language: the switcher's cookie, then the browser's Accept-Language."""

from flask import current_app
from flask import request

LANGUAGE_COOKIE = "finder_language"
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg", "pl": "Polski"}


def select_locale() -> str:
    supported = current_app.config["FINDER_LANGUAGES"]
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in supported:
        return chosen
    return request.accept_languages.best_match(supported) or "en"


def london() -> str:
    return "Europe/London"
