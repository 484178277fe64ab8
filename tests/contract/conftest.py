"""The contract suite: one language-agnostic test of the HTTP API every generated stack serves.

The law is CONTRACT.md, kept beside the template repository at `../shared/CONTRACT.md`; each test
is named after the sentence of it that it checks. The suite talks plain HTTP to a running server:

    CONTRACT_BASE_URL=http://127.0.0.1:8000 CONTRACT_AUTH=jwt|session|none \
    CONTRACT_LOGIN_RATE_LIMIT=60 CONTRACT_SECRET_KEY=... \
    CONTRACT_CORS_ORIGINS=http://localhost:5173 \
    uv run pytest tests/contract -p no:cacheprovider -p no:randomly

Tier 3 (tests/generated) starts each generated project and runs this suite against it. Without
CONTRACT_BASE_URL nothing here is collected: a plain `pytest tests` does not run it (and does not
pretend it passed); the tier-3 driver does. Files run in name order: test_zz_rate_limit.py exhausts
the login budget of the client address, so it must stay last.
"""

from __future__ import annotations

import os

import pytest

from tests.contract.contract_api import AUTH, Actor, make_actor

MODES = ("jwt", "session", "none")
# Files that only apply to some auth modes; every other file applies to all.
FILES_FOR_MODES = {
    "test_auth_common.py": {"jwt", "session"},
    "test_auth_jwt.py": {"jwt"},
    "test_auth_session.py": {"session"},
    "test_auth_none.py": {"none"},
    "test_todos_ownership.py": {"jwt", "session"},
    "test_zz_rate_limit.py": {"jwt", "session"},
}

if not os.environ.get("CONTRACT_BASE_URL"):
    collect_ignore_glob = ["test_*.py"]
else:
    if AUTH not in MODES:
        raise pytest.UsageError(f"CONTRACT_AUTH must be one of {MODES}, got {AUTH!r}")
    collect_ignore = [name for name, modes in FILES_FOR_MODES.items() if AUTH not in modes]


@pytest.fixture(scope="session")
def alice() -> Actor:
    """The user most todo tests act as (anonymous when auth = none)."""
    return make_actor("alice")


@pytest.fixture(scope="session")
def bob() -> Actor:
    """A second user, for ownership checks."""
    return make_actor("bob")
