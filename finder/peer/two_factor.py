"""Two-factor sign-in: time-based one-time codes (TOTP, RFC 6238, with pyotp) and recovery
codes, for everyone who can see personal data.

The secret is made on the server and shown once, as a QR code drawn on the server (segno) and
as text; it is confirmed by the first code entered from it. Each code works once (the last time
step used is stored). Recovery codes are shown once and stored only as SHA-256 hashes (they are
random, 50 bits each, so a fast hash is enough); each works once. Tries count against the same
per-account throttle as passwords. Nothing here logs a secret or a code."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from collections.abc import Mapping
from typing import cast

import pyotp
import segno
from sqlalchemy import or_
from sqlalchemy import update
from sqlalchemy.engine import CursorResult

from finder.models import Volunteer
from finder.models.session import Session
from finder.peer import throttle

log = logging.getLogger(__name__)
RECOVERY_CODES = 10
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def needs_second_factor(volunteer: Volunteer) -> bool:
    """Coordinators, and volunteers once approved (they can accept a request and see its
    contact details). The fictional demo accounts, which exist only with the demo data and
    never in production, sign in with a password alone."""
    return not volunteer.is_demo and (volunteer.is_coordinator or volunteer.approved)


def is_enrolled(volunteer: Volunteer) -> bool:
    return volunteer.totp_secret is not None and volunteer.totp_confirmed_at is not None


def secret_for_enrolment(session: Session, volunteer: Volunteer) -> str:
    """The unconfirmed secret being set up (made now if there is none). Commits."""
    if volunteer.totp_secret is None or volunteer.totp_confirmed_at is not None:
        volunteer.totp_secret = pyotp.random_base32()
        volunteer.totp_confirmed_at = None
        volunteer.totp_last_step = None
        session.commit()
    return volunteer.totp_secret


def provisioning_uri(volunteer: Volunteer, issuer: str) -> str:
    return pyotp.TOTP(volunteer.totp_secret or "").provisioning_uri(name=volunteer.email,
                                                              issuer_name=issuer)


def qr_code_data_uri(uri: str) -> str:
    """An SVG QR code as a data: URI (drawn here: no outside service sees the secret)."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, dark="#000", light="#fff")


def _matching_step(secret: str, code: str, now: dt.datetime) -> int | None:
    """The time step whose code this is, allowing one step of clock drift either way."""
    totp = pyotp.TOTP(secret)
    code = "".join(code.split())
    when = now.replace(tzinfo=dt.UTC)
    for drift in (0, -1, 1):
        moment = when + dt.timedelta(seconds=totp.interval * drift)
        if secrets.compare_digest(totp.at(moment), code):
            return totp.timecode(moment)
    return None


def _turn(session: Session, volunteer: Volunteer, now: dt.datetime, config: Mapping,
          known_browser: bool) -> bool:
    """Codes count against the password throttle, except from a browser the account signed
    in from before (as for passwords, so a stranger cannot keep the owner out)."""
    return known_browser or throttle.take_a_turn(session, volunteer, now, config)


def check_code(session: Session, volunteer: Volunteer, code: str, now: dt.datetime,
               config: Mapping, known_browser: bool = False) -> bool:
    """True for a current code from the account's secret not used before. Commits."""
    if volunteer.totp_secret is None or not _turn(session, volunteer, now, config,
                                                  known_browser):
        return False
    step = _matching_step(volunteer.totp_secret, code, now)
    if step is None:
        return False
    used = cast(CursorResult, session.execute(  # a code works once, even when two arrive together
        update(Volunteer).where(Volunteer.id == volunteer.id, or_(
            Volunteer.totp_last_step.is_(None), Volunteer.totp_last_step < step))
        .values(totp_last_step=step).execution_options(synchronize_session=False)))
    session.commit()
    session.refresh(volunteer)
    return used.rowcount == 1


def _hash(code: str) -> str:
    normalised = "".join(ch for ch in code.lower() if ch in _ALPHABET)
    return hashlib.sha256(normalised.encode()).hexdigest()


def _new_recovery_code() -> str:
    letters = "".join(secrets.choice(_ALPHABET) for _ in range(10))
    return f"{letters[:5]}-{letters[5:]}"


def confirm(session: Session, volunteer: Volunteer, code: str, now: dt.datetime,
            config: Mapping, known_browser: bool = False) -> list[str] | None:
    """Finish setting up with the first code: returns the recovery codes (shown once), or
    None if the code is wrong. Commits."""
    if volunteer.totp_secret is None or not check_code(session, volunteer, code, now, config,
                                                       known_browser):
        return None
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODES)]
    volunteer.totp_confirmed_at = now
    volunteer.recovery_code_hashes = [_hash(code) for code in codes]
    session.commit()
    return codes


def use_recovery_code(session: Session, volunteer: Volunteer, code: str, now: dt.datetime,
                      config: Mapping, known_browser: bool = False) -> bool:
    """True, and the code used up, if it is one of the account's unused recovery codes."""
    if not _turn(session, volunteer, now, config, known_browser):
        return False
    session.refresh(volunteer, with_for_update=session.get_bind().dialect.name == "postgresql")
    hashes = list(volunteer.recovery_code_hashes or [])
    hashed = _hash(code)
    if hashed not in hashes:
        session.commit()
        return False
    hashes.remove(hashed)
    volunteer.recovery_code_hashes = hashes
    session.commit()
    return True


def reset(session: Session, volunteer: Volunteer, coordinator: Volunteer) -> None:
    """A coordinator clears someone's second factor (a lost phone): they set it up again at
    their next sign-in, and every session they have is ended. Logged, ids only. Commits."""
    volunteer.totp_secret = None
    volunteer.totp_confirmed_at = None
    volunteer.totp_last_step = None
    volunteer.recovery_code_hashes = None
    volunteer.session_version += 1
    session.commit()
    log.warning("Coordinator %s reset the second factor of account %s", coordinator.id,
                volunteer.id)
