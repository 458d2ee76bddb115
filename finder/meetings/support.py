"""Support beside the groups, read from seeds/support.toml: organisations that are not
fellowships (family support, young people's routes, crisis lines), each with the page its
contact details were checked on and the date."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache

from finder.seeds import seed_file

AUDIENCES = ("family", "young_people", "crisis")
LANGUAGES = ("en", "cy", "pl")
_HTTPS = re.compile(r"https://[\w.-]+\.[a-z]{2,}(/\S*)?")
# A UK number written in digits: 0 and ten more, or a three-digit or 116 xxx service number.
_UK_NUMBER = re.compile(r"0[\d ]{9,12}|1\d\d|116 ?\d{3}")


@dataclass(frozen=True)
class Organisation:
    slug: str
    name: str
    audiences: tuple[str, ...]
    website: str
    helpline: str
    source: str
    checked: date
    descriptions: dict[str, str]

    def description(self, locale: str) -> str:
        return self.descriptions.get(locale) or self.descriptions["en"]

    @property
    def dial(self) -> str:
        """The helpline as a tel: link wants it."""
        return self.helpline.replace(" ", "")


@cache
def all_organisations() -> tuple[Organisation, ...]:
    raw = tomllib.loads(seed_file("support.toml").read_text(encoding="utf-8"))
    return tuple(
        Organisation(
            slug=entry["slug"],
            name=entry["name"],
            audiences=tuple(entry["for"].split()),
            website=entry["website"],
            helpline=entry["helpline"],
            source=entry["source"],
            checked=date.fromisoformat(str(entry["checked"])),
            descriptions=entry["description"],
        )
        for entry in raw["organisation"]
    )


def for_audience(audience: str) -> tuple[Organisation, ...]:
    """The organisations for one page, in the seed file's order (crisis lines by urgency)."""
    return tuple(o for o in all_organisations() if audience in o.audiences)


def problems(organisations) -> list[str]:
    """Everything wrong with the records, in plain words; an empty list means none."""
    found: list[str] = []
    for o in organisations:
        if not o.website and not o.helpline:
            found.append(f"{o.slug}: neither a website nor a helpline")
        if o.website and not _HTTPS.fullmatch(o.website):
            found.append(f"{o.slug}: website {o.website!r} is not an https address")
        if o.helpline and not _UK_NUMBER.fullmatch(o.helpline):
            found.append(f"{o.slug}: helpline {o.helpline!r} is not a UK number in digits")
        if not _HTTPS.fullmatch(o.source):
            found.append(f"{o.slug}: source {o.source!r} is not an https address")
        if unknown := set(o.audiences) - set(AUDIENCES):
            found.append(f"{o.slug}: unknown audience {', '.join(sorted(unknown))}")
        if missing := [lang for lang in LANGUAGES if not str(o.descriptions.get(lang, "")).strip()]:
            found.append(f"{o.slug}: no description in {', '.join(missing)}")
    return found
