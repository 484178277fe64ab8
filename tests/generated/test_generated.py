"""Tier 3: generated projects run their own `make setup lint test` against real databases, then
check that `make dev` serves, then serve with `make run` and pass the contract suite
(tests/contract) over plain HTTP, show their /docs in headless Chromium, refuse bad configuration
in one line, and serve once more configured only by a `.env` (RULES.md decisions 5 and 7).

Rows: every framework x database x auth that copier.yml offers (the database axis is per
framework: mongodb where copier.yml offers it, with the auths offered there), which covers every
offered pair of those. api is assigned as a Latin square per framework (issue 11.4,
graphql_pairs): each framework x auth has a graphql row and so has each database of a framework,
and no row is added. MongoDB rows run against FerretDB (tests/services.py) and also run
tests/contract/test_mongodb_ids.py; oauth rows sign in through the OpenID Connect provider of
tests/oidc. The other matrix questions (ci, docker) are assigned so that every pair of values of
all of them appears at least once; `test_the_rows_cover_every_pair_of_option_values` and
`test_each_framework_x_auth_has_one_graphql_row_and_each_database_one_per_framework` prove it. One
test id per row, e.g. `express-postgresql-jwt-github-nodocker` or
`express-sqlite-jwt-github-docker-graphql`; run them with `uv run pytest -m generated -n 3`.

A graphql row runs the contract suite with CONTRACT_API=graphql (its GraphQL part, and the REST
routes answering 404), opens GraphiQL instead of /docs in Chromium and runs a query through it,
and its production boot checks that GraphiQL and introspection are off.

An auth = oauth row (issue 12) registers a client for its app at the test OpenID Connect provider
of tests/oidc (started once per worker, like the database servers) and starts the app with
OIDC_ISSUER_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and PUBLIC_URL; the contract suite signs
people in through it over HTTP, each framework's SQLite oauth row once more in headless Chromium
(screenshots kept), and the production boot checks the callback's cookie is Secure.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import itertools
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from extensions.context import load_facts
from tests.oidc.driver import authorize
from tests.oidc.provider import ALICE
from tests.php_offline import write_config as write_offline_composer_config
from tests.services import PASSWORD as DATABASE_PASSWORD
from tests.services import TLS_PASSWORD, TLS_PASSWORD_IN_URL, free_port, tail
from tests.support import (
    MATRIX_QUESTIONS,
    TEMPLATE_ROOT,
    NpmInstallError,
    choice_values,
    combo_id,
    java_home,
    language_of,
    npm_package,
    offered_combinations,
    render,
    run_dir,
    tool_env,
)

# Each row varies these together (a full product); the other questions are assigned pairwise.
PRIMARY = ("framework", "database", "auth")
# What the server runs with. The contract suite sends ~12 logins before its 429 test, whose limit+1
# wrong-password logins (each a password hash) must fit in one minute: with 60, they took 32-76 s
# at a load of 11 on 2 cores and the window slid away before the 429.
LOGIN_RATE_LIMIT = 30
# Seconds for `make dev` / `make run` to answer /health/live. Spring's `make dev` compiles before it
# starts: 46-54 s at a load of 11-16 on 2 cores (a graphql row), so 60 s was too close.
LIVE_TIMEOUT = 120
READY_TIMEOUT = 20  # seconds for /health/ready to follow the database down and up again
# Issue 9.2: every row is generated with identity answers that the formats they land in treat
# specially (XML, YAML, Spring placeholders, Markdown, string literals...), so each row's build,
# lint, tests and boot prove the escaping of extensions/filters.py.
HOSTILE_TEXT = "R&D <Tracker> 'x' \"q\" \\ ${x} {{ y }} {% z %} % # Café Crème 日本"
HOSTILE_IDENTITY = {
    "project_name": HOSTILE_TEXT,
    "description": HOSTILE_TEXT,
    "author_name": HOSTILE_TEXT,
}
TIMEOUTS = {"setup": 900, "lint": 300, "test": 900, "migrate": 180, "contract": 600}
# The contract run's CORS_ORIGINS (a Vite dev server's origin), told to the suite as well.
CORS_ORIGIN = "http://localhost:5173"
# The configuration boot (issue 8.4): a trusted proxy that is not us, and a low login limit.
TRUSTED_PROXY = "192.0.2.1"
CONFIG_LOGIN_RATE_LIMIT = 3
REFUSAL_TIMEOUT = 90  # seconds for `make run` to exit on a bad variable (Spring's JVM included)
# /docs in a real browser (issue 8.3): Debian's Chromium driven by npm's playwright-core, pinned.
CHROMIUM = Path("/usr/bin/chromium")
PLAYWRIGHT_CORE = "1.65.1"
PLAYWRIGHT_DIR = Path.home() / ".cache" / "brt" / f"playwright-core-{PLAYWRIGHT_CORE}"
BROWSE_DOCS = Path(__file__).with_name("browse_docs.cjs")
BROWSE_GRAPHIQL = Path(__file__).with_name("browse_graphiql.cjs")
BROWSE_OAUTH = Path(__file__).with_name("browse_oauth.cjs")
# The auth methods whose session is a cookie (CORS_ORIGINS=* refused, credentials allowed).
COOKIE_AUTHS = ("session", "oauth")
# Each framework's oauth row on this database also signs in through headless Chromium.
BROWSER_SIGN_IN_DATABASE = "sqlite"


def pairs_of(row: dict[str, Any]) -> set[tuple]:
    return {((a, row[a]), (b, row[b])) for a, b in itertools.combinations(MATRIX_QUESTIONS, 2)}


def all_pairs() -> set[tuple]:
    """Every pair of option values that some offered combination has (database=mongodb pairs only
    with the frameworks it is offered for)."""
    return set().union(*(pairs_of(combo) for combo in offered_combinations()))


def primary_triples() -> list[tuple]:
    """framework x database x auth as copier.yml offers them: the database axis is per framework
    (mongodb only where it is offered), in the order of the questions' choices."""
    offered = {tuple(combo[q] for q in PRIMARY) for combo in offered_combinations()}
    product = itertools.product(*(choice_values(q) for q in PRIMARY))
    return [triple for triple in product if triple in offered]


@functools.cache
def graphql_pairs(framework: str) -> frozenset[tuple[str, str]]:
    """(database, auth) of the framework's graphql rows: a Latin square over the databases and the
    auths copier.yml offers for it, pair i = (database i + shift, auth i) for i up to the longer of
    the two lists, so every database and every auth of the framework meets graphql at least once.
    The shift starts at the framework's index (no database always meets the same auth method) and
    moves on past squares that would need a combination that is not offered. A framework that
    offers no graphql (PHP's) has none."""
    if not any(
        c["framework"] == framework and c["api"] == "graphql" for c in offered_combinations()
    ):
        return frozenset()
    triples = [triple for triple in primary_triples() if triple[0] == framework]
    databases = list(dict.fromkeys(database for _f, database, _a in triples))
    auths = list(dict.fromkeys(auth for _f, _d, auth in triples))
    offered = {(database, auth) for _f, database, auth in triples}
    size = max(len(databases), len(auths))
    start = choice_values("framework").index(framework)
    for shift in range(start, start + len(databases)):
        pairs = {
            (databases[(i + shift) % len(databases)], auths[i % len(auths)]) for i in range(size)
        }
        if pairs <= offered:
            return frozenset(pairs)
    raise AssertionError(f"no Latin square of offered combinations for {framework}")


def api_of(framework: str, database: str, auth: str) -> str:
    """graphql for the pairs of graphql_pairs(framework), rest elsewhere: no row is added."""
    return "graphql" if (database, auth) in graphql_pairs(framework) else "rest"


def covering_rows() -> list[dict[str, Any]]:
    """Every framework x database x auth with api from api_of, each completed greedily with the
    values of the other questions that cover the most pairs not covered yet (first choice wins
    ties: deterministic), among the completions copier.yml offers (PHP: no jwt, no graphql)."""
    values = {q: choice_values(q) for q in MATRIX_QUESTIONS}
    others = [q for q in MATRIX_QUESTIONS if q not in PRIMARY and q != "api"]
    covered: set[tuple] = set()
    rows = []
    offered = {combo_id(c): c for c in offered_combinations()}
    for base in primary_triples():
        fixed = (*base, api_of(*base))
        candidates = [
            candidate
            for extra in itertools.product(*(values[q] for q in others))
            if combo_id(
                candidate := dict(zip((*PRIMARY, "api", *others), fixed + extra, strict=True))
            )
            in offered
        ]
        best = max(candidates, key=lambda row: len(pairs_of(row) - covered))
        covered |= pairs_of(best)
        rows.append({q: best[q] for q in MATRIX_QUESTIONS})
    return [offered[combo_id(row)] for row in rows if combo_id(row) in offered]


# Seconds a row takes, from the last full run's <basetemp>/tier3-timings.jsonl (2026-11-30, 66
# rows, 2 cores): the framework's mean row, plus what a database server and an auth method with
# sessions or a provider added on average. Only the order of the rows uses it.
# symfony: its six rows alone (2026-11-30, load 5-8): 21-48 s, 21 s for sqlite + none.
ROW_SECONDS = {
    "spring": 128,
    "django": 72,
    "flask": 58,
    "fastapi": 51,
    "symfony": 21,
    "express": 41,
}
DATABASE_SECONDS = {"sqlite": 0, "mongodb": 5, "postgresql": 10, "mysql": 10}
AUTH_SECONDS = {"none": 0, "jwt": 3, "session": 5, "oauth": 10}


def expected_seconds(row: dict[str, Any]) -> int:
    """The row's expected duration (ROW_SECONDS...), for ordering; unknown values count 0."""
    return (
        ROW_SECONDS.get(row["framework"], 0)
        + DATABASE_SECONDS.get(row["database"], 0)
        + AUTH_SECONDS.get(row["auth"], 0)
    )


# Longest first, every framework (a Spring row takes 2-3 times a Django one, 3 times an Express
# one); under xdist, tests/scheduling.py deals all tests out by expected_seconds() in this order.
ROWS = sorted(covering_rows(), key=expected_seconds, reverse=True)


def test_the_rows_cover_every_pair_of_option_values():
    missing = all_pairs() - set().union(*(pairs_of(row) for row in ROWS))
    assert not missing, f"pairs no tier-3 row covers: {sorted(missing)}"
    product = set(primary_triples())
    assert {tuple(row[q] for q in PRIMARY) for row in ROWS} == product
    assert len(ROWS) == len(product), "one row per framework x database x auth, no extra row"
    assert {row["database"] for row in ROWS if row["framework"] == "express"} >= {"mongodb"}
    assert len({combo_id(row) for row in ROWS}) == len(ROWS)


def test_every_row_has_an_expected_duration_and_the_longest_start_first():
    """A framework, database or auth added to copier.yml gets its seconds in ROW_SECONDS,
    DATABASE_SECONDS, AUTH_SECONDS (else its rows would be ordered as the quickest)."""
    for question, table in (
        ("framework", ROW_SECONDS),
        ("database", DATABASE_SECONDS),
        ("auth", AUTH_SECONDS),
    ):
        assert set(choice_values(question)) <= table.keys(), (question, table)
    durations = [expected_seconds(row) for row in ROWS]
    assert durations == sorted(durations, reverse=True)


def test_each_framework_x_auth_has_one_graphql_row_and_each_database_one_per_framework():
    """Issue 11.4: every framework x auth is run on graphql, every database (of those offered for
    the framework) at least once per framework, and each auth on more than one database.
    Frameworks that offer no graphql (PHP's, copier.yml) have no graphql row."""
    graphql = [row for row in ROWS if row["api"] == "graphql"]
    frameworks, _databases, auths = (choice_values(q) for q in PRIMARY)
    with_graphql = {c["framework"] for c in offered_combinations() if c["api"] == "graphql"}
    assert with_graphql == set(frameworks) - {"symfony"}
    assert not [row for row in graphql if row["framework"] not in with_graphql]
    for framework in sorted(with_graphql):
        mine = [row for row in graphql if row["framework"] == framework]
        offered = {d for f, d, _a in primary_triples() if f == framework}
        assert {row["auth"] for row in mine} == set(auths), (framework, mine)
        assert {row["database"] for row in mine} == offered, (framework, mine)
        assert len(mine) == max(len(offered), len(auths)), (framework, mine)
    for auth in auths:
        # The square is shifted per framework: no auth meets graphql on one database only.
        assert len({row["database"] for row in graphql if row["auth"] == auth}) > 1, auth


# --- running the generated project --------------------------------------------------------------


def clean_env() -> dict[str, str]:
    """tool_env() without what this test process carries that a generated project must not see."""
    env = tool_env()
    for name in list(env):
        if (
            name.startswith(("PYTEST_", "CONTRACT_", "COV_"))
            or name
            in (
                "DATABASE_URL",
                "APP_ENV",
                "PORT",
                "SECRET_KEY",
                "LOGIN_RATE_LIMIT_PER_MINUTE",
                "LOG_LEVEL",
                "CORS_ORIGINS",
                "FORWARDED_ALLOW_IPS",
                "PYTHONPATH",
                "NODE_ENV",
                "PUBLIC_URL",
                "OAUTH_SUCCESS_URL",
            )
            or name.startswith(("OIDC_", "GOOGLE_", "GITHUB_", "FACEBOOK_"))
        ):
            del env[name]
    return env


class Steps:
    """Runs the project's commands, keeping each one's full output in a log file and its time."""

    def __init__(self, project: Path, logs: Path):
        self.project = project
        self.logs = logs
        self.timings: dict[str, float] = {}
        logs.mkdir(parents=True, exist_ok=True)

    def run(self, name: str, command: list[str], env: dict[str, str], cwd: Path | None = None):
        log = self.logs / f"{name.replace(' ', '-')}.log"
        began = time.monotonic()
        try:
            result = subprocess.run(
                command,
                cwd=cwd or self.project,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=TIMEOUTS.get(name, 300),
                start_new_session=True,
            )
            output, code = result.stdout, result.returncode
        except subprocess.TimeoutExpired as error:
            output = (
                (error.stdout or b"").decode(errors="replace")
                if isinstance(error.stdout, bytes)
                else (error.stdout or "")
            )
            code = f"timeout after {error.timeout}s"
        self.timings[name] = round(time.monotonic() - began, 1)
        log.write_text(output)
        assert code == 0, (
            f"`{' '.join(command)}` failed ({code}) in {self.project}; last lines "
            f"(full log {log}):\n{tail(output)}"
        )
        return output


@contextlib.contextmanager
def serving(project: Path, env: dict[str, str], log: Path, verb: str = "run"):
    """`make run` (or `make dev`) in the background, in its own process group; stopped (group
    killed) on exit."""
    with log.open("wb") as output:
        process = subprocess.Popen(
            ["make", verb],
            cwd=project,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    for sig, grace in ((signal.SIGTERM, 15), (signal.SIGKILL, 10)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=grace)
            break
        except subprocess.TimeoutExpired:
            continue
    # the group may outlive make (a server that ignored SIGTERM): make sure it is gone
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def server_log(log: Path) -> str:
    return tail(log.read_text(errors="replace")) if log.exists() else "(no log)"


def wait_until_live(
    process: subprocess.Popen,
    base_url: str,
    log: Path,
    what: str = "`make run`",
    timeout: float = LIVE_TIMEOUT,
) -> None:
    """Wait for `process` (`what`, for messages) to answer 200 on /health/live within `timeout`
    seconds; AssertionError with the server log when it exits first or the time runs out."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        assert process.poll() is None, (
            f"{what} exited ({process.returncode}) before /health/live answered; log:\n"
            + server_log(log)
        )
        try:
            response = httpx.get(f"{base_url}/health/live", timeout=2)
            if response.status_code == 200:
                return
            last = f"{response.status_code} {response.text[:200]}"
        except httpx.HTTPError as error:
            last = repr(error)
        time.sleep(0.3)
    raise AssertionError(
        f"/health/live did not answer 200 within {timeout}s (last: {last}); server log:\n"
        + server_log(log)
    )


def poll_ready(base_url: str, status: int) -> httpx.Response:
    deadline = time.monotonic() + READY_TIMEOUT
    response = None
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            response = httpx.get(f"{base_url}/health/ready", timeout=10)
            if response.status_code == status:
                return response
        time.sleep(0.5)
    seen = f"{response.status_code} {response.text[:300]}" if response is not None else "nothing"
    raise AssertionError(f"/health/ready did not turn {status} within {READY_TIMEOUT}s: {seen}")


def graphql(base_url: str, query: str, variables=None, **kwargs) -> httpx.Response:
    """POST /graphql (CONTRACT.md, GraphQL) with a JSON body."""
    body = {"query": query, **({"variables": variables} if variables is not None else {})}
    return httpx.post(f"{base_url}/graphql", json=body, timeout=10, **kwargs)


def graphql_errors(response: httpx.Response) -> list:
    """The `errors` of a GraphQL answer (200, JSON), [] when none."""
    assert response.status_code == 200, f"/graphql: {response.status_code} {response.text[:300]}"
    return response.json().get("errors") or []


REGISTER = "mutation R($email: String!, $password: String!) { register(email: $email, "
REGISTER += "password: $password) { id } }"


def login_mutation(auth: str) -> str:
    selection = "accessToken" if auth == "jwt" else "csrfToken"
    return (
        "mutation L($email: String!, $password: String!) { "
        f"login(email: $email, password: $password) {{ {selection} }} }}"
    )


def database_round_trip(base_url: str, row: dict[str, Any]) -> httpx.Response:
    """A request that needs the database: register (jwt, session), a CSRF token (oauth: it writes
    a session row; REST with graphql too) or list todos (auth none); over /graphql for a graphql
    row (a 200 without errors there)."""
    email = f"ready-{uuid.uuid4().hex[:10]}@example.com"
    body = {"email": email, "password": "correct horse battery staple"}
    if row["auth"] == "oauth":  # no register: a CSRF token is stored in a new session row
        return httpx.get(f"{base_url}/api/auth/csrf", timeout=10)
    if row["api"] == "graphql":
        if row["auth"] == "none":
            return graphql(base_url, "{ todos(limit: 1) { total } }")
        return graphql(base_url, REGISTER, body)
    if row["auth"] == "none":
        return httpx.get(f"{base_url}/api/todos", timeout=10)
    return httpx.post(f"{base_url}/api/auth/register", json=body, timeout=10)


def check_readiness_follows_the_database(server, database, base_url, row, process, log) -> None:
    """CONTRACT.md: /health/ready is 503 `unreachable` while the database is down, 200 again when
    it is back, without a restart; liveness stays 200 throughout."""
    poll_ready(base_url, 200)
    server.block(database)
    try:
        down = poll_ready(base_url, 503)
        assert down.json().get("checks", {}).get("database") == "unreachable", down.text
        live = httpx.get(f"{base_url}/health/live", timeout=10)
        assert live.status_code == 200, f"liveness must not depend on the database: {live.text}"
    finally:
        server.unblock(database)
    up = poll_ready(base_url, 200)
    assert up.json() == {"status": "ok", "checks": {"database": "ok"}}, up.text
    assert process.poll() is None, "the server exited when the database went away:\n" + server_log(
        log
    )
    again = database_round_trip(base_url, row)
    recovered = again.status_code in (200, 201)
    if recovered and row["api"] == "graphql":
        recovered = not again.json().get("errors")
    assert recovered, (
        f"the API did not recover after the database came back: {again.status_code} "
        f"{again.text[:300]}\nserver log:\n{server_log(log)}"
    )


@pytest.fixture(params=ROWS, ids=combo_id)
def row(request) -> dict[str, Any]:
    return request.param


@pytest.fixture(scope="session")
def playwright_dir() -> Path:
    """npm's playwright-core at PLAYWRIGHT_CORE in ~/.cache/brt/, installed when missing (into a
    folder of its own, then renamed: two xdist workers may race, one rename wins)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found (/docs is checked in it): apt-get install chromium")
    try:
        return npm_package("playwright-core", PLAYWRIGHT_CORE, PLAYWRIGHT_DIR)
    except NpmInstallError as error:
        if error.command is None:
            pytest.fail("npm not found (installs playwright-core): run `make bootstrap` first")
        pytest.fail(f"`{' '.join(error.command)}` failed:\n{tail(error.output)}")
    PLAYWRIGHT_DIR.parent.mkdir(parents=True, exist_ok=True)
    staging = PLAYWRIGHT_DIR.with_name(f"{PLAYWRIGHT_DIR.name}.{os.getpid()}")
    env = tool_env()
    npm = shutil.which("npm", path=env["PATH"])
    if not npm:
        pytest.fail("npm not found (installs playwright-core): run `make bootstrap` first")
    command = [npm, "install", "--prefix", str(staging), f"playwright-core@{PLAYWRIGHT_CORE}"]
    command += ["--no-audit", "--no-fund", "--ignore-scripts", "--no-save", "--loglevel=error"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        pytest.fail(f"`{' '.join(command)}` failed:\n{tail(result.stdout + result.stderr)}")
    try:
        staging.rename(PLAYWRIGHT_DIR)
    except OSError:  # another worker installed it first
        shutil.rmtree(staging, ignore_errors=True)
    return PLAYWRIGHT_DIR


@pytest.mark.generated
def test_the_generated_project_passes_its_own_lint_and_tests_and_the_contract(
    row, database_server, oidc_provider, playwright_dir, tmp_path, tmp_path_factory, record_property
):
    began = time.monotonic()
    name = combo_id(row)
    steps = Steps(tmp_path / name, tmp_path / "logs")
    try:
        run_row(row, database_server, steps, playwright_dir, oidc_provider)
    finally:
        steps.timings["total"] = round(time.monotonic() - began, 1)
        record_property("timings", steps.timings)
        # one line per row, shared by the xdist workers: `cat <basetemp>/tier3-timings.jsonl`
        timings = run_dir(tmp_path_factory) / "tier3-timings.jsonl"
        with timings.open("a") as out:
            out.write(json.dumps({"row": name, **steps.timings}) + "\n")
        print(f"{name}: {json.dumps(steps.timings)}")


def run_row(
    row: dict[str, Any], database_server, steps: Steps, playwright_dir: Path, oidc_provider=None
) -> None:
    """One row, start to end. `oidc_provider` (tests/oidc, auth = oauth rows only): the test
    provider the app signs people in with; a client is registered there for this row's app."""
    index = ROWS.index(row)
    if language_of(row["framework"]) == "java":
        jdk = load_facts()["stacks"][row["framework"]]["runtime_version"]
        assert java_home(jdk), f"this row needs a JDK {jdk} (in JAVA_HOME or /usr/lib/jvm)"
    if language_of(row["framework"]) == "php":
        missing = [tool for tool in ("php", "composer") if not shutil.which(tool)]
        assert not missing, f"this row needs {missing}: .ci/run installs Debian's php8.2-* packages"
    began = time.monotonic()
    project = render(steps.project, **row, **HOSTILE_IDENTITY)
    steps.timings["render"] = round(time.monotonic() - began, 1)
    env = clean_env()
    # The project's temporary files stay in this row's folder. Its own pytest would otherwise
    # prune older numbered folders in the system temp folder that this harness's runs share.
    env["TMPDIR"] = str(steps.logs.parent / "tmp")
    Path(env["TMPDIR"]).mkdir()
    if language_of(row["framework"]) == "php":
        # No registry here serves Packagist: this row's Composer installs from Debian's packaged
        # copies (tests/php_offline.py), through a COMPOSER_HOME of the row's own, never written
        # into the project (its composer.json requires Packagist's packages as a user's would).
        env["COMPOSER_HOME"] = str(steps.logs.parent / "composer-home")
        write_offline_composer_config(Path(env["COMPOSER_HOME"]))

    steps.run("setup", ["make", "setup"], env)
    check_the_jvm_cache_was_trained(project, row)
    steps.run("lint", ["make", "lint"], env)
    test_env = dict(env)
    if database_server:
        test_env["DATABASE_URL"] = database_server.create_database(f"row{index:02d}_test")
    steps.run("test", ["make", "test"], test_env)

    port = free_port()
    secret_key = secrets.token_urlsafe(48)
    app_env = {
        **env,
        "PORT": str(port),
        "APP_ENV": "development",
        "LOGIN_RATE_LIMIT_PER_MINUTE": str(LOGIN_RATE_LIMIT),
        "SECRET_KEY": secret_key,
        "CORS_ORIGINS": CORS_ORIGIN,
    }
    app_database = f"row{index:02d}_app"
    if database_server:
        app_env["DATABASE_URL"] = database_server.create_database(app_database)
    base_url = f"http://127.0.0.1:{port}"
    oauth_client = None
    if row["auth"] == "oauth":
        # CONTRACT.md, "Auth, when auth = oauth": OIDC_ISSUER_URL, OIDC_CLIENT_ID,
        # OIDC_CLIENT_SECRET and PUBLIC_URL (the redirect URI registered at the provider).
        oauth_client = oidc_provider.register_client(base_url)
        app_env |= oauth_client.app_env()
    steps.run("migrate", ["make", "migrate"], app_env)
    check_dev_server(project, app_env, steps)

    log = steps.logs / "server.log"
    request_id = f"tier3-{uuid.uuid4().hex}"
    # The start refusals (one `make run` each, on ports of their own, with no database they reach)
    # run beside the contract suite and the browser, which mostly wait on the server: the row no
    # longer waits 1-5 process starts in a row (Spring's JVM included). They end, and their
    # failure is raised, before the readiness check blocks the database.
    refusing = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="refusals")
    with refusing, serving(project, app_env, log) as process:
        started = time.monotonic()
        wait_until_live(process, base_url, log)
        steps.timings["boot"] = round(time.monotonic() - started, 1)
        check_spring_runs_its_aot_processed_beans(row, log)
        httpx.get(f"{base_url}/health/live", headers={"X-Request-ID": request_id}, timeout=10)

        contract_env = {
            **env,
            "CONTRACT_BASE_URL": base_url,
            "CONTRACT_AUTH": row["auth"],
            "CONTRACT_LOGIN_RATE_LIMIT": str(LOGIN_RATE_LIMIT),
            "CONTRACT_SECRET_KEY": secret_key,
            "CONTRACT_APP_ENV": "development",
            "CONTRACT_CORS_ORIGINS": CORS_ORIGIN,
            "CONTRACT_API": row["api"],
            "CONTRACT_DATABASE": row["database"],
            **(oauth_client.contract_env() if oauth_client else {}),
        }
        production_env = {**app_env, "APP_ENV": "production"}

        def refusals_of_the_row() -> None:
            check_start_refusals(project, row, env, steps.logs, database_server, app_database)
            check_production_refusals(project, production_env)

        refusals = refusing.submit(refusals_of_the_row)
        try:
            steps.run("contract", contract_command(), contract_env, cwd=TEMPLATE_ROOT)
        except AssertionError as failure:
            raise AssertionError(f"{failure}\nserver log:\n{server_log(log)}") from None

        if oauth_client and row["database"] == BROWSER_SIGN_IN_DATABASE:
            # One Chromium sign-in per framework (issue 12.2): on its oauth row with SQLite.
            began_browser = time.monotonic()
            screenshot = steps.logs.parent / "oauth-signed-in.png"
            check_oauth_sign_in_in_browser(base_url, playwright_dir, screenshot, env)
            steps.timings["oauth-browser"] = round(time.monotonic() - began_browser, 1)

        began_docs = time.monotonic()
        if row["api"] == "graphql":
            screenshot = steps.logs.parent / "graphiql.png"
            check_graphiql_in_browser(base_url, playwright_dir, screenshot, env)
        else:
            check_docs_in_browser(base_url, playwright_dir, steps.logs.parent / "docs.png", env)
        steps.timings["docs"] = round(time.monotonic() - began_docs, 1)

        began_refusals = time.monotonic()
        refusals.result()  # raises what a refusal check raised
        steps.timings["refusals-wait"] = round(time.monotonic() - began_refusals, 1)

        if database_server:
            began_ready = time.monotonic()
            check_readiness_follows_the_database(
                database_server, app_database, base_url, row, process, log
            )
            steps.timings["ready-drop"] = round(time.monotonic() - began_ready, 1)

    lines = [line for line in log.read_text(errors="replace").splitlines() if request_id in line]
    assert lines, (
        "CONTRACT.md: one log line per request with its request id; no line of the server log "
        f"carries {request_id}:\n{server_log(log)}"
    )
    assert "/health/live" in lines[0] and "200" in lines[0], f"the request's log line: {lines[0]}"

    began_config = time.monotonic()
    check_configuration_from_dotenv(project, row, env, database_server, app_database, steps.logs)
    steps.timings["config"] = round(time.monotonic() - began_config, 1)

    began_production = time.monotonic()
    check_production_mode(
        project, {**app_env, "APP_ENV": "production"}, row, steps.logs, oidc_provider
    )
    steps.timings["production"] = round(time.monotonic() - began_production, 1)

    if database_server:
        check_no_log_carries_a_password(steps.logs)


def check_the_jvm_cache_was_trained(project: Path, row: dict[str, Any]) -> None:
    """Spring Boot's `make setup` trains the JVM's AOT cache (extensions/stacks.yml, the spring
    block's `build`). A failed training is one printed line and no cache, never a failed build, so
    only the missing file shows it: every MongoDB project once trained with a SQLite URL its app
    refuses, and started without the cache."""
    if row["framework"] != "spring":
        return
    log = project / "target" / "aot-training.log"
    tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:]) if log.exists() else ""
    assert (project / "target" / "app" / "app.aot").is_file(), (
        f"`make setup` trained no AOT cache; target/aot-training.log ends:\n{tail}"
    )


def check_spring_runs_its_aot_processed_beans(row: dict[str, Any], log: Path) -> None:
    """Spring Boot's `make run` starts from the bean definitions Spring's AOT processing wrote at
    build time (the pom's aot profile, -Dspring.aot.enabled=true in stacks.yml's jvm options), so
    the contract suite that follows proves this variant in that mode (issue 15, start-up)."""
    if row["framework"] != "spring":
        return
    assert "Starting AOT-processed" in log.read_text(errors="replace"), (
        f"`make run` did not start in Spring's AOT mode; its log:\n{server_log(log)}"
    )


def contract_command(*options: str) -> list[str]:
    """pytest over tests/contract as tier 3 runs it (in name order, quiet), plus `options`."""
    command = [sys.executable, "-m", "pytest", "tests/contract", "-p", "no:cacheprovider"]
    command += ["-p", "no:randomly", "-q", "--tb=short", "-o", "console_output_style=classic"]
    return [*command, *options]


def run_contract_smoke(base_url: str, steps: Steps, *, database: str, auth: str = "jwt") -> None:
    """The contract suite's smoke part (tests marked `smoke`: health, register, login, me, a
    todo's round trip, a 404 and a 400 problem) against a REST app at `base_url`, as the
    containers and hosting tiers check an app they started (issue 13.2, 13.3)."""
    env = {
        **clean_env(),
        "CONTRACT_BASE_URL": base_url,
        "CONTRACT_AUTH": auth,
        "CONTRACT_API": "rest",
        "CONTRACT_DATABASE": database,
    }
    steps.run("contract-smoke", contract_command("-m", "smoke"), env, cwd=TEMPLATE_ROOT)


def check_no_log_carries_a_password(logs: Path) -> None:
    """CONTRACT.md v2, General: the URL is never logged with its password (not at start, not
    when the database went away during the readiness check)."""
    for name in ("migrate", "server", "server-dev", "server-production", "server-dotenv"):
        log = logs / f"{name}.log"
        text = log.read_text(errors="replace") if log.exists() else ""
        for secret in (DATABASE_PASSWORD, TLS_PASSWORD, TLS_PASSWORD_IN_URL):
            assert secret not in text, f"the database password {secret!r} is in {log}"


def check_dev_server(project: Path, env: dict[str, str], steps: Steps) -> None:
    """`make dev`, the server a learner starts first, serves the migrated database too, on the
    PORT written only in `.env` (RULES.md decision 5: every verb that starts the app reads .env;
    a `$${PORT:-8000}` expanded by make before the app reads .env listens on 8000)."""
    base_url = f"http://127.0.0.1:{(port := free_port())}"
    log = steps.logs / "server-dev.log"
    started = time.monotonic()
    env = {name: value for name, value in env.items() if name != "PORT"}
    original = write_dotenv(project, {"PORT": str(port)})
    try:
        with serving(project, env, log, verb="dev") as process:
            try:
                wait_until_live(process, base_url, log, "`make dev`")
            except AssertionError as failure:
                raise AssertionError(f"PORT={port} only in .env: {failure}") from None
            ready = httpx.get(f"{base_url}/health/ready", timeout=10)
            assert ready.status_code == 200, (
                f"`make dev`: /health/ready answered {ready.status_code} {ready.text}; "
                "server log:\n" + server_log(log)
            )
    finally:
        restore_dotenv(project, original)
    steps.timings["dev"] = round(time.monotonic() - started, 1)


# --- /docs in a real browser ------------------------------------------------------------------


def browse(
    script: Path, url: str, playwright_dir: Path, screenshot: Path, env, *extra: str
) -> dict:
    """Runs a browse_*.cjs driver on `url` (with `extra` arguments); its one-line JSON outcome."""
    command = [shutil.which("node", path=env["PATH"]) or "node", str(script)]
    command += [str(playwright_dir), str(CHROMIUM), url, str(screenshot), *extra]
    # Chromium puts its profile and a unix socket in TMPDIR: a row's tmp folder is too deep for
    # a socket path (108 bytes), so the browser gets a short one of its own.
    with tempfile.TemporaryDirectory(prefix="brt-chromium-") as browser_tmp:
        browser_env = {**env, "TMPDIR": browser_tmp}
        result = subprocess.run(
            command, env=browser_env, capture_output=True, text=True, timeout=120
        )
    try:
        return json.loads(result.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        output = tail(result.stdout + result.stderr)
        raise AssertionError(
            f"the browser driver failed ({result.returncode}):\n{output}"
        ) from None


def check_docs_in_browser(base_url: str, playwright_dir: Path, screenshot: Path, env) -> None:
    """Issue 8.3, RULES.md decision 6: /docs renders in headless Chromium with every request off
    127.0.0.1 aborted (no internet), and its operations list shows /api/todos. The screenshot
    stays in the row's tmp folder."""
    outcome = browse(BROWSE_DOCS, f"{base_url}/docs", playwright_dir, screenshot, env)
    assert outcome.get("ok"), (
        f"/docs in headless Chromium, offline: {outcome.get('reason')}; operations shown: "
        f"{outcome.get('paths')}; requests to the internet (aborted): {outcome.get('external')}; "
        f"page errors: {outcome.get('errors')}; screenshot: {screenshot}"
    )


def check_oauth_sign_in_in_browser(
    base_url: str, playwright_dir: Path, screenshot: Path, env
) -> None:
    """Issue 12.2: a person signs in in headless Chromium (offline: only 127.0.0.1, where the app
    and the test provider listen), typing the provider's fixed account `alice` into its login
    form and pressing its buttons, and lands on OAUTH_SUCCESS_URL (/api/auth/me) showing alice's
    user JSON. Screenshots of the provider's login form and of the landing page stay in the
    row's tmp folder."""
    url = f"{base_url}/api/auth/oauth/oidc/login"
    outcome = browse(BROWSE_OAUTH, url, playwright_dir, screenshot, env, ALICE.login)
    problem = (
        f"oauth sign-in in headless Chromium, offline: {outcome.get('reason')}; landed on "
        f"{outcome.get('url')} showing {outcome.get('body')!r}; requests to the internet "
        f"(aborted): {outcome.get('external')}; page errors: {outcome.get('errors')}; "
        f"screenshots: {screenshot} and {outcome.get('login_screenshot')}"
    )
    assert outcome.get("ok"), problem
    assert httpx.URL(outcome["url"]).path == "/api/auth/me", problem
    try:
        shown = json.loads(outcome["body"])
    except ValueError:
        raise AssertionError(problem) from None
    assert shown.get("email") == ALICE.email, problem


def check_graphiql_in_browser(base_url: str, playwright_dir: Path, screenshot: Path, env) -> None:
    """Issue 11.3: GET /graphql opens GraphiQL in headless Chromium with every request off
    127.0.0.1 aborted (no internet); `{ __typename }` typed into its editor and run shows
    {"data": {"__typename": "Query"}} from the app, and the IDE's own introspection query got the
    schema. The screenshot stays in the row's tmp folder."""
    outcome = browse(BROWSE_GRAPHIQL, f"{base_url}/graphql", playwright_dir, screenshot, env)
    problem = (
        f"GraphiQL in headless Chromium, offline: {outcome.get('reason')}; result pane: "
        f"{outcome.get('result')!r}; requests to the internet (aborted): "
        f"{outcome.get('external')}; page errors: {outcome.get('errors')}; screenshot: {screenshot}"
    )
    assert outcome.get("ok"), problem
    try:
        shown = json.loads(outcome["result"])
    except ValueError:
        raise AssertionError(problem) from None
    assert shown == {"data": {"__typename": "Query"}}, problem
    assert outcome.get("schema"), (
        "GraphiQL's introspection query (about 220 fields) got no schema, so its documentation "
        "explorer and completion are empty: " + problem
    )


# --- configuration (issue 8.4, RULES.md decisions 1 and 5) -------------------------------------

TRACE_MARKERS = ("Traceback", "\tat ", "    at ", "Exception in thread", "Caused by:")


def assert_refuses_to_start(
    project: Path,
    env: dict[str, str],
    logs: Path,
    variable: str,
    value: str,
    allowed: tuple[str, ...] = (),
    secrets: tuple[str, ...] = (),
    named: str | None = None,
) -> None:
    """`make run` with `variable=value` exits non-zero, with ONE line naming the variable (or
    `named`, the one the refusal is about when another's value causes it) and the allowed values,
    when given, no stack trace and none of `secrets`. A server that starts instead is stopped as
    soon as it answers, so a missing refusal costs one boot, not a timeout."""
    port = free_port()
    with contextlib.ExitStack() as stack:
        output_file = stack.enter_context(
            open(logs / f"refusal-{variable}.log", "w+b")  # noqa: SIM115
        )
        process = subprocess.Popen(
            ["make", "run"],
            cwd=project,
            env={**env, "PORT": str(port), variable: value},
            stdout=output_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        stack.callback(stop, process)
        deadline = time.monotonic() + REFUSAL_TIMEOUT
        started = False
        while process.poll() is None and time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                started = httpx.get(f"http://127.0.0.1:{port}/health/live", timeout=1).is_success
            if started:
                break
            time.sleep(0.3)
        exited = process.poll()  # None: still running (started, or hung), stopped below
        stop(process)
        output_file.seek(0)
        output = output_file.read().decode(errors="replace")
    assert exited not in (None, 0), (
        f"`make run` with {variable}={value} started (or did not exit within "
        f"{REFUSAL_TIMEOUT}s) instead of refusing in one line:\n{tail(output)}"
    )
    traces = [marker for marker in TRACE_MARKERS if marker in output]
    assert not traces, f"{variable}={value}: a stack trace, not one clear line:\n{tail(output)}"
    named = named or variable
    naming = [line for line in output.splitlines() if named in line]
    assert len(naming) == 1, (
        f"{variable}={value}: expected ONE line naming {named}, got {len(naming)}:\n" + tail(output)
    )
    missing = [word for word in allowed if word not in naming[0].lower()]
    assert not missing, f"the refusal does not list the allowed values {missing}: {naming[0]}"
    leaked = [secret for secret in secrets if secret in output]
    assert not leaked, f"the refusal prints the password {leaked}:\n{tail(output)}"


def check_start_refusals(
    project: Path, row, env: dict[str, str], logs: Path, database_server, database: str
) -> None:
    """RULES.md decision 5: a bad LOG_LEVEL, a DATABASE_URL with a query option the stack does
    not know (refused without printing the password); decision 1: `*` with cookie sessions;
    auth = oauth (RULES OAuth item 3): a preset's client id without its secret, a plain-http
    issuer that is not on loopback."""
    env = {**env, "APP_ENV": "development"}
    assert_refuses_to_start(
        project, env, logs, "LOG_LEVEL", "verbose", ("debug", "info", "warning", "error")
    )
    if row["database"] == "mongodb":
        # The driver takes MongoDB's many URL options itself; the app refuses a URL that names
        # no database (it would write into the driver's default `test`).
        url = f"mongodb://app:{TLS_PASSWORD_IN_URL}@127.0.0.1:{database_server.port}/?tls=false"
        secrets = (TLS_PASSWORD, TLS_PASSWORD_IN_URL)
        assert_refuses_to_start(project, env, logs, "DATABASE_URL", url, secrets=secrets)
    elif database_server:
        url = f"{database_server.tls_url(database)}&no_such_option=1"
        secrets = (TLS_PASSWORD, TLS_PASSWORD_IN_URL)
        assert_refuses_to_start(project, env, logs, "DATABASE_URL", url, secrets=secrets)
    if row["auth"] in COOKIE_AUTHS:
        assert_refuses_to_start(project, env, logs, "CORS_ORIGINS", "*")
    if row["auth"] == "oauth":
        assert_refuses_to_start(
            project, env, logs, "GOOGLE_CLIENT_ID", "x.apps.example", named="GOOGLE_CLIENT_SECRET"
        )
        # (oidc is enabled by its client id: with one, the issuer's scheme is checked at start)
        oidc = {**env, "OIDC_CLIENT_ID": "client", "OIDC_CLIENT_SECRET": "secret"}
        assert_refuses_to_start(project, oidc, logs, "OIDC_ISSUER_URL", "http://idp.example.com")


def write_dotenv(project: Path, settings: dict[str, str]) -> str | None:
    """The project's own .env with `settings` replacing (or added to) its lines; returns the
    original text (None when there was none) for restore_dotenv."""
    path = project / ".env"
    original = path.read_text() if path.exists() else None
    kept = [
        line
        for line in (original or "").splitlines()
        if line.split("=", 1)[0].strip() not in settings
    ]
    path.write_text("\n".join([*kept, *(f"{k}={v}" for k, v in settings.items())]) + "\n")
    return original


def restore_dotenv(project: Path, original: str | None) -> None:
    path = project / ".env"
    if original is None:
        path.unlink(missing_ok=True)
    else:
        path.write_text(original)


def check_configuration_from_dotenv(project, row, env, database_server, database, logs) -> None:
    """One boot of `make run` configured by `.env` alone (issue 8.4, RULES.md decisions 5, 7):
    PORT, LOG_LEVEL=WARNING (the Python stacks' word), FORWARDED_ALLOW_IPS of a proxy that is not
    us, a low login limit, and for PostgreSQL/MySQL a `postgres://` / `mysql://` URL of the
    TLS-only user (percent-encoded password with `@` and `%`, `sslmode=require` /
    `ssl-mode=REQUIRED`); auth = oauth: an OpenID Connect issuer that is down. None of these is in
    the environment."""
    port = free_port()
    settings = {
        "PORT": str(port),
        "LOG_LEVEL": "WARNING",
        "FORWARDED_ALLOW_IPS": TRUSTED_PROXY,
        "LOGIN_RATE_LIMIT_PER_MINUTE": str(CONFIG_LOGIN_RATE_LIMIT),
        # jwt/none: `*` is allowed, without credentials (RULES.md decision 1).
        "CORS_ORIGINS": CORS_ORIGIN if row["auth"] in COOKIE_AUTHS else "*",
    }
    if row["database"] == "mongodb":
        # FerretDB here serves no TLS and has no users: the plain URL, from .env only.
        settings["DATABASE_URL"] = database_server.url(database)
    elif database_server:
        settings["DATABASE_URL"] = database_server.tls_url(database)
    base_url = f"http://127.0.0.1:{port}"
    if row["auth"] == "oauth":
        # RULES OAuth items 3 and 4: an issuer nobody answers at (a free port) does not keep the
        # app from starting (discovery at first use); its login is a 502 problem, no traceback.
        settings |= {
            "OIDC_ISSUER_URL": f"http://127.0.0.1:{free_port()}",
            "OIDC_CLIENT_ID": "dotenv-client",
            "OIDC_CLIENT_SECRET": "dotenv-secret",
            "PUBLIC_URL": base_url,
        }
    log = logs / "server-dotenv.log"
    original = write_dotenv(project, settings)
    try:
        with serving(project, env, log) as process:
            try:
                wait_until_live(process, base_url, log)
            except AssertionError as failure:
                raise AssertionError(f"PORT={port} only in .env: {failure}") from None
            ready = httpx.get(f"{base_url}/health/ready", timeout=10)
            assert ready.status_code == 200, (
                f"/health/ready with .env's DATABASE_URL {settings.get('DATABASE_URL')} "
                f"(a user that may only connect over TLS): {ready.status_code} {ready.text}\n"
                + server_log(log)
            )
            if row["auth"] not in ("none", "oauth"):  # (oauth has no login route to limit)
                check_spoofed_forwarded_for_is_still_rate_limited(base_url, row)
            if row["auth"] not in COOKIE_AUTHS:
                check_wildcard_cors(base_url, row)
            if row["auth"] == "oauth":
                login = httpx.get(f"{base_url}/api/auth/oauth/oidc/login", timeout=30)
                assert login.status_code == 502, (
                    f"login with the identity provider down: {login.status_code} {login.text}\n"
                    + server_log(log)
                )
                assert login.headers.get("content-type", "").startswith(
                    "application/problem+json"
                ), f"the 502 is not problem details: {login.headers} {login.text}"
    finally:
        restore_dotenv(project, original)
    text = log.read_text(errors="replace")
    for secret in (TLS_PASSWORD, TLS_PASSWORD_IN_URL):
        assert secret not in text, f"the database password ({secret}) is in the server log {log}"


def check_spoofed_forwarded_for_is_still_rate_limited(base_url: str, row) -> None:
    """RULES.md decision 5: 127.0.0.1 is not a trusted proxy (only 192.0.2.1 is), so its
    X-Forwarded-For is not believed and a fresh one per attempt does not reset the limit (over
    GraphQL, a TOO_MANY_REQUESTS error stands for the 429)."""
    user = {"email": f"spoof-{uuid.uuid4().hex[:8]}@example.com", "password": "x" * 12}
    wrong = {**user, "password": "wrong password"}
    statuses: list[Any] = []
    if row["api"] == "graphql":
        assert not graphql_errors(graphql(base_url, REGISTER, user))
        for attempt in range(CONFIG_LOGIN_RATE_LIMIT + 1):
            spoofed = {"X-Forwarded-For": f"198.51.100.{attempt + 1}"}
            errors = graphql_errors(
                graphql(base_url, login_mutation(row["auth"]), wrong, headers=spoofed)
            )
            codes = [(e.get("extensions") or {}).get("code") for e in errors]
            statuses.append(429 if "TOO_MANY_REQUESTS" in codes else codes)
            if statuses[-1] == 429:
                break
    else:
        with httpx.Client(base_url=base_url, timeout=10) as client:
            registered = client.post("/api/auth/register", json=user)
            assert registered.status_code == 201, registered.text
            for attempt in range(CONFIG_LOGIN_RATE_LIMIT + 1):
                spoofed = {"X-Forwarded-For": f"198.51.100.{attempt + 1}"}
                answer = client.post("/api/auth/login", json=wrong, headers=spoofed)
                statuses.append(answer.status_code)
                if statuses[-1] == 429:
                    break
    assert statuses[-1] == 429, (
        f"LOGIN_RATE_LIMIT_PER_MINUTE={CONFIG_LOGIN_RATE_LIMIT} and FORWARDED_ALLOW_IPS="
        f"{TRUSTED_PROXY}: a client on 127.0.0.1 sending a new X-Forwarded-For each time got "
        f"{statuses}, never 429"
    )


def check_wildcard_cors(base_url: str, row) -> None:
    """RULES.md decision 1: CORS_ORIGINS=* with jwt/none gives every origin `*`, never
    credentials (on /api/todos, or /graphql for a graphql row)."""
    origin = "https://any-site.example"
    path = "/graphql" if row["api"] == "graphql" else "/api/todos"
    answers = [
        httpx.options(
            f"{base_url}{path}",
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
            timeout=10,
        ),
        httpx.get(f"{base_url}/api/todos", headers={"Origin": origin}, timeout=10)
        if row["api"] == "rest"
        else graphql(base_url, "{ __typename }", headers={"Origin": origin}),
    ]
    for answer in answers:
        seen = {k: v for k, v in answer.headers.items() if k.startswith("access-control-")}
        assert answer.headers.get("access-control-allow-origin") == "*", (
            f"CORS_ORIGINS=*: {answer.request.method} {path} from {origin} -> "
            f"{answer.status_code} {seen}"
        )
        assert "access-control-allow-credentials" not in answer.headers, (
            f"CORS_ORIGINS=* never goes with credentials: {seen}"
        )


# --- production mode --------------------------------------------------------------------------


def json_values(value: Any) -> list[Any]:
    """Every scalar inside a parsed JSON value, however the stack nests its log fields."""
    if isinstance(value, dict):
        return [v for item in value.values() for v in json_values(item)]
    if isinstance(value, list):
        return [v for item in value for v in json_values(item)]
    return [value]


def check_production_refusals(project: Path, env: dict[str, str]) -> None:
    """Outside development (CONTRACT.md, docs/stack-interface.md): `make run` with `env` (APP_ENV
    production) refuses to start without a real SECRET_KEY, in one line naming it. Run beside
    the contract suite (run_row), on a port of its own."""
    env = {**env, "PORT": str(free_port())}
    # An empty or placeholder value also hides the project's .env, which never overrides the
    # environment.
    for placeholder in ("", "change-me"):
        refused = subprocess.run(
            ["make", "run"],
            cwd=project,
            env={**env, "SECRET_KEY": placeholder},
            capture_output=True,
            text=True,
            timeout=60,
            start_new_session=True,
        )
        output = refused.stdout + refused.stderr
        assert refused.returncode != 0, f"started in production with SECRET_KEY={placeholder!r}"
        assert "SECRET_KEY" in output, f"the refusal does not name SECRET_KEY:\n{tail(output)}"
        assert "Traceback" not in output and "    at " not in output, (
            f"the refusal is a stack trace, not one clear line:\n{tail(output)}"
        )


def check_production_mode(
    project: Path, env: dict[str, str], row, logs: Path, oidc_provider=None
) -> None:
    """Outside development (CONTRACT.md, docs/stack-interface.md): no start without a real
    SECRET_KEY, one JSON log line per request, and a Secure session cookie (auth = oauth: the one
    its callback sets, after a sign-in through the test provider, registered for this server's
    PUBLIC_URL); with api = graphql, no GraphiQL and no introspection (RULES.md, GraphQL
    decision 1). The refusals without a real SECRET_KEY: check_production_refusals."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log = logs / "server-production.log"
    request_id = f"prod-{uuid.uuid4().hex}"
    if row["auth"] == "oauth":
        env = {**env, **oidc_provider.register_client(base_url).app_env()}
    with serving(project, {**env, "PORT": str(port)}, log) as process:
        wait_until_live(process, base_url, log)
        httpx.get(f"{base_url}/health/live", headers={"X-Request-ID": request_id}, timeout=10)
        if row["auth"] == "session":
            user = {"email": f"prod-{uuid.uuid4().hex[:8]}@example.com", "password": "x" * 12}
            # As behind the TLS-terminating proxy production runs behind: some session libraries
            # (express-session) rightly withhold a Secure cookie from a plain-HTTP request.
            behind_tls = {"X-Forwarded-Proto": "https"}
            if row["api"] == "graphql":
                assert not graphql_errors(graphql(base_url, REGISTER, user))
                login = graphql(base_url, login_mutation("session"), user, headers=behind_tls)
                assert not graphql_errors(login), login.text
            else:
                assert httpx.post(f"{base_url}/api/auth/register", json=user).status_code == 201
                login = httpx.post(f"{base_url}/api/auth/login", json=user, headers=behind_tls)
                assert login.status_code == 200, login.text
            cookie = login.headers.get("set-cookie", "")
            assert "secure" in cookie.lower(), f"the session cookie is not Secure: {cookie}"
        if row["auth"] == "oauth":
            # As behind the TLS-terminating proxy (see above; the provider ignores the header).
            # The pre-login cookie is Secure too, which httpx keeps from plain http: it is sent
            # by hand, as the browser on the https side of the proxy would.
            behind_tls = {"X-Forwarded-Proto": "https"}
            with httpx.Client(timeout=30, headers=behind_tls) as browser:
                email = f"prod-{uuid.uuid4().hex[:8]}@example.com"
                account = oidc_provider.add_account(email, email_verified=True)
                url, browser = authorize(base_url, account, browser)
                jar = [c for c in browser.cookies.jar if not c.name.startswith("op_")]
                cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
                callback = httpx.get(url, headers={**behind_tls, "Cookie": cookie}, timeout=30)
            assert callback.status_code == 303, f"{callback.status_code} {callback.text}"
            cookies = callback.headers.get_list("set-cookie")
            assert cookies and all("secure" in c.lower() for c in cookies), (
                f"the oauth callback's session cookie is not Secure: {cookies}"
            )
        if row["api"] == "graphql":
            check_no_graphiql_nor_introspection(base_url)
        time.sleep(0.5)  # let the log line reach the file
    lines = [line for line in log.read_text(errors="replace").splitlines() if request_id in line]
    assert len(lines) == 1, f"one log line for the request, got:\n{server_log(log)}"
    try:
        entry = json.loads(lines[0])
    except ValueError:
        raise AssertionError(f"the production log line is not JSON: {lines[0]}") from None
    values = json_values(entry)
    for expected in (request_id, "GET", "/health/live", 200):
        assert expected in values, f"the log line has no field {expected!r}: {lines[0]}"


INTROSPECTIONS = ("{ __schema { queryType { name } } }", '{ __type(name: "Todo") { name } }')


def check_no_graphiql_nor_introspection(base_url: str) -> None:
    """RULES.md, GraphQL decision 1: with APP_ENV=production, the GraphiQL page and its assets
    are 404 and introspection is a validation error (200, errors, no data); queries still run."""
    page = httpx.get(f"{base_url}/graphql", headers={"Accept": "text/html"}, timeout=10)
    assert page.status_code == 404, f"production serves GraphiQL: {page.status_code}"
    asset = httpx.get(f"{base_url}/graphql/assets/graphiql.min.js", timeout=10)
    assert asset.status_code == 404, f"production serves GraphiQL's assets: {asset.status_code}"
    for query in INTROSPECTIONS:
        refused = graphql(base_url, query)
        body = refused.json() if refused.status_code == 200 else {}
        assert body.get("errors") and "data" not in body, (
            f"production must refuse introspection {query}: {refused.status_code} "
            f"{refused.text[:300]}"
        )
    typename = graphql(base_url, "{ __typename }")
    assert typename.status_code == 200 and typename.json() == {"data": {"__typename": "Query"}}, (
        f"production still runs queries: {typename.status_code} {typename.text[:300]}"
    )
