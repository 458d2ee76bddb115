"""Accounts from the command line, and the fictional demo volunteers."""

import pytest

from finder.extensions import db
from finder.models import Volunteer
from finder.peer import accounts
from finder.peer.demo import DEMO_COORDINATOR
from finder.peer.demo import DEMO_PASSWORD
from finder.peer.demo import load_demo_volunteers
from finder.peer.demo import remove_demo_volunteers

pytestmark = pytest.mark.usefixtures("app_context")


def test_create_coordinator_prompts_for_a_password(runner, app):
    result = runner.invoke(args=["users", "create-coordinator", "Lead@Example.org"],
                           input="a long enough password\na long enough password\n")
    assert result.exit_code == 0, result.output
    made = db.session.query(Volunteer).one()
    assert (made.email, made.role, made.approved) == ("lead@example.org", "coordinator", True)
    assert made.password_hash.startswith("$argon2")
    assert isinstance(accounts.sign_in(db.session, "lead@example.org", "a long enough password",
                                       made.created_at, app.config), Volunteer)


def test_create_coordinator_refuses_a_short_password(runner):
    result = runner.invoke(args=["users", "create-coordinator", "x@example.org",
                                 "--password", "short"])
    assert result.exit_code != 0 and "at least" in result.output


def test_demo_volunteers_are_fictional_and_can_be_reloaded(app):
    count = load_demo_volunteers()
    assert load_demo_volunteers() == count
    people = db.session.query(Volunteer).all()
    assert len(people) == count and all(p.is_demo for p in people)
    assert all(p.email.endswith("@example.org") for p in people)
    assert all(p.first_name.startswith("Demo ") for p in people)
    coordinator = accounts.sign_in(db.session, DEMO_COORDINATOR, DEMO_PASSWORD,
                                   people[0].created_at, app.config)
    assert coordinator.is_coordinator
    assert remove_demo_volunteers() == count
