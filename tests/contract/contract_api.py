"""Helpers of the contract suite: the server under test, problem-details checks, users and tokens.

Only plain HTTP (httpx) and the standard library: the suite knows nothing about the stack it tests.
The law is CONTRACT.md (kept beside the template repository, `../shared/CONTRACT.md`). With
auth = oauth, people sign in through the test provider of tests/oidc (plain HTTP too).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx
import pytest

from tests.oidc.driver import forget_provider_cookies, sign_in
from tests.oidc.provider import Account, Provider

BASE_URL = os.environ.get("CONTRACT_BASE_URL", "").rstrip("/")
AUTH = os.environ.get("CONTRACT_AUTH", "jwt")
# The server's `api` answer: rest (/api/..., /openapi.json, /docs) or graphql (/graphql).
API = os.environ.get("CONTRACT_API") or "rest"
# The limit the server was started with (LOGIN_RATE_LIMIT_PER_MINUTE); 10 is the contract default.
LOGIN_RATE_LIMIT = int(os.environ.get("CONTRACT_LOGIN_RATE_LIMIT") or 10)
# The server's SECRET_KEY, when the driver knows it: needed to craft expired tokens.
SECRET_KEY = os.environ.get("CONTRACT_SECRET_KEY", "")
# APP_ENV the server runs with: decides whether session cookies must be Secure.
APP_ENV = os.environ.get("CONTRACT_APP_ENV", "development")
# CORS_ORIGINS the server runs with (comma-separated origins, `*`, or empty = no CORS at all).
CORS_ORIGINS = [
    o.strip() for o in os.environ.get("CONTRACT_CORS_ORIGINS", "").split(",") if o.strip()
]
# auth = oauth: the test provider (tests/oidc) the server was started with, and the server's client
# there (the suite adds accounts to it and arms faults for that client's next token request).
OIDC_ISSUER_URL = os.environ.get("CONTRACT_OIDC_ISSUER_URL", "").rstrip("/")
OIDC_CLIENT_ID = os.environ.get("CONTRACT_OIDC_CLIENT_ID", "")
# The auth methods whose credentials are a server-side session cookie plus X-CSRF-Token.
COOKIE_MODES = ("session", "oauth")

PASSWORD = "correct horse battery staple"
ONE_MIB = 1024 * 1024
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
USER_KEYS = {"id", "email", "created_at"}
TODO_KEYS = {"id", "title", "done", "created_at", "updated_at"}
TOKEN_PAIR_KEYS = {"access_token", "refresh_token", "token_type", "expires_in"}
RFC3339_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|\+00:00|-00:00)$")
OBJECT_ID = re.compile(r"^[0-9a-f]{24}$")

# A contract test of the REST API only: deselected when CONTRACT_API=graphql (conftest.py).
rest_api = pytest.mark.rest_api
# A contract test of register or login (REST routes or GraphQL mutations): deselected when
# CONTRACT_AUTH=oauth, where CONTRACT.md says they do not exist (conftest.py).
password_routes = pytest.mark.password_routes
# The contract's core (health, register, login, me, a todo's round trip, a 404 and a 400
# problem): what the containers and hosting tiers check a running app with (`-m smoke`).
smoke = pytest.mark.smoke

# Every login request the suite sends, so the rate-limit test can tell how many came before it.
login_attempts = 0


def new_client(**kwargs: Any) -> httpx.Client:
    return httpx.Client(base_url=BASE_URL, timeout=30, **kwargs)


def unique_email(tag: str = "user") -> str:
    return f"{tag}-{uuid.uuid4().hex[:12]}@example.com"


def describe(response: httpx.Response) -> str:
    """What a failed assertion shows: the exchange, headers and (the start of) the body."""
    request = response.request
    headers = "\n".join(f"  {k}: {v}" for k, v in response.headers.items())
    return (
        f"\n{request.method} {request.url} -> {response.status_code}\n{headers}\n"
        f"  body: {response.text[:1500]!r}"
    )


def media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def expect_json(response: httpx.Response, status: int) -> Any:
    assert response.status_code == status, f"expected {status}" + describe(response)
    assert media_type(response) == "application/json", "expected application/json" + describe(
        response
    )
    return response.json()


def expect_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """An RFC 9457 problem: the status, the media type and the four members of the contract."""
    assert response.status_code == status, f"expected {status}" + describe(response)
    assert media_type(response) == "application/problem+json", (
        "errors must be application/problem+json" + describe(response)
    )
    body = response.json()
    assert isinstance(body, dict), "a problem is a JSON object" + describe(response)
    for member in ("type", "title", "detail"):
        assert isinstance(body.get(member), str), (
            f"problem member {member!r} must be a string" + describe(response)
        )
    assert body["type"] and body["title"], "type and title must not be empty" + describe(response)
    assert body["type"] == "about:blank" or re.match(
        r"^[A-Za-z][A-Za-z0-9+.-]*:|^/", body["type"]
    ), "type is about:blank or a URI" + describe(response)
    assert type(body.get("status")) is int and body["status"] == status, (
        "problem status must be the integer HTTP status" + describe(response)
    )
    return body


def expect_validation_problem(response: httpx.Response, *fields: str) -> dict[str, Any]:
    """A 422 problem whose `errors` name at least the given fields."""
    body = expect_problem(response, 422)
    errors = body.get("errors")
    assert isinstance(errors, list) and errors, "422 must list errors" + describe(response)
    for error in errors:
        assert isinstance(error, dict), "each error is an object" + describe(response)
        assert isinstance(error.get("field"), str), "each error has a field" + describe(response)
        assert isinstance(error.get("message"), str) and error["message"], (
            "each error has a message" + describe(response)
        )
    named = {e["field"] for e in errors}
    for wanted in fields:
        assert wanted in named, f"errors must name the field {wanted!r}" + describe(response)
    return body


def comparable_problem(body: dict[str, Any]) -> dict[str, Any]:
    """The members that must not differ between two answers (instance, request ids may)."""
    return {k: body.get(k) for k in ("type", "title", "status", "detail")}


def assert_id(value: Any) -> None:
    assert isinstance(value, str), f"ids are strings, got {value!r}"
    if OBJECT_ID.match(value):
        return
    try:
        parsed = uuid.UUID(value)
    except ValueError:
        raise AssertionError(f"id {value!r} is neither a UUID nor an ObjectId") from None
    assert str(parsed) == value.lower(), f"id {value!r} is not in canonical UUID form"


def assert_timestamp(value: Any) -> datetime:
    assert isinstance(value, str) and RFC3339_UTC.match(value), (
        f"timestamps are RFC 3339 UTC, got {value!r}"
    )
    return datetime.fromisoformat(value.replace("z", "Z").replace("t", "T"))


def assert_user(body: Any, email: str | None = None) -> dict[str, Any]:
    assert isinstance(body, dict) and set(body) == USER_KEYS, (
        f"user JSON is exactly {sorted(USER_KEYS)}, got {body!r}"
    )
    assert_id(body["id"])
    assert_timestamp(body["created_at"])
    if email is not None:
        assert body["email"] == email, f"expected email {email!r}, got {body['email']!r}"
    return body


def assert_todo(body: Any) -> dict[str, Any]:
    assert isinstance(body, dict) and set(body) == TODO_KEYS, (
        f"todo JSON is exactly {sorted(TODO_KEYS)}, got {body!r}"
    )
    assert_id(body["id"])
    assert isinstance(body["title"], str)
    assert type(body["done"]) is bool, f"done is a boolean, got {body['done']!r}"
    created = assert_timestamp(body["created_at"])
    updated = assert_timestamp(body["updated_at"])
    assert updated >= created, f"updated_at is before created_at in {body!r}"
    return body


def keys_anywhere(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from keys_anywhere(item)
    elif isinstance(value, list):
        for item in value:
            yield from keys_anywhere(item)


def assert_no_secret(response: httpx.Response, password: str) -> None:
    leaked = [k for k in keys_anywhere(response.json()) if re.search("pass|hash", k, re.I)]
    assert not leaked, f"a response must never carry a password or hash: {leaked}" + describe(
        response
    )
    assert password not in response.text, "the password is echoed back" + describe(response)
    assert not re.search(r"\$argon2|\$2[aby]\$", response.text), "a hash leaked" + describe(
        response
    )


def register(client: httpx.Client, email: str, password: str = PASSWORD) -> httpx.Response:
    return client.post("/api/auth/register", json={"email": email, "password": password})


def login(client: httpx.Client, email: str, password: str = PASSWORD) -> httpx.Response:
    global login_attempts
    login_attempts += 1
    return client.post("/api/auth/login", json={"email": email, "password": password})


# --- JWT crafting (for forged, expired and alg=none tokens) -------------------------------------


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def jwt_parts(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Header and payload of a JWT, unverified."""
    header, payload, _signature = token.split(".")
    return json.loads(b64url_decode(header)), json.loads(b64url_decode(payload))


def jwt_encode(header: dict[str, Any], payload: dict[str, Any], key: str | None) -> str:
    """A compact JWT signed with HS256 under `key`, or unsigned (`alg: none`) when key is None."""
    signing_input = ".".join(
        b64url(json.dumps(part, separators=(",", ":")).encode()) for part in (header, payload)
    )
    if key is None:
        return signing_input + "."
    signature = hmac.new(key.encode(), signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + b64url(signature)


def expired_payload(payload: dict[str, Any]) -> dict[str, Any]:
    now = int(time.time())
    lifetime = max(60, int(payload.get("exp", now) - payload.get("iat", now - 900)))
    expired = {**payload, "exp": now - 600}
    for claim in ("iat", "nbf"):
        if claim in payload:
            expired[claim] = now - 600 - lifetime
    return expired


# --- Actors: a client that is logged in (or not, when auth = none) -----------------------------


@dataclass
class Actor:
    """A client acting as one user: sends the bearer token (jwt) or the session cookie and the
    CSRF token (session) with every request; a plain client when auth = none."""

    client: httpx.Client
    email: str | None = None
    user: dict[str, Any] | None = None
    tokens: dict[str, Any] = field(default_factory=dict)
    csrf_token: str | None = None

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = dict(kwargs.pop("headers", None) or {})
        if self.tokens.get("access_token"):
            headers.setdefault("Authorization", f"Bearer {self.tokens['access_token']}")
        if self.csrf_token and method.upper() in UNSAFE_METHODS:
            headers.setdefault("X-CSRF-Token", self.csrf_token)
        return self.client.request(method, path, headers=headers, **kwargs)

    def on_new_connection(self) -> Actor:
        """The same user on a client of its own (no pooled connection shared with this one)."""
        client = new_client(cookies=self.client.cookies)
        return Actor(client, self.email, self.user, self.tokens, self.csrf_token)

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", path, **kwargs)

    def create_todo(self, title: str = "a todo", **fields: Any) -> dict[str, Any]:
        response = self.post("/api/todos", json={"title": title, **fields})
        return assert_todo(expect_json(response, 201))


def oidc_provider() -> Provider:
    """The test provider the server under test signs people in with (auth = oauth)."""
    return Provider(OIDC_ISSUER_URL)


def oauth_sign_in(
    client: httpx.Client, tag: str = "user", email_verified: bool | None = True
) -> tuple[Account, httpx.Response]:
    """A new person at the provider (a unique email, verified unless told) signed in to the server
    through its oidc provider on `client`; returns the account and the server's callback answer."""
    account = oidc_provider().add_account(email=unique_email(tag), email_verified=email_verified)
    return account, sign_in(BASE_URL, account, client).response


def make_actor(tag: str = "user") -> Actor:
    """A fresh actor: a new user registered and logged in (jwt, session), signed in through the
    test provider (oauth), or anonymous (none)."""
    client = new_client()
    if AUTH == "none":
        return Actor(client)
    if AUTH == "oauth":
        account, response = oauth_sign_in(client, tag)
        assert response.status_code == 303, "the oauth callback answers 303" + describe(response)
        forget_provider_cookies(client)  # the actor talks to the app only from here on
        user = assert_user(expect_json(client.get("/api/auth/me"), 200), account.email)
        csrf = expect_json(client.get("/api/auth/csrf"), 200)["csrf_token"]
        return Actor(client, email=account.email, user=user, csrf_token=csrf)
    email = unique_email(tag)
    user = assert_user(expect_json(register(client, email), 201), email)
    response = login(client, email)
    if AUTH == "jwt":
        tokens = expect_json(response, 200)
        return Actor(client, email=email, user=user, tokens=tokens)
    expect_json(response, 200)
    csrf = expect_json(client.get("/api/auth/csrf"), 200)["csrf_token"]
    return Actor(client, email=email, user=user, csrf_token=csrf)


def set_cookies(response: httpx.Response) -> list[dict[str, Any]]:
    """Each Set-Cookie header as {name, value, attrs: {lowercased attribute: value or True}}."""
    cookies = []
    for header in response.headers.get_list("set-cookie"):
        first, *attributes = (part.strip() for part in header.split(";"))
        name, _, value = first.partition("=")
        attrs: dict[str, Any] = {}
        for attribute in attributes:
            key, sep, attr_value = attribute.partition("=")
            attrs[key.strip().lower()] = attr_value.strip() if sep else True
        cookies.append({"name": name.strip(), "value": value.strip(), "attrs": attrs})
    return cookies
