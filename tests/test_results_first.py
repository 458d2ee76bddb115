"""On a phone the meetings come first: the filters that are on as a short summary with a way
to remove each, who the search is for, ways out of an empty search with their counts, the way
back from a meeting, a printable list and a shareable link."""

import datetime as dt
from urllib.parse import parse_qs
from urllib.parse import urlsplit

import pytest
from factories import make_meeting

from finder.meetings import schedule
from finder.meetings.schedule import LONDON

MONDAY_NOON = dt.datetime(2026, 11, 23, 12, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(schedule, "now_in_london", lambda: MONDAY_NOON)


@pytest.fixture
def leeds(app_context):
    make_meeting(name="AA Monday", day=1, start_time=dt.time(19, 0), end_time=dt.time(20, 30),
                 fellowship="aa", location="Quaker House", postal_code="LS1 4AP")
    make_meeting(name="SMART Tuesday", day=2, start_time=dt.time(18, 0), fellowship="smart",
                 ethos="secular")
    make_meeting(name="Al-Anon Monday", day=1, start_time=dt.time(19, 30), fellowship="al-anon")
    make_meeting(name="Video Group", attendance_mode="online", latitude=None, longitude=None,
                 conference_url="https://meet.example.org/x")


def names(soup) -> list[str]:
    return [item.h3.get_text(strip=True) for item in soup.select("ol.results li.result")]


def query(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query, keep_blank_values=True)


def test_for_me_shows_the_groups_for_the_person_with_the_problem(client, page, leeds):
    soup = page(client.get("/meetings?near=LS1+4AP&who=me"))
    assert names(soup) == ["AA Monday", "SMART Tuesday"]
    assert soup.find(class_="who-switch").strong.get_text(strip=True) == "Groups for you"


def test_for_family_shows_the_family_groups_and_the_other_choice_is_one_tap_away(
    client, page, leeds
):
    soup = page(client.get("/meetings?near=LS1+4AP&who=family"))
    assert names(soup) == ["Al-Anon Monday"]
    switch = soup.find(class_="who-switch")
    assert switch.strong.get_text(strip=True) == "Groups for family and friends"
    for_me = switch.find("a", string="For me")
    assert query(for_me["href"]) == {"near": ["LS1 4AP"], "who": ["me"]}
    everyone = switch.find("a", string="All groups")
    assert query(everyone["href"]) == {"near": ["LS1 4AP"]}


def test_removing_a_filter_keeps_the_rest_of_the_search(client, page, leeds):
    soup = page(client.get("/meetings?near=LS1+4AP&ethos=secular&day=2&time=evening&page=1"))
    removers = {a.get_text(" ", strip=True): a["href"] for a in soup.select("a.remove-filter")}
    assert set(removers) == {"Remove filter: Secular ✕", "Remove filter: Tuesday ✕",
                             "Remove filter: Evening ✕"}
    assert query(removers["Remove filter: Tuesday ✕"]) == {
        "near": ["LS1 4AP"], "ethos": ["secular"], "time": ["evening"]}


def test_links_the_app_builds_leave_out_empty_parameters(client, page, leeds):
    soup = page(client.get("/meetings?near=LS1+4AP&lat=&lng=&ethos=&time=evening"))
    links = [a["href"] for a in soup.select("main a[href^='/meetings']")]
    assert links
    for href in links:
        assert all(values != [""] for values in query(href).values()), href
    assert not soup.select("input[name=lat], input[name=lng]")


def test_the_filter_panel_is_closed_and_has_a_button_at_its_top_and_bottom(client, page, leeds):
    soup = page(client.get("/meetings?near=LS1+4AP&fellowship=aa&type=open&time=evening"))
    panel = soup.find("details", class_="filters")
    assert not panel.has_attr("open")
    assert "Change filters (3 on)" in panel.summary.get_text()
    buttons = panel.find_all("button", type="submit")
    assert len(buttons) == 2
    assert panel.find_all(True, recursive=False)[1] is buttons[0]
    assert panel.find_all(True, recursive=False)[-1] is buttons[1]


def test_an_empty_search_says_what_is_on_and_offers_ways_out_with_counts(client, page, leeds):
    soup = page(client.get("/meetings?near=LS1+4AP&radius=1&day=today&ethos=secular"))
    assert names(soup) == []
    ways = [a.get_text(" ", strip=True) for a in soup.select(".no-results a")]
    assert "Remove “Today”: 1 meeting" in ways  # SMART Tuesday
    assert "Remove “Secular”: 2 meetings" in ways  # AA and Al-Anon on Monday evening
    assert soup.select("a.remove-filter")


def test_an_empty_search_offers_a_wider_distance_with_its_count(client, page, app_context):
    make_meeting(name="Bradford Group", latitude=53.7950, longitude=-1.7594)  # ~9 miles away
    soup = page(client.get("/meetings?near=LS1+4AP&radius=2"))
    ways = {a.get_text(" ", strip=True): a["href"] for a in soup.select(".no-results a")}
    assert "1 meeting within 10 miles" in ways
    assert query(ways["1 meeting within 10 miles"])["radius"] == ["10"]


def test_a_meeting_opened_from_results_links_back_to_the_same_search(client, page, leeds):
    soup = page(client.get("/meetings?near=LS1+4AP&time=evening"))
    link = soup.select_one("li.result h3 a")["href"]
    meeting = page(client.get(link))
    back = meeting.find("a", string="Back to results")
    assert query(back["href"]) == {"near": ["LS1 4AP"], "time": ["evening"]}
    assert urlsplit(back["href"]).path == "/meetings"


@pytest.mark.parametrize("back", ["https://evil.example/meetings?x", "//evil.example", "/exit"])
def test_the_way_back_never_leads_off_the_search(client, page, leeds, back):
    soup = page(client.get("/meetings?near=LS1+4AP"))
    slug = urlsplit(soup.select_one("li.result h3 a")["href"]).path
    meeting = page(client.get(slug, query_string={"back": back}))
    assert meeting.find("a", string="Back to results") is None


def test_a_meeting_page_says_when_its_details_were_updated_and_by_whom(client, page, app_context):
    make_meeting(name="Dated", updated=dt.datetime(2026, 3, 3, 10, 0))
    soup = page(client.get("/meetings/" + soup_slug(client, page)))
    text = soup.get_text(" ", strip=True)
    assert "Last updated on 3 March 2026 in the meeting list it comes from" in text


def soup_slug(client, page) -> str:
    soup = page(client.get("/meetings?near=LS1+4AP"))
    return urlsplit(soup.select_one("li.result h3 a")["href"]).path.rsplit("/", 1)[-1]


def test_home_and_results_search_boxes_have_the_same_length_limit(client, page, leeds):
    home = page(client.get("/")).find("input", {"name": "near"})
    results = page(client.get("/meetings?near=LS1+4AP")).find("input", {"name": "near"})
    assert home["maxlength"] == results["maxlength"] == "60"


def test_home_page_asks_who_the_meetings_are_for(client, page):
    soup = page(client.get("/"))
    choices = {i["value"]: i.has_attr("checked") for i in soup.select("input[name=who]")}
    assert choices == {"me": True, "family": False}


def test_the_printable_list_has_absolute_times_places_facts_and_a_qr_code(client, page, leeds):
    soup = page(client.get("/meetings/print?near=LS1+4AP&who=me"))
    text = soup.find("main").get_text(" ", strip=True)
    assert "Every Monday, 19:00 to 20:30 (UK time)" in text
    assert "Quaker House" in text and "LS1 4AP" in text
    assert "Printed on 23 November 2026 at 12:00" in text
    assert "Groups for people with a drug or alcohol problem" in text
    assert "Today" not in text and "Al-Anon Monday" not in text
    assert "Methadone or buprenorphine:" in text and "Ethos: Spiritual" in text
    assert soup.select_one(".handout__qr svg path")
    assert "/meetings?near=LS1+4AP&who=me" in soup.find(class_="handout__url").get_text()


def test_the_printable_list_carries_the_crisis_line_and_the_offer_of_someone_to_go_with(
        client, page, leeds):
    handout = page(client.get("/meetings/print?near=LS1+4AP")).find(class_="handout")
    text = handout.get_text(" ", strip=True)
    assert "In an emergency call 999" in text and "Samaritans: 116 123" in text
    assert "You can ask for someone to go with you to a meeting: http" in text
    assert "/ask-someone-to-go-with-you" in text


def test_the_printable_list_dates_each_groups_own_statement_and_lists_its_type_apart(
        client, page, app_context):
    make_meeting(name="Dated", fellowship="na", is_open=False, ort_openness="welcoming",
                 ort_source="group", feed_facts_on=dt.date(2025, 1, 6))
    [item] = page(client.get("/meetings/print?near=LS1+4AP")).select(".handout__list > li")
    first_line, *_rest, facts = [p.get_text(" ", strip=True) for p in item.find_all("p")]
    assert "Closed" in first_line and "Closed" not in facts
    assert "(stated by the group, January 2025)" in facts


def test_the_printable_list_holds_up_to_fifty_meetings(client, page, app_context):
    for number in range(55):
        make_meeting(name=f"Group {number:02}")
    soup = page(client.get("/meetings/print?near=LS1+4AP"))
    assert len(soup.select(".handout__list > li")) == 50
    assert "The first 50 of 55 meetings" in soup.get_text(" ", strip=True)


def test_results_offer_the_printable_list_and_the_plain_link_to_share(client, page, leeds):
    soup = page(client.get("/meetings?near=LS1+4AP&time=evening"))
    share = soup.find(class_="share-search")
    printable = share.find("a", string="Printable list of these meetings")
    assert urlsplit(printable["href"]).path == "/meetings/print"
    assert query(printable["href"]) == {"near": ["LS1 4AP"], "time": ["evening"]}
    link = share.find("input", id="search-link")["value"]
    assert link.endswith("/meetings?near=LS1+4AP&time=evening")
    # The share and copy buttons wait for JavaScript to say the browser can do them.
    assert share.find("button", attrs={"data-share": True}).has_attr("hidden")
