"""The contract suite: one language-agnostic test of the HTTP API every generated stack serves.

The law is CONTRACT.md, kept beside the template repository at `../shared/CONTRACT.md`; each test
is named after the sentence of it that it checks. The suite talks plain HTTP to a running server:

    CONTRACT_BASE_URL=http://127.0.0.1:8000 CONTRACT_AUTH=jwt|session|oauth|none \
    CONTRACT_LOGIN_RATE_LIMIT=60 CONTRACT_SECRET_KEY=... \
    CONTRACT_CORS_ORIGINS=http://localhost:5173 CONTRACT_API=rest|graphql \
    CONTRACT_DATABASE=sqlite|postgresql|mysql|mongodb \
    uv run pytest tests/contract -p no:cacheprovider -p no:randomly

Tier 3 (tests/generated) starts each generated project and runs this suite against it. Without
CONTRACT_BASE_URL nothing here is collected: a plain `pytest tests` does not run it (and does not
pretend it passed); the tier-3 driver does. Files run in name order: test_zz_rate_limit.py (and
test_zz_graphql_rate_limit.py) exhausts the login budget of the client address, so it stays last.

CONTRACT_API says which API the server serves (copier's `api` answer; default rest). With graphql,
the REST-only files and the tests marked `rest_api` in the shared ones are not collected (they are
deselected at collection, so they are never reported as passed or skipped), and the
test_graphql_*.py files (CONTRACT.md, "GraphQL") run instead; health, metrics, CORS and request
ids are tested for both. With rest, the GraphQL files are not collected.

CONTRACT_AUTH=oauth (CONTRACT.md, "Auth, when auth = oauth": auth = session without register and
login, plus providers) also needs CONTRACT_OIDC_ISSUER_URL and CONTRACT_OIDC_CLIENT_ID: the test
provider of tests/oidc the server was started with and its client there (tests/oidc/README.md).
The session files run too, and their tests marked `password_routes` (register, login) are
deselected, as `rest_api` ones are for graphql.
"""

from __future__ import annotations

import os

import pytest

from tests.contract.contract_api import (
    API,
    AUTH,
    OIDC_CLIENT_ID,
    OIDC_ISSUER_URL,
    Actor,
    make_actor,
)
from tests.contract.graphql_api import GraphQLActor, make_graphql_actor

MODES = ("jwt", "session", "oauth", "none")
APIS = ("rest", "graphql")
# The files of one API only.
REST_FILES = {
    "test_auth_common.py",
    "test_auth_jwt.py",
    "test_auth_session.py",
    "test_auth_none.py",
    "test_todos.py",
    "test_todos_ownership.py",
    "test_strings.py",  # its GraphQL twin: test_graphql_strings.py
    "test_zz_rate_limit.py",
}
GRAPHQL_FILES = ("test_graphql_*.py", "test_zz_graphql_*.py")
# Files that only apply to some auth modes; every other file applies to all.
# oauth has the session files (its register/login tests deselected) and no login rate limit: it
# has no login route to limit.
FILES_FOR_MODES = {
    "test_auth_common.py": {"jwt", "session", "oauth"},
    "test_auth_jwt.py": {"jwt"},
    "test_auth_jwt_subject.py": {"jwt"},
    "test_auth_session.py": {"session", "oauth"},
    "test_auth_none.py": {"none"},
    "test_auth_oauth.py": {"oauth"},
    "test_todos_ownership.py": {"jwt", "session", "oauth"},
    "test_zz_rate_limit.py": {"jwt", "session"},
    "test_graphql_auth.py": {"jwt", "session", "oauth"},
    "test_graphql_auth_jwt.py": {"jwt"},
    "test_graphql_auth_session.py": {"session", "oauth"},
    "test_graphql_auth_oauth.py": {"oauth"},
    "test_graphql_ownership.py": {"jwt", "session", "oauth"},
    "test_zz_graphql_rate_limit.py": {"jwt", "session"},
}

if not os.environ.get("CONTRACT_BASE_URL"):
    collect_ignore_glob = ["test_*.py"]
else:
    if AUTH not in MODES:
        raise pytest.UsageError(f"CONTRACT_AUTH must be one of {MODES}, got {AUTH!r}")
    if API not in APIS:
        raise pytest.UsageError(f"CONTRACT_API must be one of {APIS}, got {API!r}")
    if AUTH == "oauth" and not (OIDC_ISSUER_URL and OIDC_CLIENT_ID):
        raise pytest.UsageError(
            "CONTRACT_AUTH=oauth needs CONTRACT_OIDC_ISSUER_URL and CONTRACT_OIDC_CLIENT_ID "
            "(tests/oidc/README.md)"
        )
    collect_ignore = [name for name, modes in FILES_FOR_MODES.items() if AUTH not in modes]
    # CONTRACT_DATABASE (tier 3: the row's database): MongoDB's id rules apply to it alone.
    if os.environ.get("CONTRACT_DATABASE") != "mongodb":
        collect_ignore.append("test_mongodb_ids.py")
    if API == "graphql":
        collect_ignore += sorted(REST_FILES)
    else:
        collect_ignore_glob = list(GRAPHQL_FILES)


def pytest_collection_modifyitems(config, items):
    """CONTRACT_API=graphql: the tests marked `rest_api` (in files shared by both APIs) are
    deselected, as pytest's -m does: reported as deselected, never as passed or skipped.
    CONTRACT_AUTH=oauth: so are the tests marked `password_routes` (register and login, which
    CONTRACT.md says do not exist with oauth)."""
    markers = (["rest_api"] if API == "graphql" else []) + (
        ["password_routes"] if AUTH == "oauth" else []
    )
    dropped = [item for item in items if any(item.get_closest_marker(m) for m in markers)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if item not in dropped]


def actor(tag: str) -> Actor | GraphQLActor:
    return make_graphql_actor(tag) if API == "graphql" else make_actor(tag)


@pytest.fixture(scope="session")
def alice() -> Actor | GraphQLActor:
    """The user most todo tests act as (anonymous when auth = none), over the API served."""
    return actor("alice")


@pytest.fixture(scope="session")
def bob() -> Actor | GraphQLActor:
    """A second user, for ownership checks."""
    return actor("bob")
