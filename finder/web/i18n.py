"""Choosing the reader's language: the address's ?lang=, the switcher's cookie, then the
browser's Accept-Language."""

from flask import current_app
from flask import has_request_context
from flask import request

LANGUAGE_COOKIE = "finder_language"
# ?lang=cy: a stable address for each language's version of a page, for links and search engines.
LANGUAGE_PARAMETER = "lang"
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg", "pl": "Polski"}


# English is written for the UK: British dates and 24-hour times.
LOCALE_FOR_LANGUAGE = {"en": "en_GB", "cy": "cy", "pl": "pl"}


def select_locale() -> str:
    if not has_request_context():  # the worker, or the CLI: English unless told otherwise
        return LOCALE_FOR_LANGUAGE["en"]
    supported = current_app.config["FINDER_LANGUAGES"]
    asked = (request.args.get(LANGUAGE_PARAMETER), request.cookies.get(LANGUAGE_COOKIE))
    chosen = next((code for code in asked if code is not None and code in supported), None)
    if chosen is None:
        chosen = request.accept_languages.best_match(supported) or "en"
    return LOCALE_FOR_LANGUAGE.get(chosen, chosen)


def london() -> str:
    return "Europe/London"
