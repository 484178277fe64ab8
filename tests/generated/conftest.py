"""Fixtures of tier 3: real database servers, started once per test process (one per xdist
worker, so parallel rows never share a server) and only when a row needs them. Both serve TLS
with a self-signed certificate and have a TLS-only user (tests/services.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.services import FerretDBServer, MariaDBServer, PostgresServer, ServiceError

SERVERS = {"postgresql": PostgresServer, "mysql": MariaDBServer, "mongodb": FerretDBServer}


def start_or_fail(kind: type) -> PostgresServer | MariaDBServer:
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
