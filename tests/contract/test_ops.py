"""CONTRACT.md, Health and ops: liveness, readiness, Prometheus metrics, OpenAPI and docs.

Readiness going to 503 when the database is down is checked by the tier-3 driver, which controls the
database (tests/generated/test_generated.py); this suite only sees the server.
"""

from __future__ import annotations

import re
import uuid

from prometheus_client.openmetrics.parser import (
    text_string_to_metric_families as parse_openmetrics,
)
from prometheus_client.parser import text_string_to_metric_families as parse_prometheus

from tests.contract.contract_api import (
    AUTH,
    describe,
    expect_json,
    media_type,
    new_client,
    rest_api,
    smoke,
)

TODO_PATHS = {
    "/api/todos": {"get", "post"},
    "/api/todos/{}": {"get", "patch", "delete"},
}
AUTH_PATHS = {
    "jwt": {
        "/api/auth/register": {"post"},
        "/api/auth/login": {"post"},
        "/api/auth/refresh": {"post"},
        "/api/auth/logout": {"post"},
        "/api/auth/me": {"get"},
    },
    "session": {
        "/api/auth/register": {"post"},
        "/api/auth/login": {"post"},
        "/api/auth/csrf": {"get"},
        "/api/auth/logout": {"post"},
        "/api/auth/me": {"get"},
    },
    # CONTRACT.md, "Auth, when auth = oauth": session's routes without register and login, plus
    # the providers list and each provider's login and callback.
    "oauth": {
        "/api/auth/providers": {"get"},
        "/api/auth/oauth/{}/login": {"get"},
        "/api/auth/oauth/{}/callback": {"get"},
        "/api/auth/csrf": {"get"},
        "/api/auth/logout": {"post"},
        "/api/auth/me": {"get"},
    },
    "none": {},
}


@smoke
def test_health_live_answers_200_status_ok():
    with new_client() as client:
        assert expect_json(client.get("/health/live"), 200) == {"status": "ok"}


@smoke
def test_health_ready_answers_200_with_the_database_check_ok():
    with new_client() as client:
        body = expect_json(client.get("/health/ready"), 200)
    assert body == {"status": "ok", "checks": {"database": "ok"}}


def metric_families(response):
    kind = media_type(response)
    if kind == "application/openmetrics-text":
        return list(parse_openmetrics(response.text))
    assert kind == "text/plain", "metrics are in Prometheus text format" + describe(response)
    return list(parse_prometheus(response.text))


@rest_api
def test_metrics_are_prometheus_text_with_request_count_and_latency_per_route(alice):
    with new_client() as client:
        for _ in range(2):
            assert client.get("/health/live").status_code == 200
        absent = uuid.uuid4()
        assert alice.get(f"/api/todos/{absent}").status_code == 404
        response = client.get("/metrics")
    assert response.status_code == 200, describe(response)
    families = metric_families(response)
    assert families, "no metric families" + describe(response)
    timed = [f for f in families if f.type in ("histogram", "summary", "gaugehistogram")]
    assert timed, "request latency needs a histogram or summary" + describe(response)

    def routes_of(family):
        return {v for sample in family.samples for v in sample.labels.values()}

    per_route = [f for f in timed if "/health/live" in routes_of(f)]
    assert per_route, (
        "a latency histogram/summary labelled with the route /health/live (its _count is the "
        f"request count) is missing; histograms: {[f.name for f in timed]}" + describe(response)
    )
    counts = [
        s.value
        for f in per_route
        for s in f.samples
        if s.name.endswith("_count") and "/health/live" in s.labels.values()
    ]
    assert counts and max(counts) >= 2, f"request count of /health/live: {counts}"
    assert str(absent) not in response.text, (
        "metrics are labelled by route, not by raw path (one series per todo id)"
    )


def normalise(path: str) -> str:
    return re.sub(r"\{[^}]*\}|:[A-Za-z_]+|<[^>]*>", "{}", path.rstrip("/") or "/")


@rest_api
def test_openapi_json_is_openapi_3_and_documents_every_contract_endpoint_of_the_auth_mode():
    with new_client() as client:
        document = expect_json(client.get("/openapi.json"), 200)
    assert str(document.get("openapi", "")).startswith("3."), (
        f"not an OpenAPI 3.x document: openapi={document.get('openapi')!r}"
    )
    assert isinstance(document.get("info"), dict) and document["info"].get("title")
    paths = {normalise(p): {m.lower() for m in ops} for p, ops in document.get("paths", {}).items()}
    expected = {**TODO_PATHS, **AUTH_PATHS[AUTH]}
    for path, methods in expected.items():
        assert path in paths, f"{path} is not documented; documented: {sorted(paths)}"
        missing = methods - paths[path]
        assert not missing, f"{path} lacks operations {sorted(missing)} in the OpenAPI document"
    if AUTH == "none":
        auth_paths = [p for p in paths if p.startswith("/api/auth")]
        assert not auth_paths, f"auth = none documents auth routes: {auth_paths}"
    if AUTH == "oauth":
        absent = {"/api/auth/register", "/api/auth/login"} & set(paths)
        assert not absent, f"auth = oauth documents routes that do not exist: {sorted(absent)}"


@rest_api
def test_docs_serve_an_html_page():
    with new_client(follow_redirects=True) as client:
        response = client.get("/docs")
    assert response.status_code == 200, describe(response)
    assert media_type(response) == "text/html", describe(response)
    assert "<html" in response.text.lower(), describe(response)
