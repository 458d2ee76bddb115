"""Every user-facing string is translated into Welsh and Polish, and none bypasses gettext."""

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from jinja2 import Environment

from finder.meetings import support

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "finder" / "translations"
TEMPLATES = ROOT / "finder" / "templates"
LANGUAGES = ("cy", "pl")
METHOD_MAP = [
    ("finder/**.py", "python"),
    ("finder/templates/**.html", "jinja2"),
    ("finder/templates/**.txt", "jinja2"),
]
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "_l": None,
    "lazy_gettext": None,
    "lazy_ngettext": (1, 2),
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def catalogue(language: str):
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


def source_messages() -> set[str]:
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), METHOD_MAP, keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_the_catalogue_checker_notices_an_untranslated_string():
    assert untranslated_in(["a", ""]) and not untranslated_in(["a", "b"])


def untranslated_in(strings) -> bool:
    return any(not text for text in strings)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_in_the_code_is_in_the_catalogue(language):
    known = {
        message.id if isinstance(message.id, str) else message.id[0]
        for message in catalogue(language)
        if message.id
    }
    missing = sorted(source_messages() - known)
    assert missing == [], f"run pybabel extract/update, then translate: {missing[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_not_fuzzy(language):
    problems = []
    for message in catalogue(language):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if untranslated_in(strings):
            problems.append(f"untranslated: {message.id!r}")
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder(language):
    problems = []
    for message in catalogue(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = set(PLACEHOLDER.findall(" ".join(ids))) - {"%(num)d"}
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            if set(PLACEHOLDER.findall(text)) - {"%(num)d"} != wanted:
                problems.append(f"{message.id!r} -> {text!r}")
    assert problems == []


def _as_tuple(value):
    return tuple(value) if isinstance(value, list | tuple) else value


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_the_source(language):
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.mo").open("rb") as handle:
        compiled = {_as_tuple(m.id): _as_tuple(m.string) for m in read_mo(handle) if m.id}
    source = {
        _as_tuple(m.id): _as_tuple(m.string)
        for m in catalogue(language)
        if m.id and not m.fuzzy
    }
    assert compiled == source, "run: pybabel compile -d finder/translations"


# Text in templates outside {{ }} and {% %}: anything with letters must not be there.
USER_FACING_ATTRIBUTES = re.compile(
    r'\b(?:aria-label|title|alt|placeholder)="([^"{]*[A-Za-z][^"{]*)"'
)
TAG = re.compile(r"<[^>]*>")


def literal_text(template: Path) -> str:
    tokens = Environment().lex(template.read_text(encoding="utf-8"))
    return "".join(value for _line, kind, value in tokens if kind == "data")


@pytest.mark.parametrize(
    "template",
    sorted([*TEMPLATES.rglob("*.html"), *TEMPLATES.rglob("*.txt")]),
    ids=lambda p: str(p.relative_to(TEMPLATES)),
)
def test_no_template_text_bypasses_gettext(template):
    data = literal_text(template)
    attributes = USER_FACING_ATTRIBUTES.findall(data)
    text = re.sub(r"&\w+;|&#\d+;", " ", TAG.sub(" ", data))
    text = re.sub(r"-[a-z]+\b", " ", text)  # the ends of ids built in templates, like "-error"
    words = [word for word in re.findall(r"[A-Za-z][A-Za-z']+", text)]
    assert attributes == [] and words == [], f"text not through gettext: {attributes + words}"


# --- Wording that the Welsh and Polish review asked for (issue 18) -------------------------------

WELSH_DAYS = ("Sul", "Llun", "Mawrth", "Mercher", "Iau", "Gwener", "Sadwrn")
POLISH_EVERY = ("W każdą niedzielę", "W każdy poniedziałek", "W każdy wtorek", "W każdą środę",
                "W każdy czwartek", "W każdy piątek", "W każdą sobotę")


def in_language(app, language: str):
    return app.test_request_context("/", headers={"Accept-Language": language})


@pytest.mark.parametrize("day", range(7))
def test_a_weekly_schedule_is_a_whole_sentence_for_each_day(app, day):
    from finder.meetings.text import every_week_at

    start = dt.time(19, 30)
    with in_language(app, "cy"):
        assert every_week_at(day, start) == f"Bob dydd {WELSH_DAYS[day]} am 19:30 (amser y DU)"
    with in_language(app, "pl"):
        assert every_week_at(day, start) == f"{POLISH_EVERY[day]} o 19:30 (czas brytyjski)"


def test_the_welsh_catalogue_uses_the_standard_cldr_plural_rule():
    welsh = catalogue("cy")
    assert welsh.num_plurals == 6
    assert welsh.plural_expr == get_plural("cy").plural_expr
    for message in welsh:
        if message.id and isinstance(message.id, tuple):
            assert len(message.string) == 6 and all(message.string), message.id


# Every number the app puts into a plural message, and the Welsh it must give (mutations
# follow the spoken numeral: "un filltir", "dwy filltir", "tair milltir", "dau gyfarfod").
WELSH_PLURALS = [
    ("Within %(num)d mile", "Within %(num)d miles", 1, "O fewn 1 filltir"),
    ("Within %(num)d mile", "Within %(num)d miles", 2, "O fewn 2 filltir"),
    ("Within %(num)d mile", "Within %(num)d miles", 5, "O fewn 5 milltir"),
    ("Within %(num)d mile", "Within %(num)d miles", 50, "O fewn 50 milltir"),
    ("Up to %(num)d mile", "Up to %(num)d miles", 1, "Hyd at 1 filltir"),
    ("Up to %(num)d mile", "Up to %(num)d miles", 15, "Hyd at 15 milltir"),
    ("Starting in %(num)d minute", "Starting in %(num)d minutes", 2, "Yn dechrau ymhen 2 funud"),
    ("Starting in %(num)d minute", "Starting in %(num)d minutes", 6, "Yn dechrau ymhen 6 munud"),
    ("Starting in %(num)d minute", "Starting in %(num)d minutes", 25,
     "Yn dechrau ymhen 25 munud"),
    ("%(num)d meeting found", "%(num)d meetings found", 1, "1 cyfarfod wedi'i ganfod"),
    ("%(num)d meeting found", "%(num)d meetings found", 2, "2 gyfarfod wedi'u canfod"),
    ("%(num)d meeting found", "%(num)d meetings found", 3, "3 chyfarfod wedi'u canfod"),
    ("%(num)d meeting found", "%(num)d meetings found", 6, "6 chyfarfod wedi'u canfod"),
    ("%(num)d meeting found", "%(num)d meetings found", 7, "7 cyfarfod wedi'u canfod"),
]


@pytest.mark.parametrize(("singular", "plural", "n", "expected"), WELSH_PLURALS)
def test_welsh_plurals_give_the_right_form_for_each_number(app, singular, plural, n, expected):
    from flask_babel import ngettext

    with in_language(app, "cy"):
        assert ngettext(singular, plural, n) == expected


@pytest.mark.parametrize(
    ("language", "n", "expected"),
    [("en", 1, "Up to 1 mile"), ("en", 5, "Up to 5 miles"), ("pl", 1, "Do 1 mili"),
     ("pl", 2, "Do 2 mil"), ("pl", 25, "Do 25 mil")],
)
def test_how_far_a_volunteer_travels_is_a_plural(app, language, n, expected):
    from flask_babel import ngettext

    with in_language(app, language):
        assert ngettext("Up to %(num)d mile", "Up to %(num)d miles", n) == expected


CRISIS_NUMBERS = ("999", "111", "116 123", "0800 1111")


@pytest.mark.parametrize("language", LANGUAGES)
def test_crisis_and_helpline_numbers_survive_translation(language):
    checked, lost = 0, []
    for message in catalogue(language):
        if not message.id or isinstance(message.id, tuple):
            continue
        for number in CRISIS_NUMBERS:
            if re.search(rf"(?<!\d){number}(?!\d)", message.id):
                checked += 1
                if not re.search(rf"(?<!\d){number}(?!\d)", message.string):
                    lost.append(f"{number} in {message.id!r}")
    assert checked >= 10 and lost == []


def test_the_polish_crisis_line_says_what_samaritans_is_and_gives_112():
    crisis_lines = [
        message.string for message in catalogue("pl")
        if isinstance(message.id, str) and "Samaritans: 116 123" in message.id
    ]
    assert len(crisis_lines) == 2
    for text in crisis_lines:
        assert "telefon zaufania" in text and "po angielsku" in text and "999 lub 112" in text
    # The request pages give Samaritans from seeds/support.toml, and 999 in their own sentence.
    samaritans = next(o for o in support.all_organisations() if o.slug == "samaritans")
    assert "telefon zaufania" in samaritans.description("pl").lower()
    assert "po angielsku" in samaritans.description("pl")
    emergency = next(message.string for message in catalogue("pl")
                     if message.id == "In an emergency call 999. For urgent medical help call 111.")
    assert "999 lub 112" in emergency
