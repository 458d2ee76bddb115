"""A column whose value is stored encrypted (Fernet: AES-128-CBC with an HMAC), for secrets a
database dump must not give away, such as the two-factor (TOTP) secret.

The key comes from FINDER_DATA_KEY or, when that is not set, from SECRET_KEY (through HKDF, so
the key used here is never the one that signs sessions). Changing the key makes the values
unreadable: every volunteer would have to set up two-factor sign-in again. A value that cannot
be decrypted raises an error rather than reading as empty, so an account never silently loses
its second factor.
"""

from __future__ import annotations

import base64
import functools

from cryptography.fernet import Fernet
from cryptography.fernet import InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app
from sqlalchemy import String
from sqlalchemy.types import TypeDecorator


class UnreadableSecret(Exception):
    """A stored secret could not be decrypted with the configured key."""


def fernet_for(config) -> Fernet:
    material = config.get("FINDER_DATA_KEY") or config.get("SECRET_KEY")
    if not material:
        raise RuntimeError("Set SECRET_KEY (or FINDER_DATA_KEY) to store secrets encrypted")
    return _fernet(str(material))


@functools.lru_cache(maxsize=4)
def _fernet(material: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
               info=b"finder: secrets stored in the database").derive(material.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(value: str, config) -> str:
    return fernet_for(config).encrypt(value.encode()).decode("ascii")


def decrypt(token: str, config) -> str:
    try:
        return fernet_for(config).decrypt(token.encode("ascii")).decode()
    except InvalidToken:
        raise UnreadableSecret(
            "A stored secret cannot be decrypted: has FINDER_DATA_KEY or SECRET_KEY changed?"
        ) from None


class EncryptedString(TypeDecorator):
    """Text in Python, a Fernet token (about 100 characters for a 32-letter secret) stored."""

    impl = String(255)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else encrypt(value, current_app.config)

    def process_result_value(self, value, dialect):
        return None if value is None else decrypt(value, current_app.config)
