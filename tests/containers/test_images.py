"""Issue 13.3: every stack's image is built and serves the contract from a container.

For each framework, the generated project (docker on, auth jwt, or session where copier.yml refuses
jwt: PHP) is built with its own Dockerfile on
stand-in base images (tests/containers/docker.py: no registry is reachable, so each FROM is a
debootstrap'd Debian bookworm plus the machine's runtime, tagged as the FROM resolves with the
runtime-version build argument; the test id names it). Then, with host networking:

- SQLite on a named volume: migrations from the image, the app as a non-root uid (read from the
  host's /proc), HEALTHCHECK passing, /health/ready 200, the contract suite's smoke part
  (`-m smoke`) and a register/login/todo round trip over HTTP; a second container on the same
  volume still knows the user. With session auth the containers run with APP_ENV=development,
  as tier 3's contract run does (a Secure cookie never travels back over plain http), except the
  second one: in production it must set the cookie Secure, and the round trip sends it by hand.
  That second container runs with a read-only root file system and a writable /tmp, as
  deploy/helm's securityContext runs every image.
- PostgreSQL on the host (tests/services.py's loopback server): the same, the database reached at
  127.0.0.1 from inside the container.

Image sizes and build times land in <basetemp>/containers-timings.jsonl and the test's output.
"""

from __future__ import annotations

import json
import uuid

import pytest

from tests.containers.apps import (
    APP_UID,
    app_env,
    build_image,
    image_auth,
    migrate,
    ready,
    round_trip,
    running,
    standin_names,
)
from tests.generated.test_generated import Steps, run_contract_smoke
from tests.support import frameworks_offering, language_of

# Those that offer an image (every one, so far: copier.yml).
FRAMEWORKS = frameworks_offering(docker=True)
DATABASES = ("sqlite", "postgresql")
# Java first: its image builds the longest (Maven inside the build), the rest fill in after.
ROWS = sorted(
    [(f, d) for f in FRAMEWORKS for d in DATABASES],
    key=lambda row: language_of(row[0]) != "java",
)


def row_id(row: tuple[str, str]) -> str:
    framework, database = row
    runtime = {
        "node": "node-standin",
        "python": "python3.11-standin",
        "java": "temurin25-standin",
        "php": "php8.2-apache-standin",
    }
    return f"{framework}-{database}-{image_auth(framework)}-on-{runtime[language_of(framework)]}"


@pytest.mark.generated
@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_the_image_builds_and_serves_the_contract_as_non_root(
    row, docker, standin_bases, request, tmp_path, record_property
):
    framework, database = row
    auth = image_auth(framework)
    print(f"base images (stand-ins): {standin_names(framework)}")
    standin_bases(language_of(framework))
    image = build_image(docker, tmp_path, framework=framework, database=database, auth=auth)
    facts = {
        "row": row_id(row),
        "build_s": image.build_seconds,
        "size_mb": round(image.size_bytes / 1e6, 1),
    }
    record_property("image", facts)
    with docker.timings_file.open("a") as out:
        out.write(json.dumps(facts) + "\n")
    print(json.dumps(facts))

    # The generated .env holds a real SECRET_KEY: .dockerignore keeps it out of the image.
    leaked = docker.run("run", "--rm", image.tag, "ls", "-A", "/app").stdout.decode().split()
    assert ".env" not in leaked, f"{image.tag} contains /app/.env: {leaked}"

    steps = Steps(image.project, tmp_path / "logs")
    volume = None
    if database == "sqlite":
        volume = f"brt-data-{uuid.uuid4().hex[:8]}"
        env = app_env("sqlite:////app/data/app.db")
    else:
        server = request.getfixturevalue("postgres_server")
        env = app_env(server.create_database(f"image_{framework}"))
    # Session cookies over plain http: development (docstring); migrations in the image's own mode.
    serve_env = {**env, "APP_ENV": "development"} if auth == "session" else env
    try:
        migrate(docker, image, env, volume)
        with running(docker, image, serve_env, volume=volume) as app:
            app.wait_until_live()
            uid = app.main_process_uid()
            assert uid != 0, f"{image.tag} runs its server as root"
            assert uid == APP_UID[image.language], f"{image.tag} runs as uid {uid}"
            app.healthcheck_passes()
            ready(app.base_url)
            run_contract_smoke(app.base_url, steps, database=database, auth=auth)
            email = round_trip(app.base_url, auth)
        if volume:
            # The data lives on the volume, not in the container: a new container (in the image's
            # own production mode, with a read-only root file system and a writable /tmp, as the
            # Helm chart runs it) knows the user.
            with running(docker, image, env, volume=volume, read_only=True) as again:
                again.wait_until_live()
                round_trip(again.base_url, auth, email=email, production=True)
    finally:
        if volume:
            docker.run("volume", "rm", "--force", volume, check=False)
