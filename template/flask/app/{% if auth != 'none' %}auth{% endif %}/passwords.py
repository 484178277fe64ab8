"""Password hashing with Argon2id (argon2-cffi's defaults follow RFC 9106)."""

import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return hasher.hash(password)


@cache
def _unknown_user_hash() -> str:
    return hasher.hash(secrets.token_urlsafe(16))


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password; for an unknown user (None) spend the same time and say no.

    Answering faster for unknown emails would tell an attacker which emails have accounts.
    """
    try:
        return hasher.verify(password_hash or _unknown_user_hash(), password) and (
            password_hash is not None
        )
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's defaults."""
    return hasher.check_needs_rehash(password_hash)
