"""Issue 13.3: every generated compose.yaml is valid for Docker Compose itself.

`docker compose config --quiet` (Compose v2 as a docker CLI plugin, built from the Go module proxy,
tests/containers/docker.py) parses and interpolates each framework x database project's
compose.yaml with the `.env` the project was generated with, as `docker compose up` would. It
needs no engine: the file's services, anchors, depends_on conditions, healthchecks and volumes are
checked, not run (the images themselves are built and run by test_images.py)."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.containers.apps import image_auth
from tests.containers.docker import compose_plugin
from tests.services import ServiceError, tail
from tests.support import choice_values, frameworks_offering, language_of, refusal_of, render


@pytest.fixture(scope="session")
def compose_config_dir():
    try:
        return compose_plugin()
    except ServiceError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.mark.generated
@pytest.mark.parametrize("framework", frameworks_offering(docker=True))
def test_every_compose_file_passes_docker_compose_config(framework, compose_config_dir, tmp_path):
    env = {**os.environ, "DOCKER_CONFIG": str(compose_config_dir)}
    env.pop("SECRET_KEY", None)
    auth = image_auth(framework)  # jwt, or session where copier.yml refuses jwt (PHP)
    for database in choice_values("database"):
        answers = {"framework": framework, "database": database, "auth": auth}
        if refusal_of({**answers, "language": language_of(framework)}):
            continue  # not offered for this framework (database=mongodb, so far)
        project = render(
            tmp_path / database, framework=framework, database=database, auth=auth, docker=True
        )
        result = subprocess.run(
            ["docker", "compose", "config", "--quiet"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, (
            f"{framework}/{database}: docker compose config failed:\n"
            + tail(result.stdout + result.stderr)
        )
        # The file refuses to start without SECRET_KEY (its `:?` interpolation): proven by
        # taking the generated .env away.
        (project / ".env").rename(project / ".env.off")
        refused = subprocess.run(
            ["docker", "compose", "config", "--quiet"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert refused.returncode != 0 and "SECRET_KEY" in refused.stderr, (
            f"{framework}/{database}: compose.yaml without SECRET_KEY: {refused.stderr}"
        )
