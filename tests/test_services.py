"""The database-server helpers of tier 3 (tests/services.py): names and missing-binary messages.
Starting real servers is exercised by tier 3 itself."""

from __future__ import annotations

import pytest

from tests import services


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
