"""The fellowships, read from seeds/fellowships.toml.

Fellowships are data, not code: every fellowship has the same fields, and lists of them
are always in one neutral order (alphabetical by name), never favouring one.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

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

    def description(self, locale: str) -> dict[str, str]:
        """The description rows in the reader's language, falling back to English."""
        return self.descriptions.get(locale) or self.descriptions["en"]


@cache
def _load(path: Path) -> tuple[Fellowship, ...]:
    with path.open("rb") as seed:
        raw = tomllib.load(seed)
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
        )
        for entry in raw["fellowship"]
    ]
    return tuple(sorted(fellowships, key=lambda f: f.name.casefold()))


def all_fellowships(path: Path = SEEDS / "fellowships.toml") -> tuple[Fellowship, ...]:
    return _load(path)


def by_slug() -> dict[str, Fellowship]:
    return {f.slug: f for f in all_fellowships()}


def get(slug: str) -> Fellowship | None:
    return by_slug().get(slug)


def family_groups() -> tuple[Fellowship, ...]:
    return tuple(f for f in all_fellowships() if f.family_group)
