"""Password hashing with Argon2id through pwdlib, the library FastAPI's security tutorial uses."""

import secrets
from functools import cache

from pwdlib import PasswordHash

# Argon2id with argon2-cffi's defaults (RFC 9106 parameters).
password_hash = PasswordHash.recommended()


def hash_password(password: str) -> str:
    return password_hash.hash(password)


@cache
def _unknown_user_hash() -> str:
    return password_hash.hash(secrets.token_urlsafe(16))


def verify_password(password: str, stored_hash: str | None) -> tuple[bool, str | None]:
    """(whether the password matches, a new hash when the stored one uses weaker parameters).

    For an unknown user (None) the same work is done and the answer is no: answering faster for
    unknown emails would tell an attacker which emails have accounts.
    """
    valid, new_hash = password_hash.verify_and_update(password, stored_hash or _unknown_user_hash())
    return valid and stored_hash is not None, new_hash
