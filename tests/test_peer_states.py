"""The status table is the only way a request changes status, and every change is an event."""

import pytest
from peer_factories import MONDAY_MORNING
from peer_factories import make_request

from finder.extensions import db
from finder.models import RequestEvent
from finder.peer import states

pytestmark = pytest.mark.usefixtures("app_context")

ALL = list(states.TRANSITIONS)


def test_every_status_in_the_table_is_a_known_target_or_where_requests_start():
    targets = set().union(*states.TRANSITIONS.values())
    assert targets <= set(states.TRANSITIONS)
    assert set(states.TRANSITIONS) - targets <= {"submitted", "held"}


def test_final_statuses_go_nowhere_and_open_ones_can_always_be_cancelled():
    assert states.FINAL == {"completed", "cancelled", "expired", "closed"}
    for status in states.OPEN:
        assert states.can_change(status, "cancelled")
        assert states.can_change(status, "closed")


@pytest.mark.parametrize("from_status", ALL)
@pytest.mark.parametrize("to_status", ALL)
def test_a_change_happens_only_when_the_table_allows_it(from_status, to_status):
    request = make_request()
    request.status = from_status
    db.session.commit()
    before = db.session.query(RequestEvent).count()

    changed = states.transition(db.session, request, to_status, actor="system",
                                now=MONDAY_MORNING)
    db.session.commit()

    assert changed == (to_status in states.TRANSITIONS[from_status])
    db.session.expire_all()
    assert request.status == (to_status if changed else from_status)
    events = db.session.query(RequestEvent).order_by(RequestEvent.id).all()
    assert len(events) == before + (1 if changed else 0)
    if changed:
        assert (events[-1].from_status, events[-1].to_status) == (from_status, to_status)
        assert (request.closed_at is not None) == (to_status in states.FINAL)


def test_a_change_made_by_someone_else_first_is_seen_and_respected():
    request = make_request()
    other_session = db.session  # same table, changed behind the loaded object's back
    other_session.execute(db.text("UPDATE accompaniment_requests SET status='cancelled'"))
    other_session.commit()
    assert not states.transition(db.session, request, "offering", actor="system",
                                 now=MONDAY_MORNING)
