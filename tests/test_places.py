"""Every place in Great Britain with 500 or more people is found by name, offline; a shared
name offers choices, a misspelling offers the names it was probably meant to be."""

import pytest

from finder.geo.locate import Choice
from finder.geo.locate import Located
from finder.geo.locate import NotLocated
from finder.geo.locate import Problem
from finder.geo.locate import locate


@pytest.mark.parametrize(
    "typed",
    ["Harrogate", "Pontypridd", "Llanelli", "Ilkley", "Hebden Bridge", "Stornoway", "Barry"],
)
def test_towns_beyond_the_big_cities_are_found(typed):
    found = locate(typed)
    assert isinstance(found, Located)
    assert found.label == typed


def test_a_place_found_by_its_welsh_name_is_shown_by_it():
    barry, y_barri = locate("Barry"), locate("y barri")
    assert y_barri.label == "Y Barri"
    assert (y_barri.latitude, y_barri.longitude) == (barry.latitude, barry.longitude)


def test_a_misspelt_place_suggests_the_closest_name_first():
    found = locate("Leedz")
    assert found.problem is Problem.UNKNOWN_PLACE
    assert found.suggestions[0] == Choice("Leeds", "Leeds")


def test_a_name_nothing_is_spelt_like_gets_no_suggestion():
    assert locate("Atlantis").suggestions == ()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Newport", {"Newport, Wales", "Newport, Isle of Wight", "Newport, Pembrokeshire"}),
        ("Richmond", {"Richmond, Greater London", "Richmond, North Yorkshire"}),
        ("Ashford", {"Ashford, Kent", "Ashford, Surrey"}),
    ],
)
def test_a_name_shared_by_several_places_offers_each_with_its_county(typed, expected):
    found = locate(typed)
    assert isinstance(found, NotLocated)
    assert found.problem is Problem.AMBIGUOUS_PLACE
    assert expected <= {choice.label for choice in found.choices}


def test_the_most_populous_place_of_a_shared_name_is_offered_first():
    assert locate("Newport").choices[0].label == "Newport, Wales"


def test_every_choice_finds_its_own_place_alone():
    choices = locate("Newport").choices
    points = set()
    for choice in choices:
        found = locate(choice.near)
        assert isinstance(found, Located), choice
        assert found.label == choice.label
        points.add((found.latitude, found.longitude))
    assert len(points) == len(choices)


@pytest.mark.parametrize("typed", ["Belfast", "Derry", "Newry"])
def test_northern_ireland_places_get_the_northern_ireland_message(typed):
    assert locate(typed).problem is Problem.NORTHERN_IRELAND


def test_a_name_shared_with_northern_ireland_means_the_place_in_great_britain():
    assert locate("Bangor").latitude == pytest.approx(53.23, abs=0.01)


def test_accents_and_punctuation_do_not_matter():
    assert locate("st. albans").label == "St Albans"
    assert locate("stoke on trent").label == "Stoke-on-Trent"
