"""Every error as RFC 9457 problem details (application/problem+json)."""

import logging
from http import HTTPStatus
from typing import Any

from flask import Flask, Response, current_app, json, request
from werkzeug.exceptions import (
    HTTPException,
    InternalServerError,
    RequestEntityTooLarge,
    UnsupportedMediaType,
)

from app.extensions import db

PROBLEM_JSON = "application/problem+json"
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
# How much of an oversized body is read and dropped so the client can read the 413 (see below).
DRAIN_LIMIT = 16 * 1024 * 1024
DRAIN_CHUNK = 64 * 1024

logger = logging.getLogger(__name__)


def problem(status: int, detail: str, *, headers=None, **extra: Any) -> Response:
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status}
    body.update(detail=detail, **extra)
    return current_app.response_class(
        json.dumps(body), status=status, headers=headers, mimetype=PROBLEM_JSON
    )


def field_errors(messages: Any, prefix: str = "") -> list[dict[str, str]]:
    """Flatten marshmallow's nested messages into [{"field": "title", "message": "..."}]."""
    if isinstance(messages, dict):
        errors = []
        for key, value in messages.items():
            # "_schema" means the whole body, e.g. a JSON array where an object was expected.
            name = prefix if key == "_schema" else f"{prefix}.{key}" if prefix else str(key)
            errors.extend(field_errors(value, name))
        return errors
    if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        return [{"field": prefix or "body", "message": m} for m in messages]
    return [{"field": prefix or "body", "message": str(messages)}]


def drain_request_body() -> None:
    """Read and drop the rest of the request body, up to DRAIN_LIMIT bytes.

    A server that answers before reading the body and then closes the connection leaves unread
    bytes in the socket, and the kernel resets the connection: a client that sends the whole body
    before reading (Python's http.client, requests) then sees a reset instead of the 413. Reading
    from wsgi.input directly, as request.stream refuses bodies over MAX_CONTENT_LENGTH.
    """
    stream = request.environ.get("wsgi.input")
    if stream is None:
        return
    length = request.content_length
    # Without Content-Length (chunked) the server's input ends with the body.
    remaining = DRAIN_LIMIT if length is None else min(length, DRAIN_LIMIT)
    while remaining > 0:
        chunk = stream.read(min(DRAIN_CHUNK, remaining))
        if not chunk:
            break
        remaining -= len(chunk)


def handle_http_exception(error: HTTPException) -> Response:
    status = error.code or 500
    if status == 413:
        drain_request_body()
    # Keep headers such as Allow (405) and WWW-Authenticate (401); the body becomes a problem.
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    # webargs/flask-smorest put parsing and validation messages in `data`.
    data = getattr(error, "data", None) or {}
    messages = data.get("messages")
    if status == 422 and messages:
        # Drop the location level ({"json": {...}} / {"query": {...}}): fields are named plainly.
        by_field = {}
        for location_messages in messages.values():
            if isinstance(location_messages, dict):
                by_field.update(location_messages)
            else:
                by_field["_schema"] = location_messages
        return problem(
            422,
            "The request has invalid fields.",
            headers=headers,
            errors=field_errors(by_field),
        )
    detail = data.get("message") or error.description or HTTPStatus(status).description
    if messages and status == 400:
        detail = "; ".join(e["message"] for e in field_errors(messages))
    return problem(status, detail, headers=headers)


def handle_unexpected_error(error: Exception) -> Response:
    logger.exception("unhandled error on %s %s", request.method, request.path)
    db.session.rollback()
    return problem(500, InternalServerError.description)


def refuse_oversized_body() -> None:
    """413 from Content-Length alone, before authentication or anything else reads the request:
    the same answer whatever the route or credentials."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if limit is not None and (request.content_length or 0) > limit:
        raise RequestEntityTooLarge(f"The request body is larger than {limit} bytes.")


def require_json_body() -> None:
    """415 for request bodies that are not JSON, before any view tries to read them."""
    if request.method not in BODY_METHODS or request.routing_exception is not None:
        return
    has_body = bool(request.content_length) or "chunked" in request.headers.get(
        "Transfer-Encoding", ""
    )
    if (has_body or request.mimetype) and not request.is_json:
        raise UnsupportedMediaType(
            "Send the request body as JSON (Content-Type: application/json)."
        )


def init_app(app: Flask) -> None:
    app.before_request(refuse_oversized_body)
    app.before_request(require_json_body)
    # Registered after flask-smorest's own JSON handler, so this one wins.
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected_error)
