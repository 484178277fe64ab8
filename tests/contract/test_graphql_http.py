"""CONTRACT.md, GraphQL: the transport (GraphQL over HTTP for application/json), what is no longer
served, the 100-field rule, request ids and metrics on /graphql, GraphiQL outside production.

The details every stack shares (RULES.md, GraphQL decisions 1, 2, 3 and 6): a well-formed request
is a 200 with `{"data", "errors"?}`, a request error (syntax, validation) has NO `data` key; a
request that is not well-formed is a problem-details answer: 400 (malformed JSON, not an object,
no/non-string `query`, non-object `variables`), 415 (not application/json), 413 (over 1 MiB), 405
(a mutation over GET, with `Allow: POST`; PUT/DELETE/PATCH).
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest

from tests.contract.contract_api import (
    AUTH,
    ONE_MIB,
    describe,
    expect_problem,
    media_type,
    new_client,
)
from tests.contract.graphql_api import (
    ENDPOINT,
    LIST_TODOS,
    answer,
    expect_data,
    expect_request_error,
    post,
)
from tests.contract.test_ops import metric_families

JSON = {"Content-Type": "application/json"}
GRAPHIQL_DIR = Path(__file__).resolve().parents[2] / "template" / "_shared" / "graphiql"
FIELD_LIMIT = 100


# --- what api = graphql does not serve ---------------------------------------------------------


# auth = oauth keeps its session routes on REST with api = graphql (RULES OAuth item 1: sign-in is
# browser redirects; /api/auth/csrf is the only source of the CSRF token without a login mutation,
# /api/auth/me the default OAUTH_SUCCESS_URL): test_auth_oauth.py and test_graphql_auth_oauth.py
# check them, so they are not listed here for oauth.
OAUTH_REST_ROUTES = {
    ("POST", "/api/auth/logout"),
    ("GET", "/api/auth/me"),
    ("GET", "/api/auth/csrf"),
}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        route
        for route in [
            ("GET", "/api/todos"),
            ("POST", "/api/todos"),
            ("GET", "/api/todos/{id}"),
            ("PATCH", "/api/todos/{id}"),
            ("DELETE", "/api/todos/{id}"),
            ("POST", "/api/auth/register"),
            ("POST", "/api/auth/login"),
            ("POST", "/api/auth/refresh"),
            ("POST", "/api/auth/logout"),
            ("GET", "/api/auth/me"),
            ("GET", "/api/auth/csrf"),
            ("GET", "/openapi.json"),
            ("GET", "/docs"),
        ]
        if not (AUTH == "oauth" and route in OAUTH_REST_ROUTES)
    ],
)
def test_the_rest_routes_openapi_and_docs_are_404_problems(alice, method, path):
    """RULES.md GraphQL decision 6: /graphql replaces them; they answer 404 problem details
    (with this user's credentials too, so no auth check answers first)."""
    path = path.format(id=uuid.uuid4())
    body = {"title": "x", "email": "a@example.com", "password": "x" * 12}
    response = alice.request(method, path, json=body if method != "GET" else None)
    expect_problem(response, 404)


# --- the transport -------------------------------------------------------------------------------


def test_a_query_over_post_answers_200_application_json_with_data(alice):
    page = expect_data(alice.gql(LIST_TODOS, {"limit": 1}))["todos"]
    assert set(page) == {"items", "total", "limit", "offset"}, page


def test_application_json_with_a_charset_parameter_is_accepted(alice):
    response = alice.client.post(
        ENDPOINT,
        content=json.dumps({"query": "{ __typename }"}).encode(),
        headers=alice.headers("{", {"Content-Type": "application/json; charset=utf-8"}),
    )
    assert expect_data(response) == {"__typename": "Query"}


def test_a_query_over_get_runs(alice):
    query = "query Page($limit: Int) { todos(limit: $limit) { limit } }"
    params = {"query": query, "variables": json.dumps({"limit": 3})}
    response = alice.get(ENDPOINT, params=params, headers={"Accept": "application/json"})
    assert expect_data(response) == {"todos": {"limit": 3}}


def test_operation_name_picks_the_operation_to_run(alice):
    document = "query A { __typename } query B { todos(limit: 2) { limit } }"
    response = alice.gql(document, operation_name="B")
    assert expect_data(response) == {"todos": {"limit": 2}}


def test_an_operation_name_that_names_no_operation_is_200_with_errors_and_no_data():
    """The body is a well-formed request (RULES.md, GraphQL decision 1 lists what is a 400), but
    no operation can be chosen: a GraphQL request error, which GraphQL over HTTP answers with 200
    for application/json ("independent of any GraphQL request error"), errors and no data."""
    with new_client() as client:
        errors = expect_request_error(post(client, "{ __typename }", operation_name="Missing"))
        errors += expect_request_error(
            post(client, "query A { __typename } query B { __typename }")
        )
    codes = [(e.get("extensions") or {}).get("code") for e in errors]
    assert "INTERNAL_SERVER_ERROR" not in codes, f"a client's mistake is no server error: {errors}"


def test_null_variables_and_operation_name_are_as_good_as_absent(alice):
    """What some clients send for an anonymous operation without variables."""
    response = alice.client.post(
        ENDPOINT,
        json={"query": "{ __typename }", "variables": None, "operationName": None},
        headers=alice.headers("{"),
    )
    assert expect_data(response) == {"__typename": "Query"}


def test_a_mutation_over_get_is_a_405_problem_allowing_post():
    query = 'mutation { createTodo(input: {title: "over GET"}) { id } }'
    with new_client() as client:
        response = client.get(
            f"{ENDPOINT}?{urlencode({'query': query})}", headers={"Accept": "application/json"}
        )
    expect_problem(response, 405)
    allowed = {m.strip().upper() for m in response.headers.get("allow", "").split(",")}
    assert "POST" in allowed, "405 must carry Allow: POST" + describe(response)


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_405_problems(method):
    with new_client() as client:
        response = client.request(method, ENDPOINT, json={"query": "{ __typename }"})
    expect_problem(response, 405)


@pytest.mark.parametrize(
    "body",
    [b'{"query": "{ __typename }"', b"{", b"not json"],
    ids=["unterminated", "brace", "text"],
)
def test_malformed_json_is_a_400_problem(body):
    with new_client() as client:
        expect_problem(client.post(ENDPOINT, content=body, headers=JSON), 400)


@pytest.mark.parametrize(
    "body",
    [
        [1, 2],
        "{ __typename }",
        None,
        {},
        {"variables": {}},
        {"query": None},
        {"query": 42},
        {"query": ["{ __typename }"]},
        {"query": "{ __typename }", "variables": [1]},
        {"query": "{ __typename }", "variables": 42},
        {"query": "{ __typename }", "variables": True},
    ],
    ids=[
        "list",
        "string",
        "null",
        "no-query",
        "only-variables",
        "query-null",
        "query-number",
        "query-list",
        "variables-list",
        "variables-number",
        "variables-boolean",
    ],
)
def test_a_body_that_is_no_graphql_request_is_a_400_problem(body):
    with new_client() as client:
        response = client.post(ENDPOINT, content=json.dumps(body).encode(), headers=JSON)
    expect_problem(response, 400)


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"]
)
def test_a_body_that_is_not_application_json_is_a_415_problem(content_type):
    with new_client() as client:
        response = client.post(
            ENDPOINT,
            content=b'{"query": "{ __typename }"}',
            headers={"Content-Type": content_type},
        )
    expect_problem(response, 415)


def test_a_body_over_1_mib_is_a_413_problem():
    query = "{ __typename }\n#" + "x" * ONE_MIB
    body = json.dumps({"query": query}).encode()
    assert len(body) > ONE_MIB
    with new_client() as client:
        try:
            response = client.post(ENDPOINT, content=body, headers=JSON)
        except httpx.TransportError as error:
            pytest.fail(f"the server dropped the connection instead of answering 413: {error!r}")
    expect_problem(response, 413)


def test_a_syntax_error_is_200_with_errors_and_no_data():
    with new_client() as client:
        errors = expect_request_error(post(client, "{ todos { total "))
    assert any("locations" in error for error in errors), errors


def test_a_field_that_does_not_exist_is_200_with_errors_and_no_data():
    with new_client() as client:
        expect_request_error(post(client, "{ noSuchField }"))


def test_a_missing_required_variable_is_200_with_errors_and_no_data():
    with new_client() as client:
        expect_request_error(post(client, "query One($id: ID!) { todo(id: $id) { id } }", {}))


# --- the 100-field rule --------------------------------------------------------------------------


def typenames(count: int) -> str:
    return " ".join(f"f{index}: __typename" for index in range(count))


def test_a_document_of_exactly_100_fields_runs(alice):
    data = expect_data(alice.gql("{ " + typenames(FIELD_LIMIT) + " }"))
    assert len(data) == FIELD_LIMIT and set(data.values()) == {"Query"}


def test_a_document_of_101_aliased_fields_is_refused_before_it_runs():
    with new_client() as client:
        response = post(client, "{ " + typenames(FIELD_LIMIT + 1) + " }")
    expect_request_error(response, "GRAPHQL_VALIDATION_FAILED")


def test_fragments_are_expanded_when_counting_fields(alice):
    """51 fields in a fragment spread twice: 102 field selections, though the text has 51."""
    fragment = "fragment Many on Query { " + typenames(51) + " }"
    document = "query Twice { a: todos(limit: 1) { total } ...Many ...Many }\n" + fragment
    # the fragment alone (51 + 2 fields) runs: the rule counts selections, not characters
    alone = "query Once { a: todos(limit: 1) { total } ...Many }\n" + fragment
    assert len(expect_data(alice.gql(alone))) == 52
    expect_request_error(alice.gql(document), "GRAPHQL_VALIDATION_FAILED")


def test_the_100_field_rule_refuses_mutations_before_any_runs(alice):
    """Nothing is created: the document is rejected before execution."""
    before = alice.listing(limit=1)["total"]
    creates = " ".join(
        f'c{index}: createTodo(input: {{title: "never {index}"}}) {{ id title done }}'
        for index in range(26)
    )  # 26 x 4 = 104 fields
    expect_request_error(alice.gql("mutation { " + creates + " }"), "GRAPHQL_VALIDATION_FAILED")
    assert alice.listing(limit=1)["total"] == before, "a refused document created todos"


# --- request ids, metrics --------------------------------------------------------------------


def test_an_x_request_id_is_echoed_on_graphql_calls_and_generated_otherwise(alice):
    request_id = f"contract-{uuid.uuid4()}"
    echoed = alice.gql("{ __typename }", headers={"X-Request-ID": request_id})
    assert echoed.headers.get("x-request-id") == request_id, describe(echoed)
    with new_client() as client:
        failures = [
            post(client, "{ syntax error"),
            client.post(ENDPOINT, content=b"{", headers=JSON),
        ]
    for response in failures:
        assert response.headers.get("x-request-id"), "X-Request-ID is missing" + describe(response)


def test_metrics_count_graphql_requests_under_the_route_graphql(alice):
    for _ in range(2):
        answer(alice.gql("{ __typename }"))
    with new_client() as client:
        response = client.get("/metrics")
    assert response.status_code == 200, describe(response)
    timed = [
        f for f in metric_families(response) if f.type in ("histogram", "summary", "gaugehistogram")
    ]
    counts = [
        s.value
        for f in timed
        for s in f.samples
        if s.name.endswith("_count") and ENDPOINT in s.labels.values()
    ]
    assert counts and max(counts) >= 2, (
        f"a latency histogram/summary labelled with the route {ENDPOINT} (count >= 2): {counts}"
        + describe(response)
    )


# --- GraphiQL, outside production --------------------------------------------------------------

ASSET_TYPES = {".js": {"text/javascript", "application/javascript"}, ".css": {"text/css"}}


def test_a_browser_get_without_query_answers_the_graphiql_page():
    with new_client() as client:
        response = client.get(ENDPOINT, headers={"Accept": "text/html,application/xhtml+xml"})
    assert response.status_code == 200, describe(response)
    assert media_type(response) == "text/html", describe(response)
    expected = (GRAPHIQL_DIR / "graphiql.html").read_text()
    assert response.text == expected, "the page is template/_shared/graphiql/graphiql.html" + (
        describe(response)
    )


@pytest.mark.parametrize(
    "name", sorted(p.name for p in GRAPHIQL_DIR.iterdir() if p.suffix in ASSET_TYPES)
)
def test_graphiql_assets_are_served_by_the_app_with_their_content_type(name):
    with new_client() as client:
        response = client.get(f"{ENDPOINT}/assets/{name}")
    assert response.status_code == 200, describe(response)
    assert media_type(response) in ASSET_TYPES[Path(name).suffix], describe(response)
    vendored = (GRAPHIQL_DIR / name).read_bytes()
    assert response.content == vendored, f"{name} is not the vendored file"


@pytest.mark.parametrize("name", ["no-such-file.js", "SOURCES.txt.bak", "graphiql"])
def test_an_unknown_graphiql_asset_is_a_404(name):
    with new_client() as client:
        response = client.get(f"{ENDPOINT}/assets/{name}")
    assert response.status_code == 404, describe(response)


@pytest.mark.parametrize("name", ["..%2F..%2FMakefile", "%2E%2E%2F%2E%2E%2FMakefile"])
def test_an_asset_path_leaving_the_folder_serves_nothing(name):
    """An encoded `../`: refused (404, or 400 where the HTTP server rejects an encoded slash, as
    Tomcat does), never a file from outside the GraphiQL folder."""
    with new_client() as client:
        response = client.get(f"{ENDPOINT}/assets/{name}")
    assert response.status_code in (400, 404), describe(response)
