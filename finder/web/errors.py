"""Error pages for the whole site: one template per status, under errors/."""

from __future__ import annotations

from flask import Flask
from flask import render_template

PAGES = (403, 404, 429, 500)


def _error_page(error):
    return render_template(f"errors/{error.code}.html"), error.code


def init_app(app: Flask) -> None:
    for code in PAGES:
        app.register_error_handler(code, _error_page)
