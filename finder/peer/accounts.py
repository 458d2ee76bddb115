"""Volunteer and coordinator accounts: argon2 password hashes, sign-in slowed (never locked)
after wrong passwords."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError
from argon2.exceptions import VerificationError
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from finder.models import Volunteer
from finder.models.session import Session
from finder.peer import messages
from finder.peer import throttle
from finder.peer import two_factor
from finder.peer.matching import london_today

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
            config: Mapping, known_browser_for: int | None = None) -> Volunteer | None:
    """The volunteer, or None for a wrong email or password. Commits. An account that needs
    a second factor (two_factor.needs_second_factor) is not signed in yet by this alone.

    Nothing locks: after FINDER_SIGN_IN_MAX_FAILURES tries an account's passwords are checked
    at most once per delay (which doubles), and a try made too soon gets the same answer,
    after the same work, as a wrong password or an unknown address, so it tells nobody
    whether the address has an account. A browser the account signed in from before
    (`known_browser_for`, from a signed cookie) is not made to wait, so a stranger's guessing
    cannot keep the owner out."""
    volunteer = find_by_email(session, email)
    if volunteer is None:
        throttle.same_work(session)
    if volunteer is None or (volunteer.id != known_browser_for
                             and not throttle.take_a_turn(session, volunteer, now, config)):
        password_matches(None, password)  # the same work as a real check
        return None
    if not password_matches(volunteer, password) or volunteer.state == "retired":
        session.commit()
        return None
    if not two_factor.needs_second_factor(volunteer):
        throttle.reset(session, volunteer)  # otherwise once the second step is passed
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
            fellowships: list[str], now: dt.datetime, config: Mapping) -> bool:
    """Offer to volunteer: an account that waits for a coordinator. True if one was made.

    An address that already has an account gets an email instead and nothing is made; the
    caller shows the same page either way, so the form never tells anyone who has an account.
    The password is hashed either way, so both take as long. Commits."""
    password_hash = hash_password(password)
    email = email.strip().lower()
    if find_by_email(session, email) is None:
        # The form cannot be sent without ticking the volunteer agreement.
        session.add(Volunteer(email=email, first_name=first_name.strip(),
                              password_hash=password_hash, role="volunteer", approved=False,
                              fellowships=list(fellowships),
                              agreement_on=london_today(now)))
        messages.to_coordinators_new_volunteer(session, now, config)
        try:
            session.commit()
            return True
        except IntegrityError:  # the same address signed up at the same moment
            session.rollback()
    messages.to_existing_account_sign_up(session, email, now, config)
    session.commit()
    return False


def signed_in(session: Session, volunteer: Volunteer, now: dt.datetime) -> None:
    """Every step passed: the guess count starts again, and the account was active now.
    Commits."""
    throttle.reset(session, volunteer)
    volunteer.last_active_at = now
    session.commit()


def end_sessions(session: Session, volunteer: Volunteer) -> None:
    """Signing out ends this account's sessions everywhere, including copies of a cookie
    taken before (each request checks the version it was signed in with). Commits."""
    session.execute(update(Volunteer).where(Volunteer.id == volunteer.id)
                    .values(session_version=Volunteer.session_version + 1)
                    .execution_options(synchronize_session=False))
    session.commit()
