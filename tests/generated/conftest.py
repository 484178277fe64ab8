"""Fixtures of tier 3: real database servers, started once per test process (one per xdist
worker, so parallel rows never share a server) and only when a row needs them. PostgreSQL and
MariaDB serve TLS with a self-signed certificate and have a TLS-only user; FerretDB (the MongoDB
wire protocol) serves plain TCP without users (tests/services.py). The same for the OpenID Connect
provider of tests/oidc, which the auth = oauth rows sign people in with."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.oidc.provider import ProviderError, RunningProvider, start_provider
from tests.services import FerretDBServer, MariaDBServer, PostgresServer, ServiceError

SERVERS = {"postgresql": PostgresServer, "mysql": MariaDBServer, "mongodb": FerretDBServer}


def start_or_fail(kind: type) -> PostgresServer | MariaDBServer | FerretDBServer:
    try:
        return kind.start()
    except ServiceError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server = start_or_fail(PostgresServer)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def mariadb_server() -> Iterator[MariaDBServer]:
    server = start_or_fail(MariaDBServer)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def ferretdb_server() -> Iterator[FerretDBServer]:
    """MongoDB's wire protocol (FerretDB on SQLite): no TLS, no users."""
    server = start_or_fail(FerretDBServer)
    yield server
    server.stop()


@pytest.fixture
def database_server(request, row):
    """The server for the row's database (None for SQLite, which needs none)."""
    fixture = {
        "postgresql": "postgres_server",
        "mysql": "mariadb_server",
        "mongodb": "ferretdb_server",
    }.get(row["database"])
    return request.getfixturevalue(fixture) if fixture else None


@pytest.fixture(scope="session")
def oidc_provider_server(tmp_path_factory) -> Iterator[RunningProvider]:
    log = tmp_path_factory.mktemp("oidc-provider") / "provider.log"
    try:
        provider = start_provider(log)
    except ProviderError as error:
        pytest.fail(str(error), pytrace=False)
    yield provider
    provider.stop()


@pytest.fixture
def oidc_provider(request, row) -> RunningProvider | None:
    """The test OpenID Connect provider for an auth = oauth row (None for the others); each row
    registers its own client there."""
    return request.getfixturevalue("oidc_provider_server") if row["auth"] == "oauth" else None
