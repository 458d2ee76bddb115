"""The outcomes page: what happened to requests, from anonymous events that outlive the purge,
for coordinators only, with no count under 5 shown or derivable, a chart and a table each,
and a CSV per table."""

import datetime as dt

from peer_factories import MONDAY_MORNING
from peer_factories import make_request
from peer_factories import make_volunteer
from sqlalchemy import inspect
from sqlalchemy import select

from finder.extensions import db
from finder.models import OutcomeEvent
from finder.peer import follow_up
from finder.peer import matching
from finder.peer import outcomes
from finder.peer.small_numbers import HIDDEN
from finder.peer.small_numbers import SMALL
from finder.peer.small_numbers import protect

ORDER = ["aa", "na", "smart"]
# The factory's requests are for Monday 10 March 2025, 19:30; the questions open the next day.
TUESDAY = dt.datetime(2025, 3, 11, 10, 0)
APRIL = dt.datetime(2025, 4, 2, 12, 0)


def shown(cell):
    return cell.value if cell.shown else cell.withheld


def matched_request(volunteer, **details):
    request = make_request(route=True, **details)
    assert matching.assign(db.session, request, volunteer,
                           MONDAY_MORNING + dt.timedelta(minutes=90)) == "assigned"
    return request


def went_and_would_go_again(request, app):
    assert follow_up.answer(db.session, request, "went", "yes", TUESDAY, app.config)
    assert follow_up.answer(db.session, request, "again", "yes", TUESDAY, app.config)


# --- The small-number rule ------------------------------------------------------------------

def test_counts_under_five_are_withheld_including_zero():
    rows, total = protect([{"received": 12, "matched": 4}, {"received": 9, "matched": 0}],
                          {"received": 21, "matched": 4}, {})
    assert [shown(rows[0]["matched"]), shown(rows[1]["matched"])] == [SMALL, SMALL]
    assert shown(total["matched"]) == SMALL and shown(rows[0]["received"]) == 12


def test_a_count_that_differs_from_its_whole_by_under_five_is_hidden():
    """6 received and 5 matched would say that exactly 1 went unmatched."""
    rows, _total = protect([{"received": 6, "matched": 5}], {"received": 60, "matched": 50},
                           {"matched": "received"})
    assert (shown(rows[0]["received"]), shown(rows[0]["matched"])) == (6, HIDDEN)


def test_a_total_cannot_give_away_the_one_small_count_in_its_column():
    rows, total = protect([{"received": 20}, {"received": 3}, {"received": 9}],
                          {"received": 32}, {})
    # 32 - 20 - 9 would be 3: the smallest other count is hidden too.
    assert [shown(row["received"]) for row in rows] == [20, SMALL, HIDDEN]
    assert shown(total["received"]) == 32


def test_when_nothing_else_can_be_hidden_the_total_is():
    rows, total = protect([{"received": 2}], {"received": 2}, {})
    assert shown(rows[0]["received"]) == SMALL and not total["received"].shown


# --- Figures from the life of requests -------------------------------------------------------

def test_each_stage_is_counted_once_whoever_says_it(app, app_context):
    volunteer = make_volunteer(max_active_requests=50)
    requests = [matched_request(volunteer) for _ in range(6)]
    unmatched = make_request(route=True)
    matching.close(db.session, unmatched, "no_volunteer", MONDAY_MORNING)
    # The first volunteer withdraws and another takes it: still one match.
    matching.withdraw(db.session, requests[0], volunteer.id, MONDAY_MORNING, app.config)
    matching.assign(db.session, requests[0], make_volunteer(max_active_requests=5),
                    MONDAY_MORNING + dt.timedelta(hours=2))
    for request in requests[:5]:
        went_and_would_go_again(request, app)
        # The volunteer says so too: still counted once.
        matching.record_outcome(db.session, request, "attended", "volunteer", TUESDAY)
    matching.record_outcome(db.session, requests[5], "met_not_in", "volunteer", TUESDAY)

    found = outcomes.figures(db.session, APRIL, ORDER)
    total = found.tables["by-month"].total.cells
    assert {column: cell.value for column, cell in total.items()} == {
        "received": 7, "matched": 6, "in_time": 6, "went": 5, "again": 5}
    # On the page, 7 received beside 6 matched would say 1 was not: only 7 is shown.
    assert {column: shown(cell) for column, cell in total.items()} == {
        "received": 7, "matched": HIDDEN, "in_time": HIDDEN, "went": HIDDEN, "again": HIDDEN}
    # By group: all AA, so the same; by who asked: all the person themselves.
    assert [row.code for row in found.tables["by-group"].rows] == ["aa"]
    assert [row.code for row in found.tables["by-who-asked"].rows] == ["self"]
    assert found.tables["by-month"].total.median_minutes == 90
    unmatched_row = found.tables["unmatched-by-group"].rows[0]
    assert (shown(unmatched_row.cells["received"]), shown(unmatched_row.cells["unmatched"])) == (
        7, SMALL)


def test_who_asked_names_family_members_asking_for_a_family_group(app, app_context):
    make_request(route=True)  # the person, for AA
    make_request(route=True, fellowship="al-anon", contact_value="07700 900601")
    make_request(route=True, made_by="keyworker", client_consented=True,
                 contact_value="07700 900602")
    found = outcomes.figures(db.session, APRIL, ORDER)
    assert [row.code for row in found.tables["by-who-asked"].rows] == [
        "self", "family", "keyworker"]
    assert sorted(db.session.scalars(select(OutcomeEvent.asked_by))) == [
        "family", "keyworker", "self"]


def test_a_match_after_the_meeting_has_started_is_not_in_time(app, app_context):
    volunteer = make_volunteer(max_active_requests=50)
    request = make_request(route=True)
    matching.assign(db.session, request, volunteer, request.meeting_at + dt.timedelta(minutes=5))
    event = db.session.scalar(select(OutcomeEvent).where(OutcomeEvent.kind == "matched"))
    assert event.in_time is False


def test_a_repeat_held_back_is_not_a_new_request(app, app_context):
    make_request(contact_value="07700 900555")
    make_request(contact_value="07700 900555")  # the same meeting again: held back
    kinds = db.session.scalars(select(OutcomeEvent.kind)).all()
    assert kinds == ["received"]


def test_an_outcome_event_holds_nothing_that_leads_back_to_a_request():
    columns = {column.key for column in inspect(OutcomeEvent).columns}
    assert columns == {"id", "kind", "month", "fellowship", "asked_by", "area", "in_time",
                       "minutes_to_match", "is_demo"}


def test_small_areas_are_counted_together_and_still_protected(app, app_context):
    for area in ("L1", "M1"):
        for _ in range(6):
            request = make_request(route=True, postcode_district=area)
            matching.close(db.session, request, "no_volunteer", MONDAY_MORNING)
    make_request(route=True, postcode_district="B1")
    table = outcomes.figures(db.session, APRIL, ORDER).tables["unmatched-by-area"]
    assert [(row.code, shown(row.cells["received"]), shown(row.cells["unmatched"]))
            for row in table.rows] == [("L1", HIDDEN, 6), ("M1", 6, 6),
                                       ("other", SMALL, SMALL)]
    # 13 received beside 12 unmatched would say that exactly 1 was not.
    assert (shown(table.total.cells["received"]), shown(table.total.cells["unmatched"])) == (
        13, HIDDEN)
