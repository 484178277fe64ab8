"""A real OpenID Connect provider for the tests: node-oidc-provider (npm `oidc-provider`, pinned
here once) on a free loopback port, started per test session (RULES OAuth item 6).

    with running_provider() as provider:               # installs it into ~/.cache/brt/ if needed
        client = provider.register_client("http://127.0.0.1:8000")   # the app's PUBLIC_URL
        env = client.app_env()  # OIDC_ISSUER_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, PUBLIC_URL
        account = provider.add_account(email="x@example.com", email_verified=True)
        provider.arm_fault(client.client_id, "aud")  # the NEXT ID token of that client: wrong aud

The provider itself is provider.mjs (what it offers is described there and in README.md). A test
that did not start it attaches to a running one with `Provider(issuer)`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import httpx

from tests.services import free_port
from tests.support import NpmInstallError, npm_package, tool_env

# node-oidc-provider, OpenID Certified; one pin (jose, which re-signs tampered tokens, is its own
# dependency and comes with it).
OIDC_PROVIDER = "9.13.3"
INSTALL_DIR = Path.home() / ".cache" / "brt" / f"oidc-provider-{OIDC_PROVIDER}"
PROVIDER_SCRIPT = Path(__file__).with_name("provider.mjs")
START_TIMEOUT = 30  # seconds for `node provider.mjs` to listen (about 1 s on an idle machine)
CALLBACK_PATH = "/api/auth/oauth/oidc/callback"
Fault = Literal["aud", "nonce", "secret"]


class ProviderError(RuntimeError):
    """The provider could not be installed, started or told something."""


def install() -> Path:
    """npm's oidc-provider at OIDC_PROVIDER in ~/.cache/brt/, installed when missing (into a
    folder of its own, then renamed: two xdist workers may race, one rename wins). Returns the
    folder holding node_modules/. Raises ProviderError when npm is missing or fails."""
    try:
        return npm_package("oidc-provider", OIDC_PROVIDER, INSTALL_DIR)
    except NpmInstallError as error:
        if error.command is None:
            raise ProviderError(
                "npm not found (installs oidc-provider): run `make bootstrap` first"
            ) from None
        raise ProviderError(f"`{' '.join(error.command)}` failed:\n{error.output}") from None
    INSTALL_DIR.parent.mkdir(parents=True, exist_ok=True)
    staging = INSTALL_DIR.with_name(f"{INSTALL_DIR.name}.{os.getpid()}")
    env = tool_env()
    npm = shutil.which("npm", path=env["PATH"])
    if not npm:
        raise ProviderError("npm not found (installs oidc-provider): run `make bootstrap` first")
    command = [npm, "install", "--prefix", str(staging), f"oidc-provider@{OIDC_PROVIDER}"]
    command += ["--no-audit", "--no-fund", "--ignore-scripts", "--no-save", "--loglevel=error"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise ProviderError(f"`{' '.join(command)}` failed:\n{result.stdout}{result.stderr}")
    try:
        staging.rename(INSTALL_DIR)
    except OSError:  # another worker installed it first
        shutil.rmtree(staging, ignore_errors=True)
    return INSTALL_DIR


@dataclass(frozen=True)
class Account:
    """A person at the provider: `login` is typed into its login form and is the ID token's `sub`;
    `email` None = the provider shares no email claim."""

    login: str
    email: str | None = None
    email_verified: bool | None = None


# The accounts provider.mjs starts with (for trying an app by hand and the browser test).
ALICE = Account("alice", "alice@example.com", True)
MALLORY = Account("mallory", "alice@example.com", False)  # alice's address, not verified
NOMAIL = Account("nomail")


@dataclass(frozen=True)
class Client:
    """A client registered for one app (RFC 7591), redirect URI `{public_url}` + CALLBACK_PATH."""

    issuer: str
    client_id: str
    client_secret: str
    public_url: str

    def app_env(self) -> dict[str, str]:
        """The environment the app under test needs (CONTRACT.md, "Auth, when auth = oauth")."""
        return {
            "OIDC_ISSUER_URL": self.issuer,
            "OIDC_CLIENT_ID": self.client_id,
            "OIDC_CLIENT_SECRET": self.client_secret,
            "PUBLIC_URL": self.public_url,
        }

    def contract_env(self) -> dict[str, str]:
        """What the oauth contract suite needs to steer the provider (tests/contract)."""
        return {"CONTRACT_OIDC_ISSUER_URL": self.issuer, "CONTRACT_OIDC_CLIENT_ID": self.client_id}


class Provider:
    """A running provider at `issuer` (http://127.0.0.1:<port>), steered over HTTP."""

    def __init__(self, issuer: str):
        self.issuer = issuer.rstrip("/")

    def _post(self, path: str, payload: dict) -> httpx.Response:
        response = httpx.post(f"{self.issuer}{path}", json=payload, timeout=10)
        if response.status_code >= 300:
            raise ProviderError(f"POST {path} -> {response.status_code}: {response.text}")
        return response

    def discovery(self) -> dict:
        """The provider's /.well-known/openid-configuration document."""
        response = httpx.get(f"{self.issuer}/.well-known/openid-configuration", timeout=10)
        response.raise_for_status()
        return response.json()

    def register_client(
        self, public_url: str, token_endpoint_auth_method: str = "client_secret_basic"
    ) -> Client:
        """Registers a confidential client (RFC 7591) whose one redirect URI is the app's oidc
        callback under `public_url`. The provider accepts the secret in a Basic header or in the
        token request's body whichever method is registered (provider.mjs moves it)."""
        public_url = public_url.rstrip("/")
        answer = self._post(
            "/reg",
            {
                "redirect_uris": [public_url + CALLBACK_PATH],
                "grant_types": ["authorization_code"],
                "response_types": ["code"],
                "token_endpoint_auth_method": token_endpoint_auth_method,
                "client_name": f"app at {public_url}",
            },
        ).json()
        return Client(self.issuer, answer["client_id"], answer["client_secret"], public_url)

    def add_account(
        self,
        email: str | None = None,
        email_verified: bool | None = None,
        login: str | None = None,
    ) -> Account:
        """A new person at the provider (login = sub; a fresh unique one unless given)."""
        login = login or f"person-{uuid.uuid4().hex[:12]}"
        payload: dict = {"login": login}
        if email is not None:
            payload["email"] = email
        if email_verified is not None:
            payload["email_verified"] = email_verified
        self._post("/__test__/accounts", payload)
        return Account(login, email, email_verified)

    def arm_fault(self, client_id: str, fault: Fault) -> None:
        """The NEXT token request of `client_id` meets `fault`: "aud" or "nonce" = its ID token
        carries a wrong aud or nonce (re-signed with the provider's key, so only that claim is
        wrong); "secret" = it is refused 401 invalid_client as with a wrong client secret."""
        self._post("/__test__/fault", {"client_id": client_id, "fault": fault})


class RunningProvider(Provider):
    """A provider this process started; `stop()` ends it and `log()` is its output."""

    def __init__(self, issuer: str, process: subprocess.Popen, log_path: Path):
        super().__init__(issuer)
        self.process = process
        self.log_path = log_path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_provider(log_path: Path | None = None) -> RunningProvider:
    """Installs (when missing) and starts the provider on a free loopback port; returns once its
    discovery document answers. Raises ProviderError with its output when it does not start."""
    directory = install()
    port = free_port()
    if log_path is None:
        log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"oidc-provider-{port}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    env = tool_env()
    node = shutil.which("node", path=env["PATH"])
    if not node:
        raise ProviderError("node not found: run `make bootstrap` first (Node 24)")
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [node, str(PROVIDER_SCRIPT), str(directory), str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
        )
    provider = RunningProvider(f"http://127.0.0.1:{port}", process, log_path)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ProviderError(
                f"the OIDC provider exited ({process.returncode}):\n{provider.log()}"
            )
        with contextlib.suppress(httpx.HTTPError):
            if provider.discovery()["issuer"] == provider.issuer:
                return provider
        time.sleep(0.1)
    provider.stop()
    raise ProviderError(f"the OIDC provider did not answer in {START_TIMEOUT} s:\n{provider.log()}")


@contextlib.contextmanager
def running_provider(log_path: Path | None = None) -> Iterator[RunningProvider]:
    """start_provider() for the block, stopped after."""
    provider = start_provider(log_path)
    try:
        yield provider
    finally:
        provider.stop()


def main() -> None:
    """`uv run python -m tests.oidc [PUBLIC_URL]`: starts the provider, registers a client for the
    app at PUBLIC_URL (default http://127.0.0.1:8000), prints the environment, runs until Ctrl-C."""
    import signal
    import sys

    # `kill` (SIGTERM) unwinds like Ctrl-C, so the node process is stopped too, never orphaned.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    public_url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
    with running_provider() as provider:
        client = provider.register_client(public_url)
        print("# the app's environment:")
        for name, value in client.app_env().items():
            print(f"export {name}={value}")
        print("# the oauth contract suite's (besides CONTRACT_BASE_URL, CONTRACT_AUTH=oauth):")
        for name, value in client.contract_env().items():
            print(f"export {name}={value}")
        print("# accounts: alice (verified), mallory (alice's email, unverified), nomail")
        print(f"# the provider's log: {provider.log_path}")
        print("# Ctrl-C stops the provider", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            provider.process.wait()


__all__ = [
    "ALICE",
    "MALLORY",
    "NOMAIL",
    "Account",
    "Client",
    "Provider",
    "ProviderError",
    "RunningProvider",
    "install",
    "running_provider",
    "start_provider",
]
