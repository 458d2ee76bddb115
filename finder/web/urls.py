"""Absolute addresses of this site, built from FINDER_BASE_URL and never from the Host header
that a visitor sends (a forged one would otherwise end up in status links and calendar UIDs)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app
from flask import url_for


def base_url() -> str:
    return current_app.config["FINDER_BASE_URL"].rstrip("/")


def absolute_url(endpoint: str, **values) -> str:
    return base_url() + url_for(endpoint, **values)


def site_host() -> str:
    return urlsplit(base_url()).netloc
