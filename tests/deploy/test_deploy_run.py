"""Tier 3 (generated): the commands Render and Heroku would run are run, not only linted.

For each stack, a project with PostgreSQL and JWT is rendered, reduced to what a deploy would see
(the committed files: no `.env`, the lock file `make setup` writes and the learner commits), then:
- Render: render.yaml's buildCommand, preDeployCommand and startCommand, in that order, through a
  shell as Render runs them, with Render's environment shape (PORT set by the platform, a
  `postgres://` DATABASE_URL of a TLS-only user, the Blueprint's other variables);
- Heroku: the buildpack's install step (stacks.yml `hosting.build`, with the installed
  packages on PATH as the Python buildpack leaves them), then honcho (PyPI) runs the Procfile's
  `release` and then its `web` process with the config vars app.json declares.
Then /health/ready must answer 200 and the contract suite's smoke part (`-m smoke`: health,
register, login, me, a todo's round trip, problem details) must pass over HTTP against the started
app, on the loopback PostgreSQL of tests/services.py. Spring on Render runs from its Docker image,
which the containers tests build; here it is Heroku's (Java buildpack) row only. Symfony (PHP) runs
on Render from its image too and is not offered Heroku: no row here.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from extensions.context import load_facts
from tests.generated.conftest import postgres_server  # noqa: F401 (the fixture, reused)
from tests.generated.test_generated import (
    Steps,
    clean_env,
    poll_ready,
    run_contract_smoke,
    server_log,
    stop,
    wait_until_live,
)
from tests.services import free_port
from tests.support import frameworks_offering, java_home, render

FACTS = load_facts()
# The frameworks offered each target with PostgreSQL (copier.yml).
OFFERED = {
    target: frameworks_offering(database="postgresql", deploy=target)
    for target in ("render", "heroku")
}
ROWS = [
    (framework, target)
    for framework in FACTS["stacks"]
    for target in ("render", "heroku")
    # Render runs Java and PHP from their image (the containers tests build and run it).
    if framework in OFFERED[target]
    and not (FACTS["stacks"][framework]["language"] in ("java", "php") and target == "render")
]
# The platform's `web` process must answer /health/live within this many seconds of starting: a
# JVM on two busy cores takes over a minute (tier 3's own limit, 60 s, is for `make run` alone).
BOOT_TIMEOUT = 150


def deployable_copy(project: Path, env: dict[str, str], steps: Steps) -> None:
    """What a push to the platform carries: the lock file the learner's `make setup` wrote and
    committed, and no `.env` (git-ignored; a platform takes its settings from its own store)."""
    language = FACTS["stacks"][project.name.split("-")[0]]["language"]
    if language == "python":
        steps.run("lock", ["uv", "lock"], env)
    elif language == "node":
        lock = ["npm", "install", "--package-lock-only", "--ignore-scripts", "--no-audit"]
        steps.run("lock", lock, env)
    (project / ".env").unlink()


def started(command: list[str], cwd: Path, env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("wb") as output:
        return subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


@pytest.mark.generated
@pytest.mark.parametrize(("framework", "target"), ROWS, ids=[f"{f}-{t}" for f, t in ROWS])
def test_the_platforms_commands_build_migrate_and_serve(
    framework,
    target,
    tmp_path,
    postgres_server,  # noqa: F811
):
    stack = FACTS["stacks"][framework]
    project = render(
        tmp_path / f"{framework}-{target}",
        framework=framework,
        database="postgresql",
        auth="jwt",
        docker=True,
        deploy=[target],
        skip_tasks=True,
    )
    steps = Steps(project, tmp_path / "logs")
    env = clean_env()
    if stack["language"] == "java":
        jdk = java_home(stack["runtime_version"])
        assert jdk, f"this row needs a JDK {stack['runtime_version']}"
        # The Java buildpack installs the JDK system.properties names and puts it on PATH.
        env["JAVA_HOME"] = str(jdk)
        env["PATH"] = f"{jdk}/bin{os.pathsep}{env['PATH']}"
    deployable_copy(project, env, steps)

    database = postgres_server.create_database(f"deploy_{framework}_{target}")
    port = free_port()
    platform = {
        **env,
        "PORT": str(port),
        "DATABASE_URL": postgres_server.tls_url(database.rsplit("/", 1)[1]),
    }
    log = steps.logs / "web.log"
    if target == "render":
        [service] = yaml.safe_load((project / "render.yaml").read_text())["services"]
        for item in service["envVars"]:
            if "value" in item:
                platform[item["key"]] = item["value"]
        platform["SECRET_KEY"] = secrets.token_urlsafe(32)  # generateValue: true
        steps.run("build", ["sh", "-c", service["buildCommand"]], platform)
        steps.run("pre-deploy", ["sh", "-c", service["preDeployCommand"]], platform)
        process = started(["sh", "-c", service["startCommand"]], project, platform, log)
    else:
        manifest = json.loads((project / "app.json").read_text())
        for name, spec in manifest["env"].items():
            platform[name] = spec["value"] if "value" in spec else secrets.token_urlsafe(32)
        # The buildpack's install; Python's leaves the packages' commands on PATH.
        steps.run("build", ["sh", "-c", FACTS["hosting"][framework]["build"]], platform)
        if stack["language"] == "python":
            platform["PATH"] = f"{project / '.venv' / 'bin'}{os.pathsep}{platform['PATH']}"
            platform["VIRTUAL_ENV"] = str(project / ".venv")
        # honcho reads no .env here (a platform has none): an empty env file stands in.
        empty = tmp_path / "empty.env"
        empty.write_text("")
        honcho = [str(Path(sys.executable).parent / "honcho"), "-e", str(empty)]
        steps.run("release", [*honcho, "start", "release"], platform)
        process = started([*honcho, "start", "web"], project, platform, log)

    base_url = f"http://127.0.0.1:{port}"
    try:
        began = time.monotonic()
        wait_until_live(process, base_url, log, f"{target}'s web process", BOOT_TIMEOUT)
        steps.timings["boot"] = round(time.monotonic() - began, 1)
        ready = poll_ready(base_url, 200)
        assert ready.json() == {"status": "ok", "checks": {"database": "ok"}}, ready.text
        try:
            run_contract_smoke(base_url, steps, database="postgresql")
        except AssertionError as failure:
            raise AssertionError(f"{failure}\nweb log:\n{server_log(log)}") from None
    finally:
        stop(process)
    print(f"{framework}-{target} timings: {steps.timings}")
