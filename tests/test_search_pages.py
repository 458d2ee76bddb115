"""The search page: a shareable GET form, a fragment for htmx, clear errors."""

import datetime as dt

import pytest
from factories import make_meeting

from finder.meetings import schedule
from finder.meetings.schedule import LONDON

MONDAY_NOON = dt.datetime(2026, 11, 23, 12, 0, tzinfo=LONDON)
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(schedule, "now_in_london", lambda: MONDAY_NOON)


@pytest.fixture
def leeds_meetings(app_context):
    make_meeting(name="Monday Evening Group", day=1, start_time=dt.time(19, 0), fellowship="aa")
    make_meeting(
        name="Starting Soon Group",
        day=1,
        start_time=dt.time(12, 25),
        fellowship="smart",
        ethos="secular",
    )
    make_meeting(name="On Now Group", day=1, start_time=dt.time(11, 30), fellowship="na")
    make_meeting(
        name="Video Group",
        attendance_mode="online",
        latitude=None,
        longitude=None,
        conference_url="https://meet.example.org/x",
    )


def result_names(soup) -> list[str]:
    return [item.h3.get_text(strip=True) for item in soup.select("ol.results li.result")]


def test_searching_by_postcode_lists_in_person_meetings_soonest_first(client, page, leeds_meetings):
    soup = page(client.get("/meetings?near=LS1+4AP"))
    assert result_names(soup) == ["On Now Group", "Starting Soon Group", "Monday Evening Group"]
    assert (
        soup.find(id="results-heading").get_text(strip=True)
        == "Meetings near LS1 4AP: 3 meetings found"
    )


def test_results_say_when_each_meeting_is_relative_to_now(client, page, leeds_meetings):
    soup = page(client.get("/meetings?near=LS1+4AP"))
    times = [item.strong.get_text() for item in soup.select("li.result")]
    assert times == ["In progress, until 12:30", "Starting in 25 minutes", "Today at 19:00"]


def test_results_show_distance_mode_and_ethos(client, page, leeds_meetings):
    soup = page(client.get("/meetings?near=LS1+4AP&fellowship=smart"))
    (item,) = soup.select("li.result")
    text = item.get_text(" ", strip=True)
    assert "less than 0.1 miles away" in text
    assert "In person" in text and "Secular" in text


def test_filters_in_the_url_are_applied_and_shown_as_chosen(client, page, leeds_meetings):
    soup = page(client.get("/meetings?near=leeds&ethos=secular&day=today"))
    assert result_names(soup) == ["Starting Soon Group"]
    assert soup.find("input", {"name": "ethos", "value": "secular"}).has_attr("checked")
    assert soup.find("input", {"name": "day", "value": "today"}).has_attr("checked")
    # The answer comes first: the panel stays closed and the filters that are on are listed
    # above the results, each with a link that removes it.
    assert not soup.find("details", class_="filters").has_attr("open")
    removers = {a.get_text(" ", strip=True): a["href"] for a in soup.select("a.remove-filter")}
    assert set(removers) == {"Remove filter: Secular ✕", "Remove filter: Today ✕"}
    assert "ethos=" not in removers["Remove filter: Secular ✕"]
    assert "day=today" in removers["Remove filter: Secular ✕"]


def test_the_way_to_online_meetings_is_offered_with_in_person_results(client, page, leeds_meetings):
    soup = page(client.get("/meetings?near=LS1+4AP&time=evening"))
    link = soup.find("a", string="See online meetings at the same times")
    assert "mode=online" in link["href"] and "time=evening" in link["href"]
    soup = page(client.get(link["href"]))
    assert result_names(soup) == ["Video Group"]  # online, Monday 19:30
    soup = page(client.get("/meetings?mode=online&time=morning"))
    assert result_names(soup) == []


def test_htmx_gets_only_the_results_area_with_the_count_for_the_live_region(
    client, page, leeds_meetings
):
    response = client.get("/meetings?near=LS1+4AP", headers=HTMX)
    assert "HX-Request" in response.headers["Vary"]
    soup = page(response, fragment=True)
    assert soup.find("html") is None and soup.find("h1") is None
    announcer = soup.find(id="results-announcer")
    assert announcer["hx-swap-oob"] == "innerHTML"
    assert announcer.get_text(strip=True) == "Meetings near LS1 4AP: 3 meetings found"
    assert soup.find(id="results-heading").has_attr("data-focus-after-swap")
    assert soup.title.get_text().startswith("Meetings near LS1 4AP")


def test_the_whole_page_also_varies_on_htmx(client, leeds_meetings):
    response = client.get("/meetings?near=LS1+4AP")
    assert "HX-Request" in response.headers["Vary"]
    assert "<html" in response.get_data(as_text=True)


def test_a_history_restore_gets_the_whole_page(client, leeds_meetings):
    response = client.get(
        "/meetings?near=LS1+4AP", headers={**HTMX, "HX-History-Restore-Request": "true"}
    )
    assert "<html" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("near", "message"),
    [
        ("", "Enter a postcode, town or city"),
        ("LS1 4A", "Enter a full UK postcode, like LS1 4AP, or the first part, like LS1"),
        (
            "LS99 9ZZ",
            "We could not find the postcode LS99 9ZZ. Check it, or enter a town or city instead",
        ),
        (
            "Atlantis",
            "We could not find a town or city called Atlantis. "
            "Check the spelling, or enter a postcode, like LS1 4AP",
        ),
        (
            "BT1 1AA",
            "Northern Ireland is not covered yet. Try online meetings instead",
        ),
    ],
)
def test_a_location_that_cannot_be_found_gets_a_specific_error(client, page, near, message):
    response = client.get("/meetings", query_string={"near": near, "ethos": "secular"})
    assert response.status_code == 422
    soup = page(response)
    assert soup.title.get_text().startswith("Error:")
    summary = soup.find(class_="error-summary")
    assert summary.a.get_text(strip=True) == message
    assert summary.a["href"] == "#near"
    assert soup.find(id="near-error").get_text(" ", strip=True) == f"Error: {message}"
    assert "near-error" in soup.find(id="near")["aria-describedby"]
    # Nothing typed is lost.
    assert soup.find(id="near").get("value", "") == near
    assert soup.find("input", {"name": "ethos", "value": "secular"}).has_attr("checked")


def test_an_htmx_error_moves_focus_to_the_error_summary(client, page):
    soup = page(client.get("/meetings?near=LS1+4A", headers=HTMX), fragment=True)
    assert soup.find(class_="error-summary").has_attr("data-focus-after-swap")


def test_use_my_location_sends_only_coordinates(client, page, leeds_meetings):
    soup = page(client.get("/meetings?near=&lat=53.7955&lng=-1.5557"))
    assert len(result_names(soup)) == 3
    assert soup.find(id="results-heading").get_text(strip=True).startswith("Meetings near you")


def test_unknown_values_in_a_shared_url_are_ignored_not_fatal(client, page, leeds_meetings):
    response = client.get("/meetings?near=LS1+4AP&fellowship=nonsense&radius=9999&sort=x&type=zzz")
    assert response.status_code == 200
    assert len(result_names(page(response))) == 3


def test_no_results_says_so_and_suggests_what_to_change(client, page, leeds_meetings):
    soup = page(client.get("/meetings?near=Glasgow"))
    assert (
        soup.find(id="results-heading").get_text(strip=True)
        == "Meetings near Glasgow: No meetings found"
    )
    assert result_names(soup) == []


def test_long_lists_come_in_pages_with_links(client, page, app_context):
    for minute in range(25):
        make_meeting(name=f"Group {minute:02d}", day=2, start_time=dt.time(10, minute))
    soup = page(client.get("/meetings?near=LS1+4AP"))
    assert len(result_names(soup)) == 20
    next_link = soup.find("a", rel="next")
    soup = page(client.get(next_link["href"]))
    assert result_names(soup) == [f"Group {m}" for m in range(20, 25)]
    assert soup.find("a", rel="prev")


def test_the_search_page_without_a_location_invites_one(client, page):
    soup = page(client.get("/meetings"))
    assert soup.find(id="near") is not None
    assert soup.find(class_="error-summary") is None
