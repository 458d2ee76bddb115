"""After a requester cancels, a volunteer's buttons say the request has closed instead of
thanking them for a change that was never made."""

import pytest
from peer_factories import make_request
from peer_factories import make_volunteer
from peer_factories import signed_in_session

from finder.extensions import db
from finder.models import AccompanimentRequest
from finder.models.times import utcnow
from finder.peer import matching
from finder.peer import requests as peer_requests

pytestmark = pytest.mark.usefixtures("app_context")
CLOSED = "This request has closed, so nothing was changed."


def signed_in(app, volunteer):
    client = app.test_client()
    signed_in_session(client, volunteer)
    return client


def accepted_then_cancelled(volunteer):
    request = make_request(route=True)
    offer = next(o for o in request.offers if o.volunteer_id == volunteer.id)
    assert matching.accept(db.session, offer.id, volunteer.id, utcnow()) == "accepted"
    found = db.session.get(AccompanimentRequest, request.id)
    assert peer_requests.cancel(db.session, found, utcnow())
    return found


@pytest.mark.parametrize("action, data", [
    ("contacted", {}), ("withdraw", {}), ("outcome", {"outcome": "attended"}),
])
def test_after_a_cancellation_the_volunteers_buttons_say_it_has_closed(app, action, data):
    volunteer = make_volunteer()
    request = accepted_then_cancelled(volunteer)
    response = signed_in(app, volunteer).post(
        f"/volunteer/requests/{request.public_id}/{action}", data=data, follow_redirects=True)
    text = response.get_data(as_text=True)
    assert CLOSED in text and "Thank you." not in text
    assert db.session.get(AccompanimentRequest, request.id).status == "cancelled"


def test_declining_an_offer_that_lapsed_with_the_cancellation_says_it_has_closed(app):
    volunteer = make_volunteer()
    request = make_request(route=True)
    offer = next(o for o in request.offers if o.volunteer_id == volunteer.id)
    peer_requests.cancel(db.session, db.session.get(AccompanimentRequest, request.id), utcnow())
    response = signed_in(app, volunteer).post(f"/volunteer/offers/{offer.id}/decline",
                                              follow_redirects=True)
    assert CLOSED in response.get_data(as_text=True)
