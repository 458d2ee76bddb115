"""Every user-facing string is translated into Welsh and Polish, and none bypasses gettext."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from jinja2 import Environment

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
