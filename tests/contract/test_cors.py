"""CONTRACT.md, General, CORS; the details every stack shares are RULES.md decision 1 (issue 9.1).

The server runs with CORS_ORIGINS, and the suite is told the same value in CONTRACT_CORS_ORIGINS
(tier 3: `http://localhost:5173`). The rules, as a browser app on another origin sees them:

- A preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) needs no credentials:
  a browser never sends cookies or `Authorization` with it. From an allowed origin it gets 2xx,
  `Access-Control-Allow-Origin: <the origin>`, the requested method in
  `Access-Control-Allow-Methods` and each requested header in `Access-Control-Allow-Headers`.
- An actual request from an allowed origin (whatever its status) gets `Access-Control-Allow-Origin:
  <the origin>` and `Vary: Origin`, and `Access-Control-Expose-Headers` names the headers a browser
  app reads: `Location`, `Retry-After`, `X-Request-ID` (the other stacks' shared list).
- `Access-Control-Allow-Credentials: true` only when auth = session (cookies); never for jwt and
  none, and never together with `Access-Control-Allow-Origin: *`.
- An origin that is not allowed gets no `Access-Control-Allow-Origin` at all, and never a 5xx.
- CORS_ORIGINS empty: no CORS headers at all.
"""

from __future__ import annotations

import uuid

import httpx
import pytest

from tests.contract.contract_api import (
    API,
    AUTH,
    COOKIE_MODES,
    CORS_ORIGINS,
    describe,
    new_client,
    rest_api,
)

DISALLOWED_ORIGIN = "https://evil.example"
# What a browser app of this API asks for: its bearer token or CSRF token, JSON, a request id.
REQUESTED_HEADERS = ("authorization", "content-type", "x-csrf-token", "x-request-id")
WILDCARD = CORS_ORIGINS == ["*"]

needs_origins = pytest.mark.skipif(
    not CORS_ORIGINS, reason="the server runs without CORS_ORIGINS (tested by the test below)"
)


def allowed_origin() -> str:
    return "http://localhost:5173" if WILDCARD else CORS_ORIGINS[0]


def tokens(header: str | None) -> set[str]:
    return {part.strip().lower() for part in (header or "").split(",") if part.strip()}


def preflight(origin: str, method: str, path: str) -> httpx.Response:
    """What a browser sends before a cross-origin request: no cookie, no Authorization."""
    with new_client() as client:
        return client.options(
            path,
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": method,
                "Access-Control-Request-Headers": ", ".join(REQUESTED_HEADERS),
            },
        )


def assert_allows(response: httpx.Response, origin: str) -> None:
    """CORS headers of an allowed origin, with credentials exactly when auth = session or oauth
    (the session cookie)."""
    expected = "*" if WILDCARD else origin
    assert response.headers.get("access-control-allow-origin") == expected, (
        f"Access-Control-Allow-Origin must be {expected!r}" + describe(response)
    )
    credentials = response.headers.get("access-control-allow-credentials")
    if AUTH in COOKIE_MODES and not WILDCARD:
        assert credentials == "true", (
            f"auth = {AUTH}: the browser must send the session cookie, so "
            "Access-Control-Allow-Credentials: true" + describe(response)
        )
    else:
        assert credentials is None, (
            f"auth = {AUTH}{' with CORS_ORIGINS=*' if WILDCARD else ''}: no cookies, so no "
            "Access-Control-Allow-Credentials" + describe(response)
        )


@needs_origins
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/todos"),
        ("POST", "/api/todos"),
        ("PATCH", "/api/todos/{id}"),
        ("DELETE", "/api/todos/{id}"),
        ("POST", "/api/auth/login"),
    ]
    if API == "rest"
    else [("POST", "/graphql"), ("GET", "/graphql")],
)
def test_a_preflight_from_an_allowed_origin_needs_no_credentials(method, path):
    if path.startswith("/api/auth") and AUTH == "none":
        pytest.skip("auth = none has no auth routes")
    if path == "/api/auth/login" and AUTH == "oauth":
        path = "/api/auth/logout"  # oauth has no login route; logout is its unsafe auth route
    path = path.format(id=uuid.uuid4())
    response = preflight(allowed_origin(), method, path)
    assert response.status_code in (200, 204), (
        "a preflight is sent without credentials and must succeed (2xx)" + describe(response)
    )
    assert_allows(response, allowed_origin())
    methods = tokens(response.headers.get("access-control-allow-methods"))
    assert method.lower() in methods, f"Access-Control-Allow-Methods must list {method}" + describe(
        response
    )
    headers = tokens(response.headers.get("access-control-allow-headers"))
    missing = [h for h in REQUESTED_HEADERS if h not in headers]
    assert not missing, f"Access-Control-Allow-Headers must list {missing}" + describe(response)


@rest_api
@needs_origins
def test_an_actual_request_from_an_allowed_origin_gets_its_origin_and_vary(alice):
    origin = allowed_origin()
    created = alice.post("/api/todos", json={"title": "cross-origin"}, headers={"Origin": origin})
    listed = alice.get("/api/todos", headers={"Origin": origin})
    assert created.status_code == 201, describe(created)
    assert listed.status_code == 200, describe(listed)
    for response in (created, listed):
        assert_allows(response, origin)
        if not WILDCARD:
            assert "origin" in tokens(response.headers.get("vary")), (
                "the answer depends on Origin, so Vary must name it (shared caches)"
                + describe(response)
            )


# What a browser app of this API reads from an answer: the created todo's address, how long a 429
# asks it to wait, and the id to quote in a bug report.
EXPOSED_HEADERS = ("location", "retry-after", "x-request-id")


@rest_api
@needs_origins
def test_an_allowed_origin_may_read_location_retry_after_and_the_request_id(alice):
    """Fetch hides every answer header but the CORS-safelisted ones (Cache-Control, Content-Type,
    ...) from a script of another origin unless `Access-Control-Expose-Headers` names it (Fetch
    standard, "CORS-safelisted response-header name"; the `*` wildcard does not count where
    credentials are sent), so without it the app cannot follow a 201's Location."""
    created = alice.post(
        "/api/todos", json={"title": "read my Location"}, headers={"Origin": allowed_origin()}
    )
    assert created.status_code == 201, describe(created)
    exposed = tokens(created.headers.get("access-control-expose-headers"))
    missing = [h for h in EXPOSED_HEADERS if h not in exposed]
    assert not missing, f"Access-Control-Expose-Headers must name {missing}" + describe(created)


@needs_origins
def test_an_error_answer_to_an_allowed_origin_carries_cors_headers_too():
    """Else the browser app cannot read the 401 or 404 problem details and sees a network error."""
    origin = allowed_origin()
    with new_client() as client:
        responses = [client.get("/api/no-such-resource", headers={"Origin": origin})]
        if AUTH != "none" and API == "rest":
            responses.append(client.get("/api/todos", headers={"Origin": origin}))
    for response in responses:
        assert response.status_code in (401, 404), describe(response)
        assert_allows(response, origin)


@rest_api
@needs_origins
def test_a_disallowed_origin_gets_no_allow_origin_and_never_a_5xx(alice):
    if WILDCARD:
        pytest.skip("CORS_ORIGINS=* allows every origin")
    answers = [
        preflight(DISALLOWED_ORIGIN, "PATCH", f"/api/todos/{uuid.uuid4()}"),
        alice.get("/api/todos", headers={"Origin": DISALLOWED_ORIGIN}),
        alice.post("/api/todos", json={"title": "x"}, headers={"Origin": DISALLOWED_ORIGIN}),
    ]
    for response in answers:
        assert response.status_code < 500, "a foreign origin is no server error" + describe(
            response
        )
        assert "access-control-allow-origin" not in response.headers, (
            f"{DISALLOWED_ORIGIN} is not in CORS_ORIGINS" + describe(response)
        )


@rest_api
@pytest.mark.skipif(bool(CORS_ORIGINS), reason="the server runs with CORS_ORIGINS")
def test_without_cors_origins_no_answer_carries_cors_headers(alice):
    answers = [
        preflight("http://localhost:5173", "PATCH", f"/api/todos/{uuid.uuid4()}"),
        alice.get("/api/todos", headers={"Origin": "http://localhost:5173"}),
    ]
    for response in answers:
        assert response.status_code < 500, describe(response)
        cors = [h for h in response.headers if h.lower().startswith("access-control-")]
        assert not cors, f"CORS_ORIGINS is empty, yet {cors}" + describe(response)
