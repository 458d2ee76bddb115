"""The follow-up reaches the person: one email or text the morning after the meeting, with a link of
its own and nothing about the group or their health; never twice, never after "stop asking
me". Then the welcome question for people on methadone or buprenorphine, and what the
volunteer tells the coordinator."""

import datetime as dt

from factories import make_meeting
from peer_factories import MONDAY_MORNING
from peer_factories import make_coordinator
from peer_factories import make_request
from peer_factories import make_volunteer
from peer_factories import signed_in_session
from peer_factories import words_of

from finder.extensions import db
from finder.models import AccompanimentRequest
from finder.models import ExperienceAnswer
from finder.models import OutboxMessage
from finder.models import OutcomeEvent
from finder.models.times import utcnow
from finder.peer import follow_up
from finder.peer import matching
from finder.peer import timers

TUESDAY_0859 = dt.datetime(2025, 3, 11, 8, 59)
TUESDAY_0900 = dt.datetime(2025, 3, 11, 9, 0)
EMAIL = "robin@example.org"


def accepted(**details):
    volunteer = make_volunteer()
    request = make_request(route=True, **details)
    matching.accept(db.session, request.offers[0].id, volunteer.id, MONDAY_MORNING)
    db.session.refresh(request)
    return request


def follow_up_emails():
    return db.session.query(OutboxMessage).filter(
        OutboxMessage.subject == "How did it go?").all()


def test_one_email_the_morning_after_with_a_link_that_opens_the_questions(app, client, page,
                                                                           app_context):
    request = accepted(contact_method="email", contact_value=EMAIL)
    timers.advance(db.session, TUESDAY_0859, app.config)
    assert follow_up_emails() == []
    timers.advance(db.session, TUESDAY_0900, app.config)
    timers.advance(db.session, TUESDAY_0900 + dt.timedelta(hours=1), app.config)
    [email] = follow_up_emails()
    assert email.to == EMAIL
    assert "Alcoholics" not in email.body and "AA" not in words_of(email.body)
    link = next(line for line in email.body.splitlines() if "/request-status/" in line)
    request.meeting_at = utcnow() - dt.timedelta(days=2)  # the page reads the real clock
    db.session.commit()
    section = page(client.get(link.replace("http://localhost", ""))).find(id="follow-up")
    assert "Did you go to the meeting?" in section.get_text()


def test_nobody_who_asked_to_stop_is_sent_anything(app, app_context):
    stopped = accepted(contact_method="email", contact_value=EMAIL)
    follow_up.stop(db.session, stopped, MONDAY_MORNING)
    timers.advance(db.session, TUESDAY_0900, app.config)
    assert follow_up_emails() == []


def follow_up_texts():
    return [message for message in db.session.query(OutboxMessage).filter_by(channel="sms")
            if "How did it go?" in message.body]


def test_a_mobile_number_gets_the_follow_up_as_one_text_and_a_landline_gets_nothing(
        app, app_context):
    accepted(contact_method="phone", contact_value="07700 900123")
    accepted(contact_method="phone", contact_value="0113 496 0000")
    timers.advance(db.session, TUESDAY_0900, app.config)
    timers.advance(db.session, TUESDAY_0900 + dt.timedelta(hours=1), app.config)
    [text] = follow_up_texts()
    assert text.to.replace(" ", "").endswith("7700900123")
    assert "/request-status/" in text.body
    assert "Alcoholics" not in text.body and "AA" not in words_of(text.body)
    assert follow_up_emails() == []


def test_a_request_nobody_accepted_gets_no_follow_up(app, app_context):
    make_request(route=True, contact_method="email", contact_value=EMAIL)
    assert not follow_up.queue_message(
        db.session, db.session.query(AccompanimentRequest).one(), TUESDAY_0900, app.config)
    assert follow_up_emails() == []


def test_a_meeting_long_past_is_not_chased(app, app_context):
    accepted(contact_method="email", contact_value=EMAIL)
    timers.advance(db.session, TUESDAY_0900 + dt.timedelta(days=4), app.config)
    assert follow_up_emails() == []


def test_people_on_methadone_or_buprenorphine_are_asked_once_if_they_felt_welcome(
        app, app_context):
    meeting = make_meeting()
    request = accepted(meeting_slug=meeting.slug, takes_ort_medication=True)
    follow_up.answer(db.session, request, "went", "yes", TUESDAY_0900, app.config)
    assert follow_up.next_question(request, TUESDAY_0900, app.config) == "welcome"
    assert follow_up.answer(db.session, request, "welcome", "yes", TUESDAY_0900, app.config)
    assert not follow_up.answer(db.session, request, "welcome", "no", TUESDAY_0900, app.config)
    assert follow_up.next_question(request, TUESDAY_0900, app.config) == "again"
    [answer] = db.session.query(ExperienceAnswer).all()
    assert (answer.meeting_slug, answer.felt_welcome) == (meeting.slug, True)
    assert request.public_id not in answer.respondent and str(request.id) != answer.respondent


def test_the_welcome_question_is_not_asked_of_others_or_of_people_who_did_not_go(
        app, app_context):
    meeting = make_meeting()
    others = accepted(meeting_slug=meeting.slug)
    follow_up.answer(db.session, others, "went", "yes", TUESDAY_0900, app.config)
    assert follow_up.next_question(others, TUESDAY_0900, app.config) == "again"
    stayed_away = accepted(meeting_slug=meeting.slug, takes_ort_medication=True,
                           contact_value="07700 900444")
    follow_up.answer(db.session, stayed_away, "went", "no", TUESDAY_0900, app.config)
    assert follow_up.next_question(stayed_away, TUESDAY_0900, app.config) == "again"


def test_choosing_not_to_say_is_an_answer_that_counts_nothing(app, app_context):
    meeting = make_meeting()
    request = accepted(meeting_slug=meeting.slug, takes_ort_medication=True)
    follow_up.answer(db.session, request, "went", "yes", TUESDAY_0900, app.config)
    assert follow_up.answer(db.session, request, "welcome", "skipped", TUESDAY_0900, app.config)
    assert db.session.query(ExperienceAnswer).count() == 0


def test_the_purge_erases_who_takes_medication_and_their_answer(app, app_context):
    meeting = make_meeting()
    request = accepted(meeting_slug=meeting.slug, takes_ort_medication=True)
    follow_up.answer(db.session, request, "went", "yes", TUESDAY_0900, app.config)
    follow_up.answer(db.session, request, "welcome", "no", TUESDAY_0900, app.config)
    matching.record_outcome(db.session, request, "attended", "volunteer", TUESDAY_0900)
    timers.purge(db.session, TUESDAY_0900 + dt.timedelta(days=60), app.config)
    db.session.expire_all()
    kept = db.session.get(AccompanimentRequest, request.id)
    assert (kept.takes_ort_medication, kept.follow_up_welcome) == (None, None)
    assert kept.follow_up_went == "yes"


def test_the_ask_form_records_only_that_the_person_takes_it(client, app_context):
    from test_ask_pages import ask
    ask(client, takes_ort_medication="y")
    assert db.session.query(AccompanimentRequest).one().takes_ort_medication is True


def test_the_volunteer_says_they_met_but_the_person_did_not_go_in_with_a_note(
        client, page, app_context):
    request = accepted()
    request.meeting_at = utcnow() - dt.timedelta(hours=1)
    db.session.commit()
    signed_in_session(client, request.volunteer)
    path = f"/volunteer/requests/{request.public_id}"
    form = page(client.get(path)).main.find("form", action=f"{path}/outcome")
    assert "Do not include health details" in form.get_text()
    client.post(f"{path}/outcome", data={"outcome": "met_not_in",
                                         "note": "The meeting has moved to the hall."})
    db.session.expire_all()
    saved = db.session.get(AccompanimentRequest, request.id)
    assert (saved.outcome, saved.volunteer_note) == ("met_not_in",
                                                     "The meeting has moved to the hall.")
    assert db.session.query(OutcomeEvent).filter_by(kind="went").count() == 0
    signed_in_session(client, make_coordinator())
    summary = page(client.get(f"/coordinator/requests/{request.public_id}")).main.get_text()
    assert "We met, but they did not go in" in summary
    assert "The meeting has moved to the hall." in summary


def test_the_status_page_asks_about_feeling_welcome_after_did_you_go(client, page, app_context):
    from test_ask_pages import ask
    from test_ask_pages import status_link
    meeting = make_meeting()
    volunteer = make_volunteer()
    ask(client, meeting=meeting.slug, takes_ort_medication="y")
    link = status_link(client)
    saved = db.session.query(AccompanimentRequest).one()
    matching.accept(db.session, saved.offers[0].id, volunteer.id, utcnow())
    saved.meeting_at = utcnow() - dt.timedelta(days=2)
    db.session.commit()
    client.post(f"{link}/follow-up", data={"question": "went", "answer": "yes"})
    section = page(client.get(link)).find(id="follow-up")
    assert "did you feel welcome there" in section.get_text()
    assert [b.get_text() for b in section.find_all("button")] == [
        "Yes, I felt welcome", "No, I did not", "I would rather not say", "Stop asking me"]
    client.post(f"{link}/follow-up", data={"question": "welcome", "answer": "yes"})
    assert "Would you go to a meeting again?" in page(client.get(link)).find(
        id="follow-up").get_text()
