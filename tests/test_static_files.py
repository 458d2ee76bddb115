"""Static files: versioned URLs, kept by browsers for a year, compressed when asked."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from finder.web.static_files import static_url

STATIC = Path(__file__).resolve().parents[1] / "finder" / "static"
ONE_YEAR = 31536000
ASSETS = ["css/finder.css", "js/finder.js", "vendor/htmx-2.0.11.min.js"]


def test_a_static_url_carries_the_first_ten_hex_digits_of_the_files_sha256(app):
    digest = hashlib.sha256((STATIC / "css/finder.css").read_bytes()).hexdigest()
    with app.test_request_context():
        assert static_url("css/finder.css") == f"/static/css/finder.css?v={digest[:10]}"


def test_every_page_links_its_scripts_by_versioned_url(client):
    html = client.get("/").get_data(as_text=True)
    for asset in ASSETS[1:]:
        assert re.search(rf'"/static/{re.escape(asset)}\?v=[0-9a-f]{{10}}"', html), asset


def test_the_stylesheet_is_in_the_page_and_the_csp_allows_exactly_it(client):
    """The first paint waits for no second request; the CSP names the stylesheet's hash, so
    no other inline style can run."""
    response = client.get("/")
    html = response.get_data(as_text=True)
    css = (STATIC / "css/finder.css").read_text(encoding="utf-8")
    assert f"<style>{css}</style>" in html
    assert "/static/css/finder.css" not in html
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()
    policy = response.headers["Content-Security-Policy"]
    assert f"style-src 'self' 'sha256-{digest}';" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.parametrize("asset", ASSETS)
def test_static_files_are_cached_for_a_year_and_gzipped_when_asked(client, asset):
    with client.application.test_request_context():
        url = static_url(asset)
    response = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.cache_control.max_age == ONE_YEAR
    assert response.cache_control.public
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]


def test_static_files_are_sent_plain_to_a_client_that_does_not_ask_for_compression(client):
    response = client.get("/static/js/finder.js", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in response.headers
    assert response.get_data() == (STATIC / "js/finder.js").read_bytes()
