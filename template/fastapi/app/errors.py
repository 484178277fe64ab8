"""Every error as RFC 9457 problem details (application/problem+json), and the body rules.

FastAPI answers `{"detail": ...}` as application/json, 422 for malformed JSON and for bodies that are
not JSON at all, and text/plain for its own body-size limit; the handlers below give every error the
one shape the API promises.
"""

import json
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.service_errors import ServiceError

PROBLEM_JSON = "application/problem+json"
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
MAX_BODY_BYTES = 1024 * 1024
# A body over the limit is still read (and discarded) up to this size before the 413 is sent.
DRAIN_LIMIT_BYTES = 16 * 1024 * 1024
TOO_LARGE = f"The request body is larger than {MAX_BODY_BYTES} bytes."
# Nesting deeper than this is refused (400) before Python's recursive parser sees it.
MAX_JSON_DEPTH = 1000
TOO_DEEP = f"JSON nested too deeply (more than {MAX_JSON_DEPTH} levels of arrays and objects)."
NOT_AN_OBJECT = "must be a JSON object"
# Pydantic's errors for a body that parsed but is not an object (null, [], 1, "x").
NOT_AN_OBJECT_TYPES = frozenset({"model_attributes_type", "dict_type", "model_type", "missing"})

# The OpenAPI description of a problem, for the `responses` of routes and routers.
PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "example": "about:blank"},
        "title": {"type": "string", "example": "Not Found"},
        "status": {"type": "integer", "example": 404},
        "detail": {"type": "string", "example": "Todo not found."},
        "errors": {
            "type": "array",
            "description": "422 only: one entry per invalid field",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {
        status: {
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_JSON: {"schema": PROBLEM_SCHEMA}},
        }
        for status in statuses
    }


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_JSON


def problem(
    status: int, detail: str, *, headers: dict[str, str] | None = None, **extra: Any
) -> ProblemResponse:
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status}
    body.update(detail=detail, **extra)
    return ProblemResponse(body, status_code=status, headers=headers)


async def handle_http_exception(request: Request, error: HTTPException) -> ProblemResponse:
    """HTTPException from our code, and Starlette's own 404 (no route) and 405 (with Allow)."""
    status = HTTPStatus(error.status_code)
    detail = error.detail if isinstance(error.detail, str) else status.description
    if detail == status.phrase:  # Starlette's bare "Not Found": say a little more
        detail = status.description
    return problem(error.status_code, detail, headers=error.headers)


async def handle_service_error(request: Request, error: ServiceError) -> ProblemResponse:
    """A rule of the service layer refused the request: its status, message and headers."""
    return problem(error.status, error.message, headers=error.headers)


def field_name(location: tuple[int | str, ...]) -> str:
    """("body", "title") -> "title", ("query", "limit") -> "limit", ("body",) -> "body"."""
    return ".".join(str(part) for part in location[1:]) or str(location[0])


async def handle_validation_error(
    request: Request, error: RequestValidationError
) -> ProblemResponse:
    errors = error.errors()
    malformed = next((e for e in errors if e["type"] == "json_invalid"), None)
    if malformed is not None:
        reason = malformed.get("ctx", {}).get("error", "JSON decode error")
        return problem(400, f"The request body is not valid JSON: {reason}.")
    return problem(
        422,
        "The request has invalid fields.",
        errors=[{"field": field_name(e["loc"]), "message": message(e)} for e in errors],
    )


def message(error: dict[str, Any]) -> str:
    if tuple(error["loc"]) == ("body",) and error["type"] in NOT_AN_OBJECT_TYPES:
        return NOT_AN_OBJECT
    return error["msg"].removeprefix("Value error, ")


def is_json(content_type: str) -> bool:
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


async def require_json_body(request: Request) -> None:
    """415 for request bodies that are not JSON (FastAPI would try to validate the raw bytes).

    An app-wide dependency: it runs for matched routes only, so unknown paths stay 404 and wrong
    methods 405, and before any body field is validated. `async` because it only reads headers:
    FastAPI runs a plain `def` dependency in its thread pool, a hop that cost every request (even
    /health/live) about 40% of its throughput.
    """
    if request.method not in BODY_METHODS:
        return
    headers = request.headers
    has_body = headers.get("content-length", "0") != "0" or "chunked" in headers.get(
        "transfer-encoding", ""
    )
    content_type = headers.get("content-type", "")
    if (has_body or content_type) and not is_json(content_type):
        raise HTTPException(415, "Send the request body as JSON (Content-Type: application/json).")


class RequestBodyMiddleware:
    """Reads every POST/PUT/PATCH body first (at most MAX_BODY_BYTES kept), then checks it.

    - Over the limit (declared in Content-Length or counted as a chunked body arrives): 413. The
      rest of the body is read and discarded first, up to DRAIN_LIMIT_BYTES: a server that
      answers and closes while the client still sends makes clients that write the whole body
      before reading (Python's http.client, urllib, requests) see a connection reset instead.
    - A JSON body that is not UTF-8 (RFC 8259 section 8.1): 400.
    - JSON nested deeper than MAX_JSON_DEPTH: 400, where Python's parser would hit its recursion
      limit (and FastAPI would hide why).
    The app then receives the body as if it had just arrived. (FastAPI's own `max_body_size`
    answers text/plain and does not drain.)
    """

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int = MAX_BODY_BYTES,
        drain_limit: int = DRAIN_LIMIT_BYTES,
        max_depth: int = MAX_JSON_DEPTH,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.drain_limit = drain_limit
        self.max_depth = max_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.drain_limit:
            # Too much to drain: answer now; the server closes the connection afterwards.
            await problem(413, TOO_LARGE)(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        more_body = True
        while more_body:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client left: nobody to answer
            chunk = message.get("body", b"")
            size += len(chunk)
            if size <= self.max_bytes:
                chunks.append(chunk)
            more_body = message.get("more_body", False)
            if size > self.drain_limit:
                break
        if size > self.max_bytes:
            await problem(413, TOO_LARGE)(scope, receive, send)
            return
        body = b"".join(chunks)
        if body and is_json(headers.get("content-type", "")):
            reason = json_body_problem(body, self.max_depth)
            if reason is not None:
                await problem(400, reason)(scope, receive, send)
                return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body, only http.disconnect comes

        await self.app(scope, replay, send)


def json_body_problem(body: bytes, max_depth: int = MAX_JSON_DEPTH) -> str | None:
    """Why a JSON body is refused before FastAPI parses it, or None (syntax errors are FastAPI's,
    which reports their position)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"The request body is not valid UTF-8 (byte {error.start})."
    try:
        value = json.loads(text)
    except RecursionError:
        return TOO_DEEP
    except ValueError:
        return None
    return TOO_DEEP if json_depth(value) > max_depth else None


def json_depth(value: Any) -> int:
    """Nesting of arrays and objects: 0 for a scalar, 1 for [] or {}, 2 for [[]]... (no recursion)."""
    deepest = 0
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            pending.extend((child, depth + 1) for child in children)
    return deepest


def install(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, handle_http_exception)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.add_exception_handler(ServiceError, handle_service_error)
