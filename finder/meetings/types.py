"""What Meeting Guide type codes mean: one table, read per fellowship.

The codes are the code4recovery spec's (data/types.json), plus ONL (online), which
TSML-produced feeds use. A code's *facet* is the filterable fact it sets on a
meeting; most facets are Meeting column names. The same code can mean something else in
one fellowship's data (Al-Anon: Y is Alateen, POA is Parents of Alcoholics), so every
lookup takes the fellowship slug. Codes not in the table are kept on the meeting but
mean nothing here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

# Facets that are not a boolean Meeting column of the same name.
OPEN = "open"
CLOSED = "closed"
SECULAR = "secular"
ONLINE = "online"
TEMPORARILY_CLOSED = "temporarily_closed"
# Facets that are: the code sets that column to True.
FLAG_COLUMNS = (
    "for_women",
    "for_men",
    "lgbtq",
    "young_people",
    "wheelchair_access",
    "proof_of_attendance",
)


@dataclass(frozen=True)
class TypeCode:
    label: LazyString
    facet: str | None = None
    language: str | None = None  # ISO 639-1, for codes that name a language


def _language(label: LazyString, iso: str) -> TypeCode:
    return TypeCode(label, language=iso)


TYPE_CODES: dict[str, TypeCode] = {
    "11": TypeCode(_l("11th Step Meditation")),
    "12x12": TypeCode(_l("12 Steps & 12 Traditions")),
    "A": TypeCode(_l("Secular"), SECULAR),
    "ABSI": TypeCode(_l("As Bill Sees It")),
    "AF": _language(_l("Afrikaans"), "af"),
    "AL": TypeCode(_l("Concurrent with Alateen")),
    "AL-AN": TypeCode(_l("Concurrent with Al-Anon")),
    "AM": _language(_l("Amharic"), "am"),
    "AR": _language(_l("Arabic"), "ar"),
    "ASL": TypeCode(_l("American Sign Language")),
    "B": TypeCode(_l("Big Book")),
    "BA": TypeCode(_l("Babysitting Available")),
    "BE": TypeCode(_l("Newcomer")),
    "BG": _language(_l("Bulgarian"), "bg"),
    "BI": TypeCode(_l("Bisexual"), "lgbtq"),
    "BRK": TypeCode(_l("Breakfast")),
    "C": TypeCode(_l("Closed"), CLOSED),
    "CAN": TypeCode(_l("Candlelight")),
    "CF": TypeCode(_l("Child-Friendly")),
    "D": TypeCode(_l("Discussion")),
    "DA": _language(_l("Danish"), "da"),
    "DB": TypeCode(_l("Digital Basket")),
    "DD": TypeCode(_l("Dual Diagnosis")),
    "DE": _language(_l("German"), "de"),
    "DR": TypeCode(_l("Daily Reflections")),
    "EL": _language(_l("Greek"), "el"),
    "EN": _language(_l("English"), "en"),
    "FA": _language(_l("Persian"), "fa"),
    "FF": TypeCode(_l("Fragrance Free")),
    "FI": _language(_l("Finnish"), "fi"),
    "FR": _language(_l("French"), "fr"),
    "G": TypeCode(_l("Gay"), "lgbtq"),
    "GR": TypeCode(_l("Grapevine")),
    "H": TypeCode(_l("Birthday")),
    "HE": _language(_l("Hebrew"), "he"),
    "HI": _language(_l("Hindi"), "hi"),
    "HR": _language(_l("Croatian"), "hr"),
    "HU": _language(_l("Hungarian"), "hu"),
    "IS": _language(_l("Icelandic"), "is"),
    "ITA": _language(_l("Italian"), "it"),
    "JA": _language(_l("Japanese"), "ja"),
    "KA": _language(_l("Georgian"), "ka"),
    "KOR": _language(_l("Korean"), "ko"),
    "L": TypeCode(_l("Lesbian"), "lgbtq"),
    "LGBTQ": TypeCode(_l("LGBTQ"), "lgbtq"),
    "LIT": TypeCode(_l("Literature")),
    "LS": TypeCode(_l("Living Sober")),
    "LT": _language(_l("Lithuanian"), "lt"),
    "M": TypeCode(_l("Men"), "for_men"),
    "MED": TypeCode(_l("Meditation")),
    "ML": _language(_l("Malayalam"), "ml"),
    "MT": _language(_l("Maltese"), "mt"),
    "N": TypeCode(_l("Native American")),
    "NB": TypeCode(_l("Non-Binary"), "lgbtq"),
    "NDG": TypeCode(_l("Indigenous")),
    "NE": _language(_l("Nepali"), "ne"),
    "NL": _language(_l("Dutch"), "nl"),
    "NO": _language(_l("Norwegian"), "no"),
    "O": TypeCode(_l("Open"), OPEN),
    "ONL": TypeCode(_l("Online"), ONLINE),
    "OUT": TypeCode(_l("Outdoor")),
    "P": TypeCode(_l("Professionals")),
    "POA": TypeCode(_l("Proof of Attendance"), "proof_of_attendance"),
    "POC": TypeCode(_l("People of Color")),
    "POL": _language(_l("Polish"), "pl"),
    "POR": _language(_l("Portuguese"), "pt"),
    "PUN": _language(_l("Punjabi"), "pa"),
    "RUS": _language(_l("Russian"), "ru"),
    "S": _language(_l("Spanish"), "es"),
    "SEN": TypeCode(_l("Seniors")),
    "SK": _language(_l("Slovak"), "sk"),
    "SL": _language(_l("Slovenian"), "sl"),
    "SM": TypeCode(_l("Smoking Permitted")),
    "SP": TypeCode(_l("Speaker")),
    "ST": TypeCode(_l("Step Study")),
    "SV": _language(_l("Swedish"), "sv"),
    "T": TypeCode(_l("Transgender"), "lgbtq"),
    "TC": TypeCode(_l("Location Temporarily Closed"), TEMPORARILY_CLOSED),
    "TH": _language(_l("Thai"), "th"),
    "TL": _language(_l("Tagalog"), "tl"),
    "TR": TypeCode(_l("Tradition Study")),
    "TUR": _language(_l("Turkish"), "tr"),
    "UK": _language(_l("Ukrainian"), "uk"),
    "W": TypeCode(_l("Women"), "for_women"),
    "X": TypeCode(_l("Wheelchair Access"), "wheelchair_access"),
    "XB": TypeCode(_l("Wheelchair-Accessible Bathroom")),
    "XT": TypeCode(_l("Cross Talk Permitted")),
    "Y": TypeCode(_l("Young People"), "young_people"),
}

# Where a fellowship's feeds use a code differently, its meaning there.
FELLOWSHIP_OVERRIDES: dict[str, dict[str, TypeCode]] = {
    "al-anon": {
        "Y": TypeCode(_l("Alateen"), "young_people"),
        "POA": TypeCode(_l("Parents of Alcoholics")),
    },
}

# Labels some feeds write instead of the spec's (the TSML plugin's CSV template among them).
LABEL_ALIASES = {
    "online meeting": "ONL",
    "temporary closure": "TC",
    "step meeting": "ST",
}


def meaning(code: str, fellowship: str | None) -> TypeCode | None:
    """What `code` means in `fellowship`'s data, or None for a code we do not know."""
    return FELLOWSHIP_OVERRIDES.get(fellowship or "", {}).get(code) or TYPE_CODES.get(code)


def label(code: str, fellowship: str | None) -> str | LazyString:
    """A readable label for a code (translated when rendered); an unknown code as it is."""
    known = meaning(code, fellowship)
    return known.label if known else code


@dataclass(frozen=True)
class Facets:
    """What a meeting's codes say, as our filterable facts."""

    flags: frozenset[str]  # names of the FLAG_COLUMNS that are true
    is_open: bool | None  # None when the codes say neither (or both)
    secular: bool
    online: bool
    temporarily_closed: bool
    languages: tuple[str, ...]


def facets(codes: list[str], fellowship: str | None) -> Facets:
    meanings = [m for m in (meaning(code, fellowship) for code in codes) if m]
    found = {m.facet for m in meanings if m.facet}
    open_, closed = OPEN in found, CLOSED in found
    return Facets(
        flags=frozenset(found.intersection(FLAG_COLUMNS)),
        is_open=open_ if open_ != closed else None,
        secular=SECULAR in found,
        online=ONLINE in found,
        temporarily_closed=TEMPORARILY_CLOSED in found,
        languages=tuple(dict.fromkeys(m.language for m in meanings if m.language)),
    )


def code_for_label(text: str, fellowship: str | None) -> str | None:
    """The code for an English label such as "Wheelchair Access" (any case), if known."""
    return _codes_by_label(fellowship or "").get(text.strip().casefold())


@cache
def _codes_by_label(fellowship: str) -> dict[str, str]:
    table = {**TYPE_CODES, **FELLOWSHIP_OVERRIDES.get(fellowship, {})}
    with force_locale("en"):
        by_label = {str(entry.label).casefold(): code for code, entry in table.items()}
    return {**LABEL_ALIASES, **by_label}
