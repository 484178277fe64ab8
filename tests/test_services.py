"""The database-server helpers of tier 3 (tests/services.py): names, missing-binary messages, the
TLS that both SQL servers serve (a TLS-only user gets in encrypted and is refused in plain text),
and FerretDB answering the official MongoDB driver."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from tests import services
from tests.support import TEMPLATE_ROOT


def test_database_names_are_safe_identifiers_of_at_most_32_chars():
    assert services.identifier("Express-PostgreSQL jwt!") == "express_postgresql_jwt"
    assert services.identifier("9lives") == "d_9lives"
    assert len(services.identifier("x" * 100)) == 32


def test_missing_postgresql_binaries_name_the_debian_package(monkeypatch):
    monkeypatch.setattr(services.glob, "glob", lambda pattern: [])
    with pytest.raises(services.ServiceError, match="apt-get install postgresql$"):
        services.postgres_bindir()


def test_missing_mariadb_binaries_name_the_debian_package(monkeypatch):
    monkeypatch.setattr(services.shutil, "which", lambda tool, path=None: None)
    with pytest.raises(services.ServiceError, match="apt-get install mariadb-server$"):
        services.mariadb_binaries()


def test_building_ferretdb_without_go_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(services.shutil, "which", lambda tool, path=None: None)
    with pytest.raises(services.ServiceError) as raised:
        services.ferretdb_binary(tmp_path)
    message = str(raised.value)
    assert "\n" not in message
    assert message.endswith("install Go from https://go.dev/dl/"), message
    assert services.FERRETDB_VERSION in message


def test_a_cached_ferretdb_of_another_version_is_not_used(monkeypatch, tmp_path):
    """The version stamp decides: an old build in the cache is rebuilt (here: refused, no Go)."""
    (tmp_path / "ferretdb").write_text("#!/bin/sh\n")
    (tmp_path / "ferretdb.version").write_text("v1.23.0\n")
    monkeypatch.setattr(services.shutil, "which", lambda tool, path=None: None)
    with pytest.raises(services.ServiceError, match="Go not found"):
        services.ferretdb_binary(tmp_path)
    (tmp_path / "ferretdb.version").write_text(services.FERRETDB_VERSION + "\n")
    assert services.ferretdb_binary(tmp_path) == tmp_path / "ferretdb"


def test_free_ports_lie_outside_the_kernels_ephemeral_range():
    """A port from the ephemeral range can be taken between our check and the server's bind by any
    outgoing connection's local end (CI: gunicorn in a container found 48303 in use)."""
    low, high = services.ephemeral_port_range()
    ports = [services.free_port() for _ in range(200)]
    assert all(not low <= port <= high for port in ports), sorted(ports)[:5]


def test_free_ports_are_not_handed_out_twice_by_one_process():
    ports = [services.free_port() for _ in range(300)]
    assert len(set(ports)) == len(ports)


def test_each_xdist_worker_draws_from_its_own_block_of_ports(monkeypatch):
    blocks = {}
    for worker in ("gw0", "gw1", "gw2"):
        monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
        blocks[worker] = services.port_block()
    assert blocks["gw0"][1] < blocks["gw1"][0] and blocks["gw1"][1] < blocks["gw2"][0]
    low, _ = services.ephemeral_port_range()
    assert all(high < low for _, high in blocks.values())


# --- the TLS servers (issue 9.3): real servers, real clients -------------------------------------
# Marked `generated` (tier 3, whose servers these are): `make test-fast` needs no database server.


@pytest.fixture(scope="module")
def postgres():
    server = services.PostgresServer.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def mariadb():
    server = services.MariaDBServer.start()
    yield server
    server.stop()


def psql(server, database: str, sslmode: str) -> subprocess.CompletedProcess:
    """psql as the TLS-only user with its (decoded) password and the given libpq sslmode."""
    conninfo = (
        f"host=127.0.0.1 port={server.port} dbname={database} user={server.TLS_USER} "
        f"sslmode={sslmode}"
    )
    query = "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
    return subprocess.run(
        [str(server.bindir / "psql"), "-X", "-A", "-t", conninfo, "-c", query],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "PGPASSWORD": services.TLS_PASSWORD},
    )


@pytest.mark.generated
def test_postgres_lets_the_tls_only_user_in_over_tls_with_the_decoded_password(postgres):
    url = postgres.create_database("tls_check")
    database = url.rsplit("/", 1)[1]
    result = psql(postgres, database, "require")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "t", "the connection is not encrypted"
    assert postgres.tls_url(database) == (
        f"postgres://tls_app:Tls%40only%2541pw@127.0.0.1:{postgres.port}/{database}?sslmode=require"
    )


@pytest.mark.generated
def test_postgres_refuses_the_tls_only_user_in_plain_text(postgres):
    postgres.create_database("tls_check_plain")
    result = psql(postgres, "tls_check_plain", "disable")
    assert result.returncode != 0, "a plain-text connection of the TLS-only user was accepted"
    assert "pg_hba.conf rejects connection" in result.stderr, result.stderr


def mariadb_client(server, database: str, *tls: str) -> subprocess.CompletedProcess:
    user = server.tls_user_of(database)
    command = [server.bin["mariadb"], "--no-defaults", "-h127.0.0.1", f"-P{server.port}"]
    command += [f"-u{user}", f"-p{services.TLS_PASSWORD}", *tls, "--batch", "--skip-column-names"]
    query = "SHOW SESSION STATUS LIKE 'Ssl_cipher'; SELECT @@character_set_database"
    return subprocess.run(
        [*command, database, "-e", query], capture_output=True, text=True, timeout=30
    )


@pytest.mark.generated
def test_mariadb_lets_the_tls_only_user_in_over_tls_and_databases_are_latin1(mariadb):
    url = mariadb.create_database("tls_check")
    database = url.rsplit("/", 1)[1]
    result = mariadb_client(mariadb, database, "--ssl", "--skip-ssl-verify-server-cert")
    assert result.returncode == 0, result.stderr
    cipher_line, charset = result.stdout.strip().splitlines()
    assert cipher_line.split("\t")[1], "the connection is not encrypted"
    assert charset == "latin1", "tier 3 creates its MySQL databases latin1 (issue 9.5)"
    assert mariadb.tls_url(database) == (
        f"mysql://tls_{database}:Tls%40only%2541pw@127.0.0.1:{mariadb.port}/{database}"
        "?ssl-mode=REQUIRED"
    )


@pytest.mark.generated
def test_mariadb_refuses_the_tls_only_user_in_plain_text(mariadb):
    mariadb.create_database("tls_check_plain")
    result = mariadb_client(mariadb, "tls_check_plain", "--skip-ssl")
    assert result.returncode != 0, "a plain-text connection of the TLS-only user was accepted"
    assert "Access denied" in result.stderr, result.stderr


# --- FerretDB (issue 10.3): the MongoDB wire protocol, answered to the official driver ----------


@pytest.fixture(scope="module")
def ferretdb():
    server = services.FerretDBServer.start()
    yield server
    server.stop()


def mongo_client(url: str):
    import pymongo

    return pymongo.MongoClient(url, serverSelectionTimeoutMS=5000, connectTimeoutMS=5000)


@pytest.mark.generated
def test_ferretdb_answers_a_ping_and_keeps_documents_per_database(ferretdb):
    url = ferretdb.create_database("ping_check")
    assert url == f"mongodb://127.0.0.1:{ferretdb.port}/ping_check"
    with mongo_client(url) as client:
        database = client.get_default_database()
        assert database.command("ping")["ok"] == 1.0
        database.todos.insert_one({"title": "write tests"})
        assert database.todos.find_one({}, {"_id": 0}) == {"title": "write tests"}
        assert "ping_check" in client.list_database_names()
    assert ferretdb.create_database("ping_check") == url  # a second time: empty again
    with mongo_client(url) as client:
        assert client.get_default_database().todos.count_documents({}) == 0


@pytest.mark.generated
def test_ferretdb_goes_away_when_blocked_and_keeps_its_data_when_back(ferretdb):
    import pymongo.errors

    url = ferretdb.create_database("block_check")
    with mongo_client(url) as client:
        client.get_default_database().todos.insert_one({"title": "kept"})
    ferretdb.block("block_check")
    try:
        with mongo_client(url) as client, pytest.raises(pymongo.errors.PyMongoError):
            client.get_default_database().command("ping")
    finally:
        ferretdb.unblock("block_check")
    with mongo_client(url) as client:
        assert client.get_default_database().todos.find_one({}, {"_id": 0}) == {"title": "kept"}


def test_a_terminated_test_run_still_tears_down_what_its_fixtures_started(tmp_path):
    """`kill` of a test run (SIGTERM) runs the fixtures' teardown as Ctrl-C does
    (tests/interrupt.py), so the database servers they started do not outlive the run."""
    (tmp_path / "test_long.py").write_text(
        textwrap.dedent(
            """
            import pathlib, time, pytest

            @pytest.fixture(scope="session")
            def server():
                yield
                pathlib.Path("torn-down").write_text("yes")

            def test_long(server):
                pathlib.Path("started").write_text("yes")
                time.sleep(60)
            """
        )
    )
    run = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.interrupt"]
        + ["test_long.py"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(TEMPLATE_ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        services.wait_until(
            (tmp_path / "started").exists,
            what="the inner test run's test",
            log=None,
            alive=lambda: run.poll() is None,
        )
        run.terminate()
        run.wait(timeout=30)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    assert (tmp_path / "torn-down").read_text() == "yes"
