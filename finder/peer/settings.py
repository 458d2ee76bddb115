"""The peer service's settings, checked when the app starts: a mistyped value stops the start
with a message that names the setting and what it may be, instead of failing (or quietly
meaning something else) the first time a request is routed or a form is sent."""

from __future__ import annotations

from collections.abc import Mapping

from limits import parse_many

from finder import vocabulary

# Settings counted in whole numbers, and the least each may be.
AT_LEAST = {
    "FINDER_PEER_WAVE_SIZE": 1,
    "FINDER_PEER_WAVE_MINUTES": 1,
    "FINDER_PEER_LEAD_MINUTES": 0,
    "FINDER_PEER_REMINDER_MINUTES": 1,
    "FINDER_PEER_RETENTION_DAYS": 0,
    "FINDER_PEER_REQUESTS_PER_CONTACT_PER_DAY": 1,
    "FINDER_PEER_SUBMIT_MILLISECONDS": 0,
}


class PeerSettingsError(ValueError):
    """A peer setting has a value the service cannot use; the message says which and why."""


def _whole_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def problems(config: Mapping) -> list[str]:
    """What is wrong with the peer settings, each as an instruction; empty when all is well."""
    found = []
    check = config.get("FINDER_PEER_REQUIRE_CHECK", "none")
    if check not in vocabulary.VOLUNTEER_CHECKS:
        found.append(f"FINDER_PEER_REQUIRE_CHECK is {check!r}: make it one of "
                     f"{', '.join(vocabulary.VOLUNTEER_CHECKS)}.")
    training = config.get("FINDER_PEER_REQUIRE_TRAINING", True)
    if not isinstance(training, bool):
        found.append(f"FINDER_PEER_REQUIRE_TRAINING is {training!r}: make it true or false.")
    for name, least in AT_LEAST.items():
        value = config.get(name, least)
        if not _whole_number(value) or value < least:
            found.append(f"{name} is {value!r}: make it a whole number, {least} or more.")
    hour = config.get("FINDER_PEER_FOLLOW_UP_HOUR", 9)
    if not _whole_number(hour) or not 0 <= hour <= 23:
        found.append(f"FINDER_PEER_FOLLOW_UP_HOUR is {hour!r}: make it an hour from 0 to 23.")
    limit = config.get("FINDER_PEER_REQUEST_RATE_LIMIT", "5 per hour")
    try:
        parse_many(limit)
    except (ValueError, TypeError):
        found.append(f"FINDER_PEER_REQUEST_RATE_LIMIT is {limit!r}: make it a rate such as "
                     "'5 per hour'.")
    return found


def check(config: Mapping) -> None:
    found = problems(config)
    if found:
        raise PeerSettingsError("finder will not start: the peer service's settings need "
                                "changing:\n- " + "\n- ".join(found))
