"""Support beside the groups (seeds/support.toml): every contact has the page it was checked on
and the date, and the pages show exactly what the seed file holds, nothing invented."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest
from finder.seeds import seed_file

from finder.meetings import support

ASK = "/ask-someone-to-go-with-you"


def raw_seed() -> dict:
    return tomllib.loads(seed_file("support.toml").read_text(encoding="utf-8"))


def tel_links(soup) -> set[str]:
    return {a["href"] for a in soup.find("main").find_all("a", href=True)
            if a["href"].startswith("tel:")}


def test_the_seed_file_has_no_problems():
    assert support.problems(support.all_organisations()) == []


def test_every_contact_records_the_page_it_was_checked_on_and_when():
    for entry in raw_seed()["organisation"]:
        assert entry["source"].startswith("https://"), entry["slug"]
        checked = date.fromisoformat(str(entry["checked"]))
        assert checked == date(2026, 12, 2), entry["slug"]


def test_each_page_has_what_the_issue_asks_for_where_it_could_be_verified():
    assert {o.slug for o in support.for_audience("family")} == {
        "adfam", "nacoa", "national-domestic-abuse-helpline", "dan-247"}
    assert {o.slug for o in support.for_audience("young_people")} == {"dan-247"}
    assert [o.slug for o in support.for_audience("crisis")] == [
        "nhs-111-mental-health", "samaritans"]


def test_nothing_unverified_is_listed():
    """FRANK's number could not be found on FRANK's own pages, so FRANK is left out."""
    slugs = {o.slug for o in support.all_organisations()}
    assert not any("frank" in slug for slug in slugs)


@pytest.mark.parametrize(("change", "expected"), [
    ({"helpline": "call us"}, "nacoa: helpline 'call us' is not a UK number in digits"),
    ({"website": "http://nacoa.org.uk"}, "nacoa: website 'http://nacoa.org.uk' is not an https"),
    ({"source": ""}, "nacoa: source '' is not an https address"),
    ({"website": "", "helpline": ""}, "nacoa: neither a website nor a helpline"),
    ({"audiences": ("everyone",)}, "nacoa: unknown audience everyone"),
    ({"descriptions": {"en": "A helpline."}}, "nacoa: no description in cy, pl"),
])
def test_a_broken_record_is_rejected(change, expected):
    nacoa = next(o for o in support.all_organisations() if o.slug == "nacoa")
    broken = support.Organisation(**{**nacoa.__dict__, **change})
    assert any(p.startswith(expected) for p in support.problems([broken]))


def test_the_family_page_shows_each_organisation_with_its_number_and_check_date(client, page):
    soup = page(client.get("/family"))
    section = soup.find(id="support-for-you").find_next("ul")
    text = section.get_text(" ", strip=True)
    for organisation in support.for_audience("family"):
        assert organisation.name in text
        if organisation.helpline:
            assert section.find("a", href=f"tel:{organisation.dial}")
        if organisation.website:
            assert section.find("a", href=organisation.website)
    assert "Checked on 2 December 2026" in text
    assert all(a["href"].strip() for a in section.find_all("a"))


def test_the_family_page_numbers_are_the_verified_ones(client, page):
    soup = page(client.get("/family"))
    assert {"tel:08003583456", "tel:08082000247", "tel:08088082234"} <= tel_links(soup)


def test_young_people_with_their_own_drinking_or_drug_use_get_a_route_too(client, page):
    answers = {"fellowship": "aa", "area": "LS1 4AP", "day": "1", "time": "19:30",
               "over_18": "no", "made_by": "self", "first_name": "Robin",
               "contact_method": "phone", "phone": "07700 900 982", "consent": "y"}
    soup = page(client.post(ASK, data=answers))
    headings = [h2.get_text(strip=True) for h2 in soup.find("main").find_all("h2")]
    assert "If you are worried about your own drinking or drug use" in headings
    assert "tel:08088082234" in tel_links(soup)
    assert "Alateen" in soup.find("main").get_text()


def test_the_request_pages_give_nhs_111s_mental_health_option_beside_999_and_samaritans(client,
                                                                                       page):
    main = page(client.get(ASK)).find("main")
    text = main.get_text(" ", strip=True)
    assert "999" in text
    assert "call 111 and choose the mental health option" in text
    assert main.find("a", href="tel:111") and main.find("a", href="tel:116123")


@pytest.mark.parametrize("language", ["cy", "pl"])
def test_the_crisis_lines_are_described_in_the_readers_language(client, page, language):
    text = page(client.get(f"{ASK}?lang={language}")).find("main").get_text(" ", strip=True)
    for organisation in support.for_audience("crisis"):
        assert organisation.description(language) in text
        assert organisation.description("en") not in text
