"""Fixtures of the container tests: the private Docker engine (shared by the run's workers, stopped
by the last), its stand-in base images (built once, cached in its data root) and the loopback
PostgreSQL the containers reach over host networking."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.containers.docker import Docker, ensure_standins, standins_for
from tests.services import PostgresServer, ServiceError
from tests.support import run_dir


@pytest.fixture(scope="session")
def docker(tmp_path_factory) -> Iterator[Docker]:
    try:
        engine = Docker().start()
    except ServiceError as error:
        pytest.fail(str(error), pytrace=False)
    engine.timings_file = run_dir(tmp_path_factory) / "containers-timings.jsonl"
    yield engine
    engine.stop()


@pytest.fixture(scope="session")
def standin_bases(docker):
    """Returns `ready(language)`: builds the stand-ins that language's Dockerfile starts FROM
    (when the engine lacks them) and logs how long that took."""

    def ready(language: str) -> None:
        timings: dict[str, float] = {}
        try:
            ensure_standins(docker, standins_for(language), timings)
        except ServiceError as error:
            pytest.fail(str(error), pytrace=False)
        if timings:
            with docker.timings_file.open("a") as out:
                out.write(json.dumps({"standins": language, **timings}) + "\n")
            print(f"stand-ins for {language}: {json.dumps(timings)}")

    return ready


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    try:
        server = PostgresServer.start()
    except ServiceError as error:
        pytest.fail(str(error), pytrace=False)
    yield server
    server.stop()
