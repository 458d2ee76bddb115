"""The guides: your first meeting, for keyworkers and services, what a volunteer is and isn't;
and the pages that link to them and describe volunteers."""

from __future__ import annotations

import re

import pytest
from factories import make_meeting

from finder.meetings import fellowships

ASK = "/ask-someone-to-go-with-you"
FIRST_MEETING = "/your-first-meeting"
KEYWORKERS = "/for-keyworkers"
VOLUNTEER_ROLE = "/what-a-volunteer-is"
GUIDES = (FIRST_MEETING, KEYWORKERS, VOLUNTEER_ROLE)


def main(soup):
    return soup.find("main")


def text_of(soup) -> str:
    return main(soup).get_text(" ", strip=True)


def hrefs(soup) -> list[str]:
    return [a["href"] for a in soup.find_all("a", href=True)]


def answers(**changes):
    values = {
        "fellowship": "aa", "area": "LS1 4AP", "day": "1", "time": "19:30", "over_18": "yes",
        "made_by": "self", "first_name": "Robin", "contact_method": "phone",
        "phone": "07700 900 982", "email": "", "volunteer_gender": "", "language": "",
        "consent": "y", "website": "",
    }
    values.update(changes)
    return values


def status_path(client, **changes) -> str:
    client.post(ASK, data=answers(**changes))
    sent = client.get(f"{ASK}/sent").get_data(as_text=True)
    return re.search(r'href="http://localhost(/request-status/[^"]+)"', sent).group(1)


# --- the guides themselves ----------------------------------------------------------------------


@pytest.mark.parametrize("path", GUIDES)
@pytest.mark.parametrize("language", ["en", "cy", "pl"])
def test_each_guide_is_public_and_in_every_language(client, page, path, language):
    response = client.get(f"{path}?lang={language}")
    assert response.status_code == 200
    soup = page(response)
    assert soup.html["lang"].startswith(language)
    levels = [int(h.name[1]) for h in main(soup).find_all(["h1", "h2", "h3"])]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


@pytest.mark.parametrize("path", GUIDES)
def test_the_welsh_and_polish_guides_are_translated(client, page, path):
    english = page(client.get(f"{path}?lang=en")).h1.get_text(strip=True)
    for language in ("cy", "pl"):
        assert page(client.get(f"{path}?lang={language}")).h1.get_text(strip=True) != english


def test_the_first_meeting_guide_answers_the_worries_before_a_first_meeting(client, page):
    soup = page(client.get(FIRST_MEETING))
    sections = [h2["id"] for h2 in main(soup).find_all("h2")]
    assert sections[:8] == ["what-happens", "you-do-not-have-to", "open-and-closed", "online",
                            "if-you-have-used", "medication", "anonymity", "try-a-few"]
    text = text_of(soup)
    for promise in ("60 to 90 minutes", "first names only", "do not have to speak",
                    "do not have to pray", "do not have to give money",
                    "call yourself an alcoholic, an addict", "leave at any time",
                    "camera off", "not a legal promise", "try a few different groups"):
        assert promise in text, promise


def test_the_first_meeting_guide_speaks_to_someone_on_methadone_or_buprenorphine(client, page):
    soup = page(client.get(FIRST_MEETING))
    section = soup.find(id="medication").find_next_siblings(limit=5)
    text = " ".join(element.get_text(" ", strip=True) for element in section)
    assert "does not stop you going to an open meeting" in text
    assert "whose word it is and when it was said or checked" in text
    assert "Talk to your prescriber" in text
    link = section[-1].a["href"]
    assert link == "/meetings?ort=welcoming"


def test_the_first_meeting_guide_treats_every_kind_of_group_alike(client, page):
    """Open and closed in plain words for each kind of group, with no group left out."""
    text = text_of(page(client.get(FIRST_MEETING)))
    for name in ("AA", "NA", "CA", "SMART Recovery", "family and friends"):
        assert name in text, name
    assert "AA is about alcohol" in text


def test_the_keyworker_guide_says_mutual_aid_is_never_a_condition_of_treatment(client, page):
    soup = page(client.get(KEYWORKERS))
    text = text_of(soup)
    assert "never be a condition of treatment" in text
    assert "I am a keyworker making this request with my client's consent" in text
    assert "Printable list of these meetings" in text
    assert {"/groups", FIRST_MEETING, ASK, VOLUNTEER_ROLE} <= set(hrefs(main(soup)))


def test_the_volunteer_guide_says_what_a_volunteer_is_not_and_how_to_raise_a_concern(client,
                                                                                     page):
    text = text_of(page(client.get(VOLUNTEER_ROLE)))
    for fact in ("a member of a group who has offered to go along",
                 "a professional, a counsellor or a therapist", "a sponsor",
                 "checked or vetted by it", "public place near the venue",
                 "do not give lifts", "do not visit your home",
                 "advice about medication or about which group to choose",
                 "safeguarding", "call 999"):
        assert fact in text, fact


def test_the_volunteer_guide_gives_the_contact_address_when_one_is_set(app, client, page):
    app.config["FINDER_CONTACT_EMAIL"] = "help@example.org"
    try:
        soup = page(client.get(VOLUNTEER_ROLE))
    finally:
        app.config["FINDER_CONTACT_EMAIL"] = ""
    assert "mailto:help@example.org" in hrefs(main(soup))


def test_the_guides_are_in_the_sitemap(client):
    sitemap = client.get("/sitemap.xml").get_data(as_text=True)
    for path in GUIDES:
        assert f"{path}</loc>" in sitemap, path


# --- where the guides are linked ----------------------------------------------------------------


def test_every_meeting_page_links_to_the_first_meeting_guide(client, page, app_context):
    for fellowship in ("aa", "smart-family-friends"):
        meeting = make_meeting(fellowship=fellowship)
        assert FIRST_MEETING in hrefs(main(page(client.get(f"/meetings/{meeting.slug}"))))


def test_the_results_link_to_the_first_meeting_guide(client, page, app_context):
    make_meeting()
    soup = page(client.get("/meetings?near=LS1+4AP"))
    assert FIRST_MEETING in hrefs(soup.find("section", class_="results-section"))


def test_the_footer_and_the_about_page_link_to_the_keyworker_guide(client, page):
    soup = page(client.get("/about"))
    assert KEYWORKERS in hrefs(soup.find("footer"))
    assert KEYWORKERS in hrefs(main(soup))


def test_the_bring_a_peer_pages_link_to_both_guides(client, page):
    form = page(client.get(ASK))
    assert {FIRST_MEETING, VOLUNTEER_ROLE} <= set(hrefs(main(form)))
    status = page(client.get(status_path(client)))
    assert {FIRST_MEETING, VOLUNTEER_ROLE} <= set(hrefs(main(status)))
    sent = page(client.get(f"{ASK}/sent"))
    assert {FIRST_MEETING, VOLUNTEER_ROLE} <= set(hrefs(main(sent)))


@pytest.mark.parametrize("path", ["/", ASK, f"{ASK}/sent"])
def test_volunteers_are_never_described_as_coming_from_the_group(client, page, path):
    """The groups do not run this service: a volunteer is a member of a group who offered."""
    assert "from the group" not in text_of(page(client.get(path)))


def test_the_form_says_volunteers_are_members_who_offered_and_not_professionals(client, page):
    text = text_of(page(client.get(ASK)))
    assert "members of a group who have offered to go along" in text
    assert "not professionals" in text


# --- honest wording -----------------------------------------------------------------------------


def test_the_home_page_promises_no_confidentiality_a_peer_group_cannot_give(client, page):
    text = text_of(page(client.get("/")))
    assert "confidential" not in text.lower()
    assert "ask each other to keep what is said" in text


def test_the_filter_labels_are_true_for_every_fellowship_they_apply_to(client, page):
    panel = text_of(page(client.get("/meetings")))
    assert "Closed (only for the people the group is for)" in panel
    assert "for people who want to stop" not in panel
    assert "no religious or spiritual content" not in panel


def test_a_fellowship_without_contacts_shows_no_empty_link_when_a_request_ends(client, page):
    """Families Anonymous has no verified website or helpline."""
    assert not fellowships.get("families-anonymous").website
    path = status_path(client, fellowship="families-anonymous")
    client.post(path.replace("/request-status/", "/request-status/", 1) + "/cancel")
    soup = page(client.get(path))
    assert all(a["href"].strip() for a in main(soup).find_all("a", href=True))
    assert "Contact Families Anonymous directly" not in text_of(soup)
    assert "Open meetings, which anyone can go to" in text_of(soup)
