"""What type codes mean: one table, read per fellowship."""

from __future__ import annotations

import json

import pytest
from flask_babel import force_locale
from samples import SAMPLES

from finder.meetings import types as meeting_types
from finder.meetings.types import FELLOWSHIP_OVERRIDES
from finder.meetings.types import TYPE_CODES
from finder.meetings.types import facets

SPEC_TYPES = SAMPLES / "code4recovery_spec__data_types.json"


def spec_types() -> dict[str, dict[str, str]]:
    if not SPEC_TYPES.exists():
        pytest.skip("the code4recovery types.json sample is not on this machine")
    return json.loads(SPEC_TYPES.read_text(encoding="utf-8"))


def test_every_code_in_the_spec_has_its_english_label():
    for code, labels in spec_types().items():
        assert code in TYPE_CODES, code
        assert str(meeting_types.label(code, None)) == labels["en"], code


def test_only_online_is_added_to_the_spec():
    assert set(TYPE_CODES) - set(spec_types()) == {"ONL"}


def test_every_language_code_is_iso_639_1():
    languages = {code: entry.language for code, entry in TYPE_CODES.items() if entry.language}
    assert all(len(iso) == 2 and iso.islower() for iso in languages.values())
    assert len(set(languages.values())) == len(languages), "two codes name one language"


@pytest.mark.parametrize(
    ("code", "iso"),
    [
        ("EN", "en"),
        ("POL", "pl"),
        ("PUN", "pa"),
        ("UK", "uk"),
        ("S", "es"),
        ("FR", "fr"),
        ("ITA", "it"),
        ("KOR", "ko"),
        ("POR", "pt"),
        ("RUS", "ru"),
        ("TUR", "tr"),
    ],
)
def test_language_codes_become_iso_639_1(code, iso):
    assert facets([code], "aa").languages == (iso,)


def test_uk_means_ukrainian_not_united_kingdom():
    assert facets(["UK"], "aa").languages == ("uk",)
    assert str(meeting_types.label("UK", "aa")) == "Ukrainian"


@pytest.mark.parametrize(
    ("code", "column"),
    [
        ("W", "for_women"),
        ("M", "for_men"),
        ("LGBTQ", "lgbtq"),
        ("G", "lgbtq"),
        ("L", "lgbtq"),
        ("BI", "lgbtq"),
        ("T", "lgbtq"),
        ("NB", "lgbtq"),
        ("Y", "young_people"),
        ("X", "wheelchair_access"),
        ("POA", "proof_of_attendance"),
    ],
)
def test_audience_and_access_codes_set_their_column(code, column):
    assert facets([code], "aa").flags == {column}


def test_open_and_closed():
    assert facets(["O"], "na").is_open is True
    assert facets(["C"], "na").is_open is False
    assert facets([], "na").is_open is None
    assert facets(["O", "C"], "na").is_open is None, "a contradiction says nothing"


def test_a_means_secular_onl_online_tc_temporarily_closed():
    result = facets(["A", "ONL", "TC"], "aa")
    assert (result.secular, result.online, result.temporarily_closed) == (True, True, True)


def test_al_anon_y_is_alateen_and_still_young_people():
    assert facets(["Y"], "al-anon").flags == {"young_people"}
    assert str(meeting_types.label("Y", "al-anon")) == "Alateen"
    assert str(meeting_types.label("Y", "aa")) == "Young People"


def test_al_anon_poa_is_parents_of_alcoholics_not_proof_of_attendance():
    assert facets(["POA"], "al-anon").flags == frozenset()
    assert str(meeting_types.label("POA", "al-anon")) == "Parents of Alcoholics"
    assert facets(["POA"], "aa").flags == {"proof_of_attendance"}
    assert facets(["POA"], "na").flags == {"proof_of_attendance"}


def test_every_override_is_for_a_code_the_spec_knows():
    for overrides in FELLOWSHIP_OVERRIDES.values():
        assert set(overrides) <= set(TYPE_CODES)


def test_unknown_codes_mean_nothing_and_read_as_themselves():
    result = facets(["NA", "XYZ"], "aa")
    assert result == facets([], "aa")
    assert meeting_types.label("NA", "aa") == "NA"


def test_labels_are_translated_when_rendered(app):
    with app.test_request_context(), force_locale("en"):
        assert str(meeting_types.label("W", "aa")) == "Women"


@pytest.mark.parametrize(
    ("text", "fellowship", "code"),
    [
        ("Wheelchair Access", "aa", "X"),
        ("open", "aa", "O"),
        ("Online Meeting", "aa", "ONL"),
        ("Temporary Closure", "aa", "TC"),
        ("Alateen", "al-anon", "Y"),
        ("Alateen", "aa", None),
        ("Parents of Alcoholics", "al-anon", "POA"),
        ("Proof of Attendance", "al-anon", None),
        ("Not a type", "aa", None),
    ],
)
def test_code_for_label(text, fellowship, code):
    assert meeting_types.code_for_label(text, fellowship) == code
