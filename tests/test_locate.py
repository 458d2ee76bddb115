"""Postcodes, outward codes, towns and coordinates resolve offline; bad input says why."""

import pytest

from finder.geo.locate import Located
from finder.geo.locate import NotLocated
from finder.geo.locate import Problem
from finder.geo.locate import locate
from finder.geo.locate import locate_coordinates


@pytest.mark.parametrize("typed", ["LS1 4AP", "ls14ap", " LS1  4AP ", "ls1-4ap"])
def test_a_full_postcode_is_found_however_it_is_typed(typed):
    found = locate(typed)
    assert isinstance(found, Located)
    assert found.label == "LS1 4AP"
    assert found.latitude == pytest.approx(53.7955, abs=0.001)
    assert found.longitude == pytest.approx(-1.5557, abs=0.001)


def test_an_outward_code_is_placed_at_the_middle_of_its_postcodes():
    found = locate("ls1")
    assert found.label == "LS1"
    assert found.latitude == pytest.approx(53.80, abs=0.02)


@pytest.mark.parametrize(
    ("typed", "label"),
    [
        ("Leeds", "Leeds"),
        ("cardiff", "Cardiff"),
        ("Caerdydd", "Caerdydd"),
        ("abertawe", "Abertawe"),
        ("newcastle", "Newcastle upon Tyne"),
        ("EDINBURGH", "Edinburgh"),
    ],
)
def test_towns_and_cities_are_found_by_name(typed, label):
    found = locate(typed)
    assert isinstance(found, Located)
    assert found.label == label


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", Problem.EMPTY),
        ("   ", Problem.EMPTY),
        ("LS1 4A", Problem.BAD_POSTCODE),
        ("12345", Problem.BAD_POSTCODE),
        ("LS99 9ZZ", Problem.UNKNOWN_POSTCODE),
        ("BT1 1AA", Problem.NORTHERN_IRELAND),
        ("Atlantis", Problem.UNKNOWN_PLACE),
    ],
)
def test_input_that_cannot_be_placed_says_why(typed, problem):
    found = locate(typed)
    assert isinstance(found, NotLocated)
    assert found.problem is problem


def test_device_coordinates_are_accepted_within_the_uk_only():
    assert locate_coordinates("53.8", "-1.55") == Located("", 53.8, -1.55)
    assert locate_coordinates("40.7", "-74.0").problem is Problem.BAD_COORDINATES
    assert locate_coordinates("north", "west").problem is Problem.BAD_COORDINATES


def test_no_online_service_is_asked_unless_configured(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    assert locate("Atlantis").problem is Problem.UNKNOWN_PLACE
    assert isinstance(locate("SW1A 1AA"), Located)
