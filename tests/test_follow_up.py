"""After the meeting, the person who asked is asked how it went: on the status page, one tap
each, no account, nothing twice, and "stop asking me" works. The volunteer's "how did it go"
opens only once the meeting has started."""

import datetime as dt

from peer_factories import MONDAY_MORNING
from peer_factories import make_request
from peer_factories import make_volunteer
from peer_factories import signed_in_session
from test_ask_pages import ask
from test_ask_pages import status_link

from finder.extensions import db
from finder.models import AccompanimentRequest
from finder.models.times import utcnow
from finder.peer import follow_up
from finder.peer import matching
from finder.peer import timers

# The factory request is for Monday 10 March 2025 at 19:30 (GMT): the questions open at 09:00
# London time the next morning.
TUESDAY_0859 = dt.datetime(2025, 3, 11, 8, 59)
TUESDAY_0900 = dt.datetime(2025, 3, 11, 9, 0)


def accepted_request():
    volunteer = make_volunteer()
    request = make_request(route=True)
    matching.accept(db.session, request.offers[0].id, volunteer.id, MONDAY_MORNING)
    db.session.refresh(request)
    return request


def asked_then_accepted(client):
    """A request made on the form and accepted, its meeting already two days past."""
    volunteer = make_volunteer()
    ask(client)
    link = status_link(client)
    saved = db.session.query(AccompanimentRequest).one()
    matching.accept(db.session, saved.offers[0].id, volunteer.id, utcnow())
    saved.meeting_at = utcnow() - dt.timedelta(days=2)  # the clock moves past the meeting
    db.session.commit()
    return saved, link


def tap(client, link, question, answer=""):
    return client.post(f"{link}/follow-up", data={"question": question, "answer": answer})


def test_the_questions_open_the_next_morning_in_london_time(app, app_context):
    request = accepted_request()
    assert follow_up.opens_at(request, app.config) == TUESDAY_0900
    assert follow_up.next_question(request, TUESDAY_0859, app.config) is None
    assert follow_up.next_question(request, TUESDAY_0900, app.config) == "went"


def test_in_summer_the_next_morning_is_nine_oclock_british_summer_time(app, app_context):
    request = accepted_request()
    request.meeting_at = dt.datetime(2025, 7, 7, 18, 30)  # 19:30 BST
    assert follow_up.opens_at(request, app.config) == dt.datetime(2025, 7, 8, 8, 0)


def test_requests_nobody_accepted_are_never_asked(app, app_context):
    waiting = make_request(route=True)
    assert follow_up.next_question(waiting, TUESDAY_0900, app.config) is None


def test_each_question_is_answered_once_and_stop_ends_them(app, app_context):
    request = accepted_request()
    assert follow_up.answer(db.session, request, "went", "yes", TUESDAY_0900, app.config)
    assert not follow_up.answer(db.session, request, "went", "no", TUESDAY_0900, app.config)
    assert request.follow_up_went == "yes"
    assert not follow_up.answer(db.session, request, "again", "maybe", TUESDAY_0900, app.config)
    assert follow_up.next_question(request, TUESDAY_0900, app.config) == "again"
    follow_up.stop(db.session, request, TUESDAY_0900)
    assert follow_up.next_question(request, TUESDAY_0900, app.config) is None
    assert not follow_up.answer(db.session, request, "again", "yes", TUESDAY_0900, app.config)


def test_the_status_page_asks_one_tap_at_a_time_then_leads_on(client, page, app_context):
    saved, link = asked_then_accepted(client)
    soup = page(client.get(link))
    section = soup.find(id="follow-up")
    assert "Did you go to the meeting?" in section.get_text()
    assert [b.get_text() for b in section.find_all("button")] == [
        "Yes, I went", "No, I did not go", "Stop asking me"]
    assert "Cancel request" not in soup.main.get_text()  # the meeting is over

    assert tap(client, link, "went", "yes").status_code == 303
    assert "Would you go to a meeting again?" in page(client.get(link)).find(id="follow-up").text
    tap(client, link, "again", "yes")
    assert "What would help you next?" in page(client.get(link)).find(id="follow-up").text
    leads = tap(client, link, "next", "online")
    assert leads.status_code == 303 and "mode=online" in leads.location \
        and "day=today" in leads.location

    tap(client, link, "went", "no")  # asked once: a second answer changes nothing
    db.session.expire_all()
    answers = db.session.get(AccompanimentRequest, saved.id)
    assert (answers.follow_up_went, answers.follow_up_again, answers.follow_up_next) == (
        "yes", "yes", "online")
    done = page(client.get(link)).find(id="follow-up")
    assert "Thank you for telling us how it went." in done.get_text() and not done.find("form")


def test_asking_for_someone_again_opens_a_new_request_for_the_same_meeting(client, page,
                                                                          app_context):
    saved, link = asked_then_accepted(client)
    tap(client, link, "went", "no")
    tap(client, link, "again", "not_sure")
    leads = tap(client, link, "next", "accompany")
    assert leads.status_code == 303
    form = page(client.get(leads.location)).find("form", method="post")
    assert form.find(id="fellowship").find("option", selected=True)["value"] == saved.fellowship
    assert form.find(id="area")["value"] == saved.postcode_district
    assert form.find(id="day").find("option", selected=True)["value"] == str(saved.wanted_day)
    assert form.find(id="time")["value"] == "19:30"
    near = tap(client, link, "next", "other_group")  # already answered: back to the page
    assert "/request-status/" in near.location


def test_stop_asking_me_works_from_the_first_question(client, page, app_context):
    saved, link = asked_then_accepted(client)
    tap(client, link, "stop")
    section = page(client.get(link)).find(id="follow-up")
    assert "We will not ask you anything more" in section.get_text()
    assert not section.find("form")


def test_before_the_meeting_the_status_page_asks_nothing(client, page, app_context):
    volunteer = make_volunteer()
    ask(client)
    link = status_link(client)
    saved = db.session.query(AccompanimentRequest).one()
    matching.accept(db.session, saved.offers[0].id, volunteer.id, utcnow())
    soup = page(client.get(link))
    assert soup.find(id="follow-up") is None and "Cancel request" in soup.main.get_text()
    assert tap(client, link, "went", "yes").status_code == 303
    db.session.expire_all()
    assert db.session.get(AccompanimentRequest, saved.id).follow_up_went is None


def test_the_purge_erases_the_person_but_keeps_the_answers(app, app_context):
    request = accepted_request()
    follow_up.answer(db.session, request, "went", "yes", TUESDAY_0900, app.config)
    matching.record_outcome(db.session, request, "attended", "volunteer", TUESDAY_0900)
    later = TUESDAY_0900 + dt.timedelta(days=app.config["FINDER_PEER_RETENTION_DAYS"] + 1)
    assert timers.purge(db.session, later, app.config) == 1
    db.session.expire_all()
    kept = db.session.get(AccompanimentRequest, request.id)
    assert (kept.first_name, kept.contact_value, kept.token_hash) == (None, None, None)
    assert (kept.follow_up_went, kept.outcome) == ("yes", "attended")


def test_the_volunteer_records_how_it_went_only_once_the_meeting_has_started(client, page,
                                                                            app_context):
    volunteer = make_volunteer()
    ask(client)
    saved = db.session.query(AccompanimentRequest).one()
    matching.accept(db.session, saved.offers[0].id, volunteer.id, utcnow())
    signed_in_session(client, volunteer)
    path = f"/volunteer/requests/{saved.public_id}"
    before = page(client.get(path)).main
    assert not before.find("form", action=f"{path}/outcome")
    assert "once the meeting has started" in before.get_text()
    client.post(f"{path}/outcome", data={"outcome": "attended"})
    db.session.expire_all()
    assert db.session.get(AccompanimentRequest, saved.id).status == "matched"

    saved.meeting_at = utcnow() - dt.timedelta(minutes=1)  # the meeting has started
    db.session.commit()
    assert page(client.get(path)).main.find("form", action=f"{path}/outcome")
    client.post(f"{path}/outcome", data={"outcome": "attended"})
    db.session.expire_all()
    assert db.session.get(AccompanimentRequest, saved.id).outcome == "attended"
