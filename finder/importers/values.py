"""Reading single values as feeds write them, each failure with a reason a person can act on."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
import zoneinfo
from typing import Any
from urllib.parse import urlsplit

from finder import plain_text

TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
LANGUAGE_CODE = re.compile(r"[a-z]{2}")
YES = {"yes", "true", "1", "y"}
NO = {"no", "false", "0", "n", ""}


class InvalidValue(ValueError):
    """A value that cannot be read; the message is the reason."""


def text(value: Any, name: str) -> str | None:
    """Text with surrounding space removed; empty means absent. Numbers are written out."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InvalidValue(f"{name} should be text, not {type(value).__name__}")
    return plain_text.clean(str(value)).strip() or None


def day(value: Any) -> int | None:
    """0 = Sunday ... 6 = Saturday, as a number or a string of one."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return value
    raise InvalidValue(f"day {value!r} is not a day of the week (0 = Sunday to 6 = Saturday)")


def time_of_day(value: Any, name: str) -> dt.time | None:
    """'19:30' or '19:30:00' (seconds are dropped); a time passes through."""
    if isinstance(value, dt.time):
        return value
    raw = text(value, name)
    if raw is None:
        return None
    match = TIME.fullmatch(raw)
    if match:
        hour, minute, second = (int(part or 0) for part in match.groups())
        if hour < 24 and minute < 60 and second < 60:
            return dt.time(hour, minute)
    raise InvalidValue(f"{name} {raw!r} is not a time of day (HH:MM, 24-hour clock)")


def coordinates(latitude: Any, longitude: Any) -> tuple[float | None, float | None]:
    """Both or neither. (0, 0) is a placeholder some feeds use for 'no place', so it is none."""
    lat = _number(latitude, "latitude")
    lon = _number(longitude, "longitude")
    if (lat is None) != (lon is None):
        missing = "longitude" if lon is None else "latitude"
        raise InvalidValue(f"{missing} is missing (give both latitude and longitude, or neither)")
    if lat is None or lon is None or (lat == 0 and lon == 0):
        return None, None
    if not -90 <= lat <= 90:
        raise InvalidValue(f"latitude {lat} is out of range (-90 to 90)")
    if not -180 <= lon <= 180:
        raise InvalidValue(f"longitude {lon} is out of range (-180 to 180)")
    return lat, lon


def _number(value: Any, name: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidValue(f"{name} {value!r} is not a number") from None
    if isinstance(value, bool) or not math.isfinite(number):
        raise InvalidValue(f"{name} {value!r} is not a number")
    return number


def flag(value: Any, name: str) -> bool:
    """true/false, or the words feeds use for them ("yes", "no", "1", "0")."""
    if value is None or isinstance(value, bool):
        return bool(value)
    word = str(value).strip().casefold()
    if word in YES:
        return True
    if word in NO:
        return False
    raise InvalidValue(f"{name} {value!r} is not yes or no")


def timestamp(value: Any, name: str = "updated") -> dt.datetime | None:
    """ISO 8601 or 'YYYY-MM-DD HH:MM:SS' (and the TSML template's 'YYYY-MM-DDHH:MM:SS');
    times with an offset are converted to UTC."""
    raw = text(value, name)
    if raw is None:
        return None
    for parse in (dt.datetime.fromisoformat, _tsml_timestamp):
        try:
            moment = parse(raw)
        except ValueError:
            continue
        if moment.tzinfo is not None:
            moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
        return moment
    raise InvalidValue(f"{name} {raw!r} is not a date and time (YYYY-MM-DD HH:MM:SS)")


def _tsml_timestamp(raw: str) -> dt.datetime:
    return dt.datetime.strptime(raw, "%Y-%m-%d%H:%M:%S")


def timezone(value: Any) -> str:
    name = text(value, "timezone") or "Europe/London"
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise InvalidValue(
            f"timezone {name!r} is not a time zone name (such as Europe/London)"
        ) from None
    return name


def web_address(value: Any, name: str) -> str | None:
    """An http(s) address; 'www.example.org' gets https://. Other schemes (javascript:,
    data:...) are refused, since pages will link to these."""
    raw = text(value, name)
    if raw is None:
        return None
    scheme = urlsplit(raw).scheme.casefold()
    if not scheme:
        return "https://" + raw
    if scheme in {"http", "https"}:
        return raw
    raise InvalidValue(f"{name} {raw!r} is not a web address (it should start with https://)")


def string_list(value: Any, name: str) -> list[str]:
    """A list of strings, or one comma-separated string; blanks and repeats dropped."""
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise InvalidValue(f"{name} should be a list of text values")
    return list(dict.fromkeys(item.strip() for item in items if item.strip()))


def language_codes(value: Any) -> list[str]:
    codes = string_list(value, "languages")
    for code in codes:
        if not LANGUAGE_CODE.fullmatch(code):
            raise InvalidValue(f"language {code!r} is not an ISO 639-1 code (such as en or pl)")
    return codes


def choice(value: Any, name: str, allowed: tuple[str, ...]) -> str | None:
    raw = text(value, name)
    if raw is not None and raw not in allowed:
        raise InvalidValue(f"{name} {raw!r} is not one of: {', '.join(allowed)}")
    return raw


def slugify(value: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-")
