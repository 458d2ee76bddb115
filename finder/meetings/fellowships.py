"""The fellowships, read from seeds/fellowships.toml.

Fellowships are data, not code: every fellowship has the same fields, and lists of them
are always in one neutral order (alphabetical by name), never favouring one.
"""

from __future__ import annotations

import re
import statistics
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources.abc import Traversable
from urllib.parse import urlsplit

from finder import vocabulary
from finder.seeds import seed_file

# The comparison rows, in the order every fellowship page and the comparison table use.
DESCRIPTION_FIELDS = (
    "who_for",
    "approach",
    "ethos",
    "meetings",
    "open_closed",
    "cost",
    "mentoring",
    "medication",
    "contact",
)

LANGUAGES = ("en", "cy", "pl")
ETHOS_VALUES = tuple(vocabulary.ETHOS)
# Each fellowship's English description may differ from the median length by at most this share.
LENGTH_TOLERANCE = 0.20
# Words that praise or rank; none belongs in a neutral description. A trailing * matches any ending
# (Welsh and Polish words inflect). Welsh "gorau" is left out: "rhoi'r gorau i" just means "stop".
EVALUATIVE_WORDS = {
    "en": (
        "best",
        "better",
        "proven",
        "most effective",
        "effective",
        "successful",
        "success",
        "amazing",
        "only",
        "guaranteed",
        "guarantee",
        "life-saving",
        "lifesaving",
        "powerful",
        "excellent",
        "great",
        "leading",
        "world-class",
        "miracle",
        "works",
        "superior",
        "unique",
    ),
    "cy": ("effeithiol", "llwyddiannus", "gwarant*", "yn unig", "profedig", "gwych", "ardderchog"),
    "pl": ("najlepsz*", "skuteczn*", "sprawdzon*", "gwarant*", "jedyn*", "tylko", "wspania*"),
}
# Wording that one row would get and others not: labels for the person with the problem (family
# rows say "the person who drinks" or "the person you are worried about"), and appeals to research
# or jargon that lend one approach a credibility no other row is given. English only: the other
# languages are translations of the English rows.
UNEVEN_WORDING = (
    "the drinker",
    "the addict",
    "the alcoholic",
    "the user",
    "research",
    "evidence-based",
    "evidence based",
    "scientific",
    "science-based",
    "enabling",
    "codependen*",
)
# Proper names that contain a listed word but praise nothing.
NAMES_NOT_PRAISE = ("Great Britain", "Prydain Fawr", "Wielka Brytania", "Wielkiej Brytanii")


@dataclass(frozen=True)
class PublishedPosition:
    """What a fellowship itself has published about people on methadone or buprenorphine:
    an ORT_OPENNESS code, where it says so, and the date that page was last checked."""

    openness: str
    source: str
    source_title: str
    checked: date


@dataclass(frozen=True)
class Fellowship:
    slug: str
    name: str
    short_name: str
    family_group: bool
    default_ethos: str
    website: str
    helpline: str | None
    contact_source: str
    contact_checked: str
    descriptions: dict[str, dict[str, str]]
    # None where the fellowship has published no position we could verify, and for family
    # groups, to whom the question does not apply.
    medication_position: PublishedPosition | None = None

    def description(self, locale: str) -> dict[str, str]:
        """The description rows in the reader's language, falling back to English."""
        return self.descriptions.get(locale) or self.descriptions["en"]


def all_fellowships(path: Traversable | None = None) -> tuple[Fellowship, ...]:
    """The seeded fellowships (read once), or those in another file (a test's copy)."""
    return _seeded() if path is None else _read(path)


@cache
def _seeded() -> tuple[Fellowship, ...]:
    return _read(seed_file("fellowships.toml"))


def _read(path: Traversable) -> tuple[Fellowship, ...]:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    fellowships = [
        Fellowship(
            slug=entry["slug"],
            name=entry["name"],
            short_name=entry["short_name"],
            family_group=entry["family_group"],
            default_ethos=entry["default_ethos"],
            website=entry["website"],
            helpline=entry.get("helpline") or None,
            contact_source=entry["contact_source"],
            contact_checked=entry["contact_checked"],
            descriptions=entry["description"],
            medication_position=_position(entry.get("medication_position")),
        )
        for entry in raw["fellowship"]
    ]
    return tuple(sorted(fellowships, key=lambda f: f.name.casefold()))


def _position(raw: dict | None) -> PublishedPosition | None:
    if not raw:
        return None
    return PublishedPosition(
        openness=raw["openness"],
        source=raw["source"],
        source_title=raw["source_title"],
        checked=date.fromisoformat(str(raw["checked"])),
    )


def by_slug() -> dict[str, Fellowship]:
    return {f.slug: f for f in all_fellowships()}


def get(slug: str) -> Fellowship | None:
    return by_slug().get(slug)


def family_groups() -> tuple[Fellowship, ...]:
    return tuple(f for f in all_fellowships() if f.family_group)


def english_word_count(fellowship: Fellowship) -> int:
    text = " ".join(fellowship.descriptions.get("en", {}).values())
    return len(re.findall(r"[\w'’-]+", text))


def on_own_site(page: str, website: str) -> bool:
    """True when `page` is on `website`'s own site (the same host or one of its subdomains), so a
    website is only ever vouched for by a page the organisation itself publishes."""
    site = (urlsplit(website).hostname or "").removeprefix("www.")
    host = urlsplit(page).hostname or ""
    return bool(site) and (host.removeprefix("www.") == site or host.endswith("." + site))


def _evaluative_pattern(words: tuple[str, ...]) -> re.Pattern:
    parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words]
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)


def parity_problems(fellowships) -> list[str]:
    """Everything that breaks information parity, in plain words; an empty list means none.

    Same fields in every language, similar English length, no evaluative words, no labels for
    the person with the problem and no appeals to research or jargon, valid ethos, https links,
    a real date checked, and UK phone numbers written as digits.
    """
    problems: list[str] = []
    fellowships = tuple(fellowships)
    for f in fellowships:
        for lang in LANGUAGES:
            rows = f.descriptions.get(lang) or {}
            missing = [k for k in DESCRIPTION_FIELDS if not str(rows.get(k) or "").strip()]
            extra = sorted(set(rows) - set(DESCRIPTION_FIELDS))
            if missing:
                problems.append(f"{f.slug}: {lang} is missing {', '.join(missing)}")
            if extra:
                problems.append(f"{f.slug}: {lang} has unknown fields {', '.join(extra)}")
            pattern = _evaluative_pattern(EVALUATIVE_WORDS[lang])
            for key, text in rows.items():
                text = str(text)
                for name in NAMES_NOT_PRAISE:
                    text = text.replace(name, "")
                for found in pattern.findall(text):
                    problems.append(f"{f.slug}: {lang} {key} uses the evaluative word {found!r}")
                if lang == "en":
                    for found in _evaluative_pattern(UNEVEN_WORDING).findall(text):
                        problems.append(f"{f.slug}: en {key} says {found!r}, which no row should")
        if f.default_ethos not in ETHOS_VALUES:
            problems.append(f"{f.slug}: ethos {f.default_ethos!r} is not secular or spiritual")
        if f.website and not re.fullmatch(r"https://[\w.-]+\.[a-z]{2,}(/\S*)?", f.website):
            problems.append(f"{f.slug}: website {f.website!r} is not an https address")
        if not re.fullmatch(r"https://[\w.-]+\.[a-z]{2,}(/\S*)?", f.contact_source or ""):
            problems.append(f"{f.slug}: source {f.contact_source!r} is not an https address")
        elif f.website and not on_own_site(f.contact_source, f.website):
            problems.append(
                f"{f.slug}: source {f.contact_source!r} is not on the website's own site"
            )
        if f.helpline and not re.fullmatch(r"0[\d ]{9,12}", f.helpline):
            problems.append(f"{f.slug}: helpline {f.helpline!r} is not a UK number in digits")
        position = f.medication_position
        if position is not None:
            if f.family_group:
                problems.append(f"{f.slug}: a family group has no medication position")
            if position.openness not in vocabulary.ORT_STATEMENTS:
                problems.append(f"{f.slug}: medication position {position.openness!r} is unknown")
            if not re.fullmatch(r"https://[\w.-]+\.[a-z]{2,}(/\S*)?", position.source):
                problems.append(f"{f.slug}: medication source {position.source!r} is not https")
        try:
            date.fromisoformat(str(f.contact_checked))
        except ValueError:
            problems.append(f"{f.slug}: contact_checked {f.contact_checked!r} is not a date")
    counts = {f.slug: english_word_count(f) for f in fellowships}
    if counts:
        median = statistics.median(counts.values())
        for slug, count in counts.items():
            if abs(count - median) > LENGTH_TOLERANCE * median:
                problems.append(
                    f"{slug}: English description has {count} words; the median is {median:g}"
                )
    return problems
