"""The README's "Trying Bring a peer" steps, walked as written: search near Leeds, open a
meeting, ask for someone to go, sign in as the Leeds demo volunteer the README names for that
meeting's group, say "I can go" and see the person's contact details."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from finder.extensions import db
from finder.importers.demo import load_demo_data
from finder.meetings import fellowships
from finder.models import Meeting
from finder.peer import routing
from finder.peer.demo import CITIES
from finder.peer.demo import DEMO_PASSWORD
from finder.peer.demo import load_demo_volunteers

README = Path(__file__).parents[1] / "README.md"
_people = itertools.count(1)

pytestmark = pytest.mark.usefixtures("app_context")


def readme_volunteers() -> dict[str, str]:
    """Step 2: the demo volunteer the README names for each group (by its short name)."""
    section = README.read_text().split('### Trying "Bring a peer"')[1].split("\n### ")[0]
    named = {}
    for email, groups in re.findall(r"`(demo\.\w+@example\.org)` \(([^)]+)\)",
                                    " ".join(section.split())):
        for group in groups.split(", "):
            named[group] = email
    return named


@pytest.fixture
def demo(app):
    load_demo_data()
    load_demo_volunteers()


def ask_for_someone(client, page, meeting_path: str) -> str:
    """Step 1 from a meeting's page; returns the meeting's slug."""
    meeting_page = page(client.get(meeting_path))
    link = meeting_page.find("a", string=re.compile("Ask someone to go with you"))
    answers = {"over_18": "yes", "made_by": "self", "first_name": "Sam",
               "contact_method": "email", "email": f"sam.{next(_people)}@example.org",
               "consent": "y"}
    response = client.post(link["href"], data=answers)
    if response.status_code == 200:  # too soon for this week's: the form offers the next one
        next_date = page(response).select_one("input[name=next_date]")["value"]
        response = client.post(link["href"], data={**answers, "next_date": next_date})
    assert response.status_code == 303, response.status_code
    return urlsplit(meeting_path).path.rsplit("/", 1)[1]


def accept_as_named_volunteer(app, page, slug: str) -> str:
    """Steps 2 and 3: sign in as the README's volunteer, say "I can go"; the page after."""
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == slug))
    group = fellowships.get(meeting.fellowship)
    email = readme_volunteers()[group.short_name]
    volunteer = app.test_client()
    signed_in = volunteer.post("/volunteer/sign-in",
                               data={"email": email, "password": DEMO_PASSWORD})
    assert signed_in.status_code == 303 and signed_in.location.startswith("/volunteer")
    dashboard = page(volunteer.get("/volunteer"))
    accept = dashboard.select_one("form[action$='/accept']")
    assert accept is not None, f"{email} has no offer for {meeting.name} ({group.name})"
    # Step 3: the first time, tick that they have read what a volunteer is and isn't.
    ticked = {box["name"]: box["value"] for box in accept.select("input[type=checkbox]")}
    assert set(ticked) <= {"read_guidance"}
    after = page(volunteer.post(accept["action"], data=ticked, follow_redirects=True))
    return after.select_one("#volunteer-work").get_text(" ", strip=True)


def test_the_readme_names_a_leeds_volunteer_for_every_group():
    assert set(readme_volunteers()) == {f.short_name for f in fellowships.all_fellowships()}


def test_the_steps_work_with_the_first_leeds_result(app, client, page, demo):
    results = page(client.get("/meetings?near=Leeds"))
    first = results.select_one(".result h3 a")["href"]
    slug = ask_for_someone(client, page, first)
    seen = accept_as_named_volunteer(app, page, slug)
    assert "Their contact details" in seen and "Sam" in seen


def test_the_steps_work_for_a_meeting_of_every_group_in_leeds(app, client, page, demo):
    leeds = CITIES["Leeds"]
    tried = set()
    for meeting in db.session.scalars(select(Meeting).order_by(Meeting.day, Meeting.start_time)):
        if meeting.fellowship in tried or meeting.latitude is None or routing.distance_miles(
                meeting.latitude, meeting.longitude, *leeds) > 2:
            continue
        tried.add(meeting.fellowship)
        slug = ask_for_someone(client, page, f"/meetings/{meeting.slug}")
        assert "Their contact details" in accept_as_named_volunteer(app, page, slug)
    assert tried == {f.slug for f in fellowships.all_fellowships()}
