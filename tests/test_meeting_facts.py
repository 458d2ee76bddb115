"""Where a meeting's medication and ethos facts come from, in order: the group's own statement,
people's experience, the fellowship's published position, otherwise not stated."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import make_meeting
from peer_factories import make_coordinator

from finder.extensions import db
from finder.meetings import experience
from finder.meetings import facts
from finder.meetings import statements
from finder.meetings.statements import Said
from finder.models import GroupStatement
from finder.models.times import utcnow

pytestmark = pytest.mark.usefixtures("app_context")

NOW = dt.datetime(2026, 6, 1, 12, 0)


def answers(meeting, *felt_welcome: bool, now=NOW) -> None:
    for number, felt in enumerate(felt_welcome):
        experience.record_answer(db.session, meeting, f"person-{number}", felt, now)


# --- the order of sources ----------------------------------------------------------------------

def test_with_nothing_said_a_meeting_takes_its_fellowships_published_position():
    fact = facts.medication(make_meeting(fellowship="smart"))
    assert (fact.value, fact.source) == ("welcoming", "fellowship")
    assert fact.position.source.startswith("https://")
    assert fact.as_of == fact.position.checked


def test_with_no_published_position_the_answer_is_not_stated():
    for fellowship in ("aa", "ca"):
        assert facts.medication(make_meeting(fellowship=fellowship)) == facts.NOT_STATED


def test_the_question_does_not_apply_to_family_groups():
    meeting = make_meeting(fellowship="smart-family-friends", feed_ort="welcoming")
    assert not facts.applies_to(meeting)
    assert facts.medication(meeting) == facts.NOT_STATED
    assert meeting.ort_openness == "not_stated"


def test_peoples_experience_comes_before_the_fellowships_position():
    meeting = make_meeting(fellowship="na")
    answers(meeting, True, True, True, False)
    experience.publish(db.session, meeting, NOW)
    fact = facts.medication(meeting)
    assert (fact.value, fact.source, fact.welcomed, fact.answered) == (
        "welcoming", "experience", 3, 4)
    assert meeting.ort_openness == "welcoming"


def test_experience_that_is_not_mostly_welcoming_is_shown_as_mixed():
    meeting = make_meeting(fellowship="smart")
    answers(meeting, True, False, False)
    experience.publish(db.session, meeting, NOW)
    assert (meeting.ort_openness, meeting.ort_source) == ("mixed", "experience")


def test_the_groups_own_statement_comes_before_everything_else():
    meeting = make_meeting(fellowship="smart")
    answers(meeting, True, True, True)
    experience.publish(db.session, meeting, NOW)
    statements.record_by_coordinator(
        db.session, meeting, Said(medication="restricted"), heard_by="phone",
        stated_on=NOW.date(), coordinator=make_coordinator(), now=NOW)
    assert (meeting.ort_openness, meeting.ort_source, meeting.ort_as_of) == (
        "restricted", "group", NOW.date())
    assert facts.medication(meeting).via == "coordinator"


def test_the_groups_latest_statement_wins_whether_in_its_listing_or_made_since():
    meeting = make_meeting(fellowship="na", feed_ort="restricted",
                           feed_facts_on=dt.date(2026, 1, 1))
    coordinator = make_coordinator()
    statements.record_by_coordinator(
        db.session, meeting, Said(medication="welcoming"), heard_by="email",
        stated_on=dt.date(2026, 3, 1), coordinator=coordinator, now=NOW)
    assert (meeting.ort_openness, facts.medication(meeting).via) == ("welcoming", "coordinator")
    meeting.feed_ort, meeting.feed_facts_on = "restricted", dt.date(2026, 5, 1)
    db.session.commit()
    assert (meeting.ort_openness, facts.medication(meeting).via) == ("restricted", "feed")


def test_ethos_follows_the_same_order():
    meeting = make_meeting(fellowship="aa")
    assert (meeting.ethos, meeting.ethos_source) == ("spiritual", "fellowship")
    statements.record_by_coordinator(
        db.session, meeting, Said(ethos="secular"), heard_by="in_person",
        stated_on=NOW.date(), coordinator=make_coordinator(), now=NOW)
    assert (meeting.ethos, meeting.ethos_source, meeting.ethos_as_of) == (
        "secular", "group", NOW.date())


def test_a_statement_must_say_something_a_group_can_say():
    meeting = make_meeting()
    for said in (Said(), Said(medication="mixed"), Said(ethos="religious")):
        with pytest.raises(ValueError):
            statements.record_by_coordinator(
                db.session, meeting, said, heard_by="phone", stated_on=NOW.date(),
                coordinator=make_coordinator(), now=NOW)


# --- people's experience: at least 3 separate people in 12 months, published ------------------

def test_experience_below_three_people_is_never_published():
    meeting = make_meeting(fellowship="na")
    answers(meeting, True, True)
    assert experience.publish(db.session, meeting, NOW) is None
    assert experience.ready_to_publish(db.session, NOW) == []
    assert meeting.ort_source == "fellowship"


def test_one_person_answering_again_counts_once():
    meeting = make_meeting(fellowship="na")
    for _ in range(3):
        experience.record_answer(db.session, meeting, "same-person", True, NOW)
    answers(meeting, True)
    assert experience.summary(db.session, meeting.slug, NOW) == experience.Summary(2, 2)
    assert experience.publish(db.session, meeting, NOW) is None


def test_answers_older_than_twelve_months_do_not_count():
    meeting = make_meeting(fellowship="na")
    answers(meeting, True, True, now=NOW - dt.timedelta(days=400))
    experience.record_answer(db.session, meeting, "recent", True, NOW)
    assert experience.summary(db.session, meeting.slug, NOW).answered == 1


def test_three_people_make_the_counts_ready_for_a_coordinator_to_publish():
    meeting = make_meeting(fellowship="na")
    answers(meeting, True, True, False)
    assert meeting.ort_source == "fellowship", "nothing shows before a coordinator publishes"
    [(ready, counts)] = experience.ready_to_publish(db.session, NOW)
    assert (ready, counts) == (meeting, experience.Summary(2, 3))
    experience.publish(db.session, meeting, NOW)
    assert (meeting.experience_welcomed, meeting.experience_total) == (2, 3)
    assert experience.ready_to_publish(db.session, NOW) == []


def test_a_respondent_key_must_be_opaque_and_short():
    with pytest.raises(ValueError):
        experience.record_answer(db.session, make_meeting(), "x" * 65, True, NOW)


# --- the group's signed link -------------------------------------------------------------------

def test_a_groups_link_opens_its_meeting_until_it_expires():
    meeting = make_meeting()
    token = statements.link_token("secret", meeting)
    now = utcnow()
    assert statements.meeting_for_link(db.session, "secret", token, 14, now) == meeting
    assert statements.meeting_for_link(
        db.session, "secret", token, 14, now + dt.timedelta(days=13)) == meeting
    with pytest.raises(statements.LinkExpired):
        statements.meeting_for_link(db.session, "secret", token, 14, now + dt.timedelta(days=15))


def test_an_altered_link_or_another_sites_link_is_refused():
    meeting = make_meeting()
    token = statements.link_token("secret", meeting)
    for key, altered in (("secret", token[:-2] + "xx"), ("another-secret", token)):
        with pytest.raises(statements.LinkInvalid):
            statements.meeting_for_link(db.session, key, altered, 14, utcnow())


def test_a_statement_through_the_link_waits_for_a_coordinator_to_publish_it():
    meeting = make_meeting(fellowship="na")
    [statement] = statements.submit_by_group(db.session, meeting, Said(medication="welcoming"),
                                             NOW)
    assert statement.status == "pending" and meeting.ort_openness == "restricted"
    assert statements.pending(db.session) == [statement]
    coordinator = make_coordinator()
    assert statements.decide(db.session, statement, True, coordinator, NOW)
    assert (meeting.ort_openness, meeting.ort_source) == ("welcoming", "group")
    assert facts.medication(meeting).via == "group_link"
    assert not statements.decide(db.session, statement, False, coordinator, NOW)


def test_a_rejected_statement_changes_nothing():
    meeting = make_meeting(fellowship="na")
    [statement] = statements.submit_by_group(db.session, meeting, Said(medication="welcoming"),
                                             NOW)
    statements.decide(db.session, statement, False, make_coordinator(), NOW)
    assert db.session.get(GroupStatement, statement.id).status == "rejected"
    assert meeting.ort_source == "fellowship"


# --- staleness ---------------------------------------------------------------------------------

def test_a_fact_over_a_year_old_says_so():
    fact = facts.Fact("welcoming", "group", dt.date(2025, 5, 31))
    assert fact.is_stale(dt.date(2026, 6, 1))
    assert not fact.is_stale(dt.date(2026, 5, 30))
    assert not facts.NOT_STATED.is_stale(dt.date(2030, 1, 1))
