"""What every response promises: problem details for mistakes, request ids, docs, metrics, logs."""

import json
import logging
import re
import socket
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi.testclient import TestClient

from app.main import create_app

PROBLEM_JSON = "application/problem+json"


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM_JSON
    body = response.json()
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
        "/api/todos", content='{"title": ', headers={"Content-Type": "application/json"}
    )

    assert_problem(response, 400)


@pytest.mark.parametrize("json_text", ["null", "[]", "[1, 2]", "1", '"x"', "true"])
def test_a_json_body_that_is_not_an_object_is_a_422_problem(api, json_text):
    response = api.post(
        "/api/todos", content=json_text, headers={"Content-Type": "application/json"}
    )

    body = assert_problem(response, 422)
    assert body["errors"] == [{"field": "body", "message": "must be a JSON object"}]


def test_a_body_that_is_not_utf8_is_a_400_problem(api):
    response = api.post(
        "/api/todos",
        content=b'{"title": "caf\xe9"}',  # Latin-1, not UTF-8
        headers={"Content-Type": "application/json"},
    )

    assert_problem(response, 400)


def test_json_nested_too_deeply_is_a_400_problem_not_a_recursion_error(api):
    deep = '{"title": ' + "[" * 100_000 + "]" * 100_000 + "}"

    response = api.post("/api/todos", content=deep, headers={"Content-Type": "application/json"})

    assert "JSON nested too deeply" in assert_problem(response, 400)["detail"]


def test_json_nested_just_over_the_limit_is_refused_the_same_way(api):
    deep = '{"title": ' + "[" * 1000 + "]" * 1000 + "}"  # 1001 levels with the object

    response = api.post("/api/todos", content=deep, headers={"Content-Type": "application/json"})

    assert "JSON nested too deeply" in assert_problem(response, 400)["detail"]


@pytest.mark.parametrize("path", ["/api/todos/", "/health/live/"])
def test_a_trailing_slash_is_another_path_404_without_a_redirect(api, path):
    response = api.get(path, follow_redirects=False)

    assert_problem(response, 404)
    assert "Location" not in response.headers


def test_a_body_that_is_not_json_is_a_415_problem(api):
    response = api.post("/api/todos", content="title=milk", headers={"Content-Type": "text/plain"})

    assert_problem(response, 415)


def test_json_with_a_charset_parameter_is_json(api):
    response = api.post(
        "/api/todos",
        content='{"title": "milk"}',
        headers={"Content-Type": "application/json; charset=utf-8"},
    )

    assert response.status_code == 201


def test_a_body_over_one_mebibyte_is_a_413_problem(api):
    huge = '{"title": "' + "x" * (1024 * 1024) + '"}'

    response = api.post("/api/todos", content=huge, headers={"Content-Type": "application/json"})

    assert_problem(response, 413)


def test_a_streamed_body_over_one_mebibyte_is_a_413_problem_too(api):
    def chunks():  # no Content-Length: the body is counted as it arrives
        yield b'{"title": "'
        for _ in range(17):
            yield b"x" * 65536
        yield b'"}'

    response = api.post(
        "/api/todos", content=chunks(), headers={"Content-Type": "application/json"}
    )

    assert_problem(response, 413)


def test_invalid_fields_are_a_422_problem_naming_each_field(api):
    response = api.post("/api/todos", json={"title": "", "done": "maybe"})

    body = assert_problem(response, 422)
    assert {error["field"] for error in body["errors"]} == {"title", "done"}
    assert all(error["message"] for error in body["errors"])


def test_unknown_fields_are_ignored(api):
    response = api.post("/api/todos", json={"title": "milk", "colour": "blue"})

    assert response.status_code == 201
    assert "colour" not in response.json()


def test_an_id_that_is_not_a_uuid_is_a_404_problem(api):
    assert_problem(api.get("/api/todos/not-a-uuid"), 404)


def test_an_unexpected_error_is_a_500_problem_without_internals(settings):
    app = create_app(settings)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = TestClient(app).get("/boom")

    body = assert_problem(response, 500)
    assert "secret internals" not in response.text
    assert body["title"] == "Internal Server Error"
    assert response.headers["X-Request-ID"]


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
    spec = response.json()
    assert spec["openapi"].startswith("3.")
    assert {"/api/todos", "/api/todos/{todo_id}", "/health/live", "/health/ready"} <= set(
        spec["paths"]
    )


def test_the_docs_page_is_served(client):
    response = client.get("/docs")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")


def test_the_docs_page_loads_everything_from_the_app_itself_so_it_works_offline(client):
    page = client.get("/docs").text
    references = re.findall(r"""(?:src|href|url)\s*[=:]\s*['"]([^'"]+)['"]""", page)

    assert references, "the page links its script, style and the OpenAPI document"
    for reference in references:
        # Relative to this app: no scheme, no other host (a CDN is unreachable offline).
        assert reference.startswith("/") and not reference.startswith("//"), reference
        asset = client.get(reference)
        assert asset.status_code == 200, reference
    kinds = {client.get(r).headers["content-type"].split(";")[0] for r in references}
    assert {"text/javascript", "text/css"} <= kinds


def test_the_docs_page_shows_the_project_name_as_text_never_as_markup(app, client):
    # The name is the learner's free text; get_swagger_ui_html pastes its title into the HTML.
    app.title = "R&D </title><script>alert(1)</script>"

    page = client.get("/docs").text

    assert "<script>alert(1)</script>" not in page
    assert "<title>R&amp;D &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_metrics_count_requests_and_latency_per_route_in_prometheus_format(api, client):
    client.get("/health/live")
    api.get(f"/api/todos/{uuid.uuid4()}")

    response = client.get("/metrics")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert 'handler="/health/live"' in response.text
    assert 'http_request_duration_seconds_count{handler="/api/todos/{todo_id}"' in response.text


@pytest.fixture
def live_server(app) -> Iterator[int]:
    """The app behind a real uvicorn on a free loopback port (TestClient has no sockets)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60  # a loaded machine (CI) starts slowly
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    yield port
    server.should_exit = True
    thread.join(timeout=10)


def test_a_client_that_sends_the_whole_oversized_body_first_reads_the_413(live_server):
    """urllib (like requests, on http.client) writes all 2 MiB before reading, and asks for
    `Connection: close`: a server that answered and closed while the body was still coming in
    made it see a connection reset instead of the problem (4 runs in 10 here)."""
    body = b'{"title": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    request = urllib.request.Request(
        f"http://127.0.0.1:{live_server}/api/todos",
        data=body,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    for _ in range(10):
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(request, timeout=30)  # noqa: S310  (a fixed http:// URL)

        assert answer.value.code == 413
        assert answer.value.headers["Content-Type"] == PROBLEM_JSON
        assert json.loads(answer.value.read())["status"] == 413
