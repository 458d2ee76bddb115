"""Asking for someone to go with you: the form, the confirmation, the secret status page."""

import datetime as dt
import re
import time

import pytest
from factories import make_meeting
from peer_factories import make_coordinator
from peer_factories import make_volunteer

from finder.extensions import db
from finder.models import AccompanimentRequest
from finder.models import OutboxMessage
from finder.models import RequestEvent
from finder.models.times import utcnow
from finder.peer import requests as peer_requests

ASK = "/ask-someone-to-go-with-you"


def answers(**changes):
    values = {
        "fellowship": "aa", "area": "LS1 4AP", "day": "1", "time": "19:30", "over_18": "yes",
        "made_by": "self", "first_name": "Robin", "contact_method": "phone",
        "phone": "07700 900 982", "email": "", "volunteer_gender": "", "language": "",
        "consent": "y", "website": "",
    }
    values.update(changes)
    return {key: value for key, value in values.items() if value is not None}


def ask(client, **changes):
    return client.post(ASK, data=answers(**changes))


def status_link(client) -> str:
    sent = client.get(f"{ASK}/sent")
    found = re.search(r'href="(http://localhost/request-status/[^"]+)"',
                      sent.get_data(as_text=True))
    return found.group(1).replace("http://localhost", "") if found else ""


def test_the_form_has_one_heading_labels_and_the_crisis_note(client, page):
    soup = page(client.get(ASK))
    assert soup.h1.get_text(strip=True) == "Ask someone to go with you"
    assert "116 123" in soup.main.get_text() and "999" in soup.main.get_text()
    for field in ("first_name", "phone", "email", "area", "time"):
        assert soup.find("label", attrs={"for": field}), field
    assert [legend.get_text(strip=True) for legend in soup.find_all("legend")][:2] == [
        "Is the person going to the meeting 18 or over?", "Who is filling in this form?"]
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_english_is_the_default_language_and_not_a_second_choice(client, page):
    options = [option.get_text() for option in
               page(client.get(ASK)).select("select[name=language] option")]
    assert options[0] == "English is fine"
    assert "English" not in options and "Welsh" in options and "Polish" in options


def test_a_meeting_link_prefills_the_meeting(client, page, app_context):
    meeting = make_meeting(name="Tuesday Newcomers")
    soup = page(client.get(f"{ASK}?meeting={meeting.slug}"))
    assert soup.find("input", attrs={"name": "meeting"})["value"] == meeting.slug
    assert "Tuesday Newcomers" in soup.main.get_text()
    assert soup.find(id="fellowship") is None


@pytest.mark.parametrize("now, expected", [
    # Monday 9 March 2026, 10:00 in London (GMT): Tuesday's meeting is tomorrow.
    (dt.datetime(2026, 3, 9, 10, 0), "Tuesday 10 March 2026, 19:30"),
    # Tuesday 31 March 2026, 19:40 in London (BST, 18:40 UTC): that evening's has started.
    (dt.datetime(2026, 3, 31, 18, 40), "Tuesday 7 April 2026, 19:30"),
])
def test_the_form_names_the_date_the_request_would_be_for(
        client, page, app_context, monkeypatch, now, expected):
    monkeypatch.setattr("finder.web.views.ask.utcnow", lambda: now)
    meeting = make_meeting(name="Tuesday Newcomers", day=2, start_time=dt.time(19, 30))
    text = page(client.get(f"{ASK}?meeting={meeting.slug}")).main.get_text(" ", strip=True)
    assert f"The request is for {expected}." in text


def test_a_family_groups_form_does_not_ask_about_methadone(client, page, app_context):
    family = make_meeting(fellowship="al-anon")
    other = make_meeting(fellowship="na")
    assert page(client.get(f"{ASK}?meeting={family.slug}")).find(
        "input", attrs={"name": "takes_ort_medication"}) is None
    assert page(client.get(f"{ASK}?meeting={other.slug}")).find(
        "input", attrs={"name": "takes_ort_medication"}) is not None


@pytest.mark.parametrize("fellowship, kept", [("nar-anon", None), ("na", True)])
def test_the_methadone_answer_is_never_kept_for_a_family_group(
        client, app_context, fellowship, kept):
    assert ask(client, fellowship=fellowship, takes_ort_medication="y").status_code == 303
    [saved] = db.session.query(AccompanimentRequest).all()
    assert saved.takes_ort_medication is kept


def test_the_meeting_page_links_to_the_form_with_the_meeting(client, page, app_context):
    meeting = make_meeting()
    soup = page(client.get(f"/meetings/{meeting.slug}"))
    assert soup.find("a", href=f"{ASK}?meeting={meeting.slug}")


@pytest.mark.parametrize("changes, field, message", [
    ({"first_name": ""}, "first_name", "Enter your first name or a nickname"),
    ({"phone": "12345"}, "phone", "Enter a UK phone number, like 07700 900 982"),
    ({"made_by": "keyworker", "keyworker_told": "no"}, "client_consent",
     "Select whether your client has agreed to this request"),
    ({"made_by": "keyworker", "client_consent": "no", "keyworker_told": "no"}, "client_consent",
     "Ask your client first: we can only take a request they have agreed to"),
    ({"made_by": "keyworker", "client_consent": "yes"}, "keyworker_told",
     "Select whether your client agreed that you can be told if they went"),
    ({"contact_method": "email", "email": "robin@"}, "email",
     "Enter an email address in the correct format, like name@example.com"),
    ({"consent": None}, "consent", "Confirm that we can share these details with one volunteer"),
    ({"over_18": None}, "over_18", "Select yes if the person going is 18 or over"),
    ({"made_by": None}, "made_by", "Select who is filling in this form"),
    ({"fellowship": ""}, "fellowship", "Select which group"),
    ({"time": "teatime"}, "time", "Enter a time, like 19:30"),
])
def test_a_mistake_is_explained_the_gov_uk_way(client, page, changes, field, message,
                                               app_context):
    response = ask(client, **changes)
    assert response.status_code == 422
    soup = page(response)
    assert soup.title.get_text().startswith("Error:")
    summary = soup.find(class_="error-summary")
    assert summary.find("a", href=f"#{field}").get_text(strip=True) == message
    assert message in soup.find(id=f"{field}-error").get_text()
    assert db.session.query(AccompanimentRequest).count() == 0


def test_under_18s_are_pointed_to_alateen_and_nothing_is_saved(client, page, app_context):
    soup = page(ask(client, over_18="no"))
    assert "Alateen" in soup.main.get_text()
    assert db.session.query(AccompanimentRequest).count() == 0


def test_a_request_is_saved_with_its_event_and_email_then_confirmed(client, page, app_context):
    response = ask(client, contact_method="email", email="Robin@Example.org", phone="")
    assert response.status_code == 303 and response.location.endswith(f"{ASK}/sent")
    saved = db.session.query(AccompanimentRequest).one()
    assert saved.contact_value == "robin@example.org" and saved.postcode_district == "LS1"
    assert [e.to_status for e in db.session.query(RequestEvent)] == ["submitted", "escalated"]
    email = db.session.query(OutboxMessage).filter_by(to="robin@example.org").one()
    for word in ("Alcoholics", "AA", "addiction"):
        assert word not in email.subject
    link = status_link(client)
    assert link and link.split("/")[-1] in email.body
    assert saved.token_hash == peer_requests.hash_token(link.split("/")[-1])
    assert link.split("/")[-1] not in str(vars(saved))


def test_the_status_page_is_private_and_says_where_things_stand(client, page, app_context):
    make_volunteer()
    ask(client)
    response = client.get(status_link(client))
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "same-origin"
    soup = page(response)
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert "Robin" not in soup.title.get_text()
    assert soup.find(string=re.compile("We are looking for a volunteer"))
    poll = soup.find(id="request-status-body")
    assert poll["hx-trigger"] == "every 30s" and poll.find_parent(attrs={"aria-live": "polite"})
    assert soup.find("a", string=re.compile("Refresh this page"))


def test_the_status_fragment_polls_and_says_nothing_new_when_nothing_changed(client, app_context):
    ask(client)
    link = status_link(client)
    fragment = client.get(link, headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<h1" not in fragment.get_data(as_text=True)
    assert "HX-Request" in fragment.headers["Vary"]
    unchanged = client.get(link + "?seen=looking", headers={"HX-Request": "true"})
    assert unchanged.status_code == 204


def test_matched_requests_name_the_volunteer_and_the_route(client, page, app_context):
    volunteer = make_volunteer(first_name="Dana")
    ask(client)
    link = status_link(client)
    saved = db.session.query(AccompanimentRequest).one()
    from finder.peer import matching
    matching.accept(db.session, saved.offers[0].id, volunteer.id, utcnow())
    text = page(client.get(link)).main.get_text()
    assert "A volunteer called Dana will contact you by phone or text message." in text


def test_cancelling_closes_the_request(client, page, app_context):
    ask(client)
    link = status_link(client)
    response = client.post(link + "/cancel")
    assert response.status_code == 303
    assert db.session.query(AccompanimentRequest).one().status == "cancelled"
    text = page(client.get(link)).main.get_text()
    assert "You cancelled this request" in text and "Cancel request" not in text


def test_closed_requests_offer_honest_alternatives(client, page, app_context):
    ask(client)
    link = status_link(client)
    saved = db.session.query(AccompanimentRequest).one()
    from finder.peer import matching
    matching.close(db.session, saved, "no_volunteer", utcnow())
    soup = page(client.get(link))
    text = soup.main.get_text()
    assert "keyworker" in text and "0800 9177 650" in text
    assert soup.find("a", href=re.compile(r"/meetings\?.*mode=online"))


def test_an_unknown_status_link_is_not_found(client):
    assert client.get("/request-status/not-a-real-token").status_code == 404


def test_the_honeypot_makes_nothing_but_looks_the_same(client, app_context):
    response = ask(client, website="http://spam.example")
    assert response.status_code == 303 and response.location.endswith(f"{ASK}/sent")
    link = status_link(client)
    assert link and client.get(link).status_code == 404  # a link like any other, to nothing
    assert db.session.query(AccompanimentRequest).count() == 0


SECRETS = re.compile(r"request-status/[\w-]+|nonce(-|=\")[\w-]+")


def masked(text: str) -> str:
    """Status links and CSP nonces differ on every answer; everything else must not."""
    return SECRETS.sub("SECRET", text)


def as_the_asker_sees_it(client, link: str) -> list:
    """Every answer the holder of a status link can get: the page, its htmx fragment and the
    poll that finds nothing new, each with its status code, headers and body."""
    seen = []
    for url, headers in ((link, {}), (link, {"HX-Request": "true"}),
                         (link + "?seen=looking", {"HX-Request": "true"})):
        response = client.get(url, headers=headers)
        kept = {k: masked(v) for k, v in response.headers.items()
                if k not in ("Date", "Set-Cookie")}
        seen.append((response.status_code, kept, masked(response.get_data(as_text=True))))
    return seen


def test_a_repeat_is_answered_exactly_like_a_new_request_for_its_whole_life(
        client, page, app, app_context):
    # Someone who knows a person's phone number and guesses their group must not be able to
    # tell whether that person has asked: whatever they get back, a new request gets too.
    from finder.peer import matching
    from finder.peer import timers
    volunteer = make_volunteer(first_name="Dana")
    ask(client)
    first_link = status_link(client)
    ask(client, first_name="Someone else", phone="+44 7700 900982")
    repeat_sent = client.get(f"{ASK}/sent")
    ask(client, phone="07700 900 111")  # someone else, asking for the first time
    new_sent = client.get(f"{ASK}/sent")
    assert masked(repeat_sent.get_data(as_text=True)) == masked(new_sent.get_data(as_text=True))
    repeat_link, new_link = (page(sent).select_one(".secret-link a")["href"]
                             .replace("http://localhost", "") for sent in (repeat_sent, new_sent))
    assert as_the_asker_sees_it(client, repeat_link) == as_the_asker_sees_it(client, new_link)

    first = peer_requests.find_by_token(db.session, first_link.rsplit("/", 1)[-1])
    matching.accept(db.session, first.offers[0].id, volunteer.id, utcnow())
    assert "Dana" in page(client.get(first_link)).main.get_text()
    assert as_the_asker_sees_it(client, repeat_link) == as_the_asker_sees_it(client, new_link)

    lead = dt.timedelta(minutes=app.config["FINDER_PEER_LEAD_MINUTES"])
    timers.advance(db.session, first.meeting_at - lead, app.config)
    assert as_the_asker_sees_it(client, repeat_link) == as_the_asker_sees_it(client, new_link)
    retention = dt.timedelta(days=app.config["FINDER_PEER_RETENTION_DAYS"])
    timers.purge(db.session, first.meeting_at + retention, app.config)
    assert client.get(repeat_link).status_code == client.get(new_link).status_code == 404


def test_a_repeat_takes_as_long_to_answer_as_a_new_request(client, app, app_context):
    make_volunteer()
    app.config["FINDER_PEER_SUBMIT_MILLISECONDS"] = 300
    try:
        took = []
        for phone in ("07700 900 982", "07700 900 982", "07700 900 111"):
            started = time.monotonic()
            ask(client, phone=phone)
            took.append(time.monotonic() - started)
    finally:
        app.config["FINDER_PEER_SUBMIT_MILLISECONDS"] = 0
    statuses = [r.status for r in db.session.query(AccompanimentRequest)
                .order_by(AccompanimentRequest.id)]
    assert statuses == ["offering", "held", "offering"]
    assert min(took) >= 0.3


def test_asking_again_while_open_sends_nobody_else_and_keeps_no_new_details(client, app_context):
    make_volunteer()
    ask(client)
    ask(client, first_name="Someone else", note="A second note")
    first, second = db.session.query(AccompanimentRequest).order_by(AccompanimentRequest.id)
    assert first.status == "offering" and len(first.offers) == 1
    assert (second.status, second.held_reason, second.offers) == ("held", "duplicate", [])
    assert second.first_name is None and second.note is None


def test_the_second_link_shows_nothing_of_the_first_request_and_cannot_cancel_it(
        client, page, app_context):
    from finder.peer import matching
    volunteer = make_volunteer(first_name="Dana")
    ask(client)
    first_link = status_link(client)
    ask(client)
    second_link = status_link(client)
    first = db.session.query(AccompanimentRequest).filter_by(status="offering").one()
    matching.accept(db.session, first.offers[0].id, volunteer.id, utcnow())
    assert "Dana" in page(client.get(first_link)).main.get_text()
    second_text = page(client.get(second_link)).main.get_text()
    assert "Dana" not in second_text and "We are looking for a volunteer" in second_text
    client.post(second_link + "/cancel")
    db.session.expire_all()
    assert db.session.get(AccompanimentRequest, first.id).status == "matched"
    assert "You cancelled this request" in page(client.get(second_link)).main.get_text()


def test_asking_again_by_email_sends_the_first_request_to_its_owner_a_few_times_a_day(
        client, app, app_context):
    ask(client, contact_method="email", email="robin@example.org", phone="")
    first_link = status_link(client)
    again = ask(client, contact_method="email", email="ROBIN@example.org", phone="",
                first_name="Someone else")
    assert again.status_code == 303 and again.location.endswith(f"{ASK}/sent")
    assert status_link(client) not in ("", first_link)
    emails = db.session.query(OutboxMessage).filter_by(to="robin@example.org")
    resent = re.search(r"/request-status/(\S+)", emails.all()[-1].body).group(1)
    first = db.session.query(AccompanimentRequest).filter_by(status="escalated").one()
    assert emails.count() == 2 and peer_requests.find_by_token(db.session, resent) == first
    assert client.get(first_link).status_code == 200
    limit = app.config["FINDER_PEER_REQUESTS_PER_CONTACT_PER_DAY"]
    for _ in range(limit + 2):
        ask(client, contact_method="email", email="robin@example.org", phone="")
    assert emails.count() == 1 + limit  # nobody can flood an inbox by asking again


def test_asking_again_does_not_use_up_the_days_requests(client, app_context):
    for _ in range(5):
        ask(client, fellowship="aa")
    ask(client, fellowship="na")
    assert db.session.query(AccompanimentRequest).filter_by(
        fellowship="na", status="escalated").count() == 1


def test_over_the_days_limit_a_request_waits_for_a_coordinator(client, app, app_context):
    coordinator = make_coordinator()
    limit = app.config["FINDER_PEER_REQUESTS_PER_CONTACT_PER_DAY"]
    groups = ["aa", "na", "ca", "smart", "al-anon"]
    for fellowship in groups[: limit + 1]:
        ask(client, fellowship=fellowship)
        assert status_link(client)  # every asker gets a link, over the limit too
    saved = db.session.query(AccompanimentRequest).order_by(AccompanimentRequest.id).all()
    assert [r.status for r in saved] == ["escalated"] * limit + ["held"]
    over = saved[-1]
    assert (over.held_reason, over.offers, over.first_name) == ("over_limit", [], "Robin")
    told = [m.body for m in db.session.query(OutboxMessage).filter_by(to=coordinator.email)]
    assert any("held back" in body and over.public_id in body for body in told)
