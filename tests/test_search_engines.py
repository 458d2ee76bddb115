"""What search engines and link previews read: robots.txt, the sitemap, descriptions,
canonical and language addresses, a meeting's schema.org Event, and demo data kept out."""

import datetime as dt
import json
from xml.etree import ElementTree

import pytest
from factories import make_meeting

from finder.extensions import db
from finder.meetings import schedule
from finder.meetings.schedule import LONDON
from finder.models import MeetingSource

MONDAY_NOON = dt.datetime(2026, 11, 23, 12, 0, tzinfo=LONDON)
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PUBLIC_PAGES = ["/", "/meetings", "/meetings?near=LS1+4AP", "/groups", "/groups/na", "/family"]


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(schedule, "now_in_london", lambda: MONDAY_NOON)


def sitemap_entries(client) -> dict[str, str | None]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    root = ElementTree.fromstring(response.data)
    assert root.tag == f"{SITEMAP}urlset"
    return {
        entry.findtext(f"{SITEMAP}loc"): entry.findtext(f"{SITEMAP}lastmod")
        for entry in root.findall(f"{SITEMAP}url")
    }


def meta(soup, name: str) -> str | None:
    tag = soup.find("meta", attrs={"name": name}) or soup.find("meta", property=name)
    return tag["content"] if tag else None


def json_ld(soup) -> dict:
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def add_demo_source():
    source = MeetingSource(location="seeds/demo-meetings.json", format="meeting_guide",
                           is_demo=True)
    db.session.add(source)
    db.session.commit()
    return source


def test_robots_txt_allows_the_site_and_names_the_sitemap_at_the_configured_address(client):
    response = client.get("/robots.txt", headers={"Host": "forged.example"})
    assert response.mimetype == "text/plain"
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /" not in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert response.cache_control.max_age == 300 and response.get_etag()[0]


def test_the_sitemap_lists_every_meeting_with_its_last_update_and_the_public_pages(
        client, app_context):
    make_meeting(slug="hope", updated=dt.datetime(2026, 10, 5, 9, 30))
    make_meeting(slug="unity", updated=None)
    entries = sitemap_entries(client)
    assert entries["http://localhost/meetings/hope"] == "2026-10-05"
    assert entries["http://localhost/meetings/unity"] is None
    for path in ["/", "/meetings", "/groups", "/groups/na", "/groups/al-anon", "/family"]:
        assert f"http://localhost{path}" in entries
    assert not [address for address in entries
                if "/volunteer" in address or "/coordinator" in address or "/ask" in address]


def test_the_sitemap_is_cached_like_the_feed_and_answers_a_repeat_with_not_modified(client):
    first = client.get("/sitemap.xml")
    assert first.cache_control.public and first.cache_control.max_age == 300
    again = client.get("/sitemap.xml", headers={"If-None-Match": first.get_etag()[0]})
    assert again.status_code == 304


def test_while_demo_data_is_loaded_the_sitemap_is_empty_and_every_page_says_noindex(
        client, page, app_context):
    source = add_demo_source()
    make_meeting(slug="made-up", source_id=source.id)
    assert sitemap_entries(client) == {}
    for path in [*PUBLIC_PAGES, "/meetings/made-up"]:
        soup = page(client.get(path))
        assert meta(soup, "robots") == "noindex", path
        assert soup.find("link", rel="canonical") is None, path


def test_real_public_pages_may_be_indexed_and_name_their_canonical_address(client, page,
                                                                          app_context):
    make_meeting(slug="hope")
    for path in [*PUBLIC_PAGES, "/meetings/hope"]:
        soup = page(client.get(path))
        assert meta(soup, "robots") is None, path
        assert soup.find("link", rel="canonical")["href"] == "http://localhost" + path.split("?")[0]


@pytest.mark.parametrize("path", [
    "/volunteer/sign-in", "/volunteer/sign-up", "/ask-someone-to-go-with-you",
    "/request-status/not-a-real-token",
])
def test_bring_a_peer_status_and_volunteer_pages_stay_out_of_search_engines(client, page, path):
    response = client.get(path)
    soup = page(response)
    assert meta(soup, "robots") == "noindex"


def test_a_search_with_filters_points_search_engines_at_the_plain_page(client, page):
    soup = page(client.get("/meetings?near=LS1+4AP&fellowship=na&day=3&page=2&lang=cy"))
    assert soup.find("link", rel="canonical")["href"] == "http://localhost/meetings?lang=cy"


def test_every_language_version_has_a_stable_address_linked_with_hreflang(client, page):
    soup = page(client.get("/groups"))
    alternates = {link["hreflang"]: link["href"]
                  for link in soup.find_all("link", rel="alternate", hreflang=True)}
    assert alternates == {
        "en": "http://localhost/groups?lang=en",
        "cy": "http://localhost/groups?lang=cy",
        "pl": "http://localhost/groups?lang=pl",
        "x-default": "http://localhost/groups",
    }
    assert page(client.get("/groups?lang=cy")).html["lang"] == "cy"
    assert page(client.get("/groups?lang=pl")).html["lang"] == "pl"


def test_the_language_switcher_still_works_and_is_not_outvoted_by_an_address(client, page):
    response = client.get("/language/pl?next=/groups%3Flang%3Dcy%26x%3D1")
    assert response.status_code == 303
    assert response.headers["Location"] == "/groups?x=1"
    assert page(client.get("/groups")).html["lang"] == "pl"


@pytest.mark.parametrize("language, words", [
    ("en", "Narcotics Anonymous: Every Wednesday, 19:30 to 21:00 (UK time). In person: "
           "Elm Hall, Leeds."),
    ("cy", "Narcotics Anonymous: "),
    ("pl", "Narcotics Anonymous: "),
])
def test_a_meeting_page_describes_the_meeting_in_the_page_language(client, page, app,
                                                                   language, words):
    # Requests made inside one app context share flask_babel's choice of locale.
    with app.app_context():
        make_meeting(slug="hope", name="Hope Group", fellowship="na", day=3,
                     start_time=dt.time(19, 30), end_time=dt.time(21, 0), location="Elm Hall",
                     city="Leeds")
    english = meta(page(client.get("/meetings/hope?lang=en")), "description")
    soup = page(client.get(f"/meetings/hope?lang={language}"))
    description = meta(soup, "description")
    assert description.startswith(words)
    if language != "en":
        assert description != english  # the day and the way to attend are translated
    assert meta(soup, "og:description") == description
    assert meta(soup, "og:title") == "Hope Group"


def descriptions(client, page, language: str) -> dict[str, str]:
    found = {}
    for path in [*PUBLIC_PAGES, "/meetings/hope", "/about"]:
        joiner = "&" if "?" in path else "?"
        found[path] = meta(page(client.get(f"{path}{joiner}lang={language}")), "description")
    return found


@pytest.mark.parametrize("language", ["cy", "pl"])
def test_every_public_page_has_a_description_in_its_language(client, page, app, language):
    with app.app_context():
        make_meeting(slug="hope", fellowship="na")
    english = descriptions(client, page, "en")
    translated = descriptions(client, page, language)
    for path, description in english.items():
        assert description and len(description) >= 40, path
        assert translated[path] and translated[path] != description, path


def test_a_results_page_says_how_many_meetings_and_of_which_fellowships(client, page,
                                                                       app_context):
    make_meeting(fellowship="na", day=3)
    make_meeting(fellowship="aa", day=3)
    make_meeting(fellowship="na", day=3)
    description = meta(page(client.get("/meetings?near=LS1+4AP&lang=en")), "description")
    assert description == ("3 meetings found: Meetings near LS1 4AP. "
                           "Alcoholics Anonymous, Narcotics Anonymous.")


def test_an_in_person_meeting_is_a_weekly_schema_org_event_at_its_place(client, page,
                                                                        app_context):
    make_meeting(slug="hope", name="Hope Group", fellowship="na", day=3,
                 start_time=dt.time(19, 30), end_time=dt.time(21, 0), location="Elm Hall",
                 address="1 Test Road", city="Leeds", postal_code="LS1 4AP")
    soup = page(client.get("/meetings/hope"))
    event = json_ld(soup)
    assert event["@context"] == "https://schema.org"
    assert event["@type"] == "Event"
    assert event["name"] == "Hope Group"
    assert event["url"] == "http://localhost/meetings/hope"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["startDate"] == "2026-11-25T19:30:00+00:00"
    assert event["eventSchedule"] == {
        "@type": "Schedule", "repeatFrequency": "P1W", "byDay": "https://schema.org/Wednesday",
        "startTime": "19:30", "endTime": "21:00", "scheduleTimezone": "Europe/London",
    }
    assert event["location"]["@type"] == "Place"
    assert event["location"]["name"] == "Elm Hall"
    assert event["location"]["address"] == {
        "@type": "PostalAddress", "streetAddress": "1 Test Road", "addressLocality": "Leeds",
        "postalCode": "LS1 4AP", "addressCountry": "GB",
    }
    assert event["location"]["geo"]["@type"] == "GeoCoordinates"
    assert event["organizer"] == {"@type": "Organization", "name": "Narcotics Anonymous",
                                  "url": "http://localhost/groups/na"}


def test_an_online_meeting_is_an_event_at_its_join_page(client, page, app_context):
    make_meeting(slug="online", attendance_mode="online", location=None, postal_code=None,
                 latitude=None, longitude=None, conference_url="https://meet.example/join")
    event = json_ld(page(client.get("/meetings/online")))
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["location"] == {"@type": "VirtualLocation", "url": "https://meet.example/join"}


def test_the_structured_data_carries_the_page_nonce_so_the_content_policy_allows_it(
        client, page, app_context):
    make_meeting(slug="hope")
    response = client.get("/meetings/hope")
    script = page(response).find("script", type="application/ld+json")
    policy = response.headers["Content-Security-Policy"]
    assert f"'nonce-{script['nonce']}'" in policy
    assert "</" not in script.string  # nothing in the data can close the script element
