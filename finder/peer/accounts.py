"""Volunteer and coordinator accounts: argon2 password hashes, sign-in with a lockout."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError
from argon2.exceptions import VerificationError
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from finder.models import Volunteer
from finder.models.session import Session
from finder.peer import messages

hasher = PasswordHasher()
# Verified against when the email is unknown, so a wrong email takes as long as a wrong password.
_UNKNOWN = hasher.hash("not a real password")
MIN_PASSWORD_LENGTH = 12


def hash_password(password: str) -> str:
    return hasher.hash(password)


def password_matches(volunteer: Volunteer | None, password: str) -> bool:
    try:
        return hasher.verify(volunteer.password_hash if volunteer else _UNKNOWN, password) \
            and volunteer is not None
    except (VerificationError, InvalidHashError):
        return False


def find_by_email(session: Session, email: str) -> Volunteer | None:
    return session.scalar(select(Volunteer)
                          .where(func.lower(Volunteer.email) == email.strip().lower()))


def sign_in(session: Session, email: str, password: str, now: dt.datetime,
            config: Mapping) -> Volunteer | str:
    """The volunteer, or why not: "wrong" (email or password) or "locked". Commits."""
    volunteer = find_by_email(session, email)
    if volunteer is not None and volunteer.locked_until and volunteer.locked_until > now:
        return "locked"
    if not password_matches(volunteer, password) or volunteer.state == "retired":
        if volunteer is not None:
            volunteer.failed_logins += 1
            if volunteer.failed_logins >= config["FINDER_SIGN_IN_MAX_FAILURES"]:
                volunteer.locked_until = now + dt.timedelta(
                    minutes=config["FINDER_SIGN_IN_LOCK_MINUTES"])
                volunteer.failed_logins = 0
            session.commit()
        return "wrong"
    volunteer.failed_logins = 0
    volunteer.locked_until = None
    if hasher.check_needs_rehash(volunteer.password_hash):
        volunteer.password_hash = hash_password(password)
    session.commit()
    return volunteer


def create(session: Session, email: str, password: str, first_name: str, *,
           role: str = "volunteer", approved: bool = False, **profile) -> Volunteer:
    volunteer = Volunteer(email=email.strip().lower(), first_name=first_name,
                          password_hash=hash_password(password), role=role, approved=approved,
                          **profile)
    session.add(volunteer)
    session.commit()
    return volunteer


def sign_up(session: Session, email: str, password: str, first_name: str,
            fellowships: list[str], now: dt.datetime) -> bool:
    """Offer to volunteer: an account that waits for a coordinator. True if one was made.

    An address that already has an account gets an email instead and nothing is made; the
    caller shows the same page either way, so the form never tells anyone who has an account.
    The password is hashed either way, so both take as long. Commits."""
    password_hash = hash_password(password)
    email = email.strip().lower()
    if find_by_email(session, email) is None:
        session.add(Volunteer(email=email, first_name=first_name.strip(),
                              password_hash=password_hash, role="volunteer", approved=False,
                              fellowships=list(fellowships)))
        messages.to_coordinators_new_volunteer(session, now)
        try:
            session.commit()
            return True
        except IntegrityError:  # the same address signed up at the same moment
            session.rollback()
    messages.to_existing_account_sign_up(session, email, now)
    session.commit()
    return False
