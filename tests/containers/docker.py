"""A private Docker engine for the container tests, and the stand-in base images it builds from.

No registry is reachable here (no Docker Hub), so nothing can be pulled. The harness runs Debian's
`docker.io` daemon (`dockerd`, with its own containerd) under ~/.cache/brt/dockerd: no bridge, no
iptables, host networking only, its own data root (kept between runs: the stand-ins and the layer
cache survive), exec root and socket. The pytest workers of one run share it: each holds a shared
flock on `users.lock` while it uses the engine; the last one to leave stops the daemon.

Stand-in base images replace what each Dockerfile's FROM names (see STANDINS): a Debian bookworm
made by `debootstrap --variant=minbase` from the Debian mirror apt uses here, plus the runtime from
where the machine gets it (npm's `node` package binary, the machine's Temurin JDK 25, Debian's
Python 3.11 with pip, Debian's PHP 8.2 with Apache and Debian's Composer with Debian's PHP
libraries served offline). Each is tagged exactly as the Dockerfile's FROM resolves with the build
argument the test passes (e.g. PYTHON_VERSION=3.11 -> python:3.11-slim-bookworm), so a test id
names what really ran.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import inspect
import json
import os
import shutil
import signal
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.services import ServiceError, tail

CACHE = Path.home() / ".cache" / "brt"
ROOT = CACHE / "dockerd"
STANDIN_DIR = Path(__file__).with_name("standins")
NODE_DIR = CACHE / "node24" / "node_modules" / "node"
JDK = Path("/usr/lib/jvm/temurin-25-jdk-amd64")
# What the host trusts (the stand-ins' builds download from PyPI and npm through the same network).
HOST_CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")
DEBIAN_MIRROR = "http://deb.debian.org/debian"
DEBIAN_BASE = "brt-standin/debian:bookworm-minbase"
# What a JDK has and a JRE does not: compilers, debuggers, packagers, the shell.
JDK_TOOL_MODULES = {
    "jdk.compiler",
    "jdk.editpad",
    "jdk.hotspot.agent",
    "jdk.internal.ed",
    "jdk.internal.le",
    "jdk.internal.opt",
    "jdk.jartool",
    "jdk.javadoc",
    "jdk.jconsole",
    "jdk.jdeps",
    "jdk.jdi",
    "jdk.jdwp.agent",
    "jdk.jlink",
    "jdk.jpackage",
    "jdk.jshell",
    "jdk.jstatd",
}
# Debian 12's PHP, the one the PHP stand-ins carry (the Symfony Dockerfile's PHP_VERSION).
PHP_VERSION = "8.2"
START_TIMEOUT = 60  # seconds for dockerd to answer on its socket


def node_version() -> str:
    """The version of the Node binary npm's `node` package installed (e.g. "24.21.0")."""
    meta = json.loads((NODE_DIR / "package.json").read_text())
    return meta["version"]


def jdk_version() -> str:
    """The machine's Temurin 25 as image tags spell it: "25.0.3+9" -> "25.0.3_9"."""
    release = (JDK / "release").read_text()
    for line in release.splitlines():
        if line.startswith("IMPLEMENTOR_VERSION="):  # "Temurin-25.0.3+9"
            return line.split("-", 1)[1].strip('"').replace("+", "_")
    raise ServiceError(f"{JDK}/release names no IMPLEMENTOR_VERSION")


@dataclass(frozen=True)
class Standin:
    """A stand-in base image: `tag` is what a Dockerfile's FROM resolves to with `build_arg`."""

    tag: str
    dockerfile: str  # under tests/containers/standins/
    what: str  # what it really is, for test ids and messages


def standins() -> dict[str, Standin]:
    """Per runtime (stacks.yml `language`, plus the JDK of the Java build stage)."""
    node, java = node_version(), jdk_version()
    return {
        "node": Standin(
            f"node:{node}-bookworm-slim",
            "node.Dockerfile",
            f"Debian bookworm (debootstrap) + npm's node {node} binary + npm",
        ),
        "python": Standin(
            "python:3.11-slim-bookworm",
            "python.Dockerfile",
            "Debian bookworm (debootstrap) + Debian's Python 3.11 and pip",
        ),
        "java-jre": Standin(
            f"eclipse-temurin:{java}-jre-noble",
            "java.Dockerfile",
            f"Debian bookworm (debootstrap, not Ubuntu noble) + a jlink'd runtime of the "
            f"machine's Temurin {java}",
        ),
        "java-jdk": Standin(
            f"eclipse-temurin:{java}-jdk-noble",
            "java.Dockerfile",
            f"Debian bookworm (debootstrap, not Ubuntu noble) + the machine's Temurin {java} JDK",
        ),
        "php-apache": Standin(
            f"php:{PHP_VERSION}-apache-bookworm",
            "php-apache.Dockerfile",
            f"Debian bookworm (debootstrap) + Debian's PHP {PHP_VERSION}, Apache 2.4 and mod_php, "
            "laid out as the official image (docker-php-ext-install: Debian's php8.2-<ext>)",
        ),
        "composer": Standin(
            "composer:2",
            "composer.Dockerfile",
            f"Debian bookworm (debootstrap) + Debian's Composer 2.5 on PHP {PHP_VERSION}, "
            "serving Debian's PHP libraries offline as copies (tests/php_offline.py)",
        ),
    }


def build_args(language: str) -> dict[str, str]:
    """The runtime-version build argument each stack's Dockerfile takes, set to the stand-in's."""
    if language == "node":
        return {"NODE_VERSION": node_version()}
    if language == "python":
        return {"PYTHON_VERSION": "3.11"}
    if language == "php":
        return {"PHP_VERSION": PHP_VERSION}
    return {"JAVA_VERSION": jdk_version()}


def standins_for(language: str) -> list[str]:
    return {
        "node": ["node"],
        "python": ["python"],
        "java": ["java-jdk", "java-jre"],
        "php": ["composer", "php-apache"],
    }[language]


class Docker:
    """The private engine: `run()` calls the docker CLI against its socket."""

    def __init__(self, root: Path = ROOT):
        self.root = root
        self.socket = root / "docker.sock"
        self.log = root / "dockerd.log"
        self.env = {**os.environ, "DOCKER_HOST": f"unix://{self.socket}", "DOCKER_BUILDKIT": "0"}
        self.env["DOCKER_CONFIG"] = str(root / "client")
        self._users = None

    # --- the daemon ----------------------------------------------------------------------------

    def answers(self) -> bool:
        result = subprocess.run(
            ["docker", "version", "--format", "{{.Server.Version}}"],
            env=self.env,
            capture_output=True,
            timeout=20,
        )
        return result.returncode == 0

    def start(self) -> Docker:
        """Starts the daemon unless another worker of this run already did; registers as a user."""
        for tool in ("docker", "dockerd"):
            if not shutil.which(tool):
                raise ServiceError(f"{tool} not found: apt-get install docker.io")
        self.root.mkdir(parents=True, exist_ok=True)
        self._users = (self.root / "users.lock").open("w")
        with locked(self.root / "start.lock"):
            fcntl.flock(self._users, fcntl.LOCK_SH)
            if not self.answers():
                self._start_daemon()
        return self

    def _start_daemon(self) -> None:
        self.socket.unlink(missing_ok=True)
        command = ["dockerd", "--bridge=none", "--iptables=false", "--ip6tables=false"]
        command += ["--ip-masq=false", "--data-root", str(self.root / "data")]
        command += ["--exec-root", str(self.root / "exec"), "--pidfile", str(self.root / "pid")]
        command += ["--host", f"unix://{self.socket}", "--log-level=warn"]
        with self.log.open("ab") as log:
            subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.socket.exists() and self.answers():
                return
            time.sleep(0.5)
        raise ServiceError(f"dockerd did not answer within {START_TIMEOUT}s:\n" + self.tail_log())

    def tail_log(self) -> str:
        return tail(self.log.read_text(errors="replace")) if self.log.exists() else "(no log)"

    def stop(self) -> None:
        """Unregisters; the last user stops the daemon (SIGTERM, then SIGKILL)."""
        if self._users is None:
            return
        with locked(self.root / "start.lock"):
            fcntl.flock(self._users, fcntl.LOCK_UN)
            try:
                fcntl.flock(self._users, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return  # another worker still uses the engine
            finally:
                self._users.close()
                self._users = None
            # Images replaced by a rebuild under the same tag; the tagged ones and their layers
            # (the stand-ins, the build cache) stay for the next run.
            self.run("image", "prune", "--force", check=False)
            pid_file = self.root / "pid"
            if not pid_file.exists():
                return
            pid = int(pid_file.read_text().strip() or 0)
            for sig, grace in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, sig)
                deadline = time.monotonic() + grace
                while time.monotonic() < deadline and pid_alive(pid):
                    time.sleep(0.2)
                if not pid_alive(pid):
                    break

    # --- the CLI -------------------------------------------------------------------------------

    def run(
        self, *args: str, timeout: float = 120, check: bool = True, input_bytes: bytes | None = None
    ) -> subprocess.CompletedProcess:
        result = subprocess.run(
            ["docker", *args],
            env=self.env,
            capture_output=True,
            timeout=timeout,
            input=input_bytes,
        )
        if check and result.returncode != 0:
            output = (result.stdout + result.stderr).decode(errors="replace")
            raise AssertionError(
                f"`docker {' '.join(args)}` failed ({result.returncode}):\n" + tail(output)
            )
        return result

    def out(self, *args: str, timeout: float = 120) -> str:
        return self.run(*args, timeout=timeout).stdout.decode().strip()

    def has_image(self, tag: str) -> bool:
        return self.run("image", "inspect", tag, check=False).returncode == 0

    def build(
        self,
        context: Path,
        tag: str,
        *,
        dockerfile: Path | None = None,
        args: dict[str, str] | None = None,
        labels: dict[str, str] | None = None,
        log: Path | None = None,
        timeout: float = 1200,
    ) -> float:
        """`docker build --network host` (the classic builder: BuildKit needs the buildx plugin,
        which Debian's docker.io 20.10 lacks); returns the seconds it took."""
        command = ["build", "--network", "host", "--tag", tag]
        if dockerfile:
            command += ["--file", str(dockerfile)]
        for name, value in (args or {}).items():
            command += ["--build-arg", f"{name}={value}"]
        for name, value in (labels or {}).items():
            command += ["--label", f"{name}={value}"]
        began = time.monotonic()
        result = self.run(*command, str(context), timeout=timeout, check=False)
        output = (result.stdout + result.stderr).decode(errors="replace")
        if log:
            log.write_text(output)
        if result.returncode != 0:
            raise AssertionError(f"`docker build` of {tag} failed:\n" + tail(output, 80))
        return time.monotonic() - began

    def label(self, tag: str, name: str) -> str | None:
        """A label of the image, None when the image (or the label) is missing."""
        result = self.run(
            "image", "inspect", "--format", "{{json .Config.Labels}}", tag, check=False
        )
        if result.returncode != 0:
            return None
        return (json.loads(result.stdout or b"null") or {}).get(name)

    def image_size(self, tag: str) -> int:
        """Bytes, as `docker images` shows them (all layers, base included)."""
        return int(self.out("image", "inspect", "--format", "{{.Size}}", tag))


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is gone for our purposes
    with contextlib.suppress(OSError):
        return " Z " not in Path(f"/proc/{pid}/stat").read_text().split(")", 1)[1][:4]
    return True


@contextlib.contextmanager
def locked(path: Path):
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --- stand-in base images ----------------------------------------------------------------------


def ensure_standins(docker: Docker, names: list[str], timings: dict[str, float]) -> None:
    """Builds the named stand-ins (and the Debian base under them) unless the engine has them.
    One worker builds, the others wait on the lock and then find them."""
    with locked(docker.root / "standins.lock"):
        wanted = standins()
        if not docker.has_image(DEBIAN_BASE):
            began = time.monotonic()
            debian_base(docker)
            timings["debootstrap+import"] = round(time.monotonic() - began, 1)
        for name in names:
            standin = wanted[name]
            # Rebuilt when its recipe changed (the image carries the recipe's hash as a label).
            stage = STAGERS.get(name, stage_runtime)
            recipe = hashlib.sha256(
                (STANDIN_DIR / standin.dockerfile).read_bytes()
                + inspect.getsource(stage).encode()
                + b"".join(path.read_bytes() for path in RECIPE_FILES.get(name, []))
            ).hexdigest()
            if docker.label(standin.tag, "brt.recipe") == recipe:
                continue
            began = time.monotonic()
            with tempfile.TemporaryDirectory(prefix="brt-standin-") as tmp:
                context = Path(tmp)
                stage(name, context)
                docker.build(
                    context,
                    standin.tag,
                    dockerfile=STANDIN_DIR / standin.dockerfile,
                    args={"BASE": DEBIAN_BASE},
                    labels={"brt.recipe": recipe},
                    log=docker.root / f"standin-{name}.log",
                )
            # staging (npm pack, jlink, copies) and the build
            timings[f"standin {standin.tag}"] = round(time.monotonic() - began, 1)


def debian_base(docker: Docker) -> None:
    """`debootstrap --variant=minbase bookworm` from Debian's mirror, imported as DEBIAN_BASE."""
    if not shutil.which("debootstrap"):
        raise ServiceError("debootstrap not found: apt-get install debootstrap")
    with tempfile.TemporaryDirectory(prefix="brt-debootstrap-") as tmp:
        rootfs = Path(tmp) / "rootfs"
        result = subprocess.run(
            ["debootstrap", "--variant=minbase", "bookworm", str(rootfs), DEBIAN_MIRROR],
            capture_output=True,
            text=True,
            timeout=900,
        )
        if result.returncode != 0:
            raise ServiceError("debootstrap failed:\n" + tail(result.stdout + result.stderr))
        # What the official slim images leave out too: downloaded packages and package lists.
        for leftover in ("var/cache/apt/archives", "var/lib/apt/lists"):
            for entry in (rootfs / leftover).glob("*"):
                if entry.is_file():
                    entry.unlink()
        tarball = Path(tmp) / "rootfs.tar"
        with tarfile.open(tarball, "w") as tar:
            tar.add(rootfs, arcname=".")
        docker.run("import", str(tarball), DEBIAN_BASE, timeout=300)


def stage_runtime(name: str, context: Path) -> None:
    """Puts the runtime a stand-in adds into its build context (context/runtime)."""
    runtime = context / "runtime"
    runtime.mkdir()
    shutil.copy2(HOST_CA_BUNDLE, runtime / "ca-certificates.crt")
    if name == "node":
        shutil.copy2(NODE_DIR / "bin" / "node", runtime / "node")
        # npm itself, from the npm registry (the official image bundles one too).
        result = subprocess.run(
            ["npm", "pack", "npm@11", "--pack-destination", str(context), "--silent"],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=context,
        )
        if result.returncode != 0:
            raise ServiceError("npm pack npm@11 failed:\n" + tail(result.stdout + result.stderr))
        packed = context / result.stdout.strip().splitlines()[-1]
        with tarfile.open(packed) as tar:
            tar.extractall(runtime, filter="tar")
        packed.unlink()
    elif name == "java-jdk":
        shutil.copytree(JDK, runtime / "java", symlinks=True)
    elif name == "java-jre":
        # A JRE's modules: every module of the JDK but its development tools (and incubators).
        # The JDK has no jmods (JEP 493), so jlink can link everything but jdk.jlink and what
        # needs it, which a JRE leaves out anyway.
        listed = subprocess.run(
            [str(JDK / "bin" / "java"), "--list-modules"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        modules = [m.split("@")[0] for m in listed]
        modules = [m for m in modules if m not in JDK_TOOL_MODULES and ".incubator." not in m]
        result = subprocess.run(
            [
                str(JDK / "bin" / "jlink"),
                "--add-modules",
                ",".join(modules),
                "--strip-debug",
                "--no-man-pages",
                "--no-header-files",
                "--output",
                str(runtime / "java"),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode != 0:
            raise ServiceError("jlink failed:\n" + tail(result.stdout + result.stderr))
    if name.startswith("java-"):
        # The JDK's cacerts is a link to the host's Java trust store (Debian's layout): the file
        # itself goes in, so Maven inside the build trusts what the host's Maven trusts.
        cacerts = runtime / "java" / "lib" / "security" / "cacerts"
        cacerts.unlink(missing_ok=True)
        shutil.copyfile(JDK / "lib" / "security" / "cacerts", cacerts)


def stage_php(name: str, context: Path) -> None:
    """The PHP stand-ins' context/runtime: the CA bundle, the official image's scripts
    (standins/php/) for php-apache; for composer, tests/php_offline.py, standins/composer_offline.py
    and the npm copies php_offline serves (swagger-ui-dist, fetched once into its cache)."""
    runtime = context / "runtime"
    runtime.mkdir()
    shutil.copy2(HOST_CA_BUNDLE, runtime / "ca-certificates.crt")
    if name == "php-apache":
        shutil.copytree(STANDIN_DIR / "php", runtime / "php")
        return
    from tests import php_offline

    with tempfile.TemporaryDirectory(prefix="brt-php-offline-") as home:
        php_offline.npm_copy_packages(Path(home))  # fills NPM_CACHE unless it holds them
    shutil.copytree(php_offline.NPM_CACHE, runtime / "php-offline", symlinks=True)
    shutil.copy2(php_offline.__file__, runtime / "php_offline.py")
    shutil.copy2(STANDIN_DIR / "composer_offline.py", runtime / "composer_offline.py")


# Stand-ins staged by another function than stage_runtime (whose source is in the others' recipes),
# and files beyond the Dockerfile and the stager that make up their recipe.
STAGERS = {"php-apache": stage_php, "composer": stage_php}
RECIPE_FILES = {
    "php-apache": sorted((STANDIN_DIR / "php").glob("*")),
    "composer": [
        STANDIN_DIR / "composer_offline.py",
        Path(__file__).parents[1] / "php_offline.py",
    ],
}


# --- Docker Compose v2 (the Go plugin), built from the Go module proxy ---------------------------

# Compose's Go module moved to /v5 with its 5.x releases (still the Compose V2 plugin). 5.6.0 is
# the newest that builds with the go on these machines (5.7 needs go >= 1.26.10).
COMPOSE_MODULE = "github.com/docker/compose/v5"
COMPOSE_VERSION = "v5.6.0"
COMPOSE_DIR = CACHE / f"compose-{COMPOSE_VERSION}"


def compose_plugin() -> Path:
    """A docker config folder whose cli-plugins/docker-compose is Compose built from source:
    `go install module@version` refuses a go.mod with exclude directives, so the module is
    downloaded (go mod download) and built in a copy of its folder."""
    plugin = COMPOSE_DIR / "cli-plugins" / "docker-compose"
    if plugin.exists():
        return COMPOSE_DIR
    if not shutil.which("go"):
        raise ServiceError("go not found (builds docker compose): install Go")
    COMPOSE_DIR.mkdir(parents=True, exist_ok=True)
    with locked(COMPOSE_DIR / "build.lock"):
        if plugin.exists():
            return COMPOSE_DIR
        env = {**os.environ, "GOFLAGS": "-mod=mod"}
        found = subprocess.run(
            ["go", "mod", "download", "-json", f"{COMPOSE_MODULE}@{COMPOSE_VERSION}"],
            capture_output=True,
            text=True,
            timeout=600,
            env=env,
        )
        if found.returncode != 0:
            raise ServiceError(
                "go mod download of compose failed:\n" + tail(found.stdout + found.stderr)
            )
        with tempfile.TemporaryDirectory(prefix="brt-compose-") as tmp:
            source = Path(tmp) / "src"
            shutil.copytree(json.loads(found.stdout)["Dir"], source)
            for path in source.rglob("*"):
                path.chmod(path.stat().st_mode | 0o200)
            source.chmod(0o755)
            staging = plugin.with_name(f"docker-compose.{os.getpid()}")
            staging.parent.mkdir(exist_ok=True)
            built = subprocess.run(
                [
                    "go",
                    "build",
                    "-trimpath",
                    "-o",
                    str(staging),
                    "-ldflags",
                    f"-w -X {COMPOSE_MODULE}/internal.Version={COMPOSE_VERSION}",
                    "./cmd",
                ],
                cwd=source,
                capture_output=True,
                text=True,
                timeout=1800,
                env={**os.environ, "CGO_ENABLED": "0"},
            )
            if built.returncode != 0:
                raise ServiceError(
                    "go build of compose failed:\n" + tail(built.stdout + built.stderr)
                )
            staging.rename(plugin)
    return COMPOSE_DIR
