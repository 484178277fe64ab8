"""CONTRACT.md, General: JSON, problem details, no 5xx for client mistakes, request ids."""

from __future__ import annotations

import json
import uuid

import httpx
import pytest

from tests.contract.contract_api import (
    AUTH,
    ONE_MIB,
    describe,
    expect_json,
    expect_problem,
    new_client,
)


def test_an_unknown_path_is_a_404_problem():
    with new_client() as client:
        for path in ("/no-such-path", "/api/no-such-resource"):
            expect_problem(client.get(path), 404)


@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/health/live"), ("DELETE", "/api/todos"), ("PUT", "/api/todos/{id}")],
)
def test_a_wrong_method_on_a_known_path_is_a_405_problem(alice, method, path):
    if "{id}" in path:
        path = path.format(id=alice.create_todo("target of a wrong method")["id"])
    response = alice.request(method, path, json={"title": "x"})
    expect_problem(response, 405)


def test_malformed_json_is_a_400_problem(alice):
    response = alice.post(
        "/api/todos",
        content=b'{"title": "unterminated',
        headers={"Content-Type": "application/json"},
    )
    expect_problem(response, 400)


@pytest.mark.parametrize("body", [b"[1, 2]", b'"a string"', b"null", b"42"])
def test_a_json_body_that_is_not_an_object_is_a_client_error_never_a_5xx(alice, body):
    response = alice.post("/api/todos", content=body, headers={"Content-Type": "application/json"})
    assert 400 <= response.status_code < 500, "client mistakes never produce 5xx" + describe(
        response
    )
    expect_problem(response, response.status_code)


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"]
)
def test_a_request_body_that_is_not_application_json_is_a_415_problem(alice, content_type):
    response = alice.post(
        "/api/todos",
        content=b'{"title": "not json by type"}',
        headers={"Content-Type": content_type},
    )
    expect_problem(response, 415)


def test_application_json_with_a_charset_parameter_is_accepted(alice):
    response = alice.post(
        "/api/todos",
        content=json.dumps({"title": "with charset"}).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    assert expect_json(response, 201)["title"] == "with charset"


def test_a_body_over_1_mib_is_a_413_problem(alice):
    body = json.dumps({"title": "too big", "padding": "x" * ONE_MIB}).encode()
    assert len(body) > ONE_MIB
    # A connection of its own: the server may close it after refusing to read the body.
    actor = alice.on_new_connection()
    try:
        response = actor.post(
            "/api/todos", content=body, headers={"Content-Type": "application/json"}
        )
    except httpx.TransportError as error:
        pytest.fail(f"the server dropped the connection instead of answering 413: {error!r}")
    finally:
        actor.client.close()
    expect_problem(response, 413)


def test_a_body_just_under_1_mib_is_accepted_and_unknown_fields_are_ignored(alice):
    body = json.dumps({"title": "almost 1 MiB", "padding": "x" * (ONE_MIB - 4096)}).encode()
    assert len(body) < ONE_MIB
    response = alice.post("/api/todos", content=body, headers={"Content-Type": "application/json"})
    todo = expect_json(response, 201)
    assert todo["title"] == "almost 1 MiB" and "padding" not in todo


def test_unknown_json_fields_are_ignored(alice):
    response = alice.post(
        "/api/todos", json={"title": "extra fields", "colour": "blue", "owner": "someone-else"}
    )
    todo = expect_json(response, 201)
    assert "colour" not in todo and "owner" not in todo


@pytest.mark.parametrize(
    "path", ["/health/live", "/health/ready", "/metrics", "/openapi.json", "/no-such-path"]
)
def test_every_response_carries_a_generated_x_request_id(path):
    with new_client() as client:
        first = client.get(path)
        second = client.get(path)
    for response in (first, second):
        assert response.headers.get("x-request-id"), "X-Request-ID is missing" + describe(response)
    assert first.headers["x-request-id"] != second.headers["x-request-id"], (
        "each request gets its own id"
    )


def test_error_responses_carry_an_x_request_id_too(alice):
    responses = [
        alice.post("/api/todos", content=b"{", headers={"Content-Type": "application/json"}),
        alice.post("/api/todos", json={"title": ""}),
        alice.get(f"/api/todos/{uuid.uuid4()}"),
    ]
    if AUTH != "none":
        with new_client() as anonymous:
            responses.append(anonymous.get("/api/todos"))
    for response in responses:
        assert response.status_code >= 400, describe(response)
        assert response.headers.get("x-request-id"), "X-Request-ID is missing" + describe(response)


@pytest.mark.parametrize("path", ["/health/live", "/no-such-path"])
def test_an_x_request_id_sent_by_the_client_is_echoed(path):
    request_id = f"contract-{uuid.uuid4()}"
    with new_client() as client:
        response = client.get(path, headers={"X-Request-ID": request_id})
    assert response.headers.get("x-request-id") == request_id, describe(response)


def test_an_x_request_id_is_echoed_on_authenticated_api_calls(alice):
    request_id = f"contract-{uuid.uuid4()}"
    response = alice.post(
        "/api/todos", json={"title": "traced"}, headers={"X-Request-ID": request_id}
    )
    assert response.status_code == 201, describe(response)
    assert response.headers.get("x-request-id") == request_id, describe(response)
