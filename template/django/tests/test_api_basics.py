"""What every response promises: problem details for mistakes, request ids, docs, metrics, logs."""

import logging
import re
import uuid

from rest_framework.test import APIClient

from core.views import LiveView

PROBLEM_JSON = "application/problem+json"


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM_JSON
    body = response.json()
    assert body["status"] == status
    assert {"type", "title", "detail"} <= body.keys()
    return body


def test_an_unknown_path_is_a_404_problem(client):
    assert_problem(client.get("/no/such/thing"), 404)


def test_a_wrong_method_is_a_405_problem_that_lists_the_allowed_ones(client):
    response = client.put("/health/live")

    assert_problem(response, 405)
    assert "GET" in response["Allow"]


def test_malformed_json_is_a_400_problem(api):
    response = api.post("/api/todos", '{"title": ', content_type="application/json")

    assert_problem(response, 400)


def test_a_body_that_is_not_json_is_a_415_problem(api):
    response = api.post("/api/todos", "title=milk", content_type="text/plain")

    assert_problem(response, 415)


def test_a_body_over_one_mebibyte_is_a_413_problem(api):
    huge = '{"title": "' + "x" * (1024 * 1024) + '"}'

    response = api.post("/api/todos", huge, content_type="application/json")

    assert_problem(response, 413)


def test_a_json_body_that_is_not_an_object_is_a_422_problem(api):
    body = assert_problem(api.post("/api/todos", "[1, 2]", content_type="application/json"), 422)

    assert body["errors"][0]["field"] == "body"


def test_invalid_fields_are_a_422_problem_naming_each_field(api):
    response = api.post("/api/todos", {"title": "", "done": "maybe"})

    body = assert_problem(response, 422)
    assert {error["field"] for error in body["errors"]} == {"title", "done"}
    assert all(error["message"] for error in body["errors"])


def test_an_id_that_is_not_a_uuid_is_a_404_problem(api):
    assert_problem(api.get("/api/todos/not-a-uuid"), 404)


def test_an_unexpected_error_is_a_500_problem_without_internals(monkeypatch):
    def boom(self, request):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(LiveView, "get", boom)
    client = APIClient(raise_request_exception=False)

    response = client.get("/health/live")

    body = assert_problem(response, 500)
    assert "secret internals" not in response.content.decode()
    assert body["title"] == "Internal Server Error"


def test_every_response_carries_a_generated_request_id(client):
    response = client.get("/health/live")

    assert uuid.UUID(response["X-Request-ID"])


def test_a_request_id_sent_by_the_client_is_echoed(client):
    response = client.get("/no/such/thing", HTTP_X_REQUEST_ID="trace-42")

    assert response["X-Request-ID"] == "trace-42"


def test_each_request_is_logged_once_with_method_path_status_duration_and_id(client, caplog):
    with caplog.at_level(logging.INFO, logger="core.request"):
        client.get("/health/live", HTTP_X_REQUEST_ID="log-me")

    [record] = [r for r in caplog.records if r.name == "core.request"]
    assert (record.method, record.path, record.status) == ("GET", "/health/live", 200)
    assert record.request_id == "log-me"
    assert record.duration_ms >= 0


def test_the_openapi_document_describes_the_api(client):
    response = client.get("/openapi.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    spec = response.json()
    assert spec["openapi"].startswith("3.")
    assert {"/api/todos", "/api/todos/{id}", "/health/live", "/health/ready"} <= set(spec["paths"])


def test_the_docs_page_is_served(client):
    response = client.get("/docs")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_the_docs_page_loads_swagger_ui_from_the_app_itself(client):
    page = client.get("/docs").content.decode()
    # Every script, stylesheet and icon the page loads, and any URL in its inline script.
    assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", page)
    urls = re.findall(r"""["'](https?:)?//[^"']*["']""", page)

    assert not [asset for asset in assets if re.match(r"(?:[a-z]+:)?//", asset)], assets
    assert urls == [], "the page names another host"
    scripts = [asset for asset in assets if asset.endswith(".js")]
    styles = [asset for asset in assets if asset.endswith(".css")]
    assert scripts
    assert styles
    for asset in assets:
        answer = client.get(asset)
        assert answer.status_code == 200, asset
        assert b"".join(answer.streaming_content if answer.streaming else [answer.content])


def test_metrics_count_requests_per_route_in_prometheus_format(api, client):
    client.get("/health/live")
    api.get(f"/api/todos/{uuid.uuid4()}")

    response = client.get("/metrics")

    assert response.status_code == 200
    text = response.content.decode()
    assert (
        'http_request_duration_seconds_count{method="GET",route="/health/live",status="200"}'
        in text
    )
    assert 'route="/api/todos/<uuid:pk>",status="404"' in text
