"""The pages about the groups: the side-by-side comparison, a page for each fellowship, and the
page for family and friends."""

from __future__ import annotations

from urllib.parse import parse_qs
from urllib.parse import urlsplit

import pytest

from finder.meetings import fellowships
from finder.web.views.groups import FIELD_LABELS

FAMILY = ["al-anon", "families-anonymous", "nar-anon", "smart-family-friends"]


def main(soup):
    return soup.find("main")


def labels() -> list[str]:
    return [str(FIELD_LABELS[field]) for field in fellowships.DESCRIPTION_FIELDS]


def slug_of(href: str) -> str:
    return href.rstrip("/").rsplit("/", 1)[-1]


# --- /groups -----------------------------------------------------------------------------------


def card_lists(soup):
    return main(soup).find_all("ul", class_="group-cards")


def cards_of(card_list) -> list[tuple[str, list[str], list[str]]]:
    """Each card as (slug, row labels, row texts)."""
    return [
        (
            slug_of(card.h3.a["href"]),
            [dt.get_text(strip=True) for dt in card.find_all("dt")],
            [dd.get_text(strip=True) for dd in card.find_all("dd")],
        )
        for card in card_list.find_all("li", class_="group-card")
    ]


def test_comparison_has_the_same_rows_in_the_same_order_for_every_fellowship(client, page):
    soup = page(client.get("/groups"))
    lists = card_lists(soup)
    assert len(lists) == 2
    for card_list in lists:
        for _slug, row_labels, texts in cards_of(card_list):
            assert row_labels == labels()
            assert all(texts)


def test_comparison_shows_every_fellowship_once_in_alphabetical_order(client, page):
    soup = page(client.get("/groups"))
    shown = [[slug for slug, _l, _t in cards_of(card_list)] for card_list in card_lists(soup)]
    assert sorted(shown[0] + shown[1]) == sorted(f.slug for f in fellowships.all_fellowships())
    for slugs in shown:
        names = [fellowships.get(slug).name for slug in slugs]
        assert names == sorted(names, key=str.casefold)


def test_people_with_a_problem_come_before_family_groups_and_sections_do_not_mix(client, page):
    soup = page(client.get("/groups"))
    themselves, family = card_lists(soup)
    assert {slug for slug, _l, _t in cards_of(family)} == set(FAMILY)
    assert {slug for slug, _l, _t in cards_of(themselves)}.isdisjoint(FAMILY)


def test_every_card_holds_its_own_fellowships_text_at_the_same_level(client, page):
    soup = page(client.get("/groups"))
    where = fellowships.DESCRIPTION_FIELDS.index("medication")
    for card_list in card_lists(soup):
        assert {card.h3.name for card in card_list.find_all("li")} == {"h3"}
        for slug, _labels, texts in cards_of(card_list):
            assert texts[where] == fellowships.get(slug).description("en")["medication"]


def test_groups_page_says_people_try_a_few_groups_and_all_are_free(client, page):
    text = main(page(client.get("/groups"))).get_text(" ", strip=True)
    assert "People often try a few different groups before finding one that fits" in text
    assert "All of these groups are free" in text
    assert "you can go to more than one" in text


# --- /groups/<slug> ----------------------------------------------------------------------------


@pytest.mark.parametrize("slug", sorted(f.slug for f in fellowships.all_fellowships()))
def test_fellowship_page_lists_every_row_in_order(client, page, slug):
    soup = page(client.get(f"/groups/{slug}"))
    about = main(soup).find("dl", class_="summary-list")
    assert [dt.get_text(strip=True) for dt in about.find_all("dt")] == labels()
    description = fellowships.get(slug).description("en")
    assert [dd.get_text(strip=True) for dd in about.find_all("dd")] == [
        description[field] for field in fellowships.DESCRIPTION_FIELDS
    ]
    assert soup.h1.get_text(strip=True) == fellowships.get(slug).name


def test_fellowship_page_shows_the_helpline_as_a_tel_link(client, page):
    soup = page(client.get("/groups/na"))
    link = main(soup).find("a", href="tel:03009991212")
    assert link is not None
    assert link.get_text(strip=True) == "0300 999 1212"


def test_fellowship_page_without_a_verified_helpline_shows_no_phone_link(client, page):
    soup = page(client.get("/groups/al-anon"))
    assert main(soup).select('a[href^="tel:"]') == []
    assert "confirm a phone number" in main(soup).get_text()


def test_fellowship_page_without_a_verified_website_says_so(client, page):
    soup = page(client.get("/groups/families-anonymous"))
    assert "confirm a website" in main(soup).get_text()


def test_fellowship_page_links_to_its_website(client, page):
    soup = page(client.get("/groups/aa"))
    assert main(soup).find("a", href="https://www.alcoholics-anonymous.org.uk") is not None


def test_fellowship_page_links_to_a_search_for_its_meetings(client, page):
    soup = page(client.get("/groups/smart"))
    links = [a["href"] for a in main(soup).find_all("a", href=True)]
    searches = [urlsplit(href) for href in links if urlsplit(href).path == "/meetings"]
    assert [parse_qs(s.query) for s in searches] == [{"fellowship": ["smart"]}]


def test_fellowship_page_says_where_the_information_comes_from(client, page):
    soup = page(client.get("/groups/aa"))
    aa = fellowships.get("aa")
    heading = main(soup).find("h2", string="Where this information comes from")
    assert heading is not None
    assert main(soup).find("a", href=aa.contact_source) is not None
    checked = main(soup).find("time")
    assert checked["datetime"] == aa.contact_checked
    assert "2026" in checked.get_text()


def test_fellowship_page_says_people_try_a_few_groups(client, page):
    text = main(page(client.get("/groups/ca"))).get_text(" ", strip=True)
    assert "People often try a few different groups before finding one that fits" in text


def test_unknown_fellowship_is_not_found(client, page):
    response = client.get("/groups/not-a-fellowship")
    assert response.status_code == 404
    page(response)


# --- /family -----------------------------------------------------------------------------------


def test_family_page_lists_only_the_family_groups_in_alphabetical_order(client, page):
    soup = page(client.get("/family"))
    cards = main(soup).find("ul", class_="card-list").find_all("li", recursive=False)
    names = [card.h3.get_text(strip=True) for card in cards]
    assert names == [fellowships.get(slug).name for slug in FAMILY]


def test_family_groups_come_before_anything_else(client, page):
    soup = page(client.get("/family"))
    headings = main(soup).find_all(["h2", "h3"])
    assert headings[0].get_text(strip=True) == "Groups for family and friends"
    linked = [
        slug_of(a["href"])
        for a in main(soup).find_all("a", href=True)
        if a["href"].startswith("/groups/")
    ]
    assert linked and set(linked) <= set(FAMILY)


def test_each_family_card_has_a_one_line_summary_and_two_links(client, page):
    soup = page(client.get("/family"))
    for card in main(soup).find("ul", class_="card-list").find_all("li", recursive=False):
        slug = next(slug for slug in FAMILY if fellowships.get(slug).name == card.h3.get_text())
        summary = card.find("p").get_text(strip=True)
        assert fellowships.get(slug).description("en")["who_for"].startswith(summary)
        assert summary.count(". ") == 0
        hrefs = [a["href"] for a in card.find_all("a")]
        assert f"/groups/{slug}" in hrefs
        assert f"/meetings?fellowship={slug}" in hrefs


def test_family_page_has_its_own_search_box_for_family_groups(client, page):
    soup = page(client.get("/family"))
    form = main(soup).find("form", role="search")
    assert form["action"] == "/meetings" and form["method"] == "get"
    assert form.find("input", {"name": "who"})["value"] == "family"
    assert form.find("input", {"name": "near"})["maxlength"] == "60"


def test_family_page_explains_alateen_and_how_to_leave_quickly(client, page):
    text = main(page(client.get("/family"))).get_text(" ", strip=True)
    assert "Alateen" in text and "12 to 17" in text
    assert "Exit this page" in text
    assert "Shift key three times" in text
    assert "People often try a few different groups" in text


# --- every page --------------------------------------------------------------------------------


PAGES = ["/groups", "/groups/aa", "/groups/smart-family-friends", "/family"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_have_headings_in_order_and_no_inline_styles_or_scripts(client, page, url):
    soup = page(client.get(url))
    levels = [int(h.name[1]) for h in main(soup).find_all(["h1", "h2", "h3", "h4"])]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    assert soup.find(style=True) is None
    # The one <style> is the site's stylesheet in the head (allowed by its hash in the CSP).
    assert [style.parent.name for style in soup.find_all("style")] == ["head"]
    assert all(script.get("src") for script in soup.find_all("script"))


@pytest.mark.parametrize("language", ["cy", "pl"])
def test_pages_in_another_language_show_that_languages_descriptions(client, page, language):
    client.set_cookie("finder_language", language)
    soup = page(client.get("/groups/aa"))
    assert soup.html["lang"] == language
    aa = fellowships.get("aa")
    dds = [dd.get_text(strip=True) for dd in main(soup).find("dl").find_all("dd")]
    assert dds[0] == aa.descriptions[language]["who_for"]
    assert aa.descriptions["en"]["who_for"] not in main(soup).get_text()

    table = main(page(client.get("/groups"))).find("ul", class_="group-cards")
    assert aa.descriptions[language]["cost"] in table.get_text()

    cards = main(page(client.get("/family"))).find("ul", class_="card-list")
    nar_anon = fellowships.get("nar-anon").descriptions[language]["who_for"]
    assert nar_anon.split(". ")[0] in cards.get_text()
