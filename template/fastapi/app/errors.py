"""Every error as RFC 9457 problem details (application/problem+json), and the body rules.

FastAPI answers `{"detail": ...}` as application/json, 422 for malformed JSON and for bodies that are
not JSON at all, and text/plain for its own body-size limit; the handlers below give every error the
one shape the API promises.
"""

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

PROBLEM_JSON = "application/problem+json"
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
MAX_BODY_BYTES = 1024 * 1024
TOO_LARGE = f"The request body is larger than {MAX_BODY_BYTES} bytes."

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
        errors=[
            {"field": field_name(e["loc"]), "message": e["msg"].removeprefix("Value error, ")}
            for e in errors
        ],
    )


def is_json(content_type: str) -> bool:
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


def require_json_body(request: Request) -> None:
    """415 for request bodies that are not JSON (FastAPI would try to validate the raw bytes).

    An app-wide dependency: it runs for matched routes only, so unknown paths stay 404 and wrong
    methods 405, and before any body field is validated.
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


class BodySizeLimitMiddleware:
    """413 as a problem for request bodies over the limit.

    A declared Content-Length over the limit is refused before a byte of the body is read; a
    chunked body is counted as it arrives. (FastAPI's own `max_body_size` answers text/plain.)
    """

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await problem(413, TOO_LARGE)(scope, receive, send)
            return
        received = 0

        async def receive_within_limit() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # FastAPI re-raises HTTPExceptions from body reading: handle_http_exception.
                    raise HTTPException(413, TOO_LARGE)
            return message

        await self.app(scope, receive_within_limit, send)


def install(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, handle_http_exception)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
