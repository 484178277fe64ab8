"""Generated projects as images and containers: render, build on the stand-in bases, run with host
networking, check who runs the process, and a register/login/todo round trip over HTTP."""

from __future__ import annotations

import contextlib
import json
import secrets
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from extensions.context import load_facts
from tests.containers.docker import Docker, build_args, standins, standins_for
from tests.contract.contract_api import (
    PASSWORD,
    assert_todo,
    assert_user,
    describe,
    expect_json,
    login,
    register,
)
from tests.services import free_port, tail
from tests.support import language_of, refusal_of, render

# Seconds for a container to answer /health/live: two Spring Boot JVMs starting side by side on
# a loaded 2-core machine took over 90 s (58 s to the web context alone).
LIVE_TIMEOUT = 180
# The user each Dockerfile switches to (USER): the official node image's `node`, else `app`.
APP_UID = {"node": 1000, "python": 10001, "java": 10001, "php": 10001}
# The auth modes the image tests can log in with, in the order they are preferred: jwt (bearer
# tokens, nothing to carry between containers but the database), then session.
LOGIN_AUTHS = ("jwt", "session")


def login_auths(framework: str) -> list[str]:
    """LOGIN_AUTHS that copier.yml accepts with docker for `framework` (its validators)."""
    language = language_of(framework)
    return [
        auth
        for auth in LOGIN_AUTHS
        if not refusal_of(
            {"framework": framework, "language": language, "auth": auth, "docker": True}
        )
    ]


def image_auth(framework: str) -> str:
    """The auth a framework's image is tested with: the first of login_auths() (PHP refuses
    jwt: session)."""
    offered = login_auths(framework)
    assert offered, f"{framework} offers none of {LOGIN_AUTHS} with docker (copier.yml)"
    return offered[0]


def standin_names(framework: str) -> str:
    """What the image is really built FROM, for test ids and messages."""
    wanted = standins()
    return " and ".join(
        f"{wanted[n].tag} = {wanted[n].what}" for n in standins_for(language_of(framework))
    )


@dataclass
class Image:
    framework: str
    database: str
    auth: str
    tag: str
    project: Path
    build_seconds: float
    size_bytes: int
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def language(self) -> str:
        return language_of(self.framework)

    @property
    def migrate_command(self) -> list[str]:
        return list(self.facts["container_migrate"])


def build_image(
    docker: Docker, workdir: Path, *, framework: str, database: str, auth: str, api: str = "rest"
) -> Image:
    """Renders the project (docker on) and builds its Dockerfile with the stand-in's build arg.
    The same answers render the same files, so a second build of them is all layer cache."""
    name = f"{framework}-{database}-{auth}-{api}"
    project = render(
        workdir / name, framework=framework, database=database, auth=auth, api=api, docker=True
    )
    tag = f"brt-app/{name}:test"
    seconds = docker.build(
        project, tag, args=build_args(language_of(framework)), log=workdir / f"build-{name}.log"
    )
    return Image(
        framework,
        database,
        auth,
        tag,
        project,
        round(seconds, 1),
        docker.image_size(tag),
        load_facts()["stacks"][framework],
    )


def docker_env(env: dict[str, str]) -> list[str]:
    return [arg for name, value in env.items() for arg in ("--env", f"{name}={value}")]


def migrate(docker: Docker, image: Image, env: dict[str, str], volume: str | None = None) -> str:
    """The image's own migration command (stacks.yml container_migrate), as compose runs it."""
    mount = ["--volume", f"{volume}:/app/data"] if volume else []
    result = docker.run(
        "run",
        "--rm",
        "--network",
        "host",
        *mount,
        *docker_env(env),
        image.tag,
        *image.migrate_command,
        timeout=300,
        check=False,
    )
    output = (result.stdout + result.stderr).decode(errors="replace")
    assert result.returncode == 0, (
        f"`{' '.join(image.migrate_command)}` in {image.tag} failed ({result.returncode}):\n"
        + tail(output)
    )
    return output


@dataclass
class Container:
    docker: Docker
    name: str
    port: int

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def logs(self) -> str:
        result = self.docker.run("logs", self.name, check=False)
        return tail((result.stdout + result.stderr).decode(errors="replace"))

    def main_process_uid(self) -> int:
        """The real uid of the container's PID 1, read from the host's /proc."""
        pid = self.docker.out("inspect", "--format", "{{.State.Pid}}", self.name)
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("Uid:"):
                return int(line.split()[1])
        raise AssertionError(f"/proc/{pid}/status has no Uid line")

    def wait_until_live(self) -> float:
        began = time.monotonic()
        last = "no answer"
        while time.monotonic() - began < LIVE_TIMEOUT:
            state = self.docker.out("inspect", "--format", "{{.State.Status}}", self.name)
            assert state == "running", f"container {self.name} is {state}; log:\n{self.logs()}"
            try:
                response = httpx.get(f"{self.base_url}/health/live", timeout=2)
                if response.status_code == 200:
                    return time.monotonic() - began
                last = f"{response.status_code} {response.text[:200]}"
            except httpx.HTTPError as error:
                last = repr(error)
            time.sleep(0.5)
        raise AssertionError(
            f"{self.name}: /health/live not 200 within {LIVE_TIMEOUT}s ({last}); "
            f"log:\n{self.logs()}"
        )

    def healthcheck_passes(self) -> None:
        """The image's HEALTHCHECK command, run in the container now (Docker's own first probe
        would come only after its 30 s interval)."""
        test = json.loads(
            self.docker.out("inspect", "--format", "{{json .Config.Healthcheck.Test}}", self.name)
        )
        assert test and test[0] == "CMD", f"HEALTHCHECK should be an exec form: {test}"
        result = self.docker.run("exec", self.name, *test[1:], check=False, timeout=30)
        assert result.returncode == 0, f"HEALTHCHECK {test[1:]} failed in {self.name}: " + (
            result.stdout + result.stderr
        ).decode(errors="replace")


@contextlib.contextmanager
def running(
    docker: Docker,
    image: Image,
    env: dict[str, str],
    *,
    volume: str | None = None,
    name: str | None = None,
    port: int | None = None,
    read_only: bool = False,
):
    """`docker run -d --network host` of the image's default command on a free port; removed
    on exit (its log is kept in the assertion messages while it runs). `read_only`: a read-only
    root file system with a writable /tmp, as deploy/helm's securityContext runs it."""
    port = port or free_port()
    name = name or f"brt-{image.framework}-{uuid.uuid4().hex[:8]}"
    mount = ["--volume", f"{volume}:/app/data"] if volume else []
    if read_only:
        # /tmp as a Kubernetes emptyDir is: writable and executable (Docker's tmpfs default is
        # noexec, where sqlite-jdbc cannot load the native library it unpacks there).
        mount += ["--read-only", "--tmpfs", "/tmp:exec"]
    docker.run(
        "run",
        "--detach",
        "--name",
        name,
        "--network",
        "host",
        *mount,
        *docker_env({**env, "PORT": str(port)}),
        image.tag,
    )
    try:
        yield Container(docker, name, port)
    finally:
        docker.run("rm", "--force", name, check=False)


def app_env(database_url: str, **extra: str) -> dict[str, str]:
    return {"SECRET_KEY": secrets.token_urlsafe(48), "DATABASE_URL": database_url, **extra}


def round_trip(
    base_url: str, auth: str, email: str | None = None, *, production: bool = False
) -> str:
    """Register, log in (jwt: the bearer token; session: the cookie and the CSRF token), create a
    todo and find it in the list; returns the email. With `email` given, only logs that existing
    user in (the data outlived its container). `production`: the app runs with APP_ENV=production,
    so a session cookie must be Secure; it is sent back by hand, since a cookie jar keeps a Secure
    cookie off plain http."""
    with httpx.Client(base_url=base_url, timeout=30) as client:
        fresh = email is None
        email = email or f"image-{uuid.uuid4().hex[:10]}@example.com"
        if fresh:
            assert_user(expect_json(register(client, email), 201), email)
        response = login(client, email, PASSWORD)
        tokens = expect_json(response, 200)
        if auth == "jwt":
            client.headers["Authorization"] = f"Bearer {tokens['access_token']}"
        if auth == "session":
            cookies = list(response.cookies.jar)
            assert cookies, "a session login sets a cookie" + describe(response)
            if production:
                assert all(cookie.secure for cookie in cookies), (
                    "with APP_ENV=production the session cookie is Secure" + describe(response)
                )
            client.headers["Cookie"] = "; ".join(f"{c.name}={c.value}" for c in cookies)
            csrf = expect_json(client.get("/api/auth/csrf"), 200)["csrf_token"]
            client.headers["X-CSRF-Token"] = csrf
        created = assert_todo(
            expect_json(client.post("/api/todos", json={"title": "shipped in a container"}), 201)
        )
        listed = expect_json(client.get("/api/todos"), 200)
        items = listed["items"] if isinstance(listed, dict) else listed
        assert any(item["id"] == created["id"] for item in items), "the new todo is not listed" + (
            describe(client.get("/api/todos"))
        )
    return email


def ready(base_url: str) -> httpx.Response:
    response = httpx.get(f"{base_url}/health/ready", timeout=10)
    assert response.status_code == 200, "/health/ready" + describe(response)
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}, response.text
    return response
