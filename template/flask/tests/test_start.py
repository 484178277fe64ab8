"""The make verbs that start the app read .env, and the environment wins over it.

Each test copies the project (without .env and data) to a temporary folder, writes a .env there and
runs the Makefile's own recipe (without `uv run`: the tests already run in the project's
environment), so what is checked is the verb a learner types.
"""

import http.client
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SECRET = "start-test-secret-key-0123456789-0123456789"


def recipe(verb: str) -> str:
    """The shell command under `<verb>:` in the Makefile, as make would pass it to the shell."""
    lines = (ROOT / "Makefile").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{verb}:"))
    command = lines[start + 1].strip().replace("$$", "$")
    return command.removeprefix("uv run ")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".env", "data", ".git", "__pycache__")
    )
    return copy


def start(project: Path, verb: str, dotenv: dict[str, str], **environment: str):
    (project / ".env").write_text("".join(f"{k}={v}\n" for k, v in dotenv.items()))
    env = {k: v for k, v in os.environ.items() if k not in {"PORT", "DATABASE_URL", "SECRET_KEY"}}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update(environment)
    return subprocess.Popen(  # noqa: S602 - the Makefile's recipe is a shell command
        recipe(verb),
        shell=True,
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def wait_for_live(port: int, server: subprocess.Popen, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/live", timeout=2) as r:
                return r.status == 200
        except OSError:
            time.sleep(0.2)
    return False


def stop(server: subprocess.Popen) -> str:
    if server.poll() is None:
        os.killpg(server.pid, 15)
    _, errors = server.communicate(timeout=30)
    return errors.decode(errors="replace")


@pytest.fixture(scope="module", params=["dev", "run"])
def served(request, tmp_path_factory) -> tuple[str, int]:
    """(verb, port): `make <verb>` started in a copy of the project whose .env alone sets PORT."""
    verb, port = request.param, free_port()
    project = tmp_path_factory.mktemp(verb) / "project"
    shutil.copytree(
        ROOT, project, ignore=shutil.ignore_patterns(".venv", ".env", "data", ".git", "__pycache__")
    )
    dotenv = {"APP_ENV": "development", "SECRET_KEY": SECRET, "PORT": str(port)}
    server = start(project, verb, dotenv)
    try:
        yield verb, port if wait_for_live(port, server) else None
    finally:
        errors = stop(server)
    assert "Traceback" not in errors


def test_the_port_written_only_in_dotenv_is_the_one_served(served):
    verb, port = served

    assert port, f"`make {verb}` does not answer on the PORT set in .env"


@pytest.mark.parametrize("mebibytes", [2, 10])
def test_an_oversized_body_gets_a_413_even_if_the_client_sends_it_all_before_reading(
    served, mebibytes
):
    """Python's http.client writes the whole body, then reads: a server that answers 413 early
    and closes at once makes it see a connection reset instead of the answer. 10 MiB is more
    than the loopback socket buffers absorb, so the server must really read the rest."""
    _, port = served
    body = b'{"title": "' + b"x" * (mebibytes * 1024 * 1024) + b'"}'
    for _ in range(3):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request(
                "POST", "/api/todos", body=body, headers={"Content-Type": "application/json"}
            )
            response = connection.getresponse()
            answer = json.loads(response.read())
        finally:
            connection.close()
        assert response.status == 413
        assert response.getheader("Content-Type") == "application/problem+json"
        assert answer["status"] == 413


def test_migrate_applies_the_migrations_to_the_database_in_dotenv(project):
    dotenv = {"APP_ENV": "development", "SECRET_KEY": SECRET, "DATABASE_URL": "sqlite:///./x.db"}
    migrate = start(project, "migrate", dotenv)
    errors = migrate.communicate(timeout=120)[1].decode(errors="replace")

    assert migrate.returncode == 0, errors
    with sqlite3.connect(project / "x.db") as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert "todos" in tables


def test_a_variable_set_in_the_environment_wins_over_dotenv(project):
    # make dev and make migrate read .env the same way (the flask command); run with python-dotenv.
    dotenv = {"APP_ENV": "development", "SECRET_KEY": SECRET, "DATABASE_URL": "sqlite:///./x.db"}
    migrate = start(project, "migrate", dotenv, DATABASE_URL="sqlite:///./y.db")
    errors = migrate.communicate(timeout=120)[1].decode(errors="replace")

    assert migrate.returncode == 0, errors
    assert (project / "y.db").exists()
    assert not (project / "x.db").exists()


def test_the_server_builds_the_app_without_importing_the_migration_tools():
    # Alembic and Mako (through Flask-Migrate) were about a fifth of the start-up; gunicorn builds
    # the app outside any `flask` command, which is the only place migrations run (issue 15).
    code = (
        "import sys; from app import create_app; "
        "create_app({'APP_ENV': 'production', 'SECRET_KEY': sys.argv[1]}); "
        "print(sorted(m for m in ('alembic', 'flask_migrate', 'mako') if m in sys.modules))"
    )
    result = subprocess.run(  # noqa: S603 - this interpreter, a fixed program
        [sys.executable, "-c", code, SECRET],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )

    assert result.stdout.strip() == "[]"
