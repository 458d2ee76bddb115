"""The requester's status page: which meeting and when (London time), what happens next,
cancelling only after "Are you sure?", a keyworker's record of consent, and a preference
nobody can meet, offered to be dropped."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from factories import make_meeting
from peer_factories import make_volunteer
from test_ask_pages import ASK
from test_ask_pages import answers
from test_ask_pages import ask
from test_ask_pages import status_link

from finder.extensions import db
from finder.models import AccompanimentRequest
from finder.models import OutboxMessage
from finder.models.times import utcnow
from finder.peer import matching

pytestmark = pytest.mark.usefixtures("app_context")


def the_request() -> AccompanimentRequest:
    return db.session.query(AccompanimentRequest).order_by(AccompanimentRequest.id).first()


def summary(soup) -> dict[str, str]:
    found = soup.find(id="the-meeting")
    return {row.dt.get_text(strip=True): row.dd.get_text(" ", strip=True)
            for row in found.find_all("div")}


def test_the_page_names_the_meeting_and_its_day_and_time_in_london(client, page):
    meeting = make_meeting(name="Hope Street Newcomers")
    client.post(ASK, data=answers(meeting=meeting.slug, fellowship=None, area=None, day=None,
                                  time=None))
    link = status_link(client)
    saved = the_request()
    saved.meeting_at = dt.datetime(2026, 7, 6, 18, 30)  # Monday 6 July, 19:30 in summer time
    db.session.commit()
    soup = page(client.get(link))
    facts = summary(soup)
    assert facts["Meeting"] == "Hope Street Newcomers"
    assert soup.find(id="the-meeting").find("a")["href"] == f"/meetings/{meeting.slug}"
    assert facts["When"] == "Monday 6 July 2026, 19:30 (UK time)"


def test_a_request_by_area_names_the_group_and_the_area(client, page):
    ask(client)
    facts = summary(page(client.get(status_link(client))))
    assert facts["Meeting"] == "A meeting of Alcoholics Anonymous near LS1"


def test_while_looking_the_page_says_what_happens_next_and_when_it_would_close(client, page,
                                                                             app):
    ask(client)  # a mobile number: texts as well
    link = status_link(client)
    saved = the_request()
    soup = page(client.get(link))
    steps = [li.get_text(" ", strip=True) for li in soup.find(
        "h3", string="What happens next").find_next("ol").find_all("li")]
    assert "we send you a text message" in steps[0]
    closes = saved.meeting_at - dt.timedelta(minutes=app.config["FINDER_PEER_LEAD_MINUTES"])
    london = closes.replace(tzinfo=dt.UTC).astimezone(ZoneInfo("Europe/London"))
    assert (f"If nobody has said yes by {london:%A} {london.day} {london:%B %Y}, "
            f"{london:%H:%M}") in steps[2]


def test_after_a_volunteer_says_yes_the_page_says_what_happens_next(client, page):
    volunteer = make_volunteer(first_name="Dana")
    ask(client)
    link = status_link(client)
    matching.accept(db.session, the_request().offers[0].id, volunteer.id, utcnow())
    soup = page(client.get(link))
    assert soup.find("h3", string="What happens next")
    assert "They will agree with you where to meet" in soup.main.get_text()


def test_cancel_asks_are_you_sure_on_a_page_of_its_own_first(client, page):
    ask(client)
    link = status_link(client)
    status = page(client.get(link))
    assert status.find("form", action=f"{link}/cancel") is None
    cancel_link = status.find("a", string="Cancel request")
    assert cancel_link["href"] == f"{link}/cancel"

    sure = page(client.get(cancel_link["href"]))
    assert sure.h1.get_text(strip=True) == "Are you sure you want to cancel your request?"
    assert the_request().status != "cancelled"
    form = sure.find("form", action=f"{link}/cancel")
    assert form["method"] == "post"
    assert form.find("button").get_text(strip=True) == "Yes, cancel my request"
    assert sure.find("a", string="No, keep my request")["href"] == link

    assert client.post(f"{link}/cancel").status_code == 303
    assert the_request().status == "cancelled"
    assert client.get(f"{link}/cancel").status_code == 303  # nothing left to cancel


def keyworker_asks(client, told: str):
    return ask(client, made_by="keyworker", client_consent="yes", keyworker_told=told)


def test_a_keyworker_records_their_clients_consent_and_the_page_shows_it_back(client, page):
    assert keyworker_asks(client, "yes").status_code == 303
    saved = the_request()
    assert saved.made_by == "keyworker" and saved.client_consent_at is not None
    assert saved.keyworker_may_know_if_went is True
    link = status_link(client)
    section = page(client.get(link)).find(id="for-the-keyworker")
    assert "agreed that their keyworker can be told whether they went" in section.get_text()
    saved.follow_up_went = "yes"
    db.session.commit()
    section = page(client.get(link)).find(id="for-the-keyworker")
    assert "They said they went to the meeting." in section.get_text()


def test_without_that_consent_the_keyworker_is_not_shown_whether_they_went(client, page):
    keyworker_asks(client, "no")
    saved = the_request()
    assert saved.keyworker_may_know_if_went is False
    saved.follow_up_went = "no"
    db.session.commit()
    section = page(client.get(status_link(client))).find(id="for-the-keyworker")
    assert "did not agree" in section.get_text()
    assert "They said" not in section.get_text()


def test_the_form_tells_a_keyworker_to_give_their_clients_name_and_contact(client, page):
    soup = page(client.get(ASK))
    box = soup.find(id="keyworker")
    assert "your client's first name and your client's phone number" in box.get_text()
    assert [legend.get_text(strip=True) for legend in box.find_all("legend")] == [
        "Has your client agreed to this request, and to their first name and contact details "
        "going to one volunteer?",
        "Has your client agreed that you can be told whether they went to the meeting?"]


def test_someone_asking_for_themselves_is_not_asked_about_a_client(client):
    assert ask(client).status_code == 303
    assert the_request().client_consent_at is None


def test_a_preference_nobody_can_meet_is_named_and_can_be_dropped(client, page):
    make_volunteer(gender="woman")
    ask(client, volunteer_gender="man")
    link = status_link(client)
    assert the_request().status == "escalated"
    panel = page(client.get(link)).find(id="preference-holding-up")
    assert "Would like a man" in panel.get_text()
    form = panel.find("form")
    assert form["action"] == f"{link}/drop-preference"
    preference = form.find("input", attrs={"name": "preference"})["value"]

    assert client.post(form["action"], data={"preference": preference}).status_code == 303
    saved = the_request()
    assert saved.volunteer_gender is None and saved.status == "offering"
    assert len(saved.offers) == 1
    assert page(client.get(link)).find(id="preference-holding-up") is None


def test_a_language_nobody_speaks_is_named(client, page):
    make_volunteer(languages=["en"])
    ask(client, language="pl")
    panel = page(client.get(status_link(client))).find(id="preference-holding-up")
    assert "Language: Polish" in panel.get_text()


def test_no_preference_is_blamed_when_nobody_could_go_anyway(client, page):
    ask(client, volunteer_gender="man")  # no volunteers at all
    assert page(client.get(status_link(client))).find(id="preference-holding-up") is None


def test_a_repeat_shows_the_same_preference_as_a_first_request_would(client, page):
    make_volunteer(gender="woman")
    ask(client, volunteer_gender="man")
    first = status_link(client)
    ask(client, volunteer_gender="man")  # the same person again: held back as a repeat
    repeat = status_link(client)
    assert first != repeat
    for link in (first, repeat):
        assert page(client.get(link)).find(id="preference-holding-up"), link


def test_texts_are_queued_only_to_a_mobile(client):
    ask(client, phone="0113 496 0000")
    assert db.session.query(OutboxMessage).filter_by(channel="sms").count() == 0
