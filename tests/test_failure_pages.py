"""When something fails (an expired form, an unreachable database, several processes starting
at once) people get a page that says what to do, and the app keeps working."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from finder import create_app
from tests.factories import make_meeting
from tests.test_ask_pages import answers

ASK = "/ask-someone-to-go-with-you"


def test_a_form_without_its_csrf_token_explains_what_to_do(app, page):
    protected = create_app({
        "TESTING": True, "SECRET_KEY": "k", "FINDER_PREPARE_DATABASE": False,
        "FINDER_LOAD_DEMO_DATA": False, "RATELIMIT_ENABLED": False,
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    response = protected.test_client().post(ASK, data=answers())
    assert response.status_code == 400
    soup = page(response)
    assert soup.h1.get_text(strip=True) == "Your form was not sent"
    assert "reload the page and send the form again" in soup.main.get_text()


@pytest.fixture
def app_without_a_database(tmp_path):
    return create_app({
        "SECRET_KEY": "k", "FINDER_PREPARE_DATABASE": False, "FINDER_LOAD_DEMO_DATA": False,
        "RATELIMIT_ENABLED": False, "PROPAGATE_EXCEPTIONS": False,
        "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:9/none",
        "SQLALCHEMY_ENGINE_OPTIONS": {"hide_parameters": True,
                                      "connect_args": {"connect_timeout": 2}}})


def test_with_the_database_down_the_error_page_still_renders(app_without_a_database, page):
    response = app_without_a_database.test_client().get("/meetings/any-meeting")
    assert response.status_code == 500
    assert page(response).h1.get_text(strip=True) == "Sorry, there is a problem with the service"


def test_with_the_database_down_the_health_check_fails(app_without_a_database):
    response = app_without_a_database.test_client().get("/healthz")
    assert response.status_code == 503 and response.json == {"status": "database unavailable"}


def test_after_a_failed_statement_the_next_request_works(app, client, app_context):
    """On PostgreSQL a failed statement aborts the transaction; the error page must not reuse it,
    nor may the next request."""
    meeting = make_meeting()
    assert client.get("/meetings?mode=online&page=9223372036854775807").status_code == 200
    assert client.get(f"/meetings/{meeting.slug}").status_code == 200


@pytest.mark.slow
def test_several_processes_preparing_a_fresh_database_at_once_all_start(tmp_path):
    """gunicorn -w 3 on a fresh database: every worker prepares it; none may fail. There is no
    postcode index yet either, so each builds one as on a first start, of one postcode area
    (the same steps as all 120, in a fraction of the time on a 2-core machine)."""
    database = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    script = textwrap.dedent(f"""
        from finder.geo import codepoint
        codepoint.all_areas = lambda: ["LS"]
        from finder import create_app
        create_app({{"SQLALCHEMY_DATABASE_URI": {database!r}, "SECRET_KEY": "k",
                     "FINDER_LOAD_DEMO_DATA": False}})
    """)
    environment = {"FINDER_INSTANCE_PATH": str(tmp_path / "instance"), "PATH": "/usr/bin:/bin"}
    processes = [subprocess.Popen([sys.executable, "-c", script], env=environment,
                                  stderr=subprocess.PIPE, text=True) for _ in range(3)]
    failures = [p.stderr.read() for p in processes if p.wait(timeout=120) != 0]
    assert failures == []
