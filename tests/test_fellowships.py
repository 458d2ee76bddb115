"""Information parity, enforced from seeds/fellowships.toml.

Every fellowship has the same fields in every language, similar length, no words that praise
or rank, and contacts with a recorded source. The checker is fed broken seed files too, so these
tests can fail.
"""

from __future__ import annotations

import copy
import json
import re
import statistics
import tomllib
from datetime import date

import pytest
import textstat
from finder.seeds import seed_file

from finder.meetings import fellowships
from finder.meetings.fellowships import DESCRIPTION_FIELDS
from finder.meetings.fellowships import LANGUAGES
from finder.meetings.fellowships import parity_problems

SEED = seed_file("fellowships.toml")

EXPECTED = {
    "aa": "Alcoholics Anonymous",
    "na": "Narcotics Anonymous",
    "ca": "Cocaine Anonymous",
    "smart": "SMART Recovery",
    "al-anon": "Al-Anon",
    "nar-anon": "Nar-Anon",
    "families-anonymous": "Families Anonymous",
    "smart-family-friends": "SMART Recovery Family & Friends",
}
FAMILY = {"al-anon", "nar-anon", "families-anonymous", "smart-family-friends"}
SECULAR = {"smart", "smart-family-friends"}
KEYS = {
    "slug", "name", "short_name", "family_group", "default_ethos", "website", "helpline",
    "contact_source", "contact_checked", "description",
}  # fmt: skip
# Reading age, as a US school grade (Flesch-Kincaid): every row under this grade, and no row
# markedly harder or easier than another.
HIGHEST_GRADE = 8.0
GRADE_BAND = 2.0
# Checked here independently of the checker's own list.
EVALUATIVE = (
    "best", "proven", "most effective", "effective", "successful", "amazing", "only",
    "guaranteed", "life-saving", "powerful",
)  # fmt: skip


def raw_seed() -> dict:
    with SEED.open("rb") as seed:
        return tomllib.load(seed)


def english(fellowship) -> str:
    return " ".join(fellowship.descriptions["en"][field] for field in DESCRIPTION_FIELDS)


# --- the seed file itself ----------------------------------------------------------------------


def test_every_fellowship_is_present_with_its_name():
    assert {f.slug: f.name for f in fellowships.all_fellowships()} == EXPECTED


def test_every_entry_has_exactly_the_agreed_keys():
    for entry in raw_seed()["fellowship"]:
        assert set(entry) - {"helpline", "medication_position"} <= KEYS, entry["slug"]
        assert KEYS - {"helpline"} <= set(entry), entry["slug"]


def test_a_published_medication_position_is_optional_and_never_for_a_family_group():
    for entry in raw_seed()["fellowship"]:
        position = entry.get("medication_position")
        if position is None:
            continue
        assert not entry["family_group"], entry["slug"]
        assert set(position) == {"openness", "source", "source_title", "checked"}
        assert position["source"].startswith("https://")
        date.fromisoformat(str(position["checked"]))


def test_only_positions_verified_on_the_fellowships_own_pages_are_recorded():
    """NA (NA Groups and Medication) and SMART Recovery's statement; AA and CA have none we
    could verify, so their meetings say "not stated" unless the group says otherwise."""
    positions = {f.slug: f.medication_position for f in fellowships.all_fellowships()}
    assert positions["smart"].openness == "welcoming"
    assert positions["na"].openness == "restricted"
    assert positions["na"].source.startswith("https://na.org/")
    assert {slug for slug, position in positions.items() if position} == {"na", "smart"}


def test_a_family_group_with_a_medication_position_is_rejected(tmp_path):
    def give_al_anon_a_position(by_slug):
        by_slug["al-anon"]["medication_position"] = dict(by_slug["smart"]["medication_position"])

    assert "al-anon: a family group has no medication position" in problems_after(
        tmp_path, give_al_anon_a_position)


def test_the_seed_file_has_no_parity_problems():
    assert parity_problems(fellowships.all_fellowships()) == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_every_field_is_filled_in_every_language(slug, language):
    description = fellowships.get(slug).descriptions[language]
    assert list(description) == list(DESCRIPTION_FIELDS)
    for field in DESCRIPTION_FIELDS:
        assert description[field].strip(), f"{slug} {language} {field} is empty"


def test_translations_differ_from_the_english():
    for fellowship in fellowships.all_fellowships():
        for language in ("cy", "pl"):
            for field in DESCRIPTION_FIELDS:
                assert (
                    fellowship.descriptions[language][field] != fellowship.descriptions["en"][field]
                ), f"{fellowship.slug} {language} {field} is untranslated"


def test_english_descriptions_are_within_a_fifth_of_the_median_length():
    counts = {f.slug: len(english(f).split()) for f in fellowships.all_fellowships()}
    median = statistics.median(counts.values())
    for slug, count in counts.items():
        assert 0.8 * median <= count <= 1.2 * median, f"{slug}: {count} words, median {median}"


def reading_grades() -> dict[str, float]:
    return {fellowship.slug: textstat.flesch_kincaid_grade(english(fellowship))
            for fellowship in fellowships.all_fellowships()}


def test_every_english_description_reads_at_or_below_the_highest_grade():
    grades = reading_grades()
    assert {slug: grade for slug, grade in grades.items() if grade > HIGHEST_GRADE} == {}


def test_english_descriptions_have_a_similar_reading_age():
    grades = reading_grades()
    easiest, hardest = min(grades, key=grades.get), max(grades, key=grades.get)
    assert grades[hardest] - grades[easiest] <= GRADE_BAND, (
        f"{hardest} reads at grade {grades[hardest]}, {easiest} at {grades[easiest]}")


def test_the_reading_age_check_catches_a_row_written_in_jargon():
    smart = fellowships.get("smart")
    dense = ("Self-Management and Recovery Training: a four-point programme using cognitive "
             "behavioural therapeutic methodologies and motivational interviewing techniques. ") * 9
    assert textstat.flesch_kincaid_grade(dense) > HIGHEST_GRADE
    assert textstat.flesch_kincaid_grade(english(smart)) <= HIGHEST_GRADE


def test_family_rows_name_the_person_with_the_problem_the_same_way():
    for slug in FAMILY:
        text = english(fellowships.get(slug))
        assert not re.search(r"\bthe (drinker|addict|alcoholic|user)\b", text, re.IGNORECASE), slug


def test_newcomers_are_told_they_need_not_take_a_label_in_aa_and_na():
    assert "do not have to call yourself an alcoholic" in fellowships.get("aa").descriptions[
        "en"]["who_for"]
    assert "do not have to call yourself an addict" in fellowships.get("na").descriptions[
        "en"]["who_for"]


def test_aa_says_it_is_about_alcohol_for_someone_whose_problem_is_other_drugs():
    assert "AA is about alcohol" in fellowships.get("aa").descriptions["en"]["open_closed"]


@pytest.mark.parametrize(("field", "sentence", "found"), [
    ("approach", "The focus is on changing the drinker.", "the drinker"),
    ("ethos", "The programme is based on psychological research.", "research"),
    ("approach", "Topics include not enabling.", "enabling"),
    ("approach", "It is an evidence-based approach.", "evidence-based"),
])
def test_uneven_wording_is_rejected(tmp_path, field, sentence, found):
    def add(by_slug):
        by_slug["al-anon"]["description"]["en"][field] += " " + sentence

    problems = problems_after(tmp_path, add)
    assert f"al-anon: en {field} says {found!r}, which no row should" in problems, problems


@pytest.mark.parametrize("word", EVALUATIVE)
def test_no_english_description_uses_an_evaluative_word(word):
    pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
    for fellowship in fellowships.all_fellowships():
        assert not pattern.search(english(fellowship)), f"{fellowship.slug} says {word!r}"


def test_default_ethos_is_secular_for_smart_and_spiritual_for_the_rest():
    for fellowship in fellowships.all_fellowships():
        expected = "secular" if fellowship.slug in SECULAR else "spiritual"
        assert fellowship.default_ethos == expected, fellowship.slug


def test_websites_given_are_https_addresses():
    for fellowship in fellowships.all_fellowships():
        if fellowship.website:
            assert fellowship.website.startswith("https://"), fellowship.slug


def test_every_contact_records_the_https_page_it_was_checked_on():
    for fellowship in fellowships.all_fellowships():
        assert fellowship.contact_source.startswith("https://"), fellowship.slug


def test_every_website_shown_was_checked_on_that_websites_own_pages():
    """Not an article about the fellowship: a page the fellowship itself publishes."""
    shown = [f for f in fellowships.all_fellowships() if f.website]
    assert shown
    for fellowship in shown:
        assert fellowships.on_own_site(fellowship.contact_source, fellowship.website), (
            fellowship.slug)


@pytest.mark.parametrize(("page", "website", "own"), [
    ("https://www.ukna.org/page/a", "https://ukna.org", True),
    ("https://museum.ca.org/a.html", "https://ca.org", True),
    ("https://smartrecovery.org.uk/about/", "https://www.smartrecovery.org.uk/family/", True),
    ("https://notca.org/a.html", "https://ca.org", False),
    ("https://ca.org.evil.example/a", "https://ca.org", False),
    ("https://www.example-news.co.uk/aa", "https://www.alcoholics-anonymous.org.uk", False),
])
def test_a_page_counts_as_the_websites_own_only_on_its_site(page, website, own):
    assert fellowships.on_own_site(page, website) is own


def test_helplines_are_uk_numbers_written_in_digits():
    for fellowship in fellowships.all_fellowships():
        if fellowship.helpline:
            digits = fellowship.helpline.replace(" ", "")
            assert re.fullmatch(r"0\d{10}", digits), fellowship.slug


def test_contact_checked_is_a_date_not_in_the_future():
    for fellowship in fellowships.all_fellowships():
        checked = date.fromisoformat(str(fellowship.contact_checked))
        assert checked <= date.today(), fellowship.slug


def test_fellowships_are_listed_alphabetically_by_name():
    names = [f.name for f in fellowships.all_fellowships()]
    assert names == sorted(names, key=str.casefold)
    assert names[0] == "Al-Anon"  # a neutral order, not the seed file's order


def test_family_groups_are_the_four_family_fellowships_in_alphabetical_order():
    groups = fellowships.family_groups()
    assert {f.slug for f in groups} == FAMILY
    assert all(f.family_group for f in groups)
    assert [f.name for f in groups] == sorted((f.name for f in groups), key=str.casefold)


def test_no_family_group_is_listed_as_a_group_for_the_person_with_the_problem():
    for fellowship in fellowships.all_fellowships():
        assert fellowship.family_group == (fellowship.slug in FAMILY), fellowship.slug


def test_alateen_age_range_is_stated_for_al_anon_in_every_language():
    for language in LANGUAGES:
        assert "12" in fellowships.get("al-anon").descriptions[language]["who_for"]
        assert "17" in fellowships.get("al-anon").descriptions[language]["who_for"]


# --- the checker rejects broken seed files -------------------------------------------------------


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(str(value), ensure_ascii=False)


def write_seed(path, data: dict):
    """A small TOML writer for this file's shape (tomllib reads but cannot write)."""
    lines = []
    for entry in data["fellowship"]:
        lines.append("[[fellowship]]")
        for key, value in entry.items():
            if key not in ("description", "medication_position"):
                lines.append(f"{key} = {_toml_value(value)}")
        if "medication_position" in entry:
            lines.append("[fellowship.medication_position]")
            lines.extend(f"{key} = {_toml_value(value)}"
                         for key, value in entry["medication_position"].items())
        for language, rows in entry["description"].items():
            lines.append(f"[fellowship.description.{language}]")
            lines.extend(f"{key} = {_toml_value(text)}" for key, text in rows.items())
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def problems_after(tmp_path, change) -> list[str]:
    data = copy.deepcopy(raw_seed())
    change({entry["slug"]: entry for entry in data["fellowship"]})
    return parity_problems(fellowships.all_fellowships(write_seed(tmp_path / "seed.toml", data)))


def test_an_unchanged_copy_of_the_seed_passes(tmp_path):
    assert problems_after(tmp_path, lambda by_slug: None) == []


def test_an_unbalanced_description_is_rejected(tmp_path):
    def pad_aa(by_slug):
        rows = by_slug["aa"]["description"]["en"]
        rows["meetings"] += " Members talk about many different things at length." * 12

    problems = problems_after(tmp_path, pad_aa)
    assert any(p.startswith("aa: English description has") for p in problems), problems


def test_a_description_that_is_too_short_is_rejected(tmp_path):
    def trim_na(by_slug):
        for field in ("approach", "meetings", "mentoring", "medication"):
            by_slug["na"]["description"]["en"][field] = "See the NA website."

    problems = problems_after(tmp_path, trim_na)
    assert any(p.startswith("na: English description has") for p in problems), problems


@pytest.mark.parametrize(
    ("language", "sentence", "word"),
    [
        ("en", "It is the most effective group.", "most effective"),
        ("en", "The best way to stop.", "best"),
        ("en", "SMART is the only secular option.", "only"),
        ("cy", "Dyma'r grŵp mwyaf effeithiol.", "effeithiol"),
        ("pl", "To najlepsza grupa.", "najlepsza"),
    ],
)
def test_an_evaluative_word_is_rejected_in_any_language(tmp_path, language, sentence, word):
    def praise(by_slug):
        by_slug["smart"]["description"][language]["approach"] += " " + sentence

    problems = problems_after(tmp_path, praise)
    assert any(f"smart: {language} approach" in p and word in p for p in problems), problems


def test_great_britain_is_not_mistaken_for_praise(tmp_path):
    assert "Great Britain" in fellowships.get("aa").descriptions["en"]["contact"]
    assert problems_after(tmp_path, lambda by_slug: None) == []


def test_a_missing_welsh_field_is_rejected(tmp_path):
    def drop(by_slug):
        del by_slug["ca"]["description"]["cy"]["medication"]

    assert "ca: cy is missing medication" in problems_after(tmp_path, drop)


def test_an_empty_polish_field_is_rejected(tmp_path):
    def blank(by_slug):
        by_slug["nar-anon"]["description"]["pl"]["cost"] = "  "

    assert "nar-anon: pl is missing cost" in problems_after(tmp_path, blank)


def test_an_extra_field_is_rejected(tmp_path):
    def extra(by_slug):
        by_slug["aa"]["description"]["en"]["rating"] = "Five stars."

    assert "aa: en has unknown fields rating" in problems_after(tmp_path, extra)


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("default_ethos", "religious", "al-anon: ethos 'religious' is not secular or spiritual"),
        ("website", "http://al-anonuk.org.uk", "al-anon: website 'http://al-anonuk.org.uk'"),
        ("contact_source", "", "al-anon: source '' is not an https address"),
        ("contact_source", "https://www.example-news.co.uk/al-anon-helpline",
         "al-anon: source 'https://www.example-news.co.uk/al-anon-helpline' is not on the "
         "website's own site"),
        ("helpline", "call us", "al-anon: helpline 'call us' is not a UK number in digits"),
        ("contact_checked", "last week", "al-anon: contact_checked 'last week' is not a date"),
    ],
)
def test_bad_contact_details_are_rejected(tmp_path, key, value, expected):
    def spoil(by_slug):
        by_slug["al-anon"][key] = value

    problems = problems_after(tmp_path, spoil)
    assert any(p.startswith(expected) for p in problems), problems
