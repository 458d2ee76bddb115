"""The fictional demo meetings in seeds/demo-meetings.json: coverage, shape, and nothing real.

Plain JSON checks; loading the file through the importer is tested with the importer.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DEMO = SEEDS / "demo-meetings.json"
GENERATOR = SEEDS / "make_demo_meetings.py"

FELLOWSHIPS = {
    "aa",
    "na",
    "ca",
    "smart",
    "al-anon",
    "nar-anon",
    "families-anonymous",
    "smart-family-friends",
}
FAMILY = {"al-anon", "nar-anon", "families-anonymous", "smart-family-friends"}
MODES = {"in_person", "online", "hybrid"}
KNOWN_TYPES = {
    "O",
    "C",
    "A",
    "W",
    "M",
    "LGBTQ",
    "Y",
    "X",
    "BE",
    "D",
    "SP",
    "ST",
    "B",
    "LIT",
    "ONL",
    "POA",
    "POL",
    "PUN",
    "UK",
}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HHMM = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$")
POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$")
# Ofcom's numbers reserved for TV and radio drama.
DRAMA_PHONE = re.compile(r"^(?:020 7946 0\d{3}|0113 496 0\d{3}|0161 496 0\d{3}|07700 900\d{3})$")
WALES_AREAS = {"CF", "SA", "LL", "NP", "LD"}
SCOTLAND_AREAS = {
    "AB",
    "DD",
    "DG",
    "EH",
    "FK",
    "G",
    "HS",
    "IV",
    "KA",
    "KW",
    "KY",
    "ML",
    "PA",
    "PH",
    "TD",
    "ZE",
}
# A few of the commonest real UK street names and given names: none should appear.
COMMON_STREETS = {
    "High Street",
    "Station Road",
    "Main Street",
    "Park Road",
    "Church Road",
    "Church Street",
    "London Road",
    "Victoria Road",
    "Green Lane",
    "Manor Road",
    "Church Lane",
    "Park Avenue",
    "Queens Road",
    "Kings Road",
    "New Road",
    "Mill Lane",
    "Elm Street",
    "School Lane",
}
GIVEN_NAMES = {
    "john",
    "mary",
    "bill",
    "bob",
    "david",
    "sarah",
    "james",
    "peter",
    "paul",
    "susan",
    "michael",
    "anne",
    "margaret",
    "william",
    "robert",
    "elizabeth",
    "jimmy",
    "lois",
}


@pytest.fixture(scope="module")
def meetings() -> list[dict]:
    data = json.loads(DEMO.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def area(postcode: str) -> str:
    return re.match(r"[A-Z]+", postcode).group(0)


def nation(postcode: str) -> str:
    if area(postcode) in WALES_AREAS:
        return "wales"
    if area(postcode) in SCOTLAND_AREAS:
        return "scotland"
    return "england"


def minutes(hhmm: str) -> int:
    hours, mins = map(int, hhmm.split(":"))
    return hours * 60 + mins


def test_regenerating_gives_the_committed_file_byte_for_byte(tmp_path):
    out = tmp_path / "demo.json"
    subprocess.run(
        [sys.executable, str(GENERATOR), "--output", str(out), "--quiet"],
        check=True,
        timeout=60,
    )
    assert out.read_bytes() == DEMO.read_bytes(), (
        "seeds/demo-meetings.json is out of date: run python seeds/make_demo_meetings.py"
    )


def test_file_is_pretty_printed_and_stably_sorted(meetings):
    text = DEMO.read_text(encoding="utf-8")
    assert text.startswith("[\n {") and text.endswith("]\n")
    keys = [(m["city"], m["day"], m["time"], m["slug"]) for m in meetings]
    assert keys == sorted(keys)


def test_every_meeting_has_the_feed_fields(meetings):
    for m in meetings:
        assert isinstance(m["name"], str) and m["name"].strip(), m
        assert SLUG.match(m["slug"]), m["slug"]
        assert m["fellowship"] in FELLOWSHIPS, m["slug"]
        assert type(m["day"]) is int and 0 <= m["day"] <= 6, m["slug"]
        assert HHMM.match(m["time"]) and HHMM.match(m["end_time"]), m["slug"]
        assert m["timezone"] == "Europe/London"
        assert m["country"] == "United Kingdom"
        assert m["attendance_option"] in MODES, m["slug"]
        assert m["types"] and set(m["types"]) <= KNOWN_TYPES, (m["slug"], m["types"])
        assert ("O" in m["types"]) != ("C" in m["types"]), m["slug"]
        assert m["languages"] and all(re.fullmatch(r"[a-z]{2}", c) for c in m["languages"])
        assert isinstance(m["city"], str) and m["city"]
        assert isinstance(m["notes"], str) and m["notes"]
        if "hearing_loop" in m:
            assert m["hearing_loop"] is True


def test_slugs_are_unique(meetings):
    slugs = Counter(m["slug"] for m in meetings)
    assert [s for s, n in slugs.items() if n > 1] == []


def test_durations_are_plausible(meetings):
    for m in meetings:
        length = (minutes(m["end_time"]) - minutes(m["time"])) % (24 * 60)
        assert 45 <= length <= 150, (m["slug"], m["time"], m["end_time"])


def test_places_are_real_postcodes_inside_great_britain(meetings):
    where = defaultdict(set)
    for m in meetings:
        assert POSTCODE.match(m["postal_code"]), m["postal_code"]
        lat, lng = m["latitude"], m["longitude"]
        assert isinstance(lat, float) and isinstance(lng, float)
        assert 49.8 < lat < 60.9 and -8.7 < lng < 1.8, (m["slug"], lat, lng)
        where[m["postal_code"]].add((lat, lng))
    # One postcode, one position.
    assert {pc: pos for pc, pos in where.items() if len(pos) > 1} == {}


def test_attendance_modes_are_consistent(meetings):
    for m in meetings:
        online = m["attendance_option"] in {"online", "hybrid"}
        assert ("conference_url" in m) == online, m["slug"]
        assert ("ONL" in m["types"]) == online, m["slug"]
        in_person = m["attendance_option"] in {"in_person", "hybrid"}
        assert bool(m.get("location")) == in_person, m["slug"]
        assert bool(m.get("address")) == in_person, m["slug"]
        if "conference_phone" in m:
            assert online, m["slug"]
        if not in_person:
            assert "hearing_loop" not in m and "X" not in m["types"], m["slug"]


def test_volume_and_spread_of_towns(meetings):
    assert len(meetings) >= 420
    by_town = defaultdict(list)
    for m in meetings:
        by_town[m["city"]].append(m)
    assert len(by_town) >= 12
    nations = Counter()
    for town, ms in by_town.items():
        postcodes = {m["postal_code"] for m in ms}
        assert len(postcodes) >= 3, town
        in_nations = {nation(pc) for pc in postcodes}
        assert len(in_nations) == 1, (town, in_nations)
        nations[in_nations.pop()] += 1
    assert nations["england"] >= 3 and nations["wales"] >= 2 and nations["scotland"] >= 2


def test_fellowships_are_all_present_and_mixed(meetings):
    assert {m["fellowship"] for m in meetings} == FELLOWSHIPS
    by_town = defaultdict(set)
    for m in meetings:
        by_town[m["city"]].add(m["fellowship"])
    for town, fellowships in by_town.items():
        assert len(fellowships) >= 4, town
    towns_with_family_groups = [t for t, fs in by_town.items() if fs & FAMILY]
    assert len(towns_with_family_groups) >= 5


def test_online_and_hybrid_share(meetings):
    modes = Counter(m["attendance_option"] for m in meetings)
    assert modes["online"] and modes["hybrid"] and modes["in_person"]
    assert modes["online"] + modes["hybrid"] >= 0.15 * len(meetings)


def test_secular_aa_meetings(meetings):
    secular = [m for m in meetings if "A" in m["types"]]
    assert len(secular) >= 10
    for m in secular:
        assert m["fellowship"] == "aa", m["slug"]
    for m in meetings:
        is_secular = m.get("ethos") == "secular"
        assert is_secular == ("A" in m["types"]), m["slug"]
        if "ethos" in m:
            assert m["ethos_source"] == "group"
        else:
            assert "ethos_source" not in m


def test_ort_positions_are_stated_by_some_groups_only(meetings):
    stated = [m for m in meetings if "ort_openness" in m]
    for m in stated:
        assert m["ort_openness"] in {"welcoming", "restricted"}, m["slug"]
        assert m["ort_source"] == "group", m["slug"]
        assert m["fellowship"] not in FAMILY, m["slug"]
    for m in meetings:
        assert ("ort_source" in m) == ("ort_openness" in m), m["slug"]
    assert len({m["fellowship"] for m in stated}) >= 3
    assert {m["ort_openness"] for m in stated} == {"welcoming", "restricted"}
    assert 0 < len(stated) < 0.25 * len(meetings)


def test_some_meetings_end_after_midnight(meetings):
    late = [m for m in meetings if minutes(m["end_time"]) < minutes(m["time"])]
    assert len(late) >= 5
    assert all(m["end_time"] != m["time"] for m in meetings)


def test_audiences_and_access(meetings):
    def having(code: str, *, fellowships=FELLOWSHIPS) -> int:
        return sum(1 for m in meetings if code in m["types"] and m["fellowship"] in fellowships)

    assert having("W") and having("M") and having("LGBTQ") and having("X")
    assert having("BE")
    assert having("Y", fellowships=FELLOWSHIPS - {"al-anon"})  # young people
    assert having("Y", fellowships={"al-anon"})  # Al-Anon's Y means Alateen
    assert any(m.get("hearing_loop") for m in meetings)
    assert having("POA", fellowships={"aa", "na", "ca"})  # proof of attendance
    for m in meetings:
        assert not {"W", "M"} <= set(m["types"]), m["slug"]
        if m["fellowship"] == "al-anon":
            assert "POA" not in m["types"], m["slug"]  # Al-Anon POA = Parents of Alcoholics


def test_every_day_and_every_part_of_the_day(meetings):
    assert {m["day"] for m in meetings} == set(range(7))
    parts = Counter()
    for m in meetings:
        hour = int(m["time"][:2])
        if 5 <= hour < 12:
            parts["morning"] += 1
        elif 12 <= hour < 17:
            parts["afternoon"] += 1
        elif 17 <= hour < 21:
            parts["evening"] += 1
        else:
            parts["night"] += 1
    assert all(parts[p] for p in ("morning", "afternoon", "evening", "night")), parts


def test_welsh_and_polish_language_meetings(meetings):
    welsh = [m for m in meetings if "cy" in m["languages"]]
    assert len(welsh) >= 3
    assert all(area(m["postal_code"]) in WALES_AREAS for m in welsh)
    polish = [m for m in meetings if "pl" in m["languages"]]
    assert len(polish) >= 3
    assert all("POL" in m["types"] for m in polish)
    assert all("pl" in m["languages"] for m in meetings if "POL" in m["types"])


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def test_nothing_real_links_and_phones(meetings):
    for m in meetings:
        for text in _strings(m):
            assert "@" not in text, (m["slug"], text)
            assert "www." not in text, (m["slug"], text)
            for url in re.findall(r"\w+://\S+", text):
                host = urlsplit(url).hostname or ""
                assert url.startswith("https://"), url
                assert host == "example.org" or host.endswith((".example.org", ".invalid")), url
        if "conference_phone" in m:
            assert DRAMA_PHONE.match(m["conference_phone"]), m["conference_phone"]
        # No phone-like numbers anywhere else.
        others = {k: v for k, v in m.items() if k != "conference_phone"}
        for text in _strings(others):
            assert not re.search(r"\d{3,}[ -]?\d{3,}", text), (m["slug"], text)


def test_nothing_real_names_and_places(meetings):
    for m in meetings:
        words = set(re.findall(r"[a-z]+", " ".join([m["name"], m.get("location", "")]).lower()))
        assert not words & GIVEN_NAMES, (m["slug"], words & GIVEN_NAMES)
        if "location" in m:
            assert not re.search(r"\bSt\.? |\bSaint\b|Cathedral|Abbey", m["location"])
        if "address" in m:
            number, street = m["address"].split(" ", 1)
            assert number.isdigit(), m["address"]
            assert street not in COMMON_STREETS, m["address"]
        assert m["notes"].startswith(("Fictional", "Demo")), m["slug"]
