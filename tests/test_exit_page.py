"""'Exit this page' forgets this browser's session and site data, then leaves."""

from __future__ import annotations


def test_exit_clears_the_session_and_site_data_and_is_never_stored(app, client):
    with client.session_transaction() as session:
        session["seen"] = True
    response = client.get("/exit", headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 303
    assert response.headers["Location"] == app.config["FINDER_EXIT_URL"]
    assert response.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert response.headers["Cache-Control"] == "no-store"
    cleared = [cookie for cookie in response.headers.getlist("Set-Cookie")
               if cookie.startswith(app.config["SESSION_COOKIE_NAME"] + "=")]
    assert cleared and "Expires=Thu, 01 Jan 1970" in cleared[0]
    with client.session_transaction() as session:
        assert not session


def test_every_page_has_the_exit_button(client):
    html = client.get("/").get_data(as_text=True)
    assert 'href="/exit"' in html and "data-exit-this-page" in html
