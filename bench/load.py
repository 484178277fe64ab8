"""What users feel under load, per stack, side by side in one run: the generated app (SQLite, JWT,
or for PHP, which offers no JWT, session; REST, production `make run` after `make migrate`) against
two references of the same framework served the same way (bench/references/<framework>/):

- hello: the framework's hello world answering JSON (compared with the app's `/health/live`);
- list: the smallest auth'd, database-backed list written as the framework's tutorial writes it,
  on the same SQLite file, the same JWT library and the same token (compared with the app's
  `GET /api/todos?limit=20`, 20 todos created through the app's API).

The reference files are copied into the rendered project and run with its installed dependencies
and its own server settings (the project's gunicorn.conf.py, uvicorn options, node), so only the
application code differs. Spring Boot's references are Maven projects of their own (their pom pins
the Boot version template/spring pins): each gets the generated project's Makefile, Maven wrapper
and .mvn/ beside its pom and is built and served by that Makefile's `make setup` and `make run`, so
the jar rule, the heap option and the trained AOT cache are the app's. Symfony's references are
one-file kernels in the project's root, served by the project's `make run` recipe with PHP's
built-in server pointed at them instead of public/index.php (php_reference_command()).

`before=<git ref>` renders the same project from that commit of this template too and measures it
in the same interleaved rounds ("before" beside "app"), for a before-and-after in one run.

Figures per server: start-to-ready (s), idle and loaded RSS (MB, the server processes' VmRSS summed,
launchers like make and uv left out), and per endpoint the medians over rounds of wrk's
requests/s, p50 and p99 latency (ms), and CPU per request (ms): the server processes' user +
system CPU time from /proc during the wrk run, divided by the requests wrk completed. Rounds
interleave the servers, so a load change on the machine hits all of them alike.

    uv run python bench/run.py --parts load --stacks express,flask --duration 15 --rounds 3
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.php_offline import write_config as write_offline_composer_config
from tests.services import free_port
from tests.support import language_of, render, tool_env

HERE = Path(__file__).resolve().parent
WRK_MISSING = "wrk is missing: `apt-get install -y wrk` (Debian, Ubuntu) or `brew install wrk`"
THREADS, CONNECTIONS = 2, 32
TODOS = 20
READY_TIMEOUT = 180
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
LAUNCHERS = {"make", "uv", "sh", "mvnw"}
SECRET_KEY = "bench-" + "k" * 48
EMAIL, PASSWORD = "bench@example.com", "correct horse battery staple"

# How each framework's references are served: the command `make run` uses, with the reference's
# module in place of the app's. {port} is filled in; PORT is in the environment too.
GUNICORN = ["uv", "run", "gunicorn", "--config", "gunicorn.conf.py"]
REFERENCES: dict[str, dict[str, list[str]]] = {
    "express": {"hello": ["node", "bench_hello.js"], "list": ["node", "bench_list.js"]},
    "flask": {"hello": [*GUNICORN, "bench_hello:app"], "list": [*GUNICORN, "bench_list:app"]},
    "django": {
        "hello": [*GUNICORN, "bench_hello:application"],
        "list": [*GUNICORN, "bench_list:application"],
    },
    "fastapi": {
        "hello": ["uv", "run", "python", "bench_hello.py"],
        "list": ["uv", "run", "python", "bench_list.py"],
    },
    # Each reference is a Maven project of its own, beside the app (spring_references()).
    "spring": {"hello": ["make", "run"], "list": ["make", "run"]},
    # The project's `make run` recipe with the reference file in place of `bin/console app:serve`
    # (php_reference_command(): PHP's built-in server, the same PHP_CLI_SERVER_WORKERS).
    "symfony": {"hello": ["bench_hello.php"], "list": ["bench_list.php"]},
}
# The auth each framework's load project is rendered with: JWT where the template offers it, else
# the default answer (PHP: session, copier.yml). The list is then fetched with the session cookie.
AUTH = {"symfony": "session"}
# What `make run` runs in a Symfony project (stacks.yml `commands.run`), replaced by the reference.
PHP_APP_SERVE = "php bin/console app:serve"
# What Spring Boot's references take from the generated project: how it builds and serves a jar.
SPRING_BUILD_FILES = ("Makefile", "mvnw", ".mvn")


def require_wrk() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit(WRK_MISSING)


def process_tree(root: int) -> list[int]:
    """`root` and every descendant, from /proc (ppid is field 4 of /proc/<pid>/stat)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo += children.get(pid, [])
    return tree


def servers_only(pids: list[int]) -> list[int]:
    kept = []
    for pid in pids:
        with contextlib.suppress(OSError):
            if Path(f"/proc/{pid}/comm").read_text().strip() not in LAUNCHERS:
                kept.append(pid)
    return kept


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes (fields 14 and 15 of /proc/<pid>/stat)."""
    ticks = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
    return ticks / CLOCK_TICKS


def rss_mb(pids: list[int]) -> float:
    total_kb = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            status = Path(f"/proc/{pid}/status").read_text()
            match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
            total_kb += int(match.group(1)) if match else 0
    return round(total_kb / 1024, 1)


@dataclass
class Server:
    """A server started in its own process group, ready when `probe` answers 200."""

    name: str
    command: list[str]
    cwd: Path
    env: dict[str, str]
    probe: str
    headers: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    ready_s: float = 0.0
    idle_rss_mb: float = 0.0
    loaded_rss_mb: float = 0.0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        started = time.perf_counter()
        self.process = subprocess.Popen(
            self.command,
            cwd=self.cwd,
            env={**self.env, "PORT": str(self.port)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        while time.perf_counter() - started < READY_TIMEOUT:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name}: `{' '.join(self.command)}` exited in {self.cwd}")
            with contextlib.suppress(httpx.HTTPError):
                answer = httpx.get(self.base + self.probe, headers=self.headers, timeout=2)
                if answer.status_code == 200:
                    self.ready_s = round(time.perf_counter() - started, 2)
                    return
            time.sleep(0.05)
        raise RuntimeError(f"{self.name}: {self.probe} did not answer 200 in {READY_TIMEOUT} s")

    def pids(self) -> list[int]:
        return servers_only(process_tree(self.process.pid))

    def stop(self) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def parse_wrk(output: str) -> dict[str, float]:
    """Requests, requests/s, p50 and p99 (ms) and non-2xx answers from `wrk --latency` output."""

    def ms(label: str) -> float:
        value, unit = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\b", output, re.M).groups()
        return round(float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit], 2)

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": ms("50"),
        "p99_ms": ms("99"),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def wrk(server: Server, path: str, seconds: int) -> dict[str, float]:
    """One wrk run of `seconds` (whole, >= 1: wrk 4.1 reads no fractions nor "ms") against
    `server`, with its CPU time per request. The bearer token goes only to /api/ paths: a probe
    (`/health/live`) is sent without one, as a load balancer sends it and as the hello reference
    it is compared with is measured. (Before 582eda2, Spring Security checked a token sent to any
    route, its subject looked up in `users`: /health/live with one cost 0.45 ms of CPU a request
    instead of 0.25; bench/README.md, Spring Boot.)"""
    sent = server.headers if path.startswith("/api/") else {}
    headers = [arg for k, v in sent.items() for arg in ("-H", f"{k}: {v}")]
    duration = f"{int(seconds)}s"
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration}", "--latency", *headers]
    pids = server.pids()
    cpu_before = cpu_seconds(pids)
    done = subprocess.run([*command, server.base + path], capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr or done.stdout}")
    output = done.stdout
    result = parse_wrk(output)
    cpu = cpu_seconds(pids) - cpu_before
    result["cpu_ms_per_request"] = round(1000 * cpu / max(result["requests"], 1), 3)
    if result["non_2xx"]:
        raise RuntimeError(f"{server.name} {path}: {result['non_2xx']} non-2xx answers\n{output}")
    return result


def prepared_project(
    framework: str, root: Path, vcs_ref: str = "HEAD", references: bool = True
) -> tuple[Path, dict[str, str]]:
    """Renders (from this template at `vcs_ref`), sets up and migrates the SQLite + JWT + REST
    project; copies the references in."""
    project = render(
        root / framework,
        framework=framework,
        database="sqlite",
        auth=AUTH.get(framework, "jwt"),
        vcs_ref=vcs_ref,
    )
    env = {
        **stack_env(framework, root),
        "APP_ENV": "production",
        "SECRET_KEY": SECRET_KEY,
        "DATABASE_URL": f"sqlite:///{project / 'data' / 'bench.db'}",
        "BENCH_SQLITE_PATH": str(project / "data" / "bench.db"),
        # The references reuse the token the app issued: long enough for every round.
        "ACCESS_TOKEN_TTL_MINUTES": "240",
        # Production logs one line per request; kept as users get it, written to /dev/null.
        "LOG_LEVEL": "info",
    }
    (project / "data").mkdir(exist_ok=True)
    for verb in ("setup", "migrate"):
        subprocess.run(
            ["make", verb], cwd=project, env=env, check=True, capture_output=True, text=True
        )
    if references and framework == "spring":
        spring_references(project, env)
    elif references:
        for reference in (HERE / "references" / framework).iterdir():
            shutil.copy(reference, project / reference.name)
    return project, env


def stack_env(framework: str, root: Path) -> dict[str, str]:
    """tool_env(), and for PHP a COMPOSER_HOME (in `root`) that installs from Debian's packaged
    libraries: Packagist is not reachable here, so the bench installs as tier 3 of the tests does
    (tests/php_offline.py)."""
    env = tool_env()
    if language_of(framework) == "php":
        home = root / "composer-home"
        if not (home / "config.json").exists():
            write_offline_composer_config(home)
        env["COMPOSER_HOME"] = str(home)
    return env


def php_reference_command(project: Path, script: str) -> list[str]:
    """The project's `make run` recipe (Makefile), with PHP's built-in server serving `script` (a
    one-file reference in the project's root) where the app's `bin/console app:serve` serves
    public/index.php: `php -q -S 0.0.0.0:$PORT -t public <script>`, as app:serve does."""
    makefile = (project / "Makefile").read_text()
    recipe = makefile.split("\nrun:", 1)[1].split("\n", 2)[1].strip()
    if PHP_APP_SERVE not in recipe:
        raise SystemExit(f"{project}/Makefile: `make run` no longer runs `{PHP_APP_SERVE}`")
    serve = f'exec php -q -S "0.0.0.0:$PORT" -t public {script}'
    return ["sh", "-c", recipe.replace(PHP_APP_SERVE, serve)]


def template_boot_version() -> str:
    pom = (HERE.parent / "template" / "spring" / "pom.xml.jinja").read_text()
    parent = pom.split("<artifactId>spring-boot-starter-parent</artifactId>", 1)[1]
    return parent.split("<version>", 1)[1].split("</version>", 1)[0]


def spring_references(project: Path, env: dict[str, str]) -> None:
    """Builds Spring Boot's references in `project`/bench-<name>/ with the project's own Makefile
    (`make setup`: package, extract, train the AOT cache), after checking that their pom pins the
    Boot version the template pins."""
    boot = template_boot_version()
    for name in ("hello", "list"):
        source = HERE / "references" / "spring" / name
        if f"<version>{boot}</version>" not in (source / "pom.xml").read_text():
            raise SystemExit(f"{source}/pom.xml: Spring Boot is not {boot} as template/spring pins")
        target = spring_reference_dir(project, name)
        shutil.copytree(source, target)
        for build_file in SPRING_BUILD_FILES:
            path = project / build_file
            if path.is_dir():
                shutil.copytree(path, target / build_file)
            else:
                shutil.copy2(path, target / build_file)
        subprocess.run(
            ["make", "setup"], cwd=target, env=env, check=True, capture_output=True, text=True
        )


def spring_reference_dir(project: Path, name: str) -> Path:
    return project / f"bench-{name}"


def seed(app: Server, auth: str = "jwt") -> dict[str, str]:
    """Registers a user, signs in and creates the todos through the API; returns the headers that
    authenticate the list: a bearer token, or with auth=session the session cookie (a GET needs
    no CSRF token)."""
    if auth == "session":
        return seed_session(app)
    with httpx.Client(base_url=app.base, timeout=30) as client:
        credentials = {"email": EMAIL, "password": PASSWORD}
        client.post("/api/auth/register", json=credentials).raise_for_status()
        login = client.post("/api/auth/login", json=credentials)
        login.raise_for_status()
        token = login.json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        for i in range(TODOS):
            client.post("/api/todos", json={"title": f"todo {i}"}, headers=auth).raise_for_status()
        page = client.get("/api/todos?limit=20", headers=auth).json()
        assert len(page["items"]) == TODOS, page
        return auth


def seed_session(app: Server) -> dict[str, str]:
    """seed() with auth=session (CONTRACT.md "Auth, when auth = session"): the CSRF token from
    GET /api/auth/csrf on every unsafe request, the session cookie for the list. The cookie is
    carried by hand: production marks it Secure, and httpx's cookie jar sends no Secure cookie
    over plain http."""
    cookies: dict[str, str] = {}

    def call(client: httpx.Client, method: str, path: str, **kwargs) -> httpx.Response:
        cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
        headers = {**kwargs.pop("headers", {}), **({"Cookie": cookie} if cookie else {})}
        answer = client.request(method, path, headers=headers, **kwargs)
        answer.raise_for_status()
        for line in answer.headers.get_list("set-cookie"):
            name, value = line.split(";", 1)[0].split("=", 1)
            cookies[name.strip()] = value.strip()
        return answer

    with httpx.Client(base_url=app.base, timeout=30) as client:

        def csrf() -> dict[str, str]:
            return {"X-CSRF-Token": call(client, "GET", "/api/auth/csrf").json()["csrf_token"]}

        credentials = {"email": EMAIL, "password": PASSWORD}
        call(client, "POST", "/api/auth/register", json=credentials, headers=csrf())
        call(client, "POST", "/api/auth/login", json=credentials, headers=csrf())
        unsafe = csrf()
        for i in range(TODOS):
            call(client, "POST", "/api/todos", json={"title": f"todo {i}"}, headers=unsafe)
        auth = {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())}
        page = client.get("/api/todos?limit=20", headers=auth).json()
        assert len(page["items"]) == TODOS, page
        return auth


# Seconds of wrk a JIT-compiled server needs before its rounds, whatever --warmup says: Spring's
# /health/live answered 917 requests a second after a 3 s warm-up and 7,658 after 10 s
# (bench/README.md, Spring Boot).
MIN_WARMUP_S = {"spring": 15}


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: round(statistics.median(r[key] for r in runs), 3) for key in runs[0]}


def measure(
    framework: str,
    root: Path,
    *,
    seconds: int,
    warmup: int,
    rounds: int,
    before: str | None = None,
) -> dict:
    """Everything for one framework: app, hello reference and list reference, interleaved; with
    `before` (a git ref of this template), the project rendered from it too, in the same rounds."""
    require_wrk()
    project, env = prepared_project(framework, root)
    app = Server("app", ["make", "run"], project, env, "/health/ready")
    servers = [app]
    old = None
    if before:
        old_project, old_env = prepared_project(
            framework, root / "before", vcs_ref=before, references=False
        )
        old = Server("before", ["make", "run"], old_project, old_env, "/health/ready")
        servers.append(old)
    try:
        app.start()
        app.idle_rss_mb = rss_mb(app.pids())
        auth = seed(app, AUTH.get(framework, "jwt"))
        app.headers = auth
        if old:
            old.start()
            old.idle_rss_mb = rss_mb(old.pids())
            old.headers = seed(old, AUTH.get(framework, "jwt"))
        pairs = [("app /health/live", app, "/health/live")]
        if old:
            pairs.append(("before /health/live", old, "/health/live"))
        commands = REFERENCES.get(framework)
        if commands:
            hello = Server("hello", commands["hello"], project, env, "/hello")
            listing = Server("list", commands["list"], project, env, "/api/todos?limit=20", auth)
            if framework == "spring":
                hello.cwd = spring_reference_dir(project, "hello")
                listing.cwd = spring_reference_dir(project, "list")
            if language_of(framework) == "php":
                hello.command = php_reference_command(project, commands["hello"][0])
                listing.command = php_reference_command(project, commands["list"][0])
            for server in (hello, listing):
                servers.append(server)
                server.start()
                server.idle_rss_mb = rss_mb(server.pids())
            pairs.append(("ref hello", hello, "/hello"))
        pairs.append(("app /api/todos", app, "/api/todos?limit=20"))
        if old:
            pairs.append(("before /api/todos", old, "/api/todos?limit=20"))
        if commands:
            pairs.append(("ref list", listing, "/api/todos?limit=20"))
        warmup = max(warmup, MIN_WARMUP_S.get(framework, 0))
        for _, server, path in pairs:
            if warmup > 0:
                wrk(server, path, warmup)
        runs: dict[str, list] = {label: [] for label, _, _ in pairs}
        for _ in range(rounds):
            for label, server, path in pairs:
                runs[label].append(wrk(server, path, seconds))
        for server in servers:
            server.loaded_rss_mb = rss_mb(server.pids())
        return {
            "before": before,
            "endpoints": {label: median_of(r) for label, r in runs.items()},
            "servers": {
                s.name: {
                    "ready_s": s.ready_s,
                    "idle_rss_mb": s.idle_rss_mb,
                    "loaded_rss_mb": s.loaded_rss_mb,
                }
                for s in servers
            },
        }
    finally:
        for server in servers:
            server.stop()


def rps(endpoint: dict) -> str:
    value = endpoint["rps"]
    return f"{value:,.0f}" if isinstance(value, float | int) else str(value)


def table(results: dict[str, dict]) -> str:
    """The README's table: per stack, the app beside its references."""
    lines = [
        "| stack | /health/live rps (ref hello) | p50 / p99 ms (ref) | CPU ms/req (ref) "
        "| auth'd list rps (ref list) | p50 / p99 ms (ref) | CPU ms/req (ref) "
        "| ready s (hello, list) | idle RSS MB (hello, list) | loaded RSS MB (hello, list) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    missing = {"rps": "-", "p50_ms": "-", "p99_ms": "-", "cpu_ms_per_request": "-"}
    rows = [(stack, r, "app") for stack, r in results.items()]
    rows += [(f"{stack} before ({r['before']})", r, "before") for stack, r in results.items()]
    for stack, r, who in rows:
        e, s = r["endpoints"], r["servers"]
        if who not in s:
            continue
        live, hello = e[f"{who} /health/live"], e.get("ref hello", missing)
        todos, ref = e[f"{who} /api/todos"], e.get("ref list", missing)

        def trio(key: str, s: dict = s, who: str = who) -> str:
            refs = ", ".join(str(s[name][key]) if name in s else "-" for name in ("hello", "list"))
            return f"{s[who][key]} ({refs})"

        lines.append(
            f"| {stack} | {rps(live)} ({rps(hello)}) "
            f"| {live['p50_ms']} / {live['p99_ms']} ({hello['p50_ms']} / {hello['p99_ms']}) "
            f"| {live['cpu_ms_per_request']} ({hello['cpu_ms_per_request']}) "
            f"| {rps(todos)} ({rps(ref)}) "
            f"| {todos['p50_ms']} / {todos['p99_ms']} ({ref['p50_ms']} / {ref['p99_ms']}) "
            f"| {todos['cpu_ms_per_request']} ({ref['cpu_ms_per_request']}) "
            f"| {trio('ready_s')} | {trio('idle_rss_mb')} | {trio('loaded_rss_mb')} |"
        )
    return "\n".join(lines)
