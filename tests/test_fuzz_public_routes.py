"""Property-based fuzzing of every public route and every public form: whatever arrives, the
answer is never a server error and never shows a stack trace. Runs on SQLite and, with
TEST_DATABASE_URL, on PostgreSQL (which refuses NUL characters and out-of-range integers that
SQLite accepts). Bounded and derandomised: the same examples every run, in a few seconds."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from tests.factories import make_meeting

FUZZ = settings(max_examples=120, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

NASTY = [
    "\x00", "a\x00b", "9223372036854775807", "-9223372036854775809", "99999999999999999999",
    "-1", "0", "1e309", "NaN", "\u202eexe.jpg", "\u200b", "\x1b[2J\x1b[31m", "' OR 1=1 --",
    "%00", "<script>alert(1)</script>", "../../etc/passwd", "LS1 4AP", "Leeds", "\ud7ff",
    "x" * 5000, "", " ", "\r\n", "😀", "07700 900 982", "someone@example.org",
]
values = st.one_of(st.sampled_from(NASTY), st.text(max_size=40))


def public_rules(app, method: str):
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if getattr(view, "access", None) == "public" and method in rule.methods:
            yield rule


def public_forms(app, client, slug: str) -> list[tuple[str, str, list[str], dict]]:
    """(method, action, field names, choices) of every form on every public page."""
    pages = {rule.build({name: slug for name in rule.arguments}, append_unknown=False)[1]
             for rule in public_rules(app, "GET") if rule.endpoint != "static"}
    found = {}
    for path in sorted(pages):
        response = client.get(path)
        if response.mimetype != "text/html":  # the feed, sitemap.xml, robots.txt, .ics
            continue
        soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        for form in soup.find_all("form"):
            fields = form.find_all(["input", "select", "textarea"])
            names = sorted({field["name"] for field in fields if field.get("name")})
            choices = {}
            for field in fields:
                if field.get("name") and field.get("value") is not None:
                    choices.setdefault(field["name"], []).append(field["value"])
                for option in field.find_all("option") if field.name == "select" else []:
                    choices.setdefault(field["name"], []).append(option.get("value", ""))
            method = (form.get("method") or "get").upper()
            action = form.get("action") or path
            found[(method, action.split("?")[0])] = (names, choices)
    return [(method, action, names, choices) for (method, action), (names, choices)
            in sorted(found.items())]


@pytest.fixture
def meeting_slug(app_context):
    return make_meeting(slug="weekly-meeting").slug


@pytest.fixture
def forms(app, client, meeting_slug):
    return public_forms(app, client, meeting_slug)


def assert_no_server_error(response):
    body = response.get_data(as_text=True)
    assert response.status_code < 500, body[:500]
    assert "Traceback" not in body


def test_every_public_form_is_found(forms, meeting_slug):
    actions = {(method, action) for method, action, _, _ in forms}
    assert ("POST", "/ask-someone-to-go-with-you") in actions
    assert ("POST", f"/meetings/{meeting_slug}/report-a-change") in actions
    assert ("GET", "/meetings") in actions
    assert ("POST", "/volunteer/sign-in") in actions


@FUZZ
@given(data=st.data())
def test_any_address_on_a_public_route_gets_a_page(app, client, meeting_slug, data):
    rules = sorted(public_rules(app, "GET"), key=lambda rule: rule.rule)
    rule = data.draw(st.sampled_from([r for r in rules if r.endpoint != "static"]))
    arguments = {name: data.draw(st.one_of(st.just(meeting_slug), values))
                 for name in rule.arguments}
    path = rule.rule
    for name, value in arguments.items():
        path = path.replace(f"<{name}>", quote(value, safe="") or "x")
    query = data.draw(st.lists(st.tuples(
        st.sampled_from(["near", "page", "meeting", "fellowship", "day", "time", "mode",
                         "radius", "lat", "lng", "sort", "type", "language", "seen", "next",
                         "ethos", "ort", "soon"]), values), max_size=5))
    query_string = "&".join(f"{quote(k)}={quote(v, safe='')}" for k, v in query)
    assert_no_server_error(client.get(f"{path}?{query_string}" if query_string else path))


@FUZZ
@given(data=st.data())
def test_any_answers_to_any_public_form_get_a_page(client, forms, data):
    method, action, names, choices = data.draw(st.sampled_from(forms))
    answers = {
        name: data.draw(st.one_of(st.sampled_from(choices[name]), values)
                        if choices.get(name) else values)
        for name in names if data.draw(st.booleans())
    }
    if method == "GET":
        response = client.get(action, query_string=answers)
    else:
        response = client.post(action, data=answers)
    assert_no_server_error(response)
