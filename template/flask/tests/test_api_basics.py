"""What every response promises: problem details for mistakes, request ids, docs, metrics, logs."""

import logging
import re
import uuid

import pytest

from app import create_app

PROBLEM_JSON = "application/problem+json"


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response.mimetype == PROBLEM_JSON
    body = response.json
    assert body["status"] == status
    assert {"type", "title", "detail"} <= body.keys()
    return body


def test_an_unknown_path_is_a_404_problem(client):
    assert_problem(client.get("/no/such/thing"), 404)


def test_a_wrong_method_is_a_405_problem_that_lists_the_allowed_ones(client):
    response = client.put("/health/live")

    assert_problem(response, 405)
    assert "GET" in response.headers["Allow"]


def test_malformed_json_is_a_400_problem(api):
    response = api.post(
        "/api/todos", data='{"title": ', headers={"Content-Type": "application/json"}
    )

    assert_problem(response, 400)


def test_a_body_that_is_not_utf8_is_a_400_problem(api):
    response = api.post(
        "/api/todos", data=b'{"title": "caf\xe9"}', headers={"Content-Type": "application/json"}
    )

    assert_problem(response, 400)


def test_json_nested_too_deeply_is_a_400_problem_not_a_recursion_error(api):
    deep = '{"title": ' + "[" * 100_000 + "]" * 100_000 + "}"

    response = api.post("/api/todos", data=deep, headers={"Content-Type": "application/json"})

    assert assert_problem(response, 400)["detail"] == "JSON nested too deeply."


@pytest.mark.parametrize("body", ["null", "[]", "1", '"x"', "true"])
def test_json_that_is_not_an_object_is_a_422_problem_about_the_body(api, body):
    response = api.post("/api/todos", data=body, headers={"Content-Type": "application/json"})

    assert assert_problem(response, 422)["errors"] == [
        {"field": "body", "message": "must be a JSON object"}
    ]


@pytest.mark.parametrize("path", ["/api/todos/", "/health/live/"])
def test_a_trailing_slash_is_another_path_404_without_redirect(api, path):
    assert_problem(api.get(path, follow_redirects=False), 404)


def test_json_keys_keep_the_order_the_code_writes_them(client):
    response = client.get("/no/such/thing")

    assert list(response.json) == ["type", "title", "status", "detail"]
    assert response.get_data(as_text=True).startswith('{"type": ')


def test_a_body_that_is_not_json_is_a_415_problem(api):
    response = api.post("/api/todos", data="title=milk", headers={"Content-Type": "text/plain"})

    assert_problem(response, 415)


def test_a_body_over_one_mebibyte_is_a_413_problem(api):
    huge = '{"title": "' + "x" * (1024 * 1024) + '"}'

    response = api.post("/api/todos", data=huge, headers={"Content-Type": "application/json"})

    assert_problem(response, 413)


def test_an_oversized_body_is_a_413_before_authentication(client):
    # Judged from Content-Length alone, whatever the route or credentials.
    huge = '{"title": "' + "x" * (2 * 1024 * 1024) + '"}'

    response = client.post("/api/todos", data=huge, headers={"Content-Type": "application/json"})

    assert_problem(response, 413)


def test_invalid_fields_are_a_422_problem_naming_each_field(api):
    response = api.post("/api/todos", json={"title": "", "done": "maybe"})

    body = assert_problem(response, 422)
    assert {error["field"] for error in body["errors"]} == {"title", "done"}
    assert all(error["message"] for error in body["errors"])


def test_an_id_that_is_not_a_uuid_is_a_404_problem(api):
    assert_problem(api.get("/api/todos/not-a-uuid"), 404)


def test_an_unexpected_error_is_a_500_problem_without_internals(env):
    app = create_app(env, TESTING=True)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom")

    body = assert_problem(response, 500)
    assert "secret internals" not in response.get_data(as_text=True)
    assert body["title"] == "Internal Server Error"


def test_every_response_carries_a_generated_request_id(client):
    response = client.get("/health/live")

    assert uuid.UUID(response.headers["X-Request-ID"])


def test_a_request_id_sent_by_the_client_is_echoed(client):
    response = client.get("/no/such/thing", headers={"X-Request-ID": "trace-42"})

    assert response.headers["X-Request-ID"] == "trace-42"


def test_each_request_is_logged_once_with_method_path_status_duration_and_id(client, caplog):
    with caplog.at_level(logging.INFO, logger="app.request"):
        client.get("/health/live", headers={"X-Request-ID": "log-me"})

    [record] = [r for r in caplog.records if r.name == "app.request"]
    assert (record.method, record.path, record.status) == ("GET", "/health/live", 200)
    assert record.request_id == "log-me"
    assert record.duration_ms >= 0


def test_the_openapi_document_describes_the_api(client):
    response = client.get("/openapi.json")

    assert response.status_code == 200
    spec = response.json
    assert spec["openapi"].startswith("3.")
    assert {"/api/todos", "/api/todos/{todo_id}", "/health/live", "/health/ready"} <= set(
        spec["paths"]
    )


def test_the_docs_page_is_served(client):
    response = client.get("/docs")

    assert response.status_code == 200
    assert response.mimetype == "text/html"


def test_the_docs_page_loads_swagger_ui_from_the_app_itself_not_a_cdn(client):
    page = client.get("/docs").get_data(as_text=True)

    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert {asset.rsplit("/", 1)[-1] for asset in assets} >= {
        "swagger-ui.css",
        "swagger-ui-bundle.js",
        "swagger-ui-standalone-preset.js",
    }
    assert not re.search(r"https?://", page), "the page names an external host"
    # Paths on this server, not protocol-relative URLs (//cdn.example/...).
    assert all(asset.startswith("/") and not asset.startswith("//") for asset in assets)
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200, asset
        assert len(response.data) > 1000, asset


def test_metrics_count_requests_per_route_in_prometheus_format(client):
    client.get("/health/live")

    response = client.get("/metrics")

    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert 'flask_http_request_total{method="GET",status="200"}' in text
    assert (
        'flask_http_request_duration_seconds_count{method="GET",status="200",url_rule="/health/live"}'
        in text
    )
