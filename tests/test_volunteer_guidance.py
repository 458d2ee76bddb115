"""Before their first "I can go", a volunteer confirms they have read what a volunteer is and
isn't; the date is recorded and they are not asked again."""

from __future__ import annotations

import pytest
from peer_factories import make_request
from peer_factories import make_volunteer
from peer_factories import sign_in

from finder.extensions import db
from finder.models import Offer
from finder.models import Volunteer
from finder.models.times import utcnow
from finder.peer.matching import london_today

pytestmark = pytest.mark.usefixtures("app_context")


def offered(app):
    volunteer = make_volunteer(guidance_read_on=None)
    offer = make_request(route=True).offers[0]
    assert offer.volunteer_id == volunteer.id
    client = app.test_client()
    sign_in(client, volunteer)
    return client, volunteer, offer


def accept_form(page, client):
    return page(client.get("/volunteer")).select_one("form[action$='/accept']")


def test_a_first_accept_asks_them_to_read_the_guidance_and_records_the_date(app, page):
    client, volunteer, offer = offered(app)
    form = accept_form(page, client)
    box = form.select_one("input[type=checkbox][name=read_guidance]")
    assert box.has_attr("required")
    assert form.find("label", attrs={"for": box["id"]}).get_text() == (
        "I have read what a volunteer is and isn’t")
    assert form.find("a", string="read what a volunteer is and isn’t")["href"] == (
        "/what-a-volunteer-is")
    csrf = form.select_one("[name=csrf_token]")["value"]

    refused = page(client.post(form["action"], data={"csrf_token": csrf}, follow_redirects=True))
    assert "read what a volunteer is and isn’t, then tick the box" in refused.get_text()
    db.session.expire_all()
    assert db.session.get(Offer, offer.id).status == "offered"
    assert db.session.get(Volunteer, volunteer.id).guidance_read_on is None

    client.post(form["action"], data={"csrf_token": csrf, "read_guidance": "yes"})
    db.session.expire_all()
    assert db.session.get(Offer, offer.id).status == "accepted"
    assert db.session.get(Volunteer, volunteer.id).guidance_read_on == london_today(utcnow())


def test_a_volunteer_who_has_read_it_is_not_asked_again(app, page):
    client, volunteer, offer = offered(app)
    volunteer.guidance_read_on = utcnow().date()
    db.session.commit()
    form = accept_form(page, client)
    assert form.select_one("[name=read_guidance]") is None
    client.post(form["action"], data={"csrf_token": form.select_one("[name=csrf_token]")["value"]})
    db.session.expire_all()
    assert db.session.get(Offer, offer.id).status == "accepted"
