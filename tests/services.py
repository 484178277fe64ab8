"""Real database servers for the template's tests: PostgreSQL and MariaDB from Debian packages,
and FerretDB (the MongoDB wire protocol on SQLite, built from the Go module proxy), each started in
a temporary directory on a free loopback port and removed again at the end.

Both serve TLS with a self-signed certificate made here with openssl (as hosting platforms do:
encrypted, but not signed by a CA the client knows), and each has a TLS-only user besides the
plain ones: `tls_user(...)` returns a URL whose password holds `@` and `%` (percent-encoded), for
a user that the server refuses unless the connection is encrypted (pg_hba `hostssl` + `host ...
reject`; MariaDB `REQUIRE SSL`). Issue 9.3 and RULES.md decision 5: `sslmode=require` /
`ssl-mode=REQUIRED` must connect encrypted without verifying the certificate.

No mocks and no Docker: generated projects run `make test` and `make run` against these.
Missing binaries are an error naming the Debian package to install, never a skip.

    uv run python -m tests.services      # start all three, print their URLs and start times, stop
    uv run python -m tests.services --keep   # ... and keep them running until Ctrl-C or kill
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import json
import os
import pwd
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

START_TIMEOUT = 60  # seconds
# The TLS-only users' password: `@` and `%` must reach the server percent-decoded exactly once
# (`%41` is literal text, not an `A`). URLs carry it as TLS_PASSWORD_IN_URL.
TLS_PASSWORD = "Tls@only%41pw"
# The plain users' password: distinctive, so tier 3 can tell that no log carries it.
PASSWORD = "app-pw-5f0e9c"
TLS_PASSWORD_IN_URL = urllib.parse.quote(TLS_PASSWORD, safe="")


class ServiceError(RuntimeError):
    """A database server could not be provided; the message is one line saying why."""


# The lowest port handed out: above the well-known and most registered services' ports.
LOWEST_PORT = 10000
# Blocks the ports below the ephemeral range are cut into, one per pytest-xdist worker.
PORT_BLOCKS = 8
_handed_out: set[int] = set()


def ephemeral_port_range() -> tuple[int, int]:
    """(low, high), inclusive: the local ports Linux gives outgoing connections
    (net.ipv4.ip_local_port_range; 32768-60999 by default)."""
    try:
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return int(low), int(high)
    except (OSError, ValueError):
        return 32768, 60999


def port_block() -> tuple[int, int]:
    """(low, high), inclusive: this process's share of the ports below the ephemeral range, by its
    pytest-xdist worker number (gw0, gw1, ...; the controller and a plain run use block 0)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    index = int(worker[2:]) if worker[2:].isdigit() else 0
    size = (ephemeral_port_range()[0] - LOWEST_PORT) // PORT_BLOCKS
    low = LOWEST_PORT + (index % PORT_BLOCKS) * size
    return low, low + size - 1


def free_port() -> int:
    """A loopback TCP port nobody listens on, never handed out before by this process.

    Ports come from below the kernel's ephemeral range, so no outgoing connection's local end can
    take one between this check and the server's bind (a port from `bind(0)` can: CI saw gunicorn
    refused 48303 that way), and from this worker's own block, so parallel workers never draw the
    same one. Raises ServiceError when the whole block is in use."""
    low, high = port_block()
    start = random.randint(low, high)
    for step in range(high - low + 1):
        port = low + (start - low + step) % (high - low + 1)
        if port in _handed_out:
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        _handed_out.add(port)
        return port
    raise ServiceError(f"no free port left in {low}-{high}")


def identifier(name: str, limit: int = 32) -> str:
    """A database (and MariaDB user) name from any text: lowercase, [a-z0-9_], at most 32 chars."""
    cleaned = re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_") or "db"
    if cleaned[0].isdigit():
        cleaned = "d_" + cleaned
    return cleaned[:limit].rstrip("_")


def tail(text: str, lines: int = 60) -> str:
    return "\n".join(text.splitlines()[-lines:])


def run(command: list[str], *, timeout: float = 60, input_text: str | None = None) -> str:
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, input=input_text
        )
    except subprocess.TimeoutExpired as error:
        raise ServiceError(f"timed out after {timeout}s: {' '.join(command)}") from error
    if result.returncode != 0:
        raise ServiceError(
            f"`{' '.join(command)}` failed ({result.returncode}):\n"
            + tail(result.stdout + result.stderr)
        )
    return result.stdout


def service_user(name: str, package: str) -> str | None:
    """The system account a server must run as when we are root (None when we are not root)."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(name)
    except KeyError:
        raise ServiceError(f"no `{name}` system user: apt-get install {package}") from None
    return name


def as_user(user: str | None, command: list[str]) -> list[str]:
    return ["runuser", "-u", user, "--", *command] if user else command


def private_dir(prefix: str) -> Path:
    root = Path(tempfile.mkdtemp(prefix=prefix))
    root.chmod(0o755)  # the service account must reach the data directory inside
    return root


def chown(path: Path, user: str | None) -> None:
    if user:
        entry = pwd.getpwnam(user)
        os.chown(path, entry.pw_uid, entry.pw_gid)


def self_signed_certificate(directory: Path, user: str | None) -> tuple[Path, Path]:
    """A throw-away server certificate for CN=localhost (and IP 127.0.0.1), valid 7 days, signed by
    its own key; returns (certificate, key), both readable only by the service account."""
    cert, key = directory / "server.crt", directory / "server.key"
    openssl = shutil.which("openssl")
    if not openssl:
        raise ServiceError(
            "openssl not found (needed for the TLS certificate): apt-get install openssl"
        )
    run(
        [
            openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-nodes", "-days", "7", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ]
    )  # fmt: skip
    for path in (cert, key):
        path.chmod(0o600)
        chown(path, user)
    return cert, key


def wait_until(ready, *, what: str, log: Path | None, alive=lambda: True) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if ready():
            return
        if not alive():
            break
        time.sleep(0.2)
    text = log.read_text(errors="replace") if log and log.exists() else ""
    raise ServiceError(f"{what} did not start within {START_TIMEOUT}s:\n{tail(text)}")


# --- PostgreSQL ---------------------------------------------------------------------------------


def postgres_bindir() -> Path:
    found = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    if not found:
        raise ServiceError(
            "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb): "
            "apt-get install postgresql"
        )
    newest = max(found, key=lambda p: int(re.search(r"/(\d+)/bin/", p).group(1)))
    return Path(newest).parent


@dataclass
class PostgresServer:
    """A private PostgreSQL cluster on 127.0.0.1 with TLS on (self-signed): superuser `postgres`
    and user `app` (password PASSWORD, CREATEDB) with trust authentication, encrypted or not; and
    the TLS-only user TLS_USER (password TLS_PASSWORD, member of `app` so it may use every
    database and table `app` owns): `hostssl` with scram-sha-256, a plain connection rejected."""

    TLS_USER = "tls_app"

    root: Path
    port: int
    bindir: Path
    user: str | None
    start_seconds: float = 0.0
    databases: list[str] = field(default_factory=list)

    @property
    def data(self) -> Path:
        return self.root / "data"

    @classmethod
    def start(cls) -> PostgresServer:
        began = time.monotonic()
        bindir = postgres_bindir()
        user = service_user("postgres", "postgresql")
        root = private_dir("brt-pg-")
        server = cls(root=root, port=free_port(), bindir=bindir, user=user)
        try:
            for directory in (root / "run", server.data):
                directory.mkdir(mode=0o700)
                chown(directory, user)
            log = root / "run" / "postgres.log"
            cert, key = self_signed_certificate(root / "run", user)
            run(
                as_user(
                    user,
                    [
                        str(bindir / "initdb"),
                        "--pgdata",
                        str(server.data),
                        "--username=postgres",
                        "--auth=trust",
                        "--encoding=UTF8",
                        "--locale=C",
                        "--no-sync",
                    ],
                ),
                timeout=120,
            )
            # First match wins: the TLS-only user over TLS with its password, never in plain
            # text; everyone else as before (trust, on loopback only).
            hba = server.data / "pg_hba.conf"
            hba.write_text(
                "local all all trust\n"
                f"hostssl all {cls.TLS_USER} 127.0.0.1/32 scram-sha-256\n"
                f"host all {cls.TLS_USER} 0.0.0.0/0 reject\n"
                "host all all 127.0.0.1/32 trust\n"
            )
            chown(hba, user)
            options = " ".join(
                [
                    f"-p {server.port}",
                    "-c listen_addresses=127.0.0.1",
                    f"-c unix_socket_directories={root / 'run'}",
                    "-c fsync=off",
                    "-c synchronous_commit=off",
                    "-c full_page_writes=off",
                    "-c max_connections=200",
                    "-c ssl=on",
                    f"-c ssl_cert_file={cert}",
                    f"-c ssl_key_file={key}",
                ]
            )
            command = [str(bindir / "pg_ctl"), "-D", str(server.data), "-l", str(log)]
            run(as_user(user, [*command, "-w", "-t", str(START_TIMEOUT), "-o", options, "start"]))
            server.sql(f"CREATE ROLE app LOGIN PASSWORD '{PASSWORD}' CREATEDB")
            server.sql(
                f"SET password_encryption = 'scram-sha-256'; "
                f"CREATE ROLE {cls.TLS_USER} LOGIN PASSWORD '{TLS_PASSWORD}' IN ROLE app"
            )
        except BaseException:
            server.stop()
            raise
        server.start_seconds = time.monotonic() - began
        return server

    def sql(self, statement: str, database: str = "postgres") -> str:
        """Run SQL as the superuser; returns unaligned tuples-only output."""
        command = [str(self.bindir / "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"]
        command += ["-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database]
        return run([*command, "-c", statement])

    def url(self, database: str) -> str:
        return f"postgresql://app:{PASSWORD}@127.0.0.1:{self.port}/{database}"

    def tls_url(self, database: str, scheme: str = "postgres") -> str:
        """The URL of the TLS-only user for `database` (created by create_database), as hosting
        platforms hand it out: `postgres://`, percent-encoded password, `sslmode=require`."""
        return (
            f"{scheme}://{self.TLS_USER}:{TLS_PASSWORD_IN_URL}@127.0.0.1:{self.port}/{database}"
            "?sslmode=require"
        )

    def create_database(self, name: str) -> str:
        """A fresh, empty database owned by `app`; returns its DATABASE_URL."""
        database = identifier(name, 63)
        self.sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        self.sql(f'CREATE DATABASE "{database}" OWNER app')
        self.databases.append(database)
        return self.url(database)

    def block(self, database: str) -> None:
        """Make one database unreachable: refuse new connections and end the open ones."""
        self.sql(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false')
        self.sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            f"WHERE datname = '{database}' AND pid <> pg_backend_pid()"
        )

    def unblock(self, database: str) -> None:
        self.sql(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(ServiceError):
                command = [str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate"]
                run(as_user(self.user, [*command, "-w", "stop"]))
        shutil.rmtree(self.root, ignore_errors=True)


# --- MariaDB ------------------------------------------------------------------------------------


def mariadb_binaries() -> dict[str, str]:
    found = {}
    for tool in ("mariadbd", "mariadb-install-db", "mariadb", "mariadb-admin"):
        path = shutil.which(tool) or shutil.which(tool, path="/usr/sbin:/usr/bin")
        if not path:
            package = (
                "mariadb-server"
                if tool in ("mariadbd", "mariadb-install-db")
                else ("mariadb-client")
            )
            raise ServiceError(f"MariaDB binary `{tool}` not found: apt-get install {package}")
        found[tool] = path
    return found


@dataclass
class MariaDBServer:
    """A private MariaDB server with TLS on (self-signed): root over the unix socket (inside the
    data directory), user `app` (password PASSWORD, all privileges) over TCP on 127.0.0.1, no
    anonymous users, no binary log, no name resolution. Databases are created `latin1` (issue
    9.5: a migration must set utf8mb4 itself); each has its own user and a TLS-only twin."""

    root: Path
    port: int
    bin: dict[str, str]
    process: subprocess.Popen | None = None
    start_seconds: float = 0.0
    databases: list[str] = field(default_factory=list)

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket(self) -> Path:
        return self.data / "mariadbd.sock"

    @classmethod
    def start(cls) -> MariaDBServer:
        began = time.monotonic()
        binaries = mariadb_binaries()
        user = service_user("mysql", "mariadb-server")
        root = private_dir("brt-maria-")
        server = cls(root=root, port=free_port(), bin=binaries)
        try:
            install = [binaries["mariadb-install-db"], "--no-defaults", f"--datadir={server.data}"]
            install += ["--auth-root-authentication-method=socket", "--skip-test-db"]
            install += ["--skip-name-resolve"] + ([f"--user={user}"] if user else [])
            run(install, timeout=120)
            cert, key = self_signed_certificate(root, user)
            log = root / "mariadbd.log"
            command = [binaries["mariadbd"], "--no-defaults", f"--datadir={server.data}"]
            command += [f"--user={user}"] if user else []
            command += [
                f"--port={server.port}",
                "--bind-address=127.0.0.1",
                f"--socket={server.socket}",
                f"--pid-file={server.data / 'mariadbd.pid'}",
                "--skip-log-bin",
                "--skip-name-resolve",
                "--innodb-buffer-pool-size=64M",
                "--innodb-flush-log-at-trx-commit=0",
                "--innodb-doublewrite=0",
                "--max-connections=300",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                f"--ssl-cert={cert}",
                f"--ssl-key={key}",
            ]
            with log.open("wb") as output:
                server.process = subprocess.Popen(
                    command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
                )

            def ready() -> bool:
                try:
                    server.sql("SELECT 1")
                    return True
                except ServiceError:
                    return False

            wait_until(
                ready,
                what="MariaDB",
                log=log,
                alive=lambda: server.process.poll() is None,
            )
            # ''@localhost would shadow 'app'@'%' for local clients; there must be none.
            server.sql(
                "DELETE FROM mysql.global_priv WHERE User = ''; FLUSH PRIVILEGES; "
                f"CREATE USER 'app'@'%' IDENTIFIED BY '{PASSWORD}'; "
                "GRANT ALL PRIVILEGES ON *.* TO 'app'@'%' WITH GRANT OPTION"
            )
        except BaseException:
            server.stop()
            raise
        server.start_seconds = time.monotonic() - began
        return server

    def sql(self, statement: str) -> str:
        """Run SQL as root over the socket; returns tab-separated rows without headers."""
        command = [self.bin["mariadb"], "--no-defaults", f"--socket={self.socket}", "-uroot"]
        return run([*command, "--batch", "--skip-column-names", "-e", statement], timeout=30)

    def create_database(self, name: str) -> str:
        """A fresh, empty `latin1` database (the default of many MySQL installations: the
        migration must create utf8mb4 tables itself) with its own user (same name, password
        PASSWORD) that may use only it, so blocking that user affects no other project, and a
        TLS-only twin (see tls_url); returns the plain user's DATABASE_URL."""
        database = identifier(name, 32)
        tls_user = self.tls_user_of(database)
        self.sql(
            f"DROP DATABASE IF EXISTS `{database}`; DROP USER IF EXISTS '{database}'@'%'; "
            f"DROP USER IF EXISTS '{tls_user}'@'%'; "
            f"CREATE DATABASE `{database}` CHARACTER SET latin1 COLLATE latin1_swedish_ci; "
            f"CREATE USER '{database}'@'%' IDENTIFIED BY '{PASSWORD}'; "
            f"GRANT ALL PRIVILEGES ON `{database}`.* TO '{database}'@'%'; "
            f"CREATE USER '{tls_user}'@'%' IDENTIFIED BY '{TLS_PASSWORD}' REQUIRE SSL; "
            f"GRANT ALL PRIVILEGES ON `{database}`.* TO '{tls_user}'@'%'"
        )
        self.databases.append(database)
        return f"mysql://{database}:{PASSWORD}@127.0.0.1:{self.port}/{database}"

    @staticmethod
    def tls_user_of(database: str) -> str:
        return f"tls_{database}"

    def tls_url(self, database: str) -> str:
        """The URL of `database`'s TLS-only user (REQUIRE SSL): percent-encoded password,
        `ssl-mode=REQUIRED` (encrypted, certificate not verified, MySQL's meaning)."""
        user = self.tls_user_of(database)
        return (
            f"mysql://{user}:{TLS_PASSWORD_IN_URL}@127.0.0.1:{self.port}/{database}"
            "?ssl-mode=REQUIRED"
        )

    def block(self, database: str) -> None:
        """Make one database unreachable: lock its user and kill that user's connections."""
        self.sql(f"ALTER USER '{database}'@'%' ACCOUNT LOCK")
        ids = self.sql(f"SELECT id FROM information_schema.processlist WHERE user = '{database}'")
        for connection_id in ids.split():
            with contextlib.suppress(ServiceError):  # it may have ended by itself meanwhile
                self.sql(f"KILL CONNECTION {int(connection_id)}")

    def unblock(self, database: str) -> None:
        self.sql(f"ALTER USER '{database}'@'%' ACCOUNT UNLOCK")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ServiceError):
                admin = [self.bin["mariadb-admin"], "--no-defaults", f"--socket={self.socket}"]
                run([*admin, "-uroot", "shutdown"], timeout=30)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)


# --- FerretDB (MongoDB wire protocol) -----------------------------------------------------------
# No registry here ships `mongod` (issue 10.3). FerretDB v1, the last line that runs on plain
# SQLite, speaks the MongoDB wire protocol. Its gaps (RULES.md "MongoDB decisions" 3; checked in
# v1.24.2's source): no transactions, `$lookup`, `$facet`, `$jsonSchema` validators, partial
# indexes, and no TTL indexes (`expireAfterSeconds` answers NotImplemented, code 238); a `$group`
# with two accumulators returns 0 for the second; findAndModify and update are a read, then a write
# by _id, so two racing conditional updates of one document can both match (not atomic, unlike
# MongoDB). Generated code must not depend on any of them.

FERRETDB_VERSION = "v1.24.2"
FERRETDB_MODULE = "github.com/FerretDB/FerretDB"
FERRETDB_BUILD_TIMEOUT = 1800  # seconds: about 40 s on an idle machine, minutes on 2 busy cores


def ferretdb_binary(bin_dir: Path | None = None) -> Path:
    """The path of `ferretdb` FERRETDB_VERSION in the tools cache (~/.cache/brt/bin), built there
    first when absent or stamped with another version (`ferretdb.version`, as .ci/run does for
    helm). A bare `go install` panics on the module's missing `build/version/version.txt`, so the
    module is downloaded from the Go module proxy, the file written, and `./cmd/ferretdb` built.
    One build at a time per machine (a lock file: parallel test workers wait for the first).
    Raises ServiceError (one line) when Go is missing, or with the build's output when it fails."""
    bin_dir = bin_dir or Path.home() / ".cache" / "brt" / "bin"
    binary, stamp = bin_dir / "ferretdb", bin_dir / "ferretdb.version"

    def current() -> bool:
        return (
            binary.is_file() and stamp.is_file() and stamp.read_text().strip() == FERRETDB_VERSION
        )

    if current():
        return binary
    go = shutil.which("go")
    if not go:
        raise ServiceError(
            f"Go not found (needed once to build FerretDB {FERRETDB_VERSION} from the Go module "
            "proxy): install Go from https://go.dev/dl/"
        )
    bin_dir.mkdir(parents=True, exist_ok=True)
    with (bin_dir / "ferretdb.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if current():  # another worker built it while this one waited
            return binary
        with tempfile.TemporaryDirectory(prefix="brt-ferretdb-build-") as work:
            env = {**os.environ, "GOFLAGS": "-mod=mod", "GOTOOLCHAIN": "auto"}
            download = subprocess.run(
                [go, "mod", "download", "-json", f"{FERRETDB_MODULE}@{FERRETDB_VERSION}"],
                capture_output=True, text=True, env=env, cwd=work, timeout=600,
            )  # fmt: skip
            if download.returncode != 0:
                raise ServiceError(
                    f"go mod download {FERRETDB_MODULE}@{FERRETDB_VERSION} failed:\n"
                    + tail(download.stdout + download.stderr)
                )
            source = Path(work) / "src"
            shutil.copytree(json.loads(download.stdout)["Dir"], source)
            for path in [source, *source.rglob("*")]:  # the module cache is read-only
                path.chmod(path.stat().st_mode | 0o200)
            (source / "build" / "version").mkdir(parents=True, exist_ok=True)
            (source / "build" / "version" / "version.txt").write_text(FERRETDB_VERSION + "\n")
            partial = bin_dir / "ferretdb.partial"
            try:
                built = subprocess.run(
                    [go, "build", "-o", str(partial), "./cmd/ferretdb"],
                    capture_output=True, text=True, env=env, cwd=source,
                    timeout=FERRETDB_BUILD_TIMEOUT,
                )  # fmt: skip
            except subprocess.TimeoutExpired as error:
                raise ServiceError(
                    f"building FerretDB took over {FERRETDB_BUILD_TIMEOUT}s"
                ) from error
            if built.returncode != 0:
                raise ServiceError(
                    "building FerretDB failed:\n" + tail(built.stdout + built.stderr)
                )
            partial.replace(binary)
            stamp.write_text(FERRETDB_VERSION + "\n")
    return binary


@dataclass
class FerretDBServer:
    """A private FerretDB on 127.0.0.1 with the SQLite handler (one SQLite file per database under
    its own directory), telemetry off, no debug listener, no authentication (FerretDB v1 with
    SQLite has no users): a DATABASE_URL is `mongodb://127.0.0.1:<port>/<database>`. No TLS."""

    root: Path
    port: int
    binary: Path
    process: subprocess.Popen | None = None
    start_seconds: float = 0.0
    databases: list[str] = field(default_factory=list)

    @property
    def log(self) -> Path:
        return self.root / "ferretdb.log"

    @classmethod
    def start(cls) -> FerretDBServer:
        began = time.monotonic()
        binary = ferretdb_binary()
        server = cls(root=private_dir("brt-ferret-"), port=free_port(), binary=binary)
        try:
            (server.root / "data").mkdir()
            (server.root / "state").mkdir()
            server.launch()
        except BaseException:
            server.stop()
            raise
        server.start_seconds = time.monotonic() - began
        return server

    def launch(self) -> None:
        """Start the process on self.port over the same data, and wait until it accepts."""
        command = [
            str(self.binary),
            "--handler=sqlite",
            f"--sqlite-url=file:{self.root / 'data'}/",
            f"--state-dir={self.root / 'state'}",
            f"--listen-addr=127.0.0.1:{self.port}",
            "--debug-addr=-",
            "--telemetry=disable",
            "--log-level=warn",
        ]
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
            )

        def ready() -> bool:
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
                sock.settimeout(1)
                return sock.connect_ex(("127.0.0.1", self.port)) == 0

        wait_until(ready, what="FerretDB", log=self.log, alive=lambda: self.process.poll() is None)

    def url(self, database: str) -> str:
        return f"mongodb://127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A fresh, empty database (dropped first if a run left one); returns its DATABASE_URL.
        MongoDB creates a database at its first write, so nothing else is done."""
        import pymongo  # the template's dev dependency; only FerretDB's users need it

        database = identifier(name, 63)
        with pymongo.MongoClient(self.url(database), serverSelectionTimeoutMS=10_000) as client:
            client.drop_database(database)
        self.databases.append(database)
        return self.url(database)

    def tls_url(self, database: str) -> str:
        """This FerretDB speaks no TLS: the URL with the driver's TLS option, off (`tls=false`), for
        tier 3's checks of a URL that carries options (a refused extra one, a .env's URL)."""
        return f"{self.url(database)}?tls=false"

    def block(self, database: str) -> None:
        """Make the server unreachable (every database: FerretDB v1 has no per-database lock):
        stop the process. Tier 3 runs one row at a time per server, so no other row notices."""
        self.halt()

    def unblock(self, database: str) -> None:
        self.launch()

    def halt(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def stop(self) -> None:
        self.halt()
        shutil.rmtree(self.root, ignore_errors=True)


def main(argv: list[str]) -> int:
    servers = []
    # `kill` (SIGTERM) and Ctrl-C stop the servers too; a shell's background job starts with
    # SIGINT ignored, so both are (re)installed here.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        for kind in (PostgresServer, MariaDBServer, FerretDBServer):
            server = kind.start()
            servers.append(server)
            url = server.create_database("scratch")
            print(f"{kind.__name__}: {url} (started in {server.start_seconds:.1f}s)")
        if "--keep" in argv:
            print("Ctrl-C or kill stops them", flush=True)
            signal.pause()
    except ServiceError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    finally:
        for server in servers:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
